"""The CSV files of schools, employers and postcode locations: what each column holds, in import and
export alike.

The import pages show these declarations as the files' documentation, so the help texts are written
for the hub team.
"""
import csv
import datetime
import io
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from careershub.accounts.roles import Role
from careershub.core.csv_import import (
    Column,
    CsvFormat,
    FileProblem,
    choice,
    decode,
    format_yes_no,
    in_batches,
    text,
    yes_no,
)

from .models import AreaHub, Employer, Partnership, PostcodeLocation, School, normalise_postcode, postcode_validator
from .sic import SicSection

URN_MESSAGE = "A URN is six digits, like 124567"
urn_validator = RegexValidator(r"^[1-9][0-9]{5}$", URN_MESSAGE)
_website_field = forms.URLField(assume_scheme="https", required=False)


def parse_urn(raw: str) -> str:
    urn = "".join(raw.split())
    urn_validator(urn)
    return urn


def parse_website(raw: str) -> str:
    try:
        return _website_field.clean(raw)
    except ValidationError:
        raise ValidationError(f"“{raw}” is not a web address. Enter one like https://www.example.org") from None


def parse_postcode(raw: str) -> str:
    return normalise_postcode(raw)


def _choices_help(choices) -> str:
    return "; ".join(f"{value} ({label})" for value, label in choices.choices)


class SchoolCsv(CsvFormat):
    """Schools and colleges, keyed by URN. An acting enterprise coordinator may only add or change
    schools of their own area hubs."""

    noun = "school"
    noun_plural = "schools"
    key_headers = ("urn",)
    extra_fields = ("targeted_on", "engaged_on", "declined_on")
    columns = (
        Column("urn", "the school's URN", parse=parse_urn, example="124567",
               help="The six-digit unique reference number from Get Information about Schools. "
                    "A URN already in Careers Hub updates that school; a new one adds a school."),
        Column("name", "the school's name", example="Northfield Academy", help="The school or college's name."),
        Column("phase", "the phase", parse=choice(School.Phase, noun="phase"), example="secondary",
               help=_choices_help(School.Phase)),
        Column("type", "the type of school", field="school_type",
               parse=choice(School.Type, noun="type of school"), example="mainstream",
               help=_choices_help(School.Type)),
        Column("area_hub", "an area hub", required=False, blank=None, parse="parse_area_hub",
               format=lambda hub: hub.name if hub else "", example="North",
               help="The name of one of the partnership's area hubs. Leave blank if the school is not in one yet "
                    "(enterprise coordinators must name one of their own)."),
        Column("status", "the status", parse=choice(School.Status, noun="status"), example="engaged",
               help=_choices_help(School.Status) + ". Changing it records the date of the change."),
        Column("postcode", "a postcode", required=False, parse=parse_postcode, example="ST4 1AB",
               help="Optional. The school's postcode."),
        Column("website", "a website", required=False, parse=parse_website, example="https://www.northfield.example",
               help="Optional. The school's website address."),
    )

    def __init__(self, *, partnership: Partnership, acting_user=None, today: datetime.date):
        self.partnership = partnership
        self.today = today
        self.area_hubs = {text(hub.name).casefold(): hub for hub in AreaHub.objects.filter(partnership=partnership)}
        self.allowed_area_hub_ids = None  # None: any of the partnership's
        if acting_user is not None and not any(
            a.partnership_id == partnership.pk for a in acting_user.assignments_for(Role.HUB_MANAGER)
        ):
            self.allowed_area_hub_ids = {
                a.area_hub_id for a in acting_user.assignments_for(Role.ENTERPRISE_COORDINATOR)
                if a.partnership_id == partnership.pk
            }

    def parse_area_hub(self, raw: str) -> AreaHub:
        try:
            return self.area_hubs[text(raw).casefold()]
        except KeyError:
            names = ", ".join(sorted(hub.name for hub in self.area_hubs.values())) or "none yet"
            raise ValidationError(f"There is no area hub called “{raw}”. The area hubs are: {names}") from None

    def natural_key(self, values):
        return values["urn"]

    def existing_records(self, keys):
        found = {}
        for batch in in_batches(keys):
            for school in School.objects.filter(urn__in=batch):
                found[school.urn] = school
        return found

    def new_record(self, values):
        return School(partnership=self.partnership)

    def check_row(self, values, record):
        if record is not None and record.partnership_id != self.partnership.pk:
            yield "urn", f"URN {record.urn} belongs to a school in another partnership"
            return
        allowed = self.allowed_area_hub_ids
        if allowed is None:
            return
        if record is not None and record.area_hub_id not in allowed:
            yield "urn", f"The school with URN {record.urn} is not in one of your area hubs, so you cannot change it"
        elif "area_hub" in values:
            hub = values["area_hub"]
            if hub is None or hub.pk not in allowed:
                own = ", ".join(sorted(h.name for h in self.area_hubs.values() if h.pk in allowed))
                yield "area_hub", f"Enter one of your own area hubs: {own}"

    def assign(self, record, values):
        for column in self.columns:
            if column.header in values and column.header != "status":
                setattr(record, column.attribute, values[column.header])
        if "status" in values:
            record.set_status(values["status"], on=self.today)


def schools_for_export(queryset):
    return queryset.select_related("area_hub").order_by("name", "urn")


