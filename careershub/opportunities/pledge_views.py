"""The pledge dashboard: who is short of the partnership's target of experiences of a workplace, by
school, year group and characteristic, with small numbers suppressed; and, for a school's careers
staff, the list of their own young people in years 10 and 11 who are short."""
import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from careershub.accounts.roles import HUB_STAFF, Role
from careershub.core.paging import page_of
from careershub.core.permissions import roles

from . import pledge as figures_of
from .pledge_forms import PledgeFilterForm


def _scope(request) -> figures_of.Scope:
    scope = figures_of.scope_for(request.user)
    if scope is None:
        raise PermissionDenied("Your role does not give access to the pledge dashboard.")
    return scope


@roles(*figures_of.PLEDGE_ROLES)
def pledge(request):
    scope = _scope(request)
    filterable = len(scope.schools) > 1
    bound = filterable and "school" in request.GET
    form = PledgeFilterForm(request.GET if bound else None, schools=scope.schools)
    school_id = form.cleaned_data.get("school") if bound and form.is_valid() else None
    figures = figures_of.dashboard(scope, school_id=school_id)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="pledge.csv"'
        csv.writer(response).writerows(figures_of.csv_rows(figures))
        return response
    return render(request, "opportunities/pledge.html", {
        "figures": figures, "form": form, "filterable": filterable,
        "school_name": dict(scope.schools).get(school_id, "") if school_id else "",
        "scope": scope, "starts_rounds": request.user.has_any_role(HUB_STAFF),
        "csv_query": f"?school={school_id}&format=csv" if school_id else "?format=csv",
    }, status=400 if form.errors else 200)


@roles(*figures_of.SHORT_LIST_ROLES)
def pledge_short(request):
    scope = _scope(request)
    school_ids = [a.school_id for a in request.user._assignments()
                  if a.role in (Role.CAREERS_LEADER, Role.TEACHER) and a.school_id]
    people = figures_of.short_of_target(scope, school_ids=school_ids)
    page, numbers = page_of(request, people)
    return render(request, "opportunities/pledge_short.html", {
        "page_obj": page, "page_numbers": numbers, "people": page.object_list,
        "target": scope.partnership.workplace_experience_target,
    })
