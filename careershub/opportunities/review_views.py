"""Pages for reviews and host feedback: a young person reviewing an opportunity, the hub's moderation
queue and decisions, the host's replies and feedback, an employer's reviews, and where young people,
parents and careers leaders read the feedback hosts give.

People who may not see a thing get 404 (selectors scope as they fetch); people whose role does not
reach a page get 403.
"""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from careershub.accounts.roles import HUB_STAFF, Role
from careershub.core.paging import page_of
from careershub.core.permissions import roles, signed_in
from careershub.network.models import Employer
from careershub.young_people.services import list_viewed

from . import review_selectors as selectors
from . import review_services as services
from .models import Review
from .review_forms import FeedbackForm, ModerationForm, ReplyForm, ReviewForm
from .selectors import hosted_employer_ids, partnership_ids_of


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _status(form) -> int:
    return 400 if form is not None and form.errors else 200


# A young person's review ------------------------------------------------------------------------
@roles(Role.YOUNG_PERSON)
def review_new(request, pk: int):
    """Write (or change, while it waits or after the hub did not publish it) a review of an opportunity."""
    application = selectors.get_application_for_review(request.user, pk)
    opportunity = application.opportunity
    review = Review.objects.filter(application=application).first()
    problem = selectors.review_problem(application)
    form = None
    if not problem and (review is None or review.status != Review.Status.PUBLISHED):
        initial = {"rating": str(review.rating), "body": review.body} if review else None
        form = ReviewForm(request.POST if request.method == "POST" else None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.review_submit(acting_user=request.user, application=application,
                                       rating=form.cleaned_data["rating"], body=form.cleaned_data["body"])
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"Thank you: your review of {opportunity.title} has been sent to the careers hub, "
                                          "who check every review before it is published")
                return redirect("opportunities:my_feedback")
    status = _status(form)
    if request.method == "POST" and form is None:
        status = 400
    return render(request, "opportunities/review_new.html", {
        "application": application, "opportunity": opportunity, "review": review, "form": form, "problem": problem,
    }, status=status)


# Moderation -------------------------------------------------------------------------------------
@roles(*HUB_STAFF)
def moderation_queue(request):
    reviews = selectors.moderation_queue(request.user)
    page, numbers = page_of(request, reviews)
    today = timezone.localdate()
    return render(request, "opportunities/moderation_queue.html", {
        "page_obj": page, "page_numbers": numbers,
        "reviews": [(review, selectors.reviewer_label(review, today)) for review in page.object_list],
        "recent": [(review, selectors.reviewer_label(review, today)) for review in selectors.recently_moderated(request.user)],
    })


@roles(*HUB_STAFF)
def review_moderate(request, pk: int):
    review = selectors.get_review_for_moderation(request.user, pk)
    form = None
    if review.status == Review.Status.PENDING:
        form = ModerationForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                services.review_moderate(acting_user=request.user, review=review, decision=form.cleaned_data["decision"],
                                         reason=form.cleaned_data["reason"])
            except ValidationError as error:
                _add_errors(form, error)
            else:
                published = form.cleaned_data["decision"] == services.Decision.PUBLISH
                messages.success(request, "The review has been published and the host told" if published
                                 else "The review has not been published; the young person has been told why")
                return redirect("opportunities:moderation_queue")
    status = _status(form)
    if request.method == "POST" and form is None:
        status = 400
    return render(request, "opportunities/review_moderate.html", {
        "review": review, "form": form, "reviewer": selectors.reviewer_label(review),
    }, status=status)


# The host's reply -------------------------------------------------------------------------------
@roles(Role.EMPLOYER_CONTACT)
def review_reply(request, pk: int):
    review = selectors.get_review_for_host(request.user, pk)
    form = ReplyForm(request.POST if request.method == "POST" else None,
                     initial={"reply": review.reply} if review.reply else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_reply(acting_user=request.user, review=review, reply=form.cleaned_data["reply"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Your reply has been published under the review")
            return redirect(reverse("opportunities:employer_reviews", args=[review.application.opportunity.employer_id])
                            + f"#review-{review.pk}")
    return render(request, "opportunities/review_reply.html", {
        "review": review, "form": form, "reviewer": selectors.reviewer_label(review),
    }, status=_status(form))


# An employer's reviews --------------------------------------------------------------------------
@signed_in
def employer_reviews(request, pk: int):
    """The employer's page of reviews within the partnership: the rating, how it is spread, and the
    published reviews with the host's replies. Reviewers are shown by year group, never by name."""
    employer = get_object_or_404(Employer.objects.filter(partnership_id__in=partnership_ids_of(request.user)), pk=pk)
    summary = selectors.rating_summary(employer)
    page, numbers = page_of(request, selectors.published_reviews_of(employer), per_page=20)
    today = timezone.localdate()
    return render(request, "opportunities/employer_reviews.html", {
        "employer": employer, "summary": summary, "page_obj": page, "page_numbers": numbers,
        "reviews": [(review, selectors.reviewer_label(review, today)) for review in page.object_list],
        "is_host": employer.pk in hosted_employer_ids(request.user),
        "min_reviews": selectors.MIN_REVIEWS,
    })


# Host feedback ----------------------------------------------------------------------------------
@roles(Role.EMPLOYER_CONTACT)
def feedback_new(request, pk: int):
    """Give (or change) feedback to a young person who was given a place, once the opportunity has started."""
    application = selectors.get_application_for_feedback(request.user, pk)
    existing = getattr(application, "host_feedback", None)
    problem = selectors.feedback_problem(application)
    form = None
    if not problem:
        form = FeedbackForm(request.POST if request.method == "POST" else None,
                            initial={"body": existing.body} if existing else None)
        if request.method == "POST" and form.is_valid():
            try:
                services.feedback_give(acting_user=request.user, application=application, body=form.cleaned_data["body"])
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"Your feedback has been sent to {application.young_person.first_name}")
                return redirect("opportunities:feedback_new", pk=application.pk)
    status = _status(form)
    if request.method == "POST" and form is None:
        status = 400
    return render(request, "opportunities/feedback_form.html", {
        "application": application, "opportunity": application.opportunity, "existing": existing, "form": form,
        "problem": problem,
    }, status=status)


@roles(Role.YOUNG_PERSON, Role.PARENT_CARER)
def my_feedback(request):
    """Feedback from hosts on the young person's places (a parent's or carer's children's), and, for the
    young person, the opportunities they can review and the reviews they have written."""
    user = request.user
    page, numbers = page_of(request, selectors.feedback_for_family(user), per_page=20)
    is_young_person = user.has_role(Role.YOUNG_PERSON)
    return render(request, "opportunities/feedback_mine.html", {
        "page_obj": page, "page_numbers": numbers, "feedback": page.object_list,
        "is_young_person": is_young_person, "show_names": not is_young_person,
        "to_review": selectors.reviewable_applications(user) if is_young_person else [],
        "own_reviews": selectors.own_reviews(user) if is_young_person else [],
    })


@roles(Role.CAREERS_LEADER)
def school_feedback(request):
    """Feedback hosts gave the careers leader's school's pupils, newest first."""
    page, numbers = page_of(request, selectors.feedback_for_schools(request.user))
    list_viewed(acting_user=request.user, description="host feedback on their school's pupils",
                shown=len(page.object_list))
    return render(request, "opportunities/feedback_school.html", {
        "page_obj": page, "page_numbers": numbers, "feedback": page.object_list,
    })