class EmployerCsv(CsvFormat):
    """Employers of one partnership, keyed by name (ignoring case: a name differing only in case
    updates the stored employer and its spelling)."""

    noun = "employer"
    noun_plural = "employers"
    key_headers = ("name",)
    columns = (
        Column("name", "the employer's name", example="Potteries Precision Ltd",
               help="The employer's name. A name already in Careers Hub updates that employer; a new one adds one."),
        Column("sic_section", "a SIC 2007 section", parse=choice(
            SicSection, noun="SIC 2007 section", hint="Use a section letter from A to U, like C for manufacturing"
        ), example="C", help="The section letter of the UK SIC 2007, from A to U, or the section's name: "
                             + "; ".join(f"{value} ({label})" for value, label in SicSection.choices)),
        Column("size_band", "a size band", parse=choice(Employer.SizeBand, noun="size band"), example="medium",
               help=_choices_help(Employer.SizeBand)),
        Column("cornerstone", "yes or no", field="is_cornerstone", parse=yes_no, format=format_yes_no, example="no",
               help="yes for a cornerstone employer, otherwise no."),
        Column("postcode", "a postcode", required=False, parse=parse_postcode, example="ST4 2RS",
               help="Optional. The employer's postcode."),
        Column("website", "a website", required=False, parse=parse_website, example="https://www.potteries.example",
               help="Optional. The employer's website address."),
    )

    def __init__(self, *, partnership: Partnership):
        self.partnership = partnership

    def natural_key(self, values):
        return values["name"].casefold()

    def existing_records(self, keys):
        return {employer.name.casefold(): employer for employer in Employer.objects.filter(partnership=self.partnership)}

    def new_record(self, values):
        return Employer(partnership=self.partnership)


def employers_for_export(queryset):
    return queryset.order_by("name")


# Postcode locations -----------------------------------------------------------------------------------
NO_GRID_REFERENCE = "99.999999"  # the national directory's latitude for a postcode with no location


def parse_postcode_strictly(raw: str) -> str:
    postcode = normalise_postcode(raw)
    try:
        postcode_validator(postcode)
    except ValidationError:
        raise ValidationError(f"“{raw}” is not a UK postcode. Enter one like ST4 1AB") from None
    return postcode


def _coordinate(noun: str, low: float, high: float):
    def parse(raw: str) -> float:
        try:
            value = float(raw)
        except ValueError:
            raise ValidationError(f"“{raw}” is not a {noun}. Enter it in decimal degrees, like "
                                  f"{'53.0027' if noun == 'latitude' else '-2.1794'}") from None
        if not low <= value <= high:
            raise ValidationError(f"{raw} is not a {noun}: it must be from {low:g} to {high:g}")
        return value
    return parse


parse_latitude = _coordinate("latitude", -90, 90)
parse_longitude = _coordinate("longitude", -180, 180)


class PostcodeCsv(CsvFormat):
    """Where postcodes are, keyed by postcode (written as Royal Mail writes it, so "st41ab" and
    "ST4 1AB" are the same postcode): a postcode already loaded has its location updated."""

    noun = "postcode"
    noun_plural = "postcodes"
    key_headers = ("postcode",)
    columns = (
        Column("postcode", "a postcode", parse=parse_postcode_strictly, example="ST4 2RS",
               help="A UK postcode, with or without its space."),
        Column("latitude", "a latitude", parse=parse_latitude, example="53.0027",
               help="The latitude of the postcode's centre, in decimal degrees."),
        Column("longitude", "a longitude", parse=parse_longitude, example="-2.1794",
               help="The longitude of the postcode's centre, in decimal degrees (negative west of Greenwich)."),
    )

    def natural_key(self, values):
        return values[self.key_headers[0]]

    def existing_records(self, keys):
        found = {}
        for batch in in_batches(keys):
            for location in PostcodeLocation.objects.filter(postcode__in=batch):
                found[location.postcode] = location
        return found

    def new_record(self, values):
        return PostcodeLocation()

    def validate_record(self, record, headers):
        return {}  # every column's parser has checked its value


class NationalPostcodeCsv(PostcodeCsv):
    """The same, from the national postcode directory's file: its pcds, lat and long columns."""

    key_headers = ("pcds",)
    columns = (
        Column("pcds", "a postcode", field="postcode", parse=parse_postcode_strictly, example="ST4 2RS"),
        Column("lat", "a latitude", field="latitude", parse=parse_latitude, example="53.0027"),
        Column("long", "a longitude", field="longitude", parse=parse_longitude, example="-2.1794"),
    )


@dataclass
class PostcodeFile:
    """A postcode file ready for import_csv: its format, its content, and how many of the national
    directory's postcodes without a location were left out."""

    csv_format: CsvFormat
    content: bytes | str
    without_location: int = 0


def postcode_file(content: bytes | str) -> PostcodeFile:
    """Which of the two layouts the file uses, from its header row. The national directory's file has
    dozens of other columns: only pcds, lat and long are kept, and postcodes it gives no location
    (latitude 99.999999) are left out. Rows keep their numbers, so problems name the file's own rows."""
    try:
        text_content = decode(content)
    except FileProblem:
        return PostcodeFile(PostcodeCsv(), content)  # import_csv reports the problem
    reader = csv.reader(io.StringIO(text_content, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return PostcodeFile(PostcodeCsv(), content)
    names = [cell.strip().casefold() for cell in header]
    if "pcds" not in names:
        return PostcodeFile(PostcodeCsv(), content)
    wanted = ("pcds", "lat", "long")
    if any(name not in names for name in wanted):
        return PostcodeFile(NationalPostcodeCsv(), content)  # import_csv names any missing column
    positions = [names.index(name) for name in wanted]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(wanted)
    left_out = 0
    try:
        for cells in reader:
            kept = [cells[i] if i < len(cells) else "" for i in positions]
            if kept[1].strip() == NO_GRID_REFERENCE:
                left_out += 1
                kept = ["", "", ""]  # a blank row: skipped, and the rows after it keep their numbers
            writer.writerow(kept)
    except csv.Error:
        return PostcodeFile(NationalPostcodeCsv(), content)  # import_csv reports where the file breaks
    return PostcodeFile(NationalPostcodeCsv(), out.getvalue(), left_out)
