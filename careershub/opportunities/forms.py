"""Forms of the menu of opportunities: searching the menu, drafting an opportunity, the hub's review
and withdrawing. All render as GOV.UK form groups with errors beside the fields (core.forms)."""
from django import forms

from careershub.core.forms import GovukForm
from careershub.network.models import SicSection

from . import geo
from .kinds import RULES, Kind
from .models import Opportunity
from .services import REASON_MAX_LENGTH, TITLE_MAX_LENGTH

# The Gatsby Benchmarks by number, as the checkboxes name them.
BENCHMARK_NAMES = {
    1: "A stable careers programme",
    2: "Learning from career and labour market information",
    3: "Addressing the needs of each young person",
    4: "Linking curriculum learning to careers",
    5: "Encounters with employers and employees",
    6: "Experiences of workplaces",
    7: "Encounters with further and higher education",
    8: "Personal guidance",
}
YEAR_GROUP_CHOICES = [(year, f"Year {year}") for year in range(7, 14)] + [(14, "Post-school")]
DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d %m %Y", "%Y-%m-%d"]
DATE_HINT = "For example, 15/2/2027"


def date_field(label, *, required=True, help_text=DATE_HINT, noun="the date"):
    return forms.DateField(
        label=label, required=required, input_formats=DATE_FORMATS, help_text=help_text,
        error_messages={"required": f"Enter {noun}", "invalid": f"Enter {noun} as a real date, like 15/2/2027"},
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10", "autocomplete": "off",
                                      "spellcheck": "false"}),
    )


def benchmark_label(number: int) -> str:
    return f"{number}: {BENCHMARK_NAMES[number]}"


def benchmarks_of(numbers) -> list[str]:
    return [benchmark_label(n) for n in numbers if n in BENCHMARK_NAMES]


class NeededToSubmitField(forms.CharField):
    """Text a draft may be saved without but which submission needs (submission_problems says so): shown
    without "(optional)", and not refused when empty."""

    def validate(self, value):
        if value in self.empty_values:
            return
        super().validate(value)


def _text(label, help_text="", *, rows=4, required=True, needed=False, max_length=None, message=""):
    field_class = NeededToSubmitField if needed else forms.CharField
    return field_class(
        label=label, help_text=help_text, required=required or needed, max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message or f"Enter the {label.lower()}"},
    )


def _kind_defaults_hint() -> str:
    parts = [f"{Kind(kind).label.lower()}: {', '.join(str(n) for n in rules.benchmarks)}"
             for kind, rules in RULES.items()]
    return ("Leave them all unticked to use the usual benchmarks for the kind of opportunity ("
            + "; ".join(parts) + ").")


