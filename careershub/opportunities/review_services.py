"""Writes to reviews and host feedback.

- ``review_submit``: the young person rates and reviews an opportunity they were given a place on, once
  it is over (or their attendance is recorded). A review waiting for moderation, or one the hub did not
  publish, can be changed and goes back to the hub; a published review stays as it is.
- ``review_moderate``: the hub manager or an enterprise coordinator publishes a review, or does not,
  with a reason the young person sees.
- ``review_reply``: the host employer's contact replies, once, to a published review (and may change
  the reply).
- ``feedback_give``: the host employer's contact gives feedback to a young person who was given a place,
  once the opportunity has started (and may change it).

Each checks who is acting (``PermissionDenied``), refuses a broken rule (``ValidationError`` with a
message by field), notifies the people who need to know and leaves an audit entry on the young
person's record.
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from careershub.accounts.models import RoleAssignment, User
from careershub.accounts.roles import Role
from careershub.core import audit
from careershub.core.models import AuditEntry
from careershub.core.notify import notify

from . import review_selectors
from .models import Application, HostFeedback, Review
from .selectors import hosted_employer_ids, reviewing_partnership_ids

BODY_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 1000
REPLY_MAX_LENGTH = 2000


class Decision:
    PUBLISH = "publish"
    REJECT = "reject"
    CHOICES = ((PUBLISH, "Publish the review"), (REJECT, "Do not publish it"))


def _text_problem(text: str, *, missing: str, max_length: int, what: str) -> str | None:
    if not text.strip():
        return missing
    if len(text) > max_length:
        return f"{what} must be {max_length:,} characters or fewer"
    return None


def _locked(model, pk):
    return model.objects.select_for_update().get(pk=pk)


def _hub_staff_for(application: Application):
    """The people who moderate a review of this application: the partnership's hub managers and the
    coordinator of the young person's school's area hub."""
    school = application.young_person.school
    condition = Q(role=Role.HUB_MANAGER)
    if school.area_hub_id:
        condition |= Q(role=Role.ENTERPRISE_COORDINATOR, area_hub_id=school.area_hub_id)
    holders = RoleAssignment.objects.filter(condition, partnership_id=application.opportunity.partnership_id)
    return User.objects.filter(is_active=True, pk__in=holders.values("user_id"))


def _host_contacts(application: Application):
    employer_id = application.opportunity.employer_id
    if employer_id is None:
        return User.objects.none()
    holders = RoleAssignment.objects.filter(role=Role.EMPLOYER_CONTACT, employer_id=employer_id)
    return User.objects.filter(is_active=True, pk__in=holders.values("user_id"))


def _young_person_account(application: Application) -> list:
    user = application.young_person.user
    return [user] if user is not None and user.is_active else []


# Reviews ----------------------------------------------------------------------------------------
def review_submit(*, acting_user, application: Application, rating: int, body: str, today=None,
                  via: str = "web") -> Review:
    """The young person's review of an opportunity they took part in (new, or changed while it waits
    for moderation or after the hub did not publish it). It waits for the hub's moderation."""
    today = today or timezone.localdate()
    with transaction.atomic():
        application = (Application.objects.select_for_update(of=("self",))
                       .select_related("opportunity", "young_person__school", "young_person__user").get(pk=application.pk))
        if application.young_person.user_id is None or application.young_person.user_id != acting_user.pk:
            raise PermissionDenied("Only the young person who took part can review an opportunity.")
        problem = review_selectors.review_problem(application, today)
        if problem:
            raise ValidationError(problem, code="not_reviewable")
        problems = {}
        if rating not in range(1, 6):
            problems["rating"] = "Choose a rating from 1 to 5 stars"
        text_problem = _text_problem(body, missing="Write what the opportunity was like", max_length=BODY_MAX_LENGTH,
                                     what="Your review")
        if text_problem:
            problems["body"] = text_problem
        if problems:
            raise ValidationError(problems)
        review = Review.objects.select_for_update().filter(application=application).first()
        if review is not None and review.status == Review.Status.PUBLISHED:
            raise ValidationError("Your review has been published, so it can no longer be changed", code="published")
        changed = review is not None
        if review is None:
            review = Review(application=application)
        review.rating, review.body = rating, body.strip()
        review.status = Review.Status.PENDING
        review.moderated_by, review.moderated_at, review.moderation_reason = None, None, ""
        review.save()
        opportunity = application.opportunity
        audit.record(
            actor=acting_user, action=AuditEntry.Action.UPDATE if changed else AuditEntry.Action.CREATE, subject=review,
            young_person_id=application.young_person_id, via=via,
            summary=f"{'Changed' if changed else 'Wrote'} a {rating}-star review of {opportunity.title}",
        )
        notify(
            _hub_staff_for(application),
            subject=f"A review of {opportunity.title} is waiting for moderation",
            body=f"A young person has {'changed their' if changed else 'written a'} review of {opportunity.title} "
                 f"({opportunity.host}). Publish it or say why it cannot be published.",
            url=reverse("opportunities:review_moderate", args=[review.pk]),
        )
    return review


