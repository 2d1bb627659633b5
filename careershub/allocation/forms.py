"""Forms for allocation rounds: the round's settings, its opportunities, a young person's ranked
choices and a host's ranking of the young people who chose its opportunity."""
from django import forms

from careershub.core.forms import DATE_FORMATS, GovukForm

from .explain import ordinal
from .models import AllocationRound

Criterion = AllocationRound.Criterion
YEAR_GROUPS = [(year, "Post-school" if year == 14 else f"Year {year}") for year in range(7, 15)]

# The sensible orders of the priority policy, each followed by a lottery.
POLICIES = {
    "fewest_first": ("Fewest experiences, then disadvantaged", [Criterion.FEWEST_EXPERIENCES, Criterion.PRIORITY_GROUP]),
    "disadvantaged_first": ("Disadvantaged, then fewest experiences", [Criterion.PRIORITY_GROUP, Criterion.FEWEST_EXPERIENCES]),
    "fewest_only": ("Fewest experiences only", [Criterion.FEWEST_EXPERIENCES]),
    "disadvantaged_only": ("Disadvantaged only", [Criterion.PRIORITY_GROUP]),
    "lottery_only": ("Lottery only", []),
}


def policy_key(order) -> str:
    for key, (_, criteria) in POLICIES.items():
        if list(criteria) == list(order):
            return key
    return ""


def policy_label(order) -> str:
    key = policy_key(order)
    label = POLICIES[key][0] if key else ", then ".join(Criterion(c).label for c in order)
    return label if key == "lottery_only" else f"{label}, then a lottery"


class RoundForm(GovukForm):
    name = forms.CharField(max_length=200, error_messages={"required": "Enter the round’s name"},
                           help_text="For example, Autumn half-term work experience week 2026.")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False,
                                  help_text="What young people are choosing between, and when the places happen.")
    year_group_from = forms.TypedChoiceField(label="First year group", choices=YEAR_GROUPS, coerce=int, initial=10)
    year_group_to = forms.TypedChoiceField(label="Last year group", choices=YEAR_GROUPS, coerce=int, initial=10)
    choices_allowed = forms.IntegerField(
        label="Choices each young person may rank", min_value=1, max_value=10, initial=5,
        error_messages={"required": "Enter how many choices young people may rank",
                        "min_value": "Young people must be able to rank at least 1 choice",
                        "max_value": "Young people may rank at most 10 choices"},
    )
    choices_close_on = forms.DateField(
        label="Choices close on", input_formats=DATE_FORMATS, help_text="For example, 26/9/2026",
        error_messages={"required": "Enter the date choices close",
                        "invalid": "The closing date must be a real date, like 26/9/2026"},
    )
    policy = forms.ChoiceField(
        label="Who goes first when an opportunity has more applicants than places",
        choices=[(key, f"{label}, then a lottery" if key != "lottery_only" else label)
                 for key, (label, _) in POLICIES.items()],
        widget=forms.RadioSelect,
        help_text=("Disadvantaged means looked-after young people first, then those eligible for the pupil premium "
                   "or free school meals. Whatever is still tied is settled by a lottery. Hosts that rank their own "
                   "applicants use their ranking instead."),
        error_messages={"required": "Choose who goes first when an opportunity is oversubscribed"},
    )
    seed = forms.IntegerField(
        label="Lottery seed", min_value=0, max_value=2_147_483_647, initial=1,
        help_text="The same seed always gives the same lottery; change it to draw again.",
        error_messages={"required": "Enter the lottery seed, a whole number",
                        "min_value": "The lottery seed must be 0 or more"},
    )

    def clean(self):
        data = super().clean()
        first, last = data.get("year_group_from"), data.get("year_group_to")
        if first and last and first > last:
            self.add_error("year_group_to", "The last year group must not come before the first")
        return data

    @property
    def policy_order(self) -> list[str]:
        return list(POLICIES[self.cleaned_data["policy"]][1])

    @classmethod
    def initial_for(cls, allocation_round: AllocationRound) -> dict:
        return {
            "name": allocation_round.name, "description": allocation_round.description,
            "year_group_from": allocation_round.year_group_from, "year_group_to": allocation_round.year_group_to,
            "choices_allowed": allocation_round.choices_allowed,
            "choices_close_on": allocation_round.choices_close_on.strftime("%d/%m/%Y"),
            "policy": policy_key(allocation_round.policy_order), "seed": allocation_round.seed,
        }


