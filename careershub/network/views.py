from django.shortcuts import redirect, render

from careershub.accounts.roles import HUB_STAFF, Role
from careershub.core.permissions import roles, signed_in

from . import selectors


@roles(*HUB_STAFF, Role.ANALYST)
def hub_dashboard(request):
    schools = selectors.schools_visible_to(request.user)
    return render(request, "network/hub_dashboard.html", {
        "schools_total": schools.count(),
        "schools_engaged": schools.filter(status="engaged").count(),
    })


@signed_in
def school_detail(request, pk: int):
    school = selectors.get_school_for_user(request.user, pk)
    return render(request, "network/school_detail.html", {"school": school})


@signed_in
def employer_detail(request, pk: int):
    employer = selectors.get_employer_for_user(request.user, pk)
    return render(request, "network/employer_detail.html", {"employer": employer})


@signed_in
def provider_detail(request, pk: int):
    provider = selectors.get_provider_for_user(request.user, pk)
    return render(request, "network/provider_detail.html", {"provider": provider})


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
