"""Ambassador cohort pages. Who sees what is in selectors (people outside a cohort get 404); the
writes and their rules are in services."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from careershub.accounts.roles import HUB_STAFF, Role
from careershub.core import audit
from careershub.core.models import AuditEntry
from careershub.core.paging import page_of
from careershub.core.permissions import roles

from . import selectors, services
from .forms import ActivityForm, ApplicationForm, CohortForm, CohortSchoolForm, PanelMemberForm, SupportForm, WithdrawForm
from .models import CohortApplication

APPLICANT_ROLES = (*HUB_STAFF, Role.CAREERS_LEADER, Role.EMPLOYER_CONTACT)
SELECTION_ROLES = (*HUB_STAFF, Role.EMPLOYER_CONTACT)
AMBASSADOR_ROLES = (*HUB_STAFF, Role.CAREERS_LEADER, Role.EMPLOYER_CONTACT)
APPLICATION_ROLES = (*HUB_STAFF, Role.CAREERS_LEADER, Role.EMPLOYER_CONTACT, Role.YOUNG_PERSON)
WITHDRAW_ROLES = (*HUB_STAFF, Role.CAREERS_LEADER, Role.YOUNG_PERSON)
ATTENDANCE_ROLES = (*HUB_STAFF, Role.EMPLOYER_CONTACT)


def add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def shown_name(application: CohortApplication, standing) -> str:
    """Full name for hub staff, the applicant's careers leader, the applicant, and the senior employer
    of an ambassador's school; first name and last initial for the panel, which needs no more to select."""
    young_person = application.young_person
    ambassador_of_their_school = (application.status == CohortApplication.Status.SELECTED
                                  and young_person.school_id in standing.employer_school_ids)
    if (standing.manages or young_person.school_id in standing.led_school_ids or ambassador_of_their_school
            or (standing.young_person is not None and standing.young_person.pk == young_person.pk)):
        return young_person.full_name
    return f"{young_person.first_name} {young_person.last_name[:1]}."


def _named(applications, standing):
    applications = list(applications)
    for application in applications:
        application.shown_name = shown_name(application, standing)
    return applications


# Cohorts -----------------------------------------------------------------------------------------
@roles(*selectors.COHORT_ROLES)
def cohort_list(request):
    page, numbers = page_of(request, selectors.cohort_list_for(request.user))
    return render(request, "cohorts/cohort_list.html", {
        "page_obj": page, "page_numbers": numbers, "cohorts": page.object_list,
        "may_create": request.user.has_any_role(HUB_STAFF),
    })


@roles(*HUB_STAFF)
def cohort_create(request):
    partnership = selectors.partnership_for_new_cohort(request.user)
    form = CohortForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.cohort_create(acting_user=request.user, partnership=partnership, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"You have set up {cohort.title}. Add its schools and senior employers next.")
            return redirect(cohort.get_absolute_url())
    return render(request, "cohorts/cohort_form.html", {"form": form, "title": "Set up a cohort", "button": "Set up the cohort"},
                  status=400 if form.errors else 200)


@roles(*selectors.COHORT_ROLES)
def cohort_detail(request, pk: int):
    cohort = selectors.get_cohort_for_user(request.user, pk)
    standing = selectors.standing_of(request.user, cohort)
    own = selectors.own_application(cohort, standing.young_person)
    refusal = services.application_refusal(cohort, standing.young_person) if standing.young_person and not own else None
    return render(request, "cohorts/cohort_detail.html", {
        "cohort": cohort, "standing": standing,
        "schools": selectors.schools_of(cohort),
        "activities": selectors.activities_of(cohort),
        "panel": selectors.panel_of(cohort) if standing.manages else None,
        "balance": selectors.balance_for(cohort) if standing.sees_pool else None,
        "counts": selectors.status_counts(cohort) if standing.sees_pool else None,
        "own_application": own,
        "may_apply": standing.young_person is not None and own is None and refusal is None,
        "apply_refusal": refusal,
        "today": timezone.localdate(),
    })


@roles(*HUB_STAFF)
def cohort_edit(request, pk: int):
    cohort = selectors.get_cohort_managed_by(request.user, pk)
    form = CohortForm(request.POST if request.method == "POST" else None, initial=CohortForm.initial_from(cohort))
    if request.method == "POST" and form.is_valid():
        try:
            services.cohort_update(acting_user=request.user, cohort=cohort, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"You have saved the changes to {cohort.title}")
            return redirect(cohort.get_absolute_url())
    return render(request, "cohorts/cohort_form.html", {
        "form": form, "cohort": cohort, "title": "Change the cohort", "button": "Save the changes",
    }, status=400 if form.errors else 200)