class OpportunityForm(GovukForm):
    """Drafting or changing an opportunity, in five parts (``FIELDSETS``). Hub staff, and contacts of
    more than one employer, choose the host."""

    FIELDSETS = (
        ("About", ("host", "kind", "title", "summary", "sic_section", "benchmarks")),
        ("Who it is for", ("year_group_from", "year_group_to", "capacity", "how_places_are_given")),
        ("When and where", ("starts_on", "ends_on", "daily_times", "applications_close_on", "online", "address",
                            "postcode")),
        ("On the day", ("daily_plan", "what_to_bring")),
        ("Safeguarding and access", ("supervision", "supervisor_name", "access_information")),
    )

    host = forms.ChoiceField(label="Who is offering it", error_messages={
        "required": "Select the employer or provider offering it",
        "invalid_choice": "Select an employer or provider from the list"})
    kind = forms.ChoiceField(label="Kind of opportunity", choices=[("", "Select a kind"), *Kind.choices],
                             error_messages={"required": "Select the kind of opportunity",
                                             "invalid_choice": "Select a kind of opportunity from the list"})
    title = forms.CharField(label="Title", max_length=TITLE_MAX_LENGTH,
                            help_text="What a young person would search for, like ‘Engineering work experience week’.",
                            error_messages={"required": "Enter a title",
                                            "max_length": f"The title must be {TITLE_MAX_LENGTH} characters or fewer"})
    summary = _text("Summary", Opportunity._meta.get_field("summary").help_text, rows=3,
                    message="Enter a summary of the opportunity")
    sic_section = forms.ChoiceField(label="Sector", choices=[("", "Select a sector"), *SicSection.choices],
                                    error_messages={"required": "Select the sector",
                                                    "invalid_choice": "Select a sector from the list"})
    benchmarks = forms.TypedMultipleChoiceField(
        label="Gatsby Benchmarks it serves", required=False, coerce=int, widget=forms.CheckboxSelectMultiple,
        choices=[(n, benchmark_label(n)) for n in BENCHMARK_NAMES], help_text=_kind_defaults_hint(),
        error_messages={"invalid_choice": "Select benchmarks from the list"},
    )
    year_group_from = forms.TypedChoiceField(
        label="From year group", coerce=int, choices=[("", "Select a year group"), *YEAR_GROUP_CHOICES],
        error_messages={"required": "Select the first year group it is open to",
                        "invalid_choice": "Select a year group from the list"})
    year_group_to = forms.TypedChoiceField(
        label="To year group", coerce=int, choices=[("", "Select a year group"), *YEAR_GROUP_CHOICES],
        help_text="The same as the first for a single year group.",
        error_messages={"required": "Select the last year group it is open to",
                        "invalid_choice": "Select a year group from the list"})
    capacity = forms.IntegerField(
        label="Number of places", min_value=1, max_value=10000, help_text="How many young people can take part.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-4",
                                      "spellcheck": "false", "autocomplete": "off"}),
        error_messages={"required": "Enter the number of places", "invalid": "Enter the number of places as a number, like 4",
                        "min_value": "Enter 1 place or more", "max_value": "Enter 10,000 places or fewer"})
    how_places_are_given = forms.ChoiceField(
        label="How are places given?", widget=forms.RadioSelect, choices=Opportunity.HowPlacesAreGiven.choices,
        error_messages={"required": "Select how places are given"})
    starts_on = date_field("Start date", noun="the start date")
    ends_on = date_field("End date", noun="the end date", help_text="The same as the start date for a single day. " + DATE_HINT)
    daily_times = NeededToSubmitField(label="Times", max_length=100,
                                      help_text="When the day starts and ends, like 9am to 3pm.",
                                      error_messages={"max_length": "The times must be 100 characters or fewer"})
    applications_close_on = date_field("Closing date for applications", required=False, noun="the closing date",
                                       help_text="Before the start date. Needed when the employer chooses from "
                                                 "applications. " + DATE_HINT)
    online = forms.BooleanField(label="It takes place online", required=False)
    address = _text("Address", "Where young people go on the day. Leave it blank if it is online.", rows=3,
                    needed=True)
    postcode = NeededToSubmitField(label="Postcode", max_length=10,
                                   help_text="Needed unless it takes place online.",
                                   widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10",
                                                                 "autocomplete": "postal-code"}),
                                   error_messages={"max_length": "Enter a real UK postcode, like ST4 1AB"})
    daily_plan = _text("What the young person will do each day", Opportunity._meta.get_field("daily_plan").help_text
                       + " Day by day, so they know what to expect: who they meet, what they work on, when the breaks are.",
                       rows=6, message="Enter what the young person will do each day")
    what_to_bring = _text("What to bring", "Lunch, clothing, anything they need. Say if there is nothing to bring.",
                          rows=3, needed=True)
    supervision = _text("Who supervises them", Opportunity._meta.get_field("supervision").help_text, rows=3,
                        message="Enter who supervises the young person and how they are looked after")
    supervisor_name = NeededToSubmitField(
        label="Name of the supervisor", max_length=200,
        help_text="Needed for work tasters and work experience placements: the named supervisor has safeguarding checks.",
        error_messages={"max_length": "The name must be 200 characters or fewer"})
    access_information = _text("Access information", Opportunity._meta.get_field("access_information").help_text,
                               rows=3, needed=True)

    def __init__(self, *args, hosts=None, **kwargs):
        """``hosts``: (employers, providers) the person may choose between, or None when the host is fixed."""
        super().__init__(*args, **kwargs)
        self.use_required_attribute = False
        if hosts is None:
            del self.fields["host"]
        else:
            employers, providers = hosts
            groups = []
            if employers:
                groups.append(("Employers", [(f"employer:{e.pk}", e.name) for e in employers]))
            if providers:
                groups.append(("Colleges, universities and training providers",
                               [(f"provider:{p.pk}", p.name) for p in providers]))
            self.fields["host"].choices = [("", "Select who is offering it"), *groups]
            self.hosts = {**{f"employer:{e.pk}": e for e in employers}, **{f"provider:{p.pk}": p for p in providers}}

    def clean_host(self):
        return self.hosts[self.cleaned_data["host"]]

    def clean(self):
        data = super().clean()
        starts, ends, closes = data.get("starts_on"), data.get("ends_on"), data.get("applications_close_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end date must be the same as or after the start date")
        if starts and closes and closes >= starts:
            self.add_error("applications_close_on", "The closing date must be before the start date")
        first, last = data.get("year_group_from"), data.get("year_group_to")
        if first and last and first > last:
            self.add_error("year_group_to", "The last year group must be the same as or after the first")
        return data

    def fieldsets(self):
        return [(legend, [self[name] for name in names if name in self.fields]) for legend, names in self.FIELDSETS]

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != "host"}

    @staticmethod
    def initial_for(opportunity: Opportunity) -> dict:
        from .services import EDITABLE_FIELDS

        initial = {name: getattr(opportunity, name) for name in EDITABLE_FIELDS}
        for name in ("starts_on", "ends_on", "applications_close_on"):
            if initial[name]:
                initial[name] = initial[name].strftime("%d/%m/%Y")
        return initial