def review_moderate(*, acting_user, review: Review, decision: str, reason: str = "", via: str = "web") -> Review:
    """Publish a review waiting for moderation, or do not publish it, with a reason the young person
    sees. Publishing notifies the host; either way the young person is told."""
    with transaction.atomic():
        review = (Review.objects.select_for_update(of=("self",))
                  .select_related("application__opportunity", "application__young_person__user",
                                  "application__young_person__school").get(pk=review.pk))
        application = review.application
        opportunity = application.opportunity
        if opportunity.partnership_id not in reviewing_partnership_ids(acting_user):
            raise PermissionDenied("Only the hub manager and enterprise coordinators moderate reviews.")
        if review.status != Review.Status.PENDING:
            raise ValidationError(f"This review has already been moderated ({review.get_status_display().lower()})",
                                  code="moderated")
        reason = reason.strip()
        if decision == Decision.PUBLISH:
            review.status = Review.Status.PUBLISHED
        elif decision == Decision.REJECT:
            problem = _text_problem(reason, missing="Say why the review cannot be published: the young person sees this",
                                    max_length=REASON_MAX_LENGTH, what="The reason")
            if problem:
                raise ValidationError({"reason": problem})
            review.status = Review.Status.REJECTED
        else:
            raise ValidationError({"decision": "Choose whether to publish the review"})
        review.moderated_by, review.moderated_at = acting_user, timezone.now()
        review.moderation_reason = reason if decision == Decision.REJECT else ""
        review.save()
        published = review.status == Review.Status.PUBLISHED
        audit.record(
            actor=acting_user, action=AuditEntry.Action.UPDATE, subject=review, young_person_id=application.young_person_id,
            via=via, summary=f"{'Published' if published else 'Did not publish'} a review of {opportunity.title}",
        )
        own_page = reverse("opportunities:my_feedback")
        if published:
            notify(_young_person_account(application), subject=f"Your review of {opportunity.title} has been published",
                   body="Thank you: other young people can now read it.", url=own_page)
            if opportunity.employer_id:
                notify(_host_contacts(application), subject=f"A new review of {opportunity.title}",
                       body="A young person has reviewed your opportunity. You can reply to it.",
                       url=reverse("opportunities:review_reply", args=[review.pk]))
        else:
            notify(_young_person_account(application), subject=f"Your review of {opportunity.title} was not published",
                   body=f"The careers hub said: {reason}\n\nYou can change your review and send it again.", url=own_page)
    return review


def review_reply(*, acting_user, review: Review, reply: str, via: str = "web") -> Review:
    """The host's public reply to a published review of its opportunity."""
    with transaction.atomic():
        review = (Review.objects.select_for_update(of=("self",))
                  .select_related("application__opportunity", "application__young_person__user").get(pk=review.pk))
        application = review.application
        opportunity = application.opportunity
        if opportunity.employer_id is None or opportunity.employer_id not in hosted_employer_ids(acting_user):
            raise PermissionDenied("Only the host employer's contacts reply to its reviews.")
        if review.status != Review.Status.PUBLISHED:
            raise ValidationError("You can only reply to a published review", code="not_published")
        problem = _text_problem(reply, missing="Write your reply", max_length=REPLY_MAX_LENGTH, what="Your reply")
        if problem:
            raise ValidationError({"reply": problem})
        changed = bool(review.reply)
        review.reply, review.replied_by, review.replied_at = reply.strip(), acting_user, timezone.now()
        review.save(update_fields=["reply", "replied_by", "replied_at", "updated_at"])
        audit.record(
            actor=acting_user, action=AuditEntry.Action.UPDATE, subject=review, young_person_id=application.young_person_id,
            via=via, summary=f"{'Changed the reply' if changed else 'Replied'} to a review of {opportunity.title}",
        )
        if not changed:
            notify(_young_person_account(application), subject=f"{opportunity.host} replied to your review",
                   body=f"{opportunity.host} replied to your review of {opportunity.title}.",
                   url=reverse("opportunities:employer_reviews", args=[opportunity.employer_id]))
    return review


# Host feedback ----------------------------------------------------------------------------------
def feedback_give(*, acting_user, application: Application, body: str, today=None, via: str = "web") -> HostFeedback:
    """The host's feedback to a young person who was given a place, once the opportunity has started.
    Seen by the young person, their parents and their school's careers leader."""
    today = today or timezone.localdate()
    with transaction.atomic():
        application = (Application.objects.select_for_update(of=("self",))
                       .select_related("opportunity", "young_person__user").get(pk=application.pk))
        opportunity = application.opportunity
        if opportunity.employer_id is None or opportunity.employer_id not in hosted_employer_ids(acting_user):
            raise PermissionDenied("Only the host employer's contacts give feedback on its placements.")
        problem = review_selectors.feedback_problem(application, today)
        if problem:
            raise ValidationError(problem, code="too_early" if application.status == Application.Status.ACCEPTED else "no_place")
        text_problem = _text_problem(body, missing="Write your feedback to the young person", max_length=BODY_MAX_LENGTH,
                                     what="Your feedback")
        if text_problem:
            raise ValidationError({"body": text_problem})
        feedback = HostFeedback.objects.select_for_update().filter(application=application).first()
        changed = feedback is not None
        if feedback is None:
            feedback = HostFeedback(application=application)
        feedback.body, feedback.author = body.strip(), acting_user
        feedback.save()
        audit.record(
            actor=acting_user, action=AuditEntry.Action.UPDATE if changed else AuditEntry.Action.CREATE, subject=feedback,
            young_person_id=application.young_person_id, via=via,
            summary=f"{'Changed the' if changed else 'Gave'} feedback on {opportunity.title}",
        )
        notify(_young_person_account(application),
               subject=f"{'Updated feedback' if changed else 'Feedback'} from {opportunity.host}",
               body=f"{opportunity.host} has {'updated its' if changed else 'written'} feedback on your time at "
                    f"{opportunity.title}.",
               url=reverse("opportunities:my_feedback"))
    return feedback
