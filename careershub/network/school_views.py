"""Schools and colleges in the directory: list, add, change, import and export."""
import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from careershub.accounts.roles import HUB_STAFF
from careershub.core.csv_import import iter_csv
from careershub.core.permissions import roles

from . import selectors, services
from .csv_formats import SchoolCsv, schools_for_export
from .download import csv_download
from .forms import SchoolFilterForm, SchoolForm, add_service_errors
from .import_page import import_page
from careershub.core.paging import page_of
from .selectors import DIRECTORY_ROLES


def _filtered_schools(request):
    user = request.user
    filter_form = SchoolFilterForm(request.GET, area_hubs=selectors.area_hubs_for_school_filter(user))
    filters = filter_form.filters()
    schools = selectors.filter_schools(selectors.schools_visible_to(user), **filters)
    return filter_form, filters, schools


@roles(*DIRECTORY_ROLES)
def school_list(request):
    filter_form, filters, schools = _filtered_schools(request)
    page, numbers = page_of(request, selectors.with_current_adviser(schools).order_by("name", "pk"))
    is_hub_staff = request.user.has_any_role(HUB_STAFF)
    return render(request, "network/school_list.html", {
        "filter_form": filter_form, "filtered": bool(filters), "page_obj": page, "page_numbers": numbers,
        "can_add": is_hub_staff, "can_import": is_hub_staff,
    })


def _school_form(request, *, instance=None):
    user = request.user
    area_hubs = selectors.area_hubs_for_new_schools(user)
    is_manager = selectors.managed_partnership(user) is not None
    return SchoolForm(request.POST if request.method == "POST" else None, instance=instance, area_hubs=area_hubs.order_by("name"),
                      area_hub_required=not is_manager)


@roles(*HUB_STAFF)
def school_create(request):
    form = _school_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            school = services.school_create(
                acting_user=request.user, partnership=selectors.directory_partnership(request.user),
                **{name: form.cleaned_data[name] for name in services.SCHOOL_FIELDS},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{school.name} added")
            return redirect(school.get_absolute_url())
    return render(request, "network/school_form.html", {"form": form, "school": None})


@roles(*HUB_STAFF)
def school_edit(request, pk: int):
    school = selectors.get_school_for_editing(request.user, pk)
    form = _school_form(request, instance=copy.copy(school))  # the form changes its instance as it cleans
    if request.method == "POST" and form.is_valid():
        try:
            services.school_update(
                acting_user=request.user, school=school,
                **{name: form.cleaned_data[name] for name in services.SCHOOL_FIELDS},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "School details saved")
            return redirect(school.get_absolute_url())
    return render(request, "network/school_form.html", {"form": form, "school": school})


@roles(*HUB_STAFF)
def school_import(request):
    user = request.user
    own_hubs = None
    if selectors.managed_partnership(user) is None:
        own_hubs = list(selectors.area_hubs_for_new_schools(user).values_list("name", flat=True))
    return import_page(
        request, csv_format=SchoolCsv, heading="Import schools and colleges", noun_plural="schools",
        list_url_name="network:school_list", export_url_name="network:school_export",
        run=lambda content, file_name: services.schools_import(
            acting_user=user, partnership=selectors.directory_partnership(user), content=content,
            file_name=file_name,
        ),
        extra={"own_hubs": own_hubs},
    )


@roles(*DIRECTORY_ROLES)
def school_export(request):
    _, _, schools = _filtered_schools(request)
    services.export_recorded(acting_user=request.user, kind="school", count=schools.count())
    rows = iter_csv(SchoolCsv, schools_for_export(schools).iterator(chunk_size=2000), byte_order_mark=True)
    return csv_download(rows, f"schools-{timezone.localdate():%Y-%m-%d}.csv")

