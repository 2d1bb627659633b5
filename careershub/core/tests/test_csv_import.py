"""The CSV import engine, with a format that keeps its records in memory (no database needed)."""
import contextlib
import copy
import csv
import io
from dataclasses import dataclass

import pytest
from django.db import IntegrityError, models
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from careershub.core.csv_import import (
    Column,
    CsvFormat,
    RowError,
    choice,
    column_letter,
    escape_cell,
    export_csv,
    format_yes_no,
    import_csv,
    unescape_cell,
    yes_no,
)


class Kind(models.TextChoices):
    CHARITY = "charity", "Community charity"
    BUSINESS = "business", "Business"


@dataclass
class Organisation:
    name: str = ""
    kind: str = ""
    active: bool = False
    notes: str = ""


class OrganisationCsv(CsvFormat):
    noun = "organisation"
    noun_plural = "organisations"
    key_headers = ("name",)
    columns = (
        Column("name", "the organisation's name"),
        Column("kind", "a kind", parse=choice(Kind, noun="kind")),
        Column("active", "yes or no", parse=yes_no, format=format_yes_no),
        Column("notes", "notes", required=False),
    )

    def __init__(self, store: dict | None = None):
        self.store = store if store is not None else {}
        self.saved = 0

    def natural_key(self, values):
        return values["name"].casefold()

    def existing_records(self, keys):
        # Copies, as a database hands back fresh objects: checking a row must not change the store.
        return {key: copy.copy(self.store[key]) for key in keys if key in self.store}

    def new_record(self, values):
        return Organisation()

    def validate_record(self, record, headers):
        if "notes" in headers and len(record.notes) > 40:
            return {"notes": [f"Notes must be 40 characters or fewer (these are {len(record.notes)})"]}
        return {}

    def atomic(self):
        return contextlib.nullcontext()

    def save_new(self, records):
        self._save(records)

    def save_changed(self, records, fields):
        self._save(records)

    def _save(self, records):
        for record in records:
            self.store[record.name.casefold()] = record
            self.saved += 1


HEADER = "name,kind,active,notes\r\n"


def run(content, store=None):
    fmt = OrganisationCsv(store)
    return fmt, import_csv(fmt, content)


def messages(result):
    return [str(error) for error in result.errors]


# Happy paths ---------------------------------------------------------------------------------------
def test_a_good_file_creates_then_reimporting_it_changes_nothing():
    content = HEADER + "Open Doors,charity,yes,\r\nKiln Works,Business,no,Pottery\r\n"
    fmt, result = run(content)
    assert result.ok and (result.created, result.updated, result.unchanged) == (2, 0, 0)
    assert fmt.store["kiln works"] == Organisation("Kiln Works", "business", False, "Pottery")

    again = OrganisationCsv(fmt.store)
    result = import_csv(again, content)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert again.saved == 0, "unchanged rows are not saved again"


def test_a_changed_row_is_updated_and_only_it_is_saved():
    fmt, _ = run(HEADER + "Open Doors,charity,yes,\r\nKiln Works,business,no,\r\n")
    again = OrganisationCsv(fmt.store)
    result = import_csv(again, HEADER + "Open Doors,charity,no,\r\nKiln Works,business,no,\r\n")
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert again.saved == 1
    assert fmt.store["open doors"].active is False


def test_headers_match_in_any_order_and_case_with_spaces_and_a_byte_order_mark():
    content = "\ufeff Notes ,ACTIVE,Name,kind\n,yes,Open Doors,charity\n".encode()
    fmt, result = run(content)
    assert result.ok, messages(result)
    assert fmt.store["open doors"].active is True


def test_choices_by_code_or_label_in_any_case_and_yes_no_spellings():
    fmt, result = run(HEADER + "A,COMMUNITY   CHARITY,Y,\nB,business,true,\nC,Business,0,\nD,charity,N,\n")
    assert result.ok, messages(result)
    assert [fmt.store[k].kind for k in "abcd"] == ["charity", "business", "business", "charity"]
    assert [fmt.store[k].active for k in "abcd"] == [True, True, False, False]


def test_blank_rows_are_skipped_but_rows_keep_their_spreadsheet_numbers():
    content = HEADER + "Open Doors,charity,yes,\r\n,,,\r\n\r\nKiln Works,shop,no,\r\n"
    _, result = run(content)
    assert messages(result) == ["row 5, column kind: “shop” is not a kind. Use one of: charity, business"]


def test_a_cell_spanning_lines_counts_as_one_spreadsheet_row():
    content = HEADER + 'Open Doors,charity,yes,"two\r\nlines"\r\nKiln Works,business,maybe,\r\n'
    _, result = run(content)
    assert messages(result) == ["row 3, column active: “maybe” is not yes or no. Use yes or no"]


