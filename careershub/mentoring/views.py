from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from careershub.accounts.roles import Role
from careershub.core.paging import page_of
from careershub.core.permissions import roles, signed_in
from careershub.network.models import Provider
from careershub.young_people import services as record_services
from careershub.young_people.selectors import get_young_person_for_user

from . import selectors, services
from .forms import (
    AcceptForm,
    AttendanceForm,
    CloseForm,
    DaysForm,
    GoalForm,
    LeadForm,
    NoteForm,
    PlanForm,
    ReferralForm,
    SessionForm,
    default_session_start,
)
from .models import Goal, ProviderSafeguardingLead, Referral, SchoolSafeguardingLead, SessionAttendee


def _posted(request):
    return request.POST if request.method == "POST" else None


def _add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, problems in error.message_dict.items():
        form.add_error(None if field == "__all__" or field not in form.fields else field, problems)


def _days(request) -> tuple[int, DaysForm]:
    form = DaysForm(request.GET or None, initial={"days": selectors.NOT_SEEN_DAYS})
    if request.GET.get("days") and form.is_valid():
        return form.cleaned_data["days"], form
    return selectors.NOT_SEEN_DAYS, form


# Referrals --------------------------------------------------------------------------------------------
@roles(Role.CAREERS_LEADER, Role.TEACHER)
def referral_new(request, young_person_pk: int):
    young_person = get_young_person_for_user(request.user, young_person_pk)
    if not selectors.may_refer(request.user, young_person):
        raise Http404("Only the young person's school refers them.")
    providers = selectors.providers_serving(young_person.school)
    form = ReferralForm(_posted(request), providers=providers)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_create(acting_user=request.user, young_person=young_person,
                                                **{k: form.cleaned_data[k] for k in ("provider", "reason", "details")})
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{young_person.full_name} referred to {referral.provider.name}")
            return redirect(referral.get_absolute_url())
    return render(request, "mentoring/referral_form.html", {"form": form, "young_person": young_person,
                                                            "has_providers": providers.exists()})


@roles(Role.CAREERS_LEADER, Role.TEACHER)
def school_referrals(request):
    today = timezone.localdate()
    referrals = selectors.referrals_of_schools(selectors.school_staff_school_ids(request.user), today=today)
    page_obj, page_numbers = page_of(request, referrals, per_page=50)
    record_services.list_viewed(acting_user=request.user, description="mentoring referrals", shown=len(page_obj.object_list))
    return render(request, "mentoring/school_referrals.html", {"page_obj": page_obj, "page_numbers": page_numbers})


@signed_in
def referral_detail(request, pk: int):
    today = timezone.localdate()
    referral = selectors.get_referral_for_user(request.user, pk)
    young_person = referral.young_person
    record_services.record_viewed(acting_user=request.user, young_person=young_person)
    missing = selectors.missing_consents(referral, today=today)
    capacity = selectors.consent_capacity_of(request.user, referral)
    own_consent = next((c for c in selectors.current_consents(referral) if c.given_by_id == request.user.pk), None)
    is_mentor = selectors.is_mentor_of(request.user, referral.provider_id)
    return render(request, "mentoring/referral_detail.html", {
        "referral": referral, "young_person": young_person, "missing": missing,
        "consents": referral.consents.all(), "capacity": capacity, "own_consent": own_consent,
        "needs_parent": selectors.needs_parental_consent(young_person, today),
        "may_accept": is_mentor and not missing and referral.status != Referral.Status.CLOSED,
        "may_close": referral.status != Referral.Status.CLOSED and (
            (referral.mentor_id == request.user.pk and is_mentor) or selectors.may_refer(request.user, young_person)),
        "may_schedule": referral.mentor_id == request.user.pk and is_mentor and not missing
        and referral.status == Referral.Status.ACTIVE,
        "is_self": young_person.user_id == request.user.pk,
        "sessions": selectors.sessions_of_referral(referral) if not missing or referral.mentor_id == request.user.pk else [],
        "goals": selectors.goals_of(referral),
    })


