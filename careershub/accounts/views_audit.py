"""The audit log, for the partnership's data protection lead (the hub manager) and administrators."""
from django.shortcuts import render

from careershub.core.permissions import roles
from careershub.core.paging import page_of
from careershub.young_people.selectors import young_people_visible_to

from . import selectors
from .forms import AuditFilterForm
from .roles import PEOPLE_MANAGERS

ENTRIES_PER_PAGE = 50


@roles(*PEOPLE_MANAGERS)
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "accounts/audit_log.html", {"form": form, "page_obj": None})
    filters = form.filters() if form.is_bound else {}
    page_obj, page_numbers = page_of(request, selectors.audit_search(user=request.user, **filters), per_page=ENTRIES_PER_PAGE)
    named = selectors.young_people_named(entry.young_person_id for entry in page_obj)
    openable = set(young_people_visible_to(request.user).filter(pk__in=list(named)).values_list("pk", flat=True)) if named else set()
    rows = [
        {"entry": entry, "young_person": named.get(entry.young_person_id), "openable": entry.young_person_id in openable}
        for entry in page_obj
    ]
    return render(request, "accounts/audit_log.html", {
        "form": form, "page_obj": page_obj, "page_numbers": page_numbers, "rows": rows,
        "filtered": any(v not in (None, "") for v in filters.values()),
    })