class AddOpportunityForm(GovukForm):
    opportunity = forms.TypedChoiceField(label="Opportunity", coerce=int,
                                         error_messages={"required": "Choose an opportunity to add"})
    ranked_by_host = forms.BooleanField(
        label="The host ranks the young people who choose it", required=False,
        help_text="Otherwise the round’s priority policy decides who goes first.",
    )

    def __init__(self, *args, opportunities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opportunity"].choices = [("", "Choose an opportunity")] + [
            (o.pk, f"{o.title} – {o.host} ({o.capacity} places, {o.year_groups_label.lower()})") for o in opportunities
        ]


class ChoicesForm(GovukForm):
    """One select box per choice: "1st choice", "2nd choice"... Blank boxes are skipped, so a young
    person may rank fewer than they are allowed."""

    def __init__(self, *args, opportunities=(), allowed: int = 5, **kwargs):
        super().__init__(*args, **kwargs)
        options = [("", "No choice")] + [(str(o.pk), f"{o.title} – {o.host}") for o in opportunities]
        self.allowed = allowed
        for number in range(1, allowed + 1):
            self.fields[f"choice_{number}"] = forms.ChoiceField(
                label=f"{ordinal(number)} choice", choices=options, required=number == 1,
                error_messages={"required": "Choose your 1st choice", "invalid_choice": "Choose one of the opportunities listed"},
            )

    def clean(self):
        data = super().clean()
        seen: dict[str, int] = {}
        for number in range(1, self.allowed + 1):
            value = data.get(f"choice_{number}")
            if not value:
                continue
            if value in seen:
                self.add_error(f"choice_{number}",
                               f"You have already chosen this as your {ordinal(seen[value])} choice: choose a different one")
            else:
                seen[value] = number
        return data

    @property
    def opportunity_ids(self) -> list[int]:
        return [int(self.cleaned_data[f"choice_{n}"]) for n in range(1, self.allowed + 1)
                if self.cleaned_data.get(f"choice_{n}")]

    @classmethod
    def initial_for(cls, choices) -> dict:
        return {f"choice_{c.rank}": str(c.opportunity_id) for c in choices}


def chooser_label(person) -> str:
    """What the host sees of a young person: first name, last initial, school, year group."""
    year = "post-school" if person.year_group == 14 else f"year {person.year_group}"
    return f"{person.first_name} {person.last_name[:1]}., {person.school.name}, {year}"


class HostRankingForm(GovukForm):
    """A position for each young person who chose the opportunity (1 is the one the host most wants);
    those left blank are not offered a place by the host."""

    def __init__(self, *args, choosers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.choosers = list(choosers)
        for person in self.choosers:
            self.fields[f"position_{person.pk}"] = forms.IntegerField(
                label=chooser_label(person), required=False, min_value=1, max_value=len(self.choosers),
                error_messages={"min_value": "Positions start at 1",
                                "max_value": f"Positions go up to {len(self.choosers)}",
                                "invalid": "Enter a position as a whole number, like 1"},
            )
            self.fields[f"position_{person.pk}"].widget.attrs["class"] = "govuk-input govuk-input--width-3"

    def clean(self):
        data = super().clean()
        seen: dict[int, object] = {}
        for person in self.choosers:
            position = data.get(f"position_{person.pk}")
            if position is None:
                continue
            if position in seen:
                self.add_error(f"position_{person.pk}", f"Position {position} is already given to someone else")
            else:
                seen[position] = person
        return data

    @property
    def young_person_ids(self) -> list[int]:
        positions = [(self.cleaned_data[f"position_{p.pk}"], p.pk) for p in self.choosers
                     if self.cleaned_data.get(f"position_{p.pk}") is not None]
        return [pk for _, pk in sorted(positions)]

    @classmethod
    def initial_for(cls, choosers) -> dict:
        return {f"position_{p.pk}": p.host_position for p in choosers if p.host_position is not None}
