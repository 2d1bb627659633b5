"""People management: hub managers and administrators across the partnership, and careers leaders
adding teachers at their own school."""
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from careershub.core.permissions import roles
from careershub.core.paging import page_of

from . import selectors, services
from .authority import grantable_roles, managed_partnership_ids, may_manage
from .forms import PersonAddForm, PersonFilterForm, RoleChoiceForm, TeacherAddForm
from .roles import PEOPLE_MANAGERS, Role
from .views import add_service_errors

PEOPLE_PER_PAGE = 50


def _site_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _link_days() -> str:
    days = settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60)
    return f"{days} day{'s' if days != 1 else ''}"


def _managed_person(request, pk: int):
    """The person, 404 when outside the asking person's partnership, 403 when they may see but not
    change the account (a hub manager and an administrator's account)."""
    person = selectors.get_person_for_user(request.user, pk)
    if not may_manage(request.user, person):
        raise PermissionDenied("Only an administrator can change an administrator's account.")
    return person


@roles(*PEOPLE_MANAGERS)
def people(request):
    form = PersonFilterForm(request.GET or None, partnership_ids=managed_partnership_ids(request.user))
    filters = form.filters() if form.is_bound and form.is_valid() else {}
    page_obj, page_numbers = page_of(request, selectors.people_list(user=request.user, **filters), per_page=PEOPLE_PER_PAGE)
    return render(request, "accounts/people/list.html", {
        "form": form, "page_obj": page_obj, "page_numbers": page_numbers,
        "filtered": any(v not in (None, "") for v in filters.values()),
    })


@roles(*PEOPLE_MANAGERS)
def person_detail(request, pk: int):
    person = selectors.get_person_for_user(request.user, pk)
    return render(request, "accounts/people/detail.html", {
        "person": person,
        "may_manage": may_manage(request.user, person),
        "is_self": person.pk == request.user.pk,
    })


@roles(*PEOPLE_MANAGERS)
def person_add(request):
    form = PersonAddForm(
        request.POST if request.method == "POST" else None, roles=grantable_roles(request.user), partnership_ids=managed_partnership_ids(request.user),
        initial={"send_email": True},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.person_create(
                acting_user=request.user, first_name=data["first_name"], last_name=data["last_name"],
                email=data["email"], username=data["username"], role=data["role"], organisation=data["organisation"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            message = f"{person.get_full_name()}'s account is set up. Send them a link to set a password when they need to sign in."
            if data["send_email"]:
                services.person_send_password_set_email(acting_user=request.user, person=person, site_url=_site_url(request))
                message = f"{person.get_full_name()}'s account is set up. We have emailed {person.email} a link to set a password."
            messages.success(request, message)
            return redirect("accounts:person_detail", pk=person.pk)
    return render(request, "accounts/people/add.html", {"form": form})


@roles(*PEOPLE_MANAGERS)
def person_role_add(request, pk: int):
    person = _managed_person(request, pk)
    form = RoleChoiceForm(
        request.POST if request.method == "POST" else None, roles=grantable_roles(request.user), partnership_ids=managed_partnership_ids(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.role_assign(
                acting_user=request.user, user=person, role=form.cleaned_data["role"],
                organisation=form.cleaned_data["organisation"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{person} is now {assignment.get_role_display().lower()} at {assignment.organisation}.")
            return redirect("accounts:person_detail", pk=person.pk)
    return render(request, "accounts/people/role_add.html", {"form": form, "person": person})


@roles(*PEOPLE_MANAGERS)
def person_role_remove(request, pk: int, assignment_pk: int):
    person = _managed_person(request, pk)
    assignment = selectors.get_role_assignment_for_user(request.user, person, assignment_pk)
    error = None
    if request.method == "POST":
        try:
            services.role_remove(acting_user=request.user, assignment=assignment)
        except ValidationError as refusal:
            error = refusal.messages[0]
        else:
            messages.success(request, f"{person} is no longer {assignment.get_role_display().lower()} at {assignment.organisation}.")
            return redirect("accounts:person_detail", pk=person.pk)
    return render(request, "accounts/people/role_remove.html", {"person": person, "assignment": assignment, "error": error})


@roles(*PEOPLE_MANAGERS)
def person_deactivate(request, pk: int):
    person = _managed_person(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.person_deactivate(acting_user=request.user, person=person)
        except ValidationError as refusal:
            error = refusal.messages[0]
        else:
            messages.success(request, f"{person}'s account is deactivated. They can no longer sign in and their API tokens are revoked.")
            return redirect("accounts:person_detail", pk=person.pk)
    return render(request, "accounts/people/deactivate.html", {"person": person, "error": error})


@roles(*PEOPLE_MANAGERS)
@require_POST
def person_reactivate(request, pk: int):
    person = _managed_person(request, pk)
    services.person_reactivate(acting_user=request.user, person=person)
    messages.success(request, f"{person}'s account is active again. They can sign in.")
    return redirect("accounts:person_detail", pk=person.pk)


@roles(*PEOPLE_MANAGERS)
@require_POST
def person_unlock(request, pk: int):
    person = _managed_person(request, pk)
    services.person_unlock(acting_user=request.user, person=person)
    messages.success(request, f"{person}'s account is unlocked. They can sign in again.")
    return redirect("accounts:person_detail", pk=person.pk)


@roles(*PEOPLE_MANAGERS, Role.CAREERS_LEADER)
@require_POST
def person_send_password_email(request, pk: int):
    """Email a single-use link to set a password. Hub managers and administrators send it from the
    person's page; careers leaders from their school's staff page."""
    person = selectors.get_person_for_password_link(request.user, pk)
    try:
        services.person_send_password_set_email(acting_user=request.user, person=person, site_url=_site_url(request))
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
    else:
        messages.success(request, f"We have emailed {person.email} a link to set a password. It works once and expires in {_link_days()}.")
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(next_url)
    if request.user.has_any_role(PEOPLE_MANAGERS):
        return redirect("accounts:person_detail", pk=person.pk)
    return redirect("accounts:school_staff")


# A careers leader's school staff ------------------------------------------------------------------
@roles(Role.CAREERS_LEADER)
def school_staff(request):
    return render(request, "accounts/school_staff.html", {
        "staff": selectors.school_staff_of(request.user),
        "schools": selectors.schools_led_by(request.user),
    })


@roles(Role.CAREERS_LEADER)
def teacher_add(request):
    schools = selectors.schools_led_by(request.user)
    form = TeacherAddForm(request.POST if request.method == "POST" else None, schools=schools, initial={"send_email": True})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.person_create(
                acting_user=request.user, first_name=data["first_name"], last_name=data["last_name"],
                email=data["email"], username=data["username"], role=Role.TEACHER, organisation=form.chosen_school(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            message = f"{person.get_full_name()} is added as a teacher."
            if data["send_email"]:
                services.person_send_password_set_email(acting_user=request.user, person=person, site_url=_site_url(request))
                message += f" We have emailed {person.email} a link to set a password."
            messages.success(request, message)
            return redirect("accounts:school_staff")
    return render(request, "accounts/teacher_add.html", {"form": form, "schools": schools})
