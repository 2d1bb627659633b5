"""All-or-nothing import of records from a CSV file, and the export that round-trips with it.

A *format* (a subclass of ``CsvFormat``) declares its columns and how its records are found by their
natural key. ``import_csv(format, content)`` then:

1. decodes the file (UTF-8, with or without a byte-order mark) and reads every row;
2. checks the header row: every declared column present once and nothing else (names are matched
   ignoring case and surrounding spaces, in any order);
3. parses every cell of every row and checks each row as a whole, collecting every problem as a
   ``RowError``: the row as a spreadsheet numbers it (the header is row 1), the column and what is
   wrong;
4. refuses a key that appears twice in the file, naming both rows;
5. writes nothing at all if there was any problem. Otherwise, in one transaction, it creates the new
   records and saves the changed ones. Rows that match what is stored are not saved again, so
   importing the same file twice changes nothing the second time.

``export_csv(format, records)`` writes the same columns, so an export can be edited in a spreadsheet
and imported back unchanged.

Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) are exported with a leading apostrophe, and the apostrophe is removed again on
import (``escape_cell`` and ``unescape_cell`` are exact inverses).
"""
from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


# Cells ------------------------------------------------------------------------------------------
def _needs_apostrophe(value: str) -> bool:
    if value[:1] in FORMULA_TRIGGERS:
        return True
    return value[:1] == "'" and _needs_apostrophe(value[1:])


def escape_cell(value: str) -> str:
    """The cell as written to a CSV file: a leading apostrophe stops spreadsheets running formulas."""
    return "'" + value if _needs_apostrophe(value) else value


def unescape_cell(value: str) -> str:
    """The inverse of ``escape_cell``."""
    if value[:1] == "'" and _needs_apostrophe(value[1:]):
        return value[1:]
    return value


def column_letter(index: int) -> str:
    """Spreadsheet column letters for a 0-based position: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


# Parsers and formatters shared by formats -------------------------------------------------------
def text(value: str) -> str:
    """Text with runs of spaces (and line breaks) collapsed to one space."""
    return " ".join(value.split())


def choice(choices: type[models.Choices], *, noun: str, hint: str = "") -> Callable[[str], str]:
    """A parser accepting a choice's code or its label, ignoring case."""
    by_name = {}
    for value, label in choices.choices:
        by_name[str(value).casefold()] = value
        by_name[text(str(label)).casefold()] = value
    hint = hint or "Use one of: " + ", ".join(str(value) for value in choices.values)

    def parse(raw: str) -> str:
        try:
            return by_name[text(raw).casefold()]
        except KeyError:
            raise ValidationError(f"“{raw}” is not a {noun}. {hint}") from None

    return parse


YES = frozenset({"yes", "y", "true", "1"})
NO = frozenset({"no", "n", "false", "0"})


def yes_no(raw: str) -> bool:
    value = raw.strip().casefold()
    if value in YES:
        return True
    if value in NO:
        return False
    raise ValidationError(f"“{raw}” is not yes or no. Use yes or no")


def format_yes_no(value: bool) -> str:
    return "yes" if value else "no"


def format_text(value: Any) -> str:
    return "" if value is None else str(value)


# Declarations ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    """One column of a format.

    ``parse`` turns the cell (already stripped of surrounding spaces) into a value, raising Django's
    ValidationError (or ValueError) with a message for the person who made the file. It may be the
    name of a method of the format, for parsers that need the format's state (such as the area hubs
    of the partnership). ``format`` turns a stored value back into the cell. A required column must
    have a value in every row; an optional one left blank takes ``blank``.
    """

    header: str
    description: str
    required: bool = True
    field: str = ""
    parse: Callable[[str], Any] | str = text
    format: Callable[[Any], str] = format_text
    blank: Any = ""
    example: str = ""
    help: str = ""

    @property
    def attribute(self) -> str:
        return self.field or self.header


@dataclass(frozen=True)
class RowError:
    """A problem with the file. ``row`` is the spreadsheet row (the header is row 1), or None for
    the whole file; ``column`` is the header name, or "" for the whole row or file."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if self.errors:
            problems = len(self.errors)
            return f"Nothing imported: {problems} problem{'s' if problems != 1 else ''} in the file"
        return f"{self.created} added, {self.updated} updated, {self.unchanged} unchanged"


