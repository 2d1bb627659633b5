"""Employers in the directory: list, add, change, import, export, and their contacts."""
import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from careershub.accounts.roles import Role
from careershub.core.csv_import import iter_csv
from careershub.core.permissions import roles

from . import selectors, services
from .csv_formats import EmployerCsv, employers_for_export
from .download import csv_download
from .forms import EmployerContactForm, EmployerFilterForm, EmployerForm, add_service_errors
from .import_page import import_page
from careershub.core.paging import page_of
from .selectors import DIRECTORY_ROLES


def _posted(request):
    return request.POST if request.method == "POST" else None


def _filtered_employers(request):
    filter_form = EmployerFilterForm(request.GET)
    filters = filter_form.filters()
    employers = selectors.filter_employers(
        selectors.with_growth_sector(selectors.employers_visible_to(request.user)), **filters
    )
    return filter_form, filters, employers


@roles(*DIRECTORY_ROLES)
def employer_list(request):
    filter_form, filters, employers = _filtered_employers(request)
    page, numbers = page_of(request, employers.order_by("name", "pk"))
    is_manager = request.user.has_role(Role.HUB_MANAGER)
    return render(request, "network/employer_list.html", {
        "filter_form": filter_form, "filtered": bool(filters), "page_obj": page, "page_numbers": numbers,
        "can_add": is_manager, "can_import": is_manager,
    })


@roles(Role.HUB_MANAGER)
def employer_create(request):
    partnership = selectors.managed_partnership(request.user)
    form = EmployerForm(_posted(request), partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            employer = services.employer_create(
                acting_user=request.user, partnership=partnership,
                **{name: form.cleaned_data[name] for name in services.EMPLOYER_FIELDS},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{employer.name} added")
            return redirect(employer.get_absolute_url())
    return render(request, "network/employer_form.html", {"form": form, "employer": None})


@roles(Role.HUB_MANAGER)
def employer_edit(request, pk: int):
    employer = selectors.get_employer_for_editing(request.user, pk)
    form = EmployerForm(_posted(request), instance=copy.copy(employer), partnership=employer.partnership)
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_update(
                acting_user=request.user, employer=employer,
                **{name: form.cleaned_data[name] for name in services.EMPLOYER_FIELDS},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Employer details saved")
            return redirect(employer.get_absolute_url())
    return render(request, "network/employer_form.html", {"form": form, "employer": employer})


@roles(Role.HUB_MANAGER)
def employer_import(request):
    user = request.user
    return import_page(
        request, csv_format=EmployerCsv, heading="Import employers", noun_plural="employers",
        list_url_name="network:employer_list", export_url_name="network:employer_export",
        run=lambda content, file_name: services.employers_import(
            acting_user=user, partnership=selectors.managed_partnership(user), content=content, file_name=file_name,
        ),
    )


@roles(*DIRECTORY_ROLES)
def employer_export(request):
    _, _, employers = _filtered_employers(request)
    services.export_recorded(acting_user=request.user, kind="employer", count=employers.count())
    rows = iter_csv(EmployerCsv, employers_for_export(employers).iterator(chunk_size=2000), byte_order_mark=True)
    return csv_download(rows, f"employers-{timezone.localdate():%Y-%m-%d}.csv")


# Contacts -------------------------------------------------------------------------------------------------
@roles(Role.HUB_MANAGER)
def contact_create(request, employer_pk: int):
    employer = selectors.get_employer_for_editing(request.user, employer_pk)
    form = EmployerContactForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.employer_contact_create(
                acting_user=request.user, employer=employer,
                **{name: form.cleaned_data[name] for name in services.CONTACT_FIELDS},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{contact.name} added as a contact")
            return redirect(employer.get_absolute_url())
    return render(request, "network/contact_form.html", {"form": form, "employer": employer, "contact": None})


@roles(Role.HUB_MANAGER)
def contact_edit(request, employer_pk: int, pk: int):
    contact = selectors.get_contact_for_editing(request.user, employer_pk, pk)
    form = EmployerContactForm(_posted(request), instance=copy.copy(contact))
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_contact_update(
                acting_user=request.user, contact=contact,
                **{name: form.cleaned_data[name] for name in services.CONTACT_FIELDS},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Contact details saved")
            return redirect(contact.employer.get_absolute_url())
    return render(request, "network/contact_form.html", {"form": form, "employer": contact.employer, "contact": contact})


@roles(Role.HUB_MANAGER)
def contact_remove(request, employer_pk: int, pk: int):
    contact = selectors.get_contact_for_editing(request.user, employer_pk, pk)
    if request.method == "POST":
        services.employer_contact_remove(acting_user=request.user, contact=contact)
        messages.success(request, f"{contact.name} removed as a contact")
        return redirect(contact.employer.get_absolute_url())
    return render(request, "network/contact_remove.html", {"contact": contact, "employer": contact.employer})