def test_short_rows_are_read_as_blank_cells():
    fmt, result = run(HEADER + "Open Doors,charity,yes\r\n")
    assert result.ok
    assert fmt.store["open doors"].notes == ""


# Problems ------------------------------------------------------------------------------------------
def test_every_problem_is_collected_with_row_and_column_and_nothing_is_written():
    content = HEADER + "Open Doors,charity,yes,\r\n,charity,yes,\r\nKiln Works,shop,perhaps,\r\n"
    fmt, result = run(content)
    assert not result.ok
    assert messages(result) == [
        "row 3, column name: Enter the organisation's name",
        "row 4, column kind: “shop” is not a kind. Use one of: charity, business",
        "row 4, column active: “perhaps” is not yes or no. Use yes or no",
    ]
    assert fmt.store == {} and fmt.saved == 0
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)


def test_the_records_own_validation_is_reported_by_column():
    _, result = run(HEADER + "Open Doors,charity,yes," + "x" * 41 + "\r\n")
    assert messages(result) == ["row 2, column notes: Notes must be 40 characters or fewer (these are 41)"]


def test_a_problem_leaves_existing_records_untouched():
    fmt, _ = run(HEADER + "Open Doors,charity,yes,\r\n")
    before = copy.deepcopy(fmt.store)
    result = import_csv(OrganisationCsv(fmt.store), HEADER + "Open Doors,business,no,\r\nKiln Works,shop,no,\r\n")
    assert not result.ok
    assert fmt.store == before


def test_missing_and_unknown_columns_are_named():
    _, result = run("name,kind,colour\r\nOpen Doors,charity,blue\r\n")
    assert messages(result) == [
        "row 1, column colour: colour is not a column of this file. The columns are: name, kind, active, notes",
        "row 1, column active: The header row has no active column",
        "row 1, column notes: The header row has no notes column",
    ]


def test_a_column_named_twice_is_refused():
    _, result = run("name,kind,active,notes,Name\r\n")
    assert messages(result) == ["row 1, column Name: The column Name appears twice, in columns A and E"]


def test_a_key_twice_in_the_file_names_both_rows():
    _, result = run(HEADER + "Open Doors,charity,yes,\r\nKiln Works,business,no,\r\nOPEN DOORS,charity,no,\r\n")
    assert messages(result) == [
        "row 4, column name: name “OPEN DOORS” is also on row 2. Each organisation can be in the file only once"
    ]


def test_cells_beyond_the_header_and_under_an_unnamed_column_are_refused():
    _, result = run("name,kind,active,notes,\r\nOpen Doors,charity,yes,,stray\r\nKiln Works,business,no,,,extra\r\n")
    assert messages(result) == [
        "row 2, column column E: This cell has a value but its column has no header",
        "row 3: This row has 6 cells but the header row names 5 columns",
    ]


@pytest.mark.parametrize(("content", "message"), [
    (b"", "The file is empty"),
    (b"  \r\n\r\n", "The file is empty"),
    (b",,,\r\n", "The file is empty"),
    (HEADER.encode(), "The file has a header row but no organisations"),
    ("name,kind,active,notes\nCaf\u00e9 Nord,charity,yes,\n".encode("cp1252"),
     "The file is not UTF-8 text (the first character that cannot be read is on line 2). "
     "Save it as “CSV UTF-8” and upload it again"),
    ("name,kind\n".encode("utf-16"), "The file is saved as UTF-16. Save it as “CSV UTF-8” and upload it again"),
    (b"PK\x03\x04\x14\x00", "The file is a spreadsheet workbook, not a CSV file. Save it as “CSV UTF-8” and upload that"),
    (b"name,kind\x00\n", "The file contains characters that are not text. Upload a CSV file"),
    (b"name;kind;active;notes\r\n", "row 1: The columns are separated by semicolons. Save the file as comma-separated “CSV UTF-8”"),
])
def test_files_that_cannot_be_imported_say_why(content, message):
    fmt, result = run(content)
    assert messages(result) == [message]
    assert fmt.store == {}


def test_a_broken_quote_is_reported_with_its_row():
    _, result = run(HEADER + 'Open Doors,"charity"x,yes,\r\n')
    assert len(result.errors) == 1
    assert result.errors[0].row == 2
    assert "cannot be read as CSV" in result.errors[0].message


def test_a_clash_while_saving_is_reported_and_counts_are_zero():
    class Clashing(OrganisationCsv):
        def save_new(self, records):
            raise IntegrityError("unique")

    result = import_csv(Clashing(), HEADER + "Open Doors,charity,yes,\r\n")
    assert messages(result) == [
        "Another change to the same organisations was saved while this file was being imported. "
        "Nothing was imported: upload the file again"
    ]
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)