# Schools and the panel ---------------------------------------------------------------------------
@roles(*HUB_STAFF)
def school_add(request, pk: int):
    cohort = selectors.get_cohort_managed_by(request.user, pk)
    form = CohortSchoolForm(request.POST if request.method == "POST" else None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            link = services.cohort_school_add(acting_user=request.user, cohort=cohort, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{link.school.name} is in the cohort, with {link.employer.name} as its senior employer")
            return redirect(cohort.get_absolute_url())
    return render(request, "cohorts/school_form.html", {"form": form, "cohort": cohort}, status=400 if form.errors else 200)


@roles(*HUB_STAFF)
def school_remove(request, pk: int, link_pk: int):
    cohort = selectors.get_cohort_managed_by(request.user, pk)
    link = get_object_or_404(selectors.schools_of(cohort), pk=link_pk)
    error = None
    if request.method == "POST":
        try:
            services.cohort_school_remove(acting_user=request.user, link=link)
        except ValidationError as refusal:
            error = refusal.messages[0]
        else:
            messages.success(request, f"{link.school.name} is no longer in {cohort.title}")
            return redirect(cohort.get_absolute_url())
    return render(request, "cohorts/school_remove.html", {"cohort": cohort, "link": link, "error": error},
                  status=400 if error else 200)


@roles(*HUB_STAFF)
def panel(request, pk: int):
    cohort = selectors.get_cohort_managed_by(request.user, pk)
    form = PanelMemberForm(request.POST if request.method == "POST" else None, candidates=selectors.panel_candidates(cohort))
    if request.method == "POST" and form.is_valid():
        try:
            member = services.panel_member_add(acting_user=request.user, cohort=cohort, user=form.cleaned_data["user"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{member.user} is on the selection panel")
            return redirect("cohorts:panel", pk=cohort.pk)
    return render(request, "cohorts/panel.html", {"cohort": cohort, "form": form, "panel": selectors.panel_of(cohort)},
                  status=400 if form.errors else 200)


@roles(*HUB_STAFF)
@require_POST
def panel_remove(request, pk: int, member_pk: int):
    cohort = selectors.get_cohort_managed_by(request.user, pk)
    member = get_object_or_404(selectors.panel_of(cohort), pk=member_pk)
    services.panel_member_remove(acting_user=request.user, member=member)
    messages.success(request, f"{member.user} is no longer on the selection panel")
    return redirect("cohorts:panel", pk=cohort.pk)


# Applicants and selection ------------------------------------------------------------------------
@roles(*APPLICANT_ROLES)
def applicants(request, pk: int):
    cohort = selectors.get_cohort_for_user(request.user, pk)
    standing = selectors.standing_of(request.user, cohort)
    if not standing.sees_applicants:
        raise Http404("No applicants of this cohort are visible to you.")
    page, numbers = page_of(request, selectors.applications_for(request.user, cohort, standing))
    shown = _named(page.object_list, standing)
    audit.record(actor=request.user, action=AuditEntry.Action.VIEW, subject=cohort,
                 summary=f"Viewed applicants to {cohort.title}: {len(shown)} shown")
    return render(request, "cohorts/applicants.html", {
        "cohort": cohort, "standing": standing, "applications": shown, "page_obj": page, "page_numbers": numbers,
        "balance": selectors.balance_for(cohort) if standing.sees_pool else None,
    })


def _decisions_from(post, pool) -> dict[int, str]:
    decisions = {}
    for application in pool:
        value = post.get(f"decision-{application.pk}")
        if value is not None:
            decisions[application.pk] = value
    return decisions


@roles(*SELECTION_ROLES)
def selection(request, pk: int):
    """The panel's selection: every applicant in the pool with a decision each, saved at once, then
    the balance of the selection shown. Works without JavaScript."""
    cohort = selectors.get_cohort_for_user(request.user, pk)
    standing = selectors.standing_of(request.user, cohort)
    if not standing.selects:
        raise Http404("Only the cohort's panel sees its selection.")
    pool = list(selectors.selection_pool(cohort))
    error = None
    if request.method == "POST":
        decisions = _decisions_from(request.POST, pool)
        try:
            changed = services.selection_save(acting_user=request.user, cohort=cohort, decisions=decisions)
        except ValidationError as refusal:
            error = refusal.messages
            for application in pool:
                application.status = decisions.get(application.pk, application.status)
        else:
            messages.success(request, f"You have saved the panel's decisions ({changed} changed). The balance below is of the selection as saved.")
            return redirect("cohorts:selection", pk=cohort.pk)
    shown = _named(pool, standing)
    audit.record(actor=request.user, action=AuditEntry.Action.VIEW, subject=cohort,
                 summary=f"Viewed the selection pool of {cohort.title}: {len(shown)} shown")
    counts = selectors.status_counts(cohort)
    return render(request, "cohorts/selection.html", {
        "cohort": cohort, "standing": standing, "pool": shown, "error": error,
        "decisions": [(str(s), s.label) for s in CohortApplication.DECISIONS],
        "balance": selectors.balance_for(cohort), "counts": counts,
        "places_left": cohort.places - counts[CohortApplication.Status.SELECTED],
    }, status=400 if error else 200)


# Applications ------------------------------------------------------------------------------------
@roles(Role.YOUNG_PERSON)
def apply(request, pk: int):
    cohort = selectors.get_cohort_for_user(request.user, pk)
    young_person = selectors.own_young_person(request.user)
    own = selectors.own_application(cohort, young_person)
    if own is not None:
        return redirect(own.get_absolute_url())
    refusal = services.application_refusal(cohort, young_person)
    form = ApplicationForm(request.POST if request.method == "POST" and not refusal else None)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            application = services.application_submit(acting_user=request.user, cohort=cohort, young_person=young_person,
                                                      statement=form.cleaned_data["statement"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"You have applied to {cohort.title}. The panel will look at every application after applications close.")
            return redirect(application.get_absolute_url())
    return render(request, "cohorts/apply.html", {"cohort": cohort, "form": form, "refusal": refusal},
                  status=400 if form.errors else 200)


@roles(*APPLICATION_ROLES)
def application_detail(request, pk: int, application_pk: int):
    cohort = selectors.get_cohort_for_user(request.user, pk)
    application = selectors.get_application_for_user(request.user, cohort, application_pk)
    standing = selectors.standing_of(request.user, cohort)
    application.shown_name = shown_name(application, standing)
    is_self = standing.young_person is not None and standing.young_person.pk == application.young_person_id
    if not is_self:
        audit.record(actor=request.user, action=AuditEntry.Action.VIEW, subject=application,
                     young_person_id=application.young_person_id,
                     summary=f"Viewed an application to {cohort.title}")
    supports = application.young_person.school_id in standing.led_school_ids
    form = SupportForm(initial={"note": application.school_support}) if supports else None
    return render(request, "cohorts/application_detail.html", {
        "cohort": cohort, "application": application, "standing": standing, "is_self": is_self,
        "support_form": form, "may_withdraw": services.may_withdraw(request.user, application),
        "progress": _progress_of(application) if application.status == CohortApplication.Status.SELECTED else None,
    })


def _progress_of(application):
    today = timezone.localdate()
    offered = application.cohort.activities.filter(occurs_on__lte=today).count()
    attended = application.attendance.filter(attended=True, activity__occurs_on__lte=today).count()
    return {"attended": attended, "offered": offered}


@roles(Role.CAREERS_LEADER)
def application_support(request, pk: int, application_pk: int):
    cohort = selectors.get_cohort_for_user(request.user, pk)
    application = selectors.get_application_for_user(request.user, cohort, application_pk)
    standing = selectors.standing_of(request.user, cohort)
    if application.young_person.school_id not in standing.led_school_ids:
        raise Http404("Only the applicant's careers leader adds the school's support.")
    form = SupportForm(request.POST if request.method == "POST" else None, initial={"note": application.school_support})
    if request.method == "POST" and form.is_valid():
        services.application_support(acting_user=request.user, application=application, note=form.cleaned_data["note"])
        messages.success(request, f"You have added the school's support to {application.young_person.full_name}'s application")
        return redirect(application.get_absolute_url())
    return render(request, "cohorts/support_form.html", {"cohort": cohort, "application": application, "form": form},
                  status=400 if form.errors else 200)


@roles(*WITHDRAW_ROLES)
def application_withdraw(request, pk: int, application_pk: int):
    cohort = selectors.get_cohort_for_user(request.user, pk)
    application = selectors.get_application_for_user(request.user, cohort, application_pk)
    if not services.may_withdraw(request.user, application):
        if application.status == CohortApplication.Status.WITHDRAWN:
            messages.error(request, "This application is already withdrawn.")
            return redirect(application.get_absolute_url())
        raise PermissionDenied("Only the young person, their careers leader or the hub's staff withdraw an application.")
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_withdraw(acting_user=request.user, application=application, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The application is withdrawn")
            return redirect(application.get_absolute_url())
    is_self = application.young_person.user_id == request.user.pk
    return render(request, "cohorts/withdraw.html", {"cohort": cohort, "application": application, "form": form, "is_self": is_self},
                  status=400 if form.errors else 200)


# Activities, attendance and ambassadors -----------------------------------------------------------
@roles(*HUB_STAFF)
def activity_add(request, pk: int):
    cohort = selectors.get_cohort_managed_by(request.user, pk)
    form = ActivityForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_add(acting_user=request.user, cohort=cohort, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{activity.title} is on the cohort's menu")
            return redirect(cohort.get_absolute_url())
    return render(request, "cohorts/activity_form.html", {"cohort": cohort, "form": form, "title": "Add an activity",
                                                          "button": "Add the activity"}, status=400 if form.errors else 200)


@roles(*HUB_STAFF)
def activity_edit(request, pk: int, activity_pk: int):
    cohort = selectors.get_cohort_managed_by(request.user, pk)
    activity = selectors.get_activity(cohort, activity_pk)
    initial = {"title": activity.title, "occurs_on": activity.occurs_on, "kind": activity.kind, "description": activity.description}
    form = ActivityForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(acting_user=request.user, activity=activity, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"You have saved the changes to {activity.title}")
            return redirect(cohort.get_absolute_url())
    return render(request, "cohorts/activity_form.html", {"cohort": cohort, "form": form, "activity": activity,
                                                          "title": "Change the activity", "button": "Save the changes"},
                  status=400 if form.errors else 200)


@roles(*ATTENDANCE_ROLES)
def attendance(request, pk: int, activity_pk: int):
    cohort = selectors.get_cohort_for_user(request.user, pk)
    standing = selectors.standing_of(request.user, cohort)
    if not standing.records_attendance:
        raise Http404("Only hub staff and the school's senior employer record attendance.")
    activity = selectors.get_activity(cohort, activity_pk)
    ambassadors = _named(selectors.ambassadors_for(request.user, cohort, standing), standing)
    error = None
    if request.method == "POST":
        try:
            changed = services.attendance_record(acting_user=request.user, activity=activity,
                                                 attended_ids=[v for v in request.POST.getlist("attended") if v.isdigit()])
        except ValidationError as refusal:
            error = refusal.messages[0]
        else:
            messages.success(request, f"You have saved the attendance at {activity.title} ({changed} changed)")
            return redirect("cohorts:attendance", pk=cohort.pk, activity_pk=activity.pk)
    return render(request, "cohorts/attendance.html", {
        "cohort": cohort, "activity": activity, "ambassadors": ambassadors, "attended": selectors.attendance_of(activity),
        "error": error, "is_future": activity.occurs_on > timezone.localdate(),
    }, status=400 if error else 200)


@roles(*AMBASSADOR_ROLES)
def ambassadors(request, pk: int):
    cohort = selectors.get_cohort_for_user(request.user, pk)
    standing = selectors.standing_of(request.user, cohort)
    if not standing.sees_ambassadors:
        raise Http404("No ambassadors of this cohort are visible to you.")
    page, numbers = page_of(request, selectors.ambassadors_for(request.user, cohort, standing))
    shown = _named(page.object_list, standing)
    audit.record(actor=request.user, action=AuditEntry.Action.VIEW, subject=cohort,
                 summary=f"Viewed ambassadors of {cohort.title}: {len(shown)} shown")
    return render(request, "cohorts/ambassadors.html", {
        "cohort": cohort, "standing": standing, "ambassadors": shown, "page_obj": page, "page_numbers": numbers,
        "offered": selectors.offered_count(cohort), "activities": selectors.activities_of(cohort),
        "today": timezone.localdate(),
    })
