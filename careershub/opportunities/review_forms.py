"""Forms for reviews, their moderation and replies, and host feedback. The rules themselves live in
review_services; these forms check the shape of what was typed and say what is missing."""
from django import forms

from careershub.core.forms import GovukForm

from .review_selectors import RATING_WORDS
from .review_services import BODY_MAX_LENGTH, REASON_MAX_LENGTH, REPLY_MAX_LENGTH, Decision

RATING_CHOICES = [(str(stars), f"{stars} star{'s' if stars != 1 else ''}: {RATING_WORDS[stars]}") for stars in (5, 4, 3, 2, 1)]


class ReviewForm(GovukForm):
    rating = forms.TypedChoiceField(
        label="How would you rate it?", choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect,
        error_messages={"required": "Choose a rating from 1 to 5 stars", "invalid_choice": "Choose a rating from 1 to 5 stars"},
    )
    body = forms.CharField(
        label="What was it like?", max_length=BODY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What you did, what you learned and whether you would recommend it to others. Do not include "
                  "anyone’s name or contact details: the careers hub checks every review before it is published, and "
                  "your name is never shown with it.",
        error_messages={"required": "Write what the opportunity was like",
                        "max_length": f"Your review must be {BODY_MAX_LENGTH:,} characters or fewer"},
    )


class ModerationForm(GovukForm):
    decision = forms.ChoiceField(
        label="Decision", choices=Decision.CHOICES, widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to publish the review",
                        "invalid_choice": "Choose whether to publish the review"},
    )
    reason = forms.CharField(
        label="Why it cannot be published", required=False, max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed when you do not publish the review. The young person sees it, so say what they can change.",
        error_messages={"max_length": f"The reason must be {REASON_MAX_LENGTH:,} characters or fewer"},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Decision.REJECT and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Say why the review cannot be published: the young person sees this")
        return cleaned


class ReplyForm(GovukForm):
    reply = forms.CharField(
        label="Your reply", max_length=REPLY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Shown under the review to everyone in the partnership. Thank the young person, or say what you "
                  "have changed.",
        error_messages={"required": "Write your reply",
                        "max_length": f"Your reply must be {REPLY_MAX_LENGTH:,} characters or fewer"},
    )


class FeedbackForm(GovukForm):
    body = forms.CharField(
        label="Your feedback", max_length=BODY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What the young person did well, the skills they showed and what they could work on next. The young "
                  "person, their parents or carers and their school’s careers leader read it.",
        error_messages={"required": "Write your feedback to the young person",
                        "max_length": f"Your feedback must be {BODY_MAX_LENGTH:,} characters or fewer"},
    )