class CsvFormat:
    """What one kind of record looks like in a CSV file. Subclasses set ``columns``,
    ``key_headers`` and ``noun`` and implement ``natural_key``, ``existing_records`` and
    ``new_record``; the rest has defaults suited to Django models."""

    columns: Sequence[Column] = ()
    key_headers: Sequence[str] = ()
    noun: str = "record"
    noun_plural: str = "records"
    extra_fields: Sequence[str] = ()  # fields that ``assign`` may change beyond the columns'

    # Reading ---------------------------------------------------------------------------------
    def natural_key(self, values: dict[str, Any]) -> Hashable:
        raise NotImplementedError

    def existing_records(self, keys: list[Hashable]) -> dict[Hashable, Any]:
        """The stored records with these keys, by key (ideally in a few queries: see in_batches)."""
        raise NotImplementedError

    def new_record(self, values: dict[str, Any]) -> Any:
        raise NotImplementedError

    def check_row(self, values: dict[str, Any], record: Any | None) -> Iterable[tuple[str, str]]:
        """Rules across a row, or against the stored record (None for a new one): (header, message)."""
        return ()

    def assign(self, record: Any, values: dict[str, Any]) -> None:
        """Put the parsed values onto the record. ``values`` holds only the cells that parsed."""
        for column in self.columns:
            if column.header in values:
                setattr(record, column.attribute, values[column.header])

    def validate_record(self, record: Any, headers: Iterable[str]) -> dict[str, list[str]]:
        """The record's own field validation, for the given columns: {header: [message, ...]}.
        Relations are left out (their parsers found the related record) so no query is made."""
        by_field = {column.attribute: column.header for column in self.columns if column.header in headers}
        fields = {f.name for f in record._meta.concrete_fields if not f.is_relation}
        exclude = [name for name in fields if name not in by_field]
        exclude += [f.name for f in record._meta.concrete_fields if f.is_relation]
        try:
            record.clean_fields(exclude=exclude)
        except ValidationError as error:
            return {by_field[name]: messages for name, messages in error.message_dict.items() if name in by_field}
        return {}

    def snapshot(self, record: Any) -> dict[str, Any]:
        """The tracked fields' stored values (a relation's id rather than the related record)."""
        attnames = self.__dict__.get("_attnames")
        if attnames is None:
            meta = getattr(record, "_meta", None)
            attnames = [(name, meta.get_field(name).attname if meta is not None else name)
                        for name in self.tracked_fields()]
            self._attnames = attnames
        return {name: getattr(record, attname) for name, attname in attnames}

    def tracked_fields(self) -> list[str]:
        return [column.attribute for column in self.columns] + list(self.extra_fields)

    # Writing ---------------------------------------------------------------------------------
    def atomic(self):
        return transaction.atomic()

    def save_new(self, records: list[Any]) -> None:
        if records:
            type(records[0]).objects.bulk_create(records, batch_size=500)

    def save_changed(self, records: list[Any], fields: set[str]) -> None:
        if not records:
            return
        model = type(records[0])
        now = timezone.now()
        for model_field in model._meta.concrete_fields:
            if getattr(model_field, "auto_now", False):
                fields.add(model_field.name)
                for record in records:
                    setattr(record, model_field.attname, now)
        model.objects.bulk_update(records, sorted(fields), batch_size=500)

    def after_import(self, result: ImportResult) -> None:
        """Called inside the transaction once everything is saved."""

    # Exporting ---------------------------------------------------------------------------------
    @classmethod
    def export_value(cls, record: Any, column: Column) -> Any:
        return getattr(record, column.attribute)

    # Documentation ----------------------------------------------------------------------------
    @classmethod
    def headers(cls) -> list[str]:
        return [column.header for column in cls.columns]


def in_batches(keys: Sequence, size: int = 900) -> Iterator[Sequence]:
    """Keys in slices small enough for any database's limit on query parameters."""
    for start in range(0, len(keys), size):
        yield keys[start:start + size]


# Importing ------------------------------------------------------------------------------------
class FileProblem(Exception):
    def __init__(self, message: str, row: int | None = None):
        super().__init__(message)
        self.message = message
        self.row = row