@roles(Role.YOUNG_PERSON, Role.PARENT_CARER)
@require_POST
def referral_consent(request, pk: int):
    referral = selectors.get_referral_for_user(request.user, pk)
    action = request.POST.get("action")
    try:
        if action == "withdraw":
            services.consent_withdraw(acting_user=request.user, referral=referral)
            messages.success(request, "Your consent has been withdrawn. Mentoring is paused until consent is given again.")
        else:
            services.consent_give(acting_user=request.user, referral=referral)
            messages.success(request, "Thank you: your consent has been recorded")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(referral.get_absolute_url())


@roles(Role.MENTOR)
def referral_accept(request, pk: int):
    referral = selectors.get_referral_for_user(request.user, pk)
    if not selectors.is_mentor_of(request.user, referral.provider_id) or referral.status == Referral.Status.CLOSED:
        raise Http404("Not a referral to your organisation.")
    mentors = selectors.mentors_of(referral.provider)
    initial = {"mentor": referral.mentor_id or request.user.pk}
    form = AcceptForm(_posted(request), mentors=mentors, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_accept(acting_user=request.user, referral=referral, mentor=form.cleaned_data["mentor"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['mentor'].get_full_name()} is now {referral.young_person.first_name}'s mentor")
            return redirect(referral.get_absolute_url())
    return render(request, "mentoring/accept_form.html", {
        "form": form, "referral": referral, "back_url": referral.get_absolute_url(), "button": "Assign mentor",
        "heading": "Change the mentor" if referral.mentor_id else "Accept the referral",
        "caption": f"{referral.young_person.full_name}, {referral.young_person.school.name}"})


@roles(Role.MENTOR, Role.CAREERS_LEADER, Role.TEACHER)
def referral_close(request, pk: int):
    referral = selectors.get_referral_for_user(request.user, pk)
    form = CloseForm(_posted(request))
    is_mentor = referral.mentor_id == request.user.pk and selectors.is_mentor_of(request.user, referral.provider_id)
    if not is_mentor and not selectors.may_refer(request.user, referral.young_person):
        raise PermissionDenied("Only the mentor or the young person's school ends the mentoring.")
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_close(acting_user=request.user, referral=referral, outcome=form.cleaned_data["outcome"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "The mentoring has ended")
            return redirect(referral.get_absolute_url())
    return render(request, "mentoring/close_form.html", {
        "form": form, "referral": referral, "back_url": referral.get_absolute_url(),
        "heading": "Withdraw the referral" if referral.status == Referral.Status.OPEN else "End the mentoring",
        "button": "Confirm", "caption": f"{referral.young_person.full_name}, {referral.provider.name}"})


# Caseloads --------------------------------------------------------------------------------------------
@roles(Role.MENTOR)
def caseload(request):
    today = timezone.localdate()
    days, days_form = _days(request)
    providers = selectors.mentor_provider_ids(request.user)
    people = list(selectors.caseload(request.user, today=today))
    return render(request, "mentoring/caseload.html", {
        "caseload": people, "not_seen": selectors.not_seen_in(people, today=today, days=days),
        "days": days, "days_form": days_form,
        "upcoming": selectors.upcoming_sessions(today=today, mentor_ids=[request.user.pk], limit=20),
        "paused": selectors.paused_count(today=today, mentor_ids=[request.user.pk]),
        "waiting": list(selectors.waiting_for_mentor(providers, today=today)[:20]),
        "today": today,
    })


@roles(Role.MENTOR)
def provider_dashboard(request):
    today = timezone.localdate()
    days, days_form = _days(request)
    providers = selectors.mentor_provider_ids(request.user)
    overview = selectors.provider_overview(providers, today=today, days=days)
    page_obj, page_numbers = page_of(request, overview["not_seen_ids"], per_page=25)
    last_seen = {r.pk: r for r in selectors.caseload_referrals(today=today, provider_ids=providers)
                 .filter(pk__in=list(page_obj.object_list))}
    return render(request, "mentoring/provider_dashboard.html", {
        "providers": Provider.objects.filter(pk__in=providers).order_by("name"),
        "mentors": overview["mentors"], "paused": overview["paused"],
        "page_obj": page_obj, "page_numbers": page_numbers, "days": days, "days_form": days_form,
        "not_seen": [last_seen[pk] for pk in page_obj.object_list if pk in last_seen],
        "upcoming": selectors.upcoming_sessions(today=today, provider_ids=providers, limit=20),
        "waiting": list(selectors.waiting_for_mentor(providers, today=today)[:50]),
        "consent_waiting": selectors.waiting_for_consent(providers, today=today),
    })


# Sessions ---------------------------------------------------------------------------------------------
@roles(Role.MENTOR)
def session_new(request):
    today = timezone.localdate()
    mine = selectors.caseload(request.user, today=today)
    chosen = request.GET.get("referral")
    initial = default_session_start(today)
    if chosen and chosen.isdigit():
        initial.update({"young_people": [int(chosen)], "kind": "one_to_one"})
    form = SessionForm(_posted(request), caseload=mine, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_schedule(
                acting_user=request.user, referrals=form.cleaned_data["young_people"],
                **{k: form.cleaned_data[k] for k in ("kind", "date", "starts_at", "ends_at", "where", "place", "aims")},
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Session booked for {session.date:%A %d %B %Y}")
            return redirect(session.get_absolute_url())
    return render(request, "mentoring/session_form.html", {"form": form, "has_caseload": mine.exists()})


@signed_in
def session_detail(request, pk: int):
    session = selectors.get_session_for_user(request.user, pk)
    attendees = selectors.attendees_shown_to(request.user, session)
    for attendee in attendees:
        record_services.record_viewed(acting_user=request.user, young_person=attendee.referral.young_person)
    may_run = selectors.may_run_session(request.user, session)
    return render(request, "mentoring/session_detail.html", {
        "session": session, "attendees": attendees, "may_run": may_run,
        "may_read_notes": selectors.may_read_notes_of(request.user, session),
        "today": timezone.localdate(),
    })


@roles(Role.MENTOR)
def session_attendance(request, pk: int):
    session = selectors.get_session_for_user(request.user, pk)
    if not selectors.may_run_session(request.user, session):
        raise Http404("Not your session.")
    attendees = list(session.attendees.all())
    form = AttendanceForm(_posted(request), attendees=attendees)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_mark(acting_user=request.user, session=session, marks=form.marks())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Attendance saved")
            return redirect(session.get_absolute_url())
    return render(request, "mentoring/attendance_form.html", {
        "form": form, "session": session, "back_url": session.get_absolute_url(), "button": "Save attendance",
        "heading": "Mark attendance", "caption": f"{session.get_kind_display()} session, {session.date:%d %B %Y}"})


@roles(Role.MENTOR)
@require_POST
def session_cancel(request, pk: int):
    session = selectors.get_session_for_user(request.user, pk)
    if not selectors.may_run_session(request.user, session):
        raise Http404("Not your session.")
    try:
        services.session_cancel(acting_user=request.user, session=session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Session cancelled; the young people have been told")
    return redirect(session.get_absolute_url())


@signed_in
def session_notes(request, pk: int):
    """The notes of a session: only for its mentor and safeguarding leads (everyone else 404)."""
    session = selectors.get_session_for_user(request.user, pk)
    if not selectors.may_read_notes_of(request.user, session):
        raise Http404("No notes you may read.")
    may_write = selectors.may_run_session(request.user, session)
    attendees = SessionAttendee.objects.filter(session=session).select_related("referral__young_person")
    form = NoteForm(_posted(request), attendees=attendees)
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied("Only the session's mentor writes notes on it.")
        if form.is_valid():
            try:
                _, told = services.note_write(acting_user=request.user, session=session,
                                              **{k: form.cleaned_data[k] for k in ("attendee", "body", "safeguarding_concern")})
            except ValidationError as error:
                _add_errors(form, error)
            else:
                if form.cleaned_data["safeguarding_concern"] and not told:
                    messages.warning(request, "Note saved. No safeguarding lead is recorded for your organisation or the "
                                              "young person's school: tell your designated safeguarding lead directly now.")
                elif told:
                    messages.success(request, f"Note saved; {told} safeguarding lead{'s were' if told != 1 else ' was'} told of the concern")
                else:
                    messages.success(request, "Note saved")
                return redirect("mentoring:session_notes", session.pk)
    notes = selectors.notes_of_session(request.user, session)
    for young_person in {n.referral.young_person for n in notes}:
        record_services.record_viewed(acting_user=request.user, young_person=young_person)
    return render(request, "mentoring/session_notes.html", {
        "session": session, "notes": notes, "form": form if may_write else None,
    })


@signed_in
def safeguarding(request):
    """Concerns flagged in session notes, for safeguarding leads."""
    if not selectors.is_safeguarding_lead(request.user):
        raise PermissionDenied("Only safeguarding leads see flagged concerns.")
    page_obj, page_numbers = page_of(request, selectors.concerns_for(request.user), per_page=25)
    return render(request, "mentoring/safeguarding.html", {"page_obj": page_obj, "page_numbers": page_numbers})


# Goals and the plan -----------------------------------------------------------------------------------
@signed_in
def goals(request, pk: int):
    referral = selectors.get_referral_for_user(request.user, pk)
    record_services.record_viewed(acting_user=request.user, young_person=referral.young_person)
    may_set = selectors.may_set_goals(request.user, referral)
    form = GoalForm(_posted(request))
    if request.method == "POST":
        if not may_set:
            raise PermissionDenied("Only the mentor and the young person set mentoring goals.")
        if form.is_valid():
            try:
                services.goal_add(acting_user=request.user, referral=referral,
                                  **{k: form.cleaned_data[k] for k in ("text", "target_on", "progress")})
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, "Goal added")
                return redirect("mentoring:goals", referral.pk)
    return render(request, "mentoring/goals.html", {
        "referral": referral, "young_person": referral.young_person, "goals": selectors.goals_of(referral),
        "may_set": may_set, "form": form if may_set else None,
        "is_self": referral.young_person.user_id == request.user.pk,
    })


@signed_in
def goal_edit(request, pk: int):
    goal = get_object_or_404(Goal.objects.filter(referral__in=selectors.referrals_visible_to(request.user).values("pk"))
                             .select_related("referral__young_person"), pk=pk)
    referral = goal.referral
    if not selectors.may_set_goals(request.user, referral):
        raise PermissionDenied("Only the mentor and the young person change mentoring goals.")
    form = GoalForm(_posted(request), initial={"text": goal.text, "target_on": goal.target_on, "progress": goal.progress})
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(acting_user=request.user, goal=goal,
                                 **{k: form.cleaned_data[k] for k in ("text", "target_on", "progress")})
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Goal saved")
            return redirect("mentoring:goals", referral.pk)
    return render(request, "mentoring/goal_form.html", {
        "form": form, "goal": goal, "referral": referral, "heading": "Change a goal", "button": "Save goal",
        "back_url": reverse("mentoring:goals", args=[referral.pk]), "caption": referral.young_person.full_name})


@signed_in
def plan_edit(request, pk: int):
    referral = selectors.get_referral_for_user(request.user, pk)
    if not selectors.may_set_goals(request.user, referral):
        raise PermissionDenied("Only the mentor and the young person change the mentoring plan.")
    form = PlanForm(_posted(request), initial={"motivations": referral.motivations, "interests": referral.interests,
                                               "strengths": referral.strengths})
    if request.method == "POST" and form.is_valid():
        services.plan_update(acting_user=request.user, referral=referral, **form.cleaned_data)
        messages.success(request, "Mentoring plan saved")
        return redirect("mentoring:goals", referral.pk)
    return render(request, "mentoring/plan_form.html", {
        "form": form, "referral": referral, "heading": "The mentoring plan", "button": "Save plan",
        "back_url": reverse("mentoring:goals", args=[referral.pk]), "caption": referral.young_person.full_name})


# Safeguarding leads -----------------------------------------------------------------------------------
@roles(Role.HUB_MANAGER, Role.CAREERS_LEADER)
def safeguarding_leads(request):
    providers, schools = selectors.lead_management_scope(request.user)
    providers = providers.prefetch_related(Prefetch("safeguarding_leads", queryset=ProviderSafeguardingLead.objects
                                                    .select_related("user").order_by("user__last_name", "pk")))
    schools = schools.prefetch_related(Prefetch("safeguarding_leads", queryset=SchoolSafeguardingLead.objects
                                                .select_related("user").order_by("user__last_name", "pk")))
    page_obj, page_numbers = page_of(request, schools, per_page=50)
    return render(request, "mentoring/safeguarding_leads.html", {
        "providers": list(providers), "page_obj": page_obj, "page_numbers": page_numbers,
    })


@roles(Role.HUB_MANAGER)
def provider_lead_add(request, provider_pk: int):
    providers, _ = selectors.lead_management_scope(request.user)
    provider = get_object_or_404(providers, pk=provider_pk)
    form = LeadForm(_posted(request), people=selectors.eligible_provider_leads(provider),
                    label=f"Safeguarding lead of {provider.name}")
    if request.method == "POST" and form.is_valid():
        try:
            services.provider_lead_add(acting_user=request.user, provider=provider, user=form.cleaned_data["user"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['user'].get_full_name()} recorded as a safeguarding lead of {provider.name}")
            return redirect("mentoring:safeguarding_leads")
    return render(request, "mentoring/lead_form.html", {
        "form": form, "organisation": provider, "heading": "Add a safeguarding lead", "caption": provider.name,
        "button": "Add safeguarding lead", "back_url": reverse("mentoring:safeguarding_leads")})


@roles(Role.HUB_MANAGER, Role.CAREERS_LEADER)
def school_lead_add(request, school_pk: int):
    _, schools = selectors.lead_management_scope(request.user)
    school = get_object_or_404(schools, pk=school_pk)
    form = LeadForm(_posted(request), people=selectors.eligible_school_leads(school),
                    label=f"Designated safeguarding lead of {school.name}")
    if request.method == "POST" and form.is_valid():
        try:
            services.school_lead_add(acting_user=request.user, school=school, user=form.cleaned_data["user"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['user'].get_full_name()} recorded as a safeguarding lead of {school.name}")
            return redirect("mentoring:safeguarding_leads")
    return render(request, "mentoring/lead_form.html", {
        "form": form, "organisation": school, "heading": "Add a designated safeguarding lead", "caption": school.name,
        "button": "Add safeguarding lead", "back_url": reverse("mentoring:safeguarding_leads")})


@roles(Role.HUB_MANAGER, Role.CAREERS_LEADER)
@require_POST
def lead_remove(request, kind: str, pk: int):
    providers, schools = selectors.lead_management_scope(request.user)
    if kind == "provider":
        lead = get_object_or_404(ProviderSafeguardingLead.objects.select_related("user", "provider")
                                 .filter(provider__in=providers), pk=pk)
    elif kind == "school":
        lead = get_object_or_404(SchoolSafeguardingLead.objects.select_related("user", "school")
                                 .filter(school__in=schools), pk=pk)
    else:
        raise Http404("No such kind of safeguarding lead.")
    services.lead_remove(acting_user=request.user, lead=lead)
    messages.success(request, f"{lead.user.get_full_name()} is no longer recorded as a safeguarding lead")
    return redirect("mentoring:safeguarding_leads")