# Small parts ---------------------------------------------------------------------------------------
def test_row_errors_read_like_a_sentence():
    assert str(RowError(3, "urn", "A URN is six digits")) == "row 3, column urn: A URN is six digits"
    assert str(RowError(3, "", "Too many cells")) == "row 3: Too many cells"
    assert str(RowError(None, "", "The file is empty")) == "The file is empty"


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")])
def test_column_letters(index, letters):
    assert column_letter(index) == letters


def test_formula_cells_are_exported_with_an_apostrophe():
    assert escape_cell("=SUM(A1)") == "'=SUM(A1)"
    assert escape_cell("-") == "'-"
    assert escape_cell("'=x") == "''=x"
    assert escape_cell("O'Brien & Sons") == "O'Brien & Sons"
    assert escape_cell("'quoted'") == "'quoted'"


def test_summary():
    assert run(HEADER + "A,charity,yes,\r\n")[1].summary() == "1 added, 0 updated, 0 unchanged"
    assert run(HEADER + "A,x,yes,\r\n")[1].summary() == "Nothing imported: 1 problem in the file"


# Properties ----------------------------------------------------------------------------------------
# Names as the import leaves them: no surrounding spaces, single spaces inside, anything else allowed
# (commas, quotes, apostrophes, formula characters, letters from any script).
words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"), blacklist_characters="\x85"),
    min_size=1, max_size=12,
)
names = st.lists(words, min_size=1, max_size=3).map(" ".join)
organisations = st.builds(
    Organisation, name=names, kind=st.sampled_from(Kind.values), active=st.booleans(),
    notes=st.one_of(st.just(""), st.lists(words, min_size=1, max_size=3).map(" ".join).filter(lambda n: len(n) <= 40)),
)
distinct_organisations = st.lists(organisations, min_size=1, max_size=15, unique_by=lambda o: o.name.casefold())


@given(st.text())
def test_escaping_and_unescaping_are_inverses(value):
    assert unescape_cell(escape_cell(value)) == value


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(distinct_organisations)
def test_export_then_import_changes_nothing(records):
    store = {record.name.casefold(): record for record in records}
    fmt = OrganisationCsv(dict(store))
    exported = export_csv(fmt, records, byte_order_mark=True)
    result = import_csv(fmt, exported.encode())
    assert result.ok, messages(result)
    assert (result.created, result.updated, result.unchanged) == (0, 0, len(records))
    assert fmt.saved == 0
    assert fmt.store == store


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(distinct_organisations)
def test_import_then_export_then_import_is_a_no_op(records):
    fmt = OrganisationCsv()
    first = import_csv(fmt, export_csv(fmt, records))
    assert first.ok, messages(first)
    assert first.created == len(records)
    exported = export_csv(fmt, fmt.store.values())
    again = OrganisationCsv(fmt.store)
    second = import_csv(again, exported)
    assert (second.created, second.updated, second.unchanged) == (0, 0, len(records))
    assert again.saved == 0
    assert export_csv(again, again.store.values()) == exported


BAD_CELLS = {"name": "", "kind": "museum", "active": "sometimes", "notes": "n" * 41}


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(distinct_organisations, st.data())
def test_any_file_with_one_bad_row_writes_nothing_and_names_that_row(records, data):
    existing = {r.name.casefold(): r for r in records[: len(records) // 2]}
    before = copy.deepcopy(existing)
    lines = list(csv.reader(io.StringIO(export_csv(OrganisationCsv, records))))
    bad_index = data.draw(st.integers(0, len(records) - 1), label="bad row")
    column = data.draw(st.sampled_from(sorted(BAD_CELLS)), label="bad column")
    lines[1 + bad_index][["name", "kind", "active", "notes"].index(column)] = BAD_CELLS[column]
    out = io.StringIO()
    csv.writer(out).writerows(lines)

    fmt = OrganisationCsv(existing)
    result = import_csv(fmt, out.getvalue())
    assert not result.ok
    assert {(e.row, e.column) for e in result.errors} == {(bad_index + 2, column)}
    assert fmt.saved == 0 and fmt.store == before


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations(["name", "kind", "active", "notes"]), distinct_organisations)
def test_columns_in_any_order_import_the_same(order, records):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([header.upper() for header in order])
    for record in records:
        cells = {"name": escape_cell(record.name), "kind": record.kind, "active": format_yes_no(record.active),
                 "notes": escape_cell(record.notes)}
        writer.writerow([cells[header] for header in order])
    fmt, result = run(out.getvalue())
    assert result.ok, messages(result)
    assert fmt.store == {r.name.casefold(): r for r in records}


@settings(max_examples=300)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_result_not_an_exception(content):
    fmt, result = run(content)
    assert result.ok or fmt.store == {}


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_any_text_after_the_header_gives_a_result_not_an_exception(body):
    assume("\x00" not in body)
    fmt, result = run(HEADER + body)
    if not result.ok:
        assert fmt.store == {}
        assert all(e.row is None or e.row >= 1 for e in result.errors)