def decode(content: bytes | str) -> str:
    """The file's text. UTF-8 with or without a byte-order mark; anything else is refused."""
    if isinstance(content, str):
        text_content = content.removeprefix("\ufeff")
    else:
        if content.startswith(b"PK\x03\x04"):
            raise FileProblem("The file is a spreadsheet workbook, not a CSV file. Save it as “CSV UTF-8” and upload that")
        if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise FileProblem("The file is saved as UTF-16. Save it as “CSV UTF-8” and upload it again")
        try:
            text_content = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = content[:error.start].count(b"\n") + 1
            raise FileProblem(
                f"The file is not UTF-8 text (the first character that cannot be read is on line {line}). "
                "Save it as “CSV UTF-8” and upload it again"
            ) from None
    if "\x00" in text_content:
        raise FileProblem("The file contains characters that are not text. Upload a CSV file")
    if not text_content.strip():
        raise FileProblem("The file is empty")
    return text_content


@dataclass
class _ParsedRow:
    number: int
    values: dict[str, Any]
    raw: dict[str, str]
    key: Hashable = None
    has_errors: bool = False


def _read(text_content: str) -> Iterator[tuple[int, list[str]]]:
    """(spreadsheet row number, cells) for every record in the file, blank ones included."""
    reader = csv.reader(io.StringIO(text_content, newline=""), strict=True)
    number = 0
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FileProblem(f"The file cannot be read as CSV here: {error}", row=number) from None
        yield number, cells


def _check_header(fmt: CsvFormat, header_row: int, cells: list[str]) -> tuple[dict[str, int], list[int], list[RowError]]:
    """Positions of the declared columns, positions of unnamed columns, and the header's problems."""
    declared = {column.header.casefold(): column.header for column in fmt.columns}
    positions: dict[str, int] = {}
    unnamed: list[int] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    if len(cells) == 1 and ";" in cells[0]:
        return {}, [], [RowError(header_row, "", (
            "The columns are separated by semicolons. Save the file as comma-separated “CSV UTF-8”"
        ))]
    for index, cell in enumerate(cells):
        name = cell.strip().casefold()
        if not name:
            unnamed.append(index)
            continue
        if name in seen:
            errors.append(RowError(header_row, cell.strip(), (
                f"The column {cell.strip()} appears twice, in columns {column_letter(seen[name])} and {column_letter(index)}"
            )))
            continue
        seen[name] = index
        if name in declared:
            positions[declared[name]] = index
        else:
            errors.append(RowError(header_row, cell.strip(), (
                f"{cell.strip()} is not a column of this file. The columns are: {', '.join(fmt.headers())}"
            )))
    for column in fmt.columns:
        if column.header not in positions and column.header.casefold() not in seen:
            errors.append(RowError(header_row, column.header, f"The header row has no {column.header} column"))
    return positions, unnamed, errors


def _parse_cell(fmt: CsvFormat, column: Column, raw: str) -> Any:
    parser = getattr(fmt, column.parse) if isinstance(column.parse, str) else column.parse
    return parser(raw)


