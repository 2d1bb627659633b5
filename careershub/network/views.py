from django.shortcuts import redirect, render

from careershub.accounts.roles import HUB_STAFF, Role
from careershub.core.permissions import roles, signed_in

from . import selectors


@roles(*HUB_STAFF, Role.ANALYST)
def hub_dashboard(request):
    """The hub's figures; ``?format=csv&figure=<name>`` downloads one figure's table."""
    from . import dashboard

    figures = dashboard.figures_for(request.user)
    if request.GET.get("format") == "csv":
        return dashboard.csv_response(figures, request.GET.get("figure", ""))
    return render(request, "network/hub_dashboard.html", {
        "dashboard": figures,
        "can_match": request.user.has_any_role(HUB_STAFF),
    })


def _url_or_none(name: str, *args) -> str | None:
    """The address of a page another part of Careers Hub provides, if it is there."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _young_people_list_url(user, school) -> str | None:
    """For the school's own careers leaders and teachers: their young people list, where there is one."""
    from careershub.accounts.roles import SCHOOL_STAFF

    if not any(a.school_id == school.pk for role in SCHOOL_STAFF for a in user.assignments_for(role)):
        return None
    return _url_or_none("young_people:school_list")


@signed_in
def school_detail(request, pk: int):
    """A school's page: status and its dates, area hub, the matched enterprise adviser and, for the
    school's own staff, a way to their young people."""
    user = request.user
    school = selectors.get_school_for_user(user, pk)
    can_edit = selectors.may_edit_school(user, school)
    return render(request, "network/school_detail.html", {
        "school": school,
        "adviser_match": selectors.current_adviser_match(school),
        "show_adviser_email": not user.has_role(Role.YOUNG_PERSON) or len(user.role_set) > 1,
        "can_edit": can_edit,
        "can_browse": user.has_any_role(selectors.DIRECTORY_ROLES),
        "matching_url": _url_or_none("advisers:school_matching", school.pk) if can_edit else None,
        "young_people_url": _young_people_list_url(user, school),
    })


@signed_in
def employer_detail(request, pk: int):
    """An employer's page: sector (and whether it is a growth sector), size, flags and contacts."""
    user = request.user
    employer = selectors.get_employer_for_user(user, pk)
    return render(request, "network/employer_detail.html", {
        "employer": employer,
        "contacts": selectors.contacts_of(employer),
        "can_edit": selectors.employers_editable_by(user).filter(pk=employer.pk).exists(),
        "can_browse": user.has_any_role(selectors.DIRECTORY_ROLES),
    })


@signed_in
def provider_detail(request, pk: int):
    user = request.user
    provider = selectors.get_provider_for_user(user, pk)
    return render(request, "network/provider_detail.html", {
        "provider": provider,
        "schools_served": provider.schools_served.order_by("name").only("name"),
        "can_edit": selectors.providers_editable_by(user).filter(pk=provider.pk).exists(),
        "can_browse": user.has_any_role(selectors.DIRECTORY_ROLES),
    })


def _own(user, role_names, field):
    for role in role_names:
        for assignment in user.assignments_for(role):
            if getattr(assignment, f"{field}_id"):
                return getattr(assignment, field)
    return None


@roles(Role.CAREERS_LEADER, Role.TEACHER)
def my_school(request):
    return redirect(_own(request.user, (Role.CAREERS_LEADER, Role.TEACHER), "school").get_absolute_url())


@roles(Role.EMPLOYER_CONTACT)
def my_employer(request):
    return redirect(_own(request.user, (Role.EMPLOYER_CONTACT,), "employer").get_absolute_url())


@roles(Role.MENTOR, Role.CAREERS_ADVISER)
def my_provider(request):
    return redirect(_own(request.user, (Role.MENTOR, Role.CAREERS_ADVISER), "provider").get_absolute_url())
