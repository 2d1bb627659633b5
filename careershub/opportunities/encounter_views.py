"""Attendance and whole-group encounter pages.

The host records attendance for its opportunity (others get 404 from the host's selector). Careers
leaders log whole-group encounters for their school; their school's staff, the area hub's coordinator
and the hub manager see them; only the careers leader deletes one logged in error.
"""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from careershub.accounts.roles import Role
from careershub.core.paging import page_of
from careershub.core.permissions import roles

from . import encounter_selectors as selectors
from . import encounter_services as services
from .encounter_forms import AttendanceForm, GroupEncounterForm
from .placement_views import add_errors
from .selectors import get_opportunity_for_host


@roles(Role.EMPLOYER_CONTACT)
def attendance(request, pk: int):
    opportunity = get_opportunity_for_host(request.user, pk)
    applications = list(selectors.accepted_applications(opportunity))
    attended = selectors.attended_young_person_ids(opportunity)
    rows = []
    for application in applications:
        application.opportunity = opportunity
        markable, reason = services.may_mark(application)
        rows.append({"application": application, "name": services.short_name(application.young_person),
                     "markable": markable, "reason": reason,
                     "attended": application.young_person_id in attended,
                     "placement": getattr(application, "placement", None)})
    markable = [(r["application"].pk, r["name"]) for r in rows if r["markable"]]
    initial = {"attended": [str(r["application"].pk) for r in rows if r["attended"]]}
    form = AttendanceForm(request.POST if request.method == "POST" else None, initial=initial, markable=markable,
                          opportunity=opportunity)
    if request.method == "POST" and form.is_valid():
        try:
            changes = services.attendance_record(
                acting_user=request.user, opportunity=opportunity, attended=form.cleaned_data["attended"],
                occurred_on=form.cleaned_data.get("occurred_on"),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            marked = len(form.cleaned_data["attended"])
            messages.success(request, f"Attendance saved: {marked} young {'person' if marked == 1 else 'people'} "
                                      f"attended ({changes['added']} added, {changes['removed']} taken off).")
            return redirect("opportunities:attendance", pk=opportunity.pk)
    checked = set(form["attended"].value() or []) if form.is_bound else set(initial["attended"])
    return render(request, "opportunities/attendance.html", {
        "opportunity": opportunity, "rows": rows, "form": form, "checked": {str(c) for c in checked},
        "started": opportunity.starts_on <= timezone.localdate(), "any_markable": bool(markable),
    }, status=400 if form.errors else 200)


# Whole-group encounters ---------------------------------------------------------------------------------
@roles(*selectors.GROUP_READERS)
def group_encounters(request):
    groups = selectors.group_encounters_visible_to(request.user)
    page, numbers = page_of(request, groups)
    return render(request, "opportunities/group_encounter_list.html", {
        "page_obj": page, "page_numbers": numbers, "groups": page.object_list,
        "may_log": bool(selectors.schools_led_by(request.user)),
        "show_school": not request.user.assignments_for(Role.CAREERS_LEADER) and not request.user.assignments_for(Role.TEACHER),
    })


@roles(Role.CAREERS_LEADER)
def group_encounter_new(request):
    schools = selectors.schools_led_by(request.user)
    if not schools:
        raise PermissionDenied("You are not a careers leader at a school.")
    form = GroupEncounterForm(request.POST if request.method == "POST" else None, schools=schools,
                              partnership=schools[0].partnership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group = services.group_encounter_log(
                acting_user=request.user, school=data["school"], kind=data["kind"], title=data["title"],
                occurred_on=data["occurred_on"], year_groups=data["year_groups"], employer=data["employer"],
                provider=data["provider"], host_name=data["host_name"], excluded_upns=data["excluded_upns"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            count = group.encounters.count()
            messages.success(request, f"‘{group.title}’ is on the records of {count} young "
                                      f"{'person' if count == 1 else 'people'}.")
            return redirect("opportunities:group_encounter_detail", pk=group.pk)
    return render(request, "opportunities/group_encounter_form.html", {"form": form, "school_count": len(schools)},
                  status=400 if form.errors else 200)


@roles(*selectors.GROUP_READERS)
def group_encounter_detail(request, pk: int):
    group = selectors.get_group_encounter_for_user(request.user, pk)
    return render(request, "opportunities/group_encounter_detail.html", {
        "group": group, "year_groups": selectors.group_year_groups(group),
        "may_delete": selectors.is_careers_leader_at(request.user, group.school_id),
    })


@roles(Role.CAREERS_LEADER)
def group_encounter_delete(request, pk: int):
    group = selectors.get_group_encounter_for_user(request.user, pk)
    if not selectors.is_careers_leader_at(request.user, group.school_id):
        raise PermissionDenied("Only the school's careers leader deletes a whole-group encounter.")
    if request.method == "POST":
        removed = services.group_encounter_delete(acting_user=request.user, group=group)
        messages.success(request, f"‘{group.title}’ is deleted and taken off {removed} records.")
        return redirect("opportunities:group_encounters")
    return render(request, "opportunities/group_encounter_delete.html", {"group": group})
