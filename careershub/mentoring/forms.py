import datetime

from django import forms

from careershub.core.forms import GovukDateField, GovukForm

from .models import Goal, MentoringSession, Referral, SessionAttendee

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%I:%M%p", "%I.%M%p", "%I%p"]


class GovukTimeField(forms.TimeField):
    """A time typed in one box (15:30, 3.30pm), shown back as 15:30."""

    def __init__(self, *, label: str, required_message: str, **kwargs):
        kwargs.setdefault("help_text", "Use the 24-hour clock, for example 15:30")
        super().__init__(label=label, input_formats=TIME_FORMATS,
                         error_messages={"required": required_message,
                                         "invalid": f"{label} must be a real time, like 15:30"}, **kwargs)
        self.widget.format = "%H:%M"
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off",
                                  "class": "govuk-input govuk-input--width-5"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().lower().replace(" ", "") if value.strip().lower().endswith(("am", "pm")) else value.strip()
        return super().to_python(value)


class ReferralForm(GovukForm):
    provider = forms.ModelChoiceField(
        label="Mentoring provider", queryset=None, widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": "Select the mentoring provider", "invalid_choice": "Select a provider from the list"},
    )
    reason = forms.ChoiceField(
        label="Why are you referring them?", choices=Referral.Reason.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select why you are referring them"},
    )
    details = forms.CharField(
        label="Anything the mentor should know", required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What you have noticed and what you hope mentoring will help with. Needed if you chose "
                  "another reason. The young person and their parents can read this.",
    )

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers


class AcceptForm(GovukForm):
    mentor = forms.ModelChoiceField(
        label="Mentor", queryset=None, widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": "Select the mentor", "invalid_choice": "Select a mentor from the list"},
    )

    def __init__(self, *args, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentors
        self.fields["mentor"].label_from_instance = lambda user: user.get_full_name() or user.username


class CloseForm(GovukForm):
    outcome = forms.ChoiceField(label="How did the mentoring end?", choices=Referral.Outcome.choices,
                                widget=forms.RadioSelect, error_messages={"required": "Select how the mentoring ended"})


class CaseloadChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, referral):
        young_person = referral.young_person
        return f"{young_person.full_name}, year {young_person.year_group}, {young_person.school.name}"


class SessionForm(GovukForm):
    kind = forms.ChoiceField(label="Type of session", choices=MentoringSession.Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select the type of session"})
    date = GovukDateField(label="Date", required_message="Enter the date of the session")
    starts_at = GovukTimeField(label="Start time", required_message="Enter the start time")
    ends_at = GovukTimeField(label="End time", required_message="Enter the end time")
    where = forms.ChoiceField(label="Where", choices=MentoringSession.Where.choices, widget=forms.RadioSelect,
                              error_messages={"required": "Select where the session is"})
    place = forms.CharField(label="Place", required=False, max_length=200,
                            help_text="The room or address. For an online session, how to join.")
    aims = forms.CharField(
        label="What the session will work on", max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The young people and their school can read this.",
        error_messages={"required": "Enter what the session will work on"},
    )
    young_people = CaseloadChoiceField(
        label="Young people", queryset=None, widget=forms.CheckboxSelectMultiple,
        help_text="One for a one-to-one session; two or more from your caseload for a group.",
        error_messages={"required": "Select the young people in the session",
                        "invalid_choice": "Select young people from your caseload"},
    )

    def __init__(self, *args, caseload, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["young_people"].queryset = caseload

    def clean(self):
        """The checks the service makes again, here too so that every problem shows at once."""
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", "The end time must be after the start time")
        if cleaned.get("where") in (MentoringSession.Where.AT_SCHOOL, MentoringSession.Where.COMMUNITY) \
                and not cleaned.get("place", "").strip():
            self.add_error("place", "Enter where the session is")
        return cleaned


class AttendanceForm(GovukForm):
    def __init__(self, *args, attendees, **kwargs):
        super().__init__(*args, **kwargs)
        self.attendees = attendees
        for attendee in attendees:
            self.fields[f"attendee_{attendee.pk}"] = forms.ChoiceField(
                label=attendee.referral.young_person.full_name, widget=forms.RadioSelect,
                choices=[(SessionAttendee.Attendance.ATTENDED, "Attended"), (SessionAttendee.Attendance.ABSENT, "Absent")],
                initial=attendee.attendance if attendee.attendance != SessionAttendee.Attendance.EXPECTED else None,
                error_messages={"required": f"Select whether {attendee.referral.young_person.first_name} attended"},
            )

    def marks(self) -> dict[int, str]:
        return {a.pk: self.cleaned_data[f"attendee_{a.pk}"] for a in self.attendees}


class NoteForm(GovukForm):
    attendee = forms.ModelChoiceField(
        label="Who is the note about?", queryset=None, widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": "Select who the note is about", "invalid_choice": "Select a young person in this session"},
    )
    body = forms.CharField(
        label="Note", max_length=10000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Only you and the safeguarding leads of your organisation and of the young person's school can read it.",
        error_messages={"required": "Enter the note"},
    )
    safeguarding_concern = forms.BooleanField(
        label="This note raises a safeguarding concern", required=False,
        help_text="The safeguarding leads are told at once that there is a concern to read (the note's words are "
                  "not sent). Follow your organisation's safeguarding procedure as well.",
    )

    def __init__(self, *args, attendees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendee"].queryset = attendees
        self.fields["attendee"].label_from_instance = lambda a: a.referral.young_person.full_name


class GoalForm(GovukForm):
    text = forms.CharField(label="Goal", max_length=300,
                           help_text="Something you agreed to work towards, such as 'Visit two colleges before February'.",
                           error_messages={"required": "Enter the goal"})
    target_on = GovukDateField(label="Target date", required=False, required_message="")
    progress = forms.ChoiceField(label="Progress", choices=Goal.Progress.choices, widget=forms.RadioSelect,
                                 initial=Goal.Progress.NOT_STARTED, error_messages={"required": "Select the progress"})


class PlanForm(GovukForm):
    motivations = forms.CharField(label="What motivates them", required=False, max_length=3000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    interests = forms.CharField(label="Interests", required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))
    strengths = forms.CharField(label="Skills and strengths", required=False, max_length=3000,
                                widget=forms.Textarea(attrs={"rows": 3}))


class DaysForm(GovukForm):
    days = forms.IntegerField(label="Not seen in the last (days)", min_value=1, max_value=365, initial=21,
                              error_messages={"min_value": "Enter a number of days from 1 to 365",
                                              "max_value": "Enter a number of days from 1 to 365",
                                              "invalid": "Enter a number of days from 1 to 365"})


class LeadForm(GovukForm):
    user = forms.ModelChoiceField(label="Person", queryset=None, error_messages={
        "required": "Select the person", "invalid_choice": "Select a person from the list"})

    def __init__(self, *args, people, label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people
        self.fields["user"].label = label
        self.fields["user"].label_from_instance = lambda user: user.get_full_name() or user.username


def default_session_start(today: datetime.date) -> dict:
    return {"date": today, "starts_at": datetime.time(15, 30), "ends_at": datetime.time(16, 30)}