def _messages(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        return error.messages
    return [str(error)]


def import_csv(fmt: CsvFormat, content: bytes | str) -> ImportResult:
    """Import the whole file or nothing. See the module's description."""
    result = ImportResult()
    try:
        text_content = decode(content)
        rows = list(_read(text_content))
    except FileProblem as problem:
        result.errors.append(RowError(problem.row, "", problem.message))
        return result

    rows = [(number, cells) for number, cells in rows if any(cell.strip() for cell in cells)]
    if not rows:
        result.errors.append(RowError(None, "", "The file is empty"))
        return result
    header_row, header_cells = rows[0]
    positions, unnamed, header_errors = _check_header(fmt, header_row, header_cells)
    if header_errors:
        result.errors.extend(header_errors)
        return result
    if len(rows) == 1:
        result.errors.append(RowError(None, "", f"The file has a header row but no {fmt.noun_plural}"))
        return result

    errors = result.errors
    parsed: list[_ParsedRow] = []
    first_row_of_key: dict[Hashable, int] = {}
    width = len(header_cells)
    for number, cells in rows[1:]:
        row = _ParsedRow(number=number, values={}, raw={})
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            errors.append(RowError(number, "", (
                f"This row has {len(cells)} cells but the header row names {width} columns"
            )))
            row.has_errors = True
        for index in unnamed:
            if index < len(cells) and cells[index].strip():
                errors.append(RowError(number, f"column {column_letter(index)}", (
                    "This cell has a value but its column has no header"
                )))
                row.has_errors = True
        for column in fmt.columns:
            position = positions[column.header]
            raw = unescape_cell(cells[position].strip()) if position < len(cells) else ""
            row.raw[column.header] = raw
            if not raw:
                if column.required:
                    errors.append(RowError(number, column.header, f"Enter {column.description}"))
                    row.has_errors = True
                else:
                    row.values[column.header] = column.blank
                continue
            try:
                row.values[column.header] = _parse_cell(fmt, column, raw)
            except (ValidationError, ValueError) as error:
                for message in _messages(error):
                    errors.append(RowError(number, column.header, message))
                row.has_errors = True
        if all(header in row.values for header in fmt.key_headers):
            row.key = fmt.natural_key(row.values)
            first = first_row_of_key.get(row.key)
            if first is not None:
                key_header = fmt.key_headers[0]
                errors.append(RowError(number, key_header, (
                    f"{key_header} “{row.raw[key_header]}” is also on row {first}. "
                    f"Each {fmt.noun} can be in the file only once"
                )))
                row.has_errors = True
                row.key = None
            else:
                first_row_of_key[row.key] = number
        parsed.append(row)
    result.rows = len(parsed)

    with fmt.atomic():
        existing = fmt.existing_records(list(first_row_of_key))
        new_records: list[Any] = []
        changed_records: list[Any] = []
        changed_fields: set[str] = set()
        for row in parsed:
            record = existing.get(row.key) if row.key is not None else None
            for header, message in fmt.check_row(row.values, record):
                errors.append(RowError(row.number, header, message))
                row.has_errors = True
            is_new = record is None
            before = None if is_new else fmt.snapshot(record)
            if is_new:
                record = fmt.new_record(row.values)
            fmt.assign(record, row.values)
            if is_new:
                changes, to_validate = set(), list(row.values)
            else:
                # Only what would be written is validated: a stored value left as it is stays.
                after = fmt.snapshot(record)
                changes = {name for name in after if after[name] != before[name]}
                to_validate = [c.header for c in fmt.columns if c.attribute in changes and c.header in row.values]
            if to_validate:
                for header, messages in fmt.validate_record(record, to_validate).items():
                    errors.extend(RowError(row.number, header, message) for message in messages)
                    row.has_errors = True
            if row.has_errors or row.key is None:
                continue
            if is_new:
                new_records.append(record)
            elif changes:
                changed_records.append(record)
                changed_fields |= changes
            else:
                result.unchanged += 1
        if errors:
            result.unchanged = 0
            errors.sort(key=lambda e: (e.row or 0, _column_order(fmt, e.column)))
            return result
        try:
            with fmt.atomic():
                fmt.save_new(new_records)
                fmt.save_changed(changed_records, set(changed_fields))
                result.created = len(new_records)
                result.updated = len(changed_records)
                fmt.after_import(result)
        except IntegrityError:
            result.created = result.updated = result.unchanged = 0
            errors.append(RowError(None, "", (
                f"Another change to the same {fmt.noun_plural} was saved while this file was being imported. "
                "Nothing was imported: upload the file again"
            )))
    return result


def _column_order(fmt: CsvFormat, header: str) -> int:
    for index, column in enumerate(fmt.columns):
        if column.header == header:
            return index
    return -1


# Exporting ----------------------------------------------------------------------------------------
class _Line:
    """A file-like object that hands back what the csv writer writes."""

    def write(self, value: str) -> str:
        return value


def iter_csv(fmt: CsvFormat | type[CsvFormat], records: Iterable[Any], *, byte_order_mark: bool = False) -> Iterator[str]:
    """The export, line by line: the header row, then one row per record."""
    writer = csv.writer(_Line(), lineterminator="\r\n")
    header = writer.writerow(fmt.headers())
    yield ("\ufeff" + header) if byte_order_mark else header
    for record in records:
        yield writer.writerow([escape_cell(column.format(fmt.export_value(record, column))) for column in fmt.columns])


def export_csv(fmt: CsvFormat | type[CsvFormat], records: Iterable[Any], *, byte_order_mark: bool = False) -> str:
    return "".join(iter_csv(fmt, records, byte_order_mark=byte_order_mark))