class MenuFilterForm(GovukForm):
    """The menu's search and filters (a GET form). ``school`` is offered to people measuring distances
    from a school they choose; a young person's distances are from their own school."""

    q = forms.CharField(label="Search", required=False, max_length=100,
                        help_text="Words in the title, the summary or the employer’s name.",
                        error_messages={"max_length": "Search for 100 characters or fewer"})
    kind = forms.ChoiceField(label="Kind of opportunity", required=False, choices=[("", "Any kind"), *Kind.choices],
                             error_messages={"invalid_choice": "Select a kind of opportunity from the list"})
    sic_section = forms.ChoiceField(label="Sector", required=False, choices=[("", "Any sector"), *SicSection.choices],
                                    error_messages={"invalid_choice": "Select a sector from the list"})
    year_group = forms.TypedChoiceField(label="Year group", required=False, coerce=int, empty_value=None,
                                        choices=[("", "Any year group"), *YEAR_GROUP_CHOICES],
                                        error_messages={"invalid_choice": "Select a year group from the list"})
    date_from = date_field("Running on or after", required=False, noun="the first date")
    date_to = date_field("Running on or before", required=False, noun="the last date")
    school = forms.ModelChoiceField(label="Distance from", queryset=None, required=False,
                                    empty_label="Select a school or college",
                                    error_messages={"invalid_choice": "Select a school or college from the list"})
    within = forms.TypedChoiceField(label="Travel distance", required=False, coerce=int, empty_value=None,
                                    choices=[("", "Any distance"),
                                             *[(m, f"Within {m} miles") for m in geo.DISTANCE_CHOICES]],
                                    help_text="As the crow flies. Online opportunities are always included.",
                                    error_messages={"invalid_choice": "Select a distance from the list"})
    online_only = forms.BooleanField(label="Only online opportunities", required=False)

    def __init__(self, *args, schools=None, own_school=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_school = own_school
        if own_school is not None:
            del self.fields["school"]
            self.fields["within"].label = f"Travel distance from {own_school.name}"
        elif schools is None:
            del self.fields["school"], self.fields["within"]
        else:
            self.fields["school"].queryset = schools

    def clean(self):
        data = super().clean()
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and last < first:
            self.add_error("date_to", "The last date must be the same as or after the first date")
        if data.get("within"):
            origin = self.own_school if self.own_school is not None else data.get("school")
            if origin is None and "school" not in self.errors:
                self.add_error("school", "Select the school or college to measure the distance from")
            elif origin is not None:
                from .selectors import location_of_postcode

                point = location_of_postcode(origin.postcode)
                if point is None:
                    self.add_error("within", f"We do not know where {origin.name} is on the map yet, so travel "
                                             "distances cannot be worked out")
                data["origin"] = point
        return data

    def filters(self) -> dict:
        """The cleaned filters, for selectors.filter_menu (an invalid one is left out)."""
        data = getattr(self, "cleaned_data", {}) or {}
        return {
            "q": data.get("q") or "", "kind": data.get("kind") or "", "sic_section": data.get("sic_section") or "",
            "year_group": data.get("year_group"), "date_from": data.get("date_from"), "date_to": data.get("date_to"),
            "online_only": bool(data.get("online_only")),
        }


class ReviewForm(GovukForm):
    decision = forms.ChoiceField(
        label="Your decision", widget=forms.RadioSelect,
        choices=[("approve", "Approve it: it goes on the menu"), ("return", "Return it to the host for changes")],
        error_messages={"required": "Select whether to approve it or return it"})
    reason = forms.CharField(
        label="What needs to change", required=False, max_length=REASON_MAX_LENGTH,
        help_text="Needed when you return it. The host sees this, so say what to change.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"The reason must be {REASON_MAX_LENGTH} characters or fewer"})

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Enter what the host needs to change")
        return data


class WithdrawForm(GovukForm):
    reason = forms.CharField(
        label="Why is it being withdrawn?", required=False, max_length=REASON_MAX_LENGTH,
        help_text="Needed when young people have applied: they are told the reason.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"The reason must be {REASON_MAX_LENGTH} characters or fewer"})

