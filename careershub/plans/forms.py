from django import forms

from careershub.core.forms import GovukDateField, GovukForm

from .models import GuidanceInterview
from .services import MAX_NEXT_STEPS

SHOWN_STEPS = 3


class InterviewForm(GovukForm):
    held_on = GovukDateField(label="Date of the interview", required_message="Enter the date of the interview")
    format = forms.ChoiceField(
        label="How was the interview held?", choices=GuidanceInterview.Format.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select how the interview was held"},
    )
    discussed = forms.CharField(
        label="What you talked about", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000,
        help_text="Their interests and strengths, the options you explored, anything worrying them. "
                  "The young person and their parents can read this.",
        error_messages={"required": "Enter what you talked about"},
    )
    follow_up_on = GovukDateField(label="Follow-up date", required=False, required_message="",
                                  help_text="Optional. When you plan to see them again, for example 31/3/2027")

    def __init__(self, *args, steps: int = SHOWN_STEPS, **kwargs):
        super().__init__(*args, **kwargs)
        self.step_count = max(1, min(MAX_NEXT_STEPS, steps))
        for n in range(1, self.step_count + 1):
            self.fields[f"step_{n}"] = forms.CharField(
                label=f"Next step {n}", required=False, max_length=300,
                help_text="Optional. Something the young person agreed to do, such as 'Book a place on the "
                          "college open evening'." if n == 1 else "",
            )
            self.fields[f"step_{n}_due_on"] = GovukDateField(
                label=f"Next step {n} due by", required=False, required_message="",
                help_text="Optional. For example, 31/3/2027",
            )

    def next_steps(self) -> list[tuple[str, object]]:
        return [(self.cleaned_data.get(f"step_{n}", ""), self.cleaned_data.get(f"step_{n}_due_on"))
                for n in range(1, self.step_count + 1)]

    @classmethod
    def initial_for(cls, interview: GuidanceInterview) -> dict:
        initial = {"held_on": interview.held_on, "format": interview.format, "discussed": interview.discussed,
                   "follow_up_on": interview.follow_up_on}
        for n, step in enumerate(interview.next_steps.all(), start=1):
            initial[f"step_{n}"] = step.text
            initial[f"step_{n}_due_on"] = step.due_on
        return initial


class RouteChoiceField(forms.ModelChoiceField):
    """Radios naming each route, with its level and plain description as the hint."""

    def label_from_instance(self, route):
        return f"{route.name} ({route.level})" if route.level else route.name


class PlanForm(GovukForm):
    interests = forms.CharField(
        label="What are you interested in?", required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Subjects, hobbies, things you enjoy and are good at.",
    )
    aspirations = forms.CharField(
        label="Which jobs or careers are you thinking about?", required=False, max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}), help_text="It is fine to list several, or none yet.",
    )
    route_after_16 = RouteChoiceField(
        label="What do you plan to do after year 11?", queryset=None, required=False, widget=forms.RadioSelect,
        empty_label=None, error_messages={"invalid_choice": "Select a route from the list"},
    )
    route_after_18 = RouteChoiceField(
        label="What do you plan to do after year 13?", queryset=None, required=False, widget=forms.RadioSelect,
        empty_label=None, error_messages={"invalid_choice": "Select a route from the list"},
    )

    def __init__(self, *args, routes_after_16, routes_after_18, goals: int = SHOWN_STEPS, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["route_after_16"].queryset = routes_after_16
        self.fields["route_after_18"].queryset = routes_after_18
        self.goal_count = goals
        for n in range(1, goals + 1):
            self.fields[f"goal_{n}"] = forms.CharField(
                label=f"Goal {n}", required=False, max_length=300,
                help_text="Optional. Something you want to do, such as 'Go to two college open days'." if n == 1 else "",
            )
            self.fields[f"goal_{n}_due_on"] = GovukDateField(label=f"Goal {n} by", required=False,
                                                             required_message="", help_text="Optional. For example, 31/3/2027")

    def goals(self):
        return [(self.cleaned_data.get(f"goal_{n}", ""), self.cleaned_data.get(f"goal_{n}_due_on"))
                for n in range(1, self.goal_count + 1)]

    @staticmethod
    def initial_for(plan) -> dict:
        if plan is None:
            return {}
        initial = {"interests": plan.interests, "aspirations": plan.aspirations,
                   "route_after_16": plan.route_after_16_id, "route_after_18": plan.route_after_18_id}
        for n, goal in enumerate(plan.goals.all(), start=1):
            initial[f"goal_{n}"], initial[f"goal_{n}_due_on"] = goal.text, goal.due_on
        return initial


class CommentForm(GovukForm):
    body = forms.CharField(label="Add a comment", max_length=3000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="The young person and their parents can read it.",
                           error_messages={"required": "Enter your comment"})
