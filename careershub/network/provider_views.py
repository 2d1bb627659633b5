"""Providers in the directory: training providers, universities, community organisations and careers
services."""
import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from careershub.accounts.roles import Role
from careershub.core.permissions import roles

from . import selectors, services
from .forms import ProviderFilterForm, ProviderForm, SchoolsServedForm, add_service_errors
from careershub.core.paging import page_of
from .selectors import DIRECTORY_ROLES


def _posted(request):
    return request.POST if request.method == "POST" else None


@roles(*DIRECTORY_ROLES)
def provider_list(request):
    filter_form = ProviderFilterForm(request.GET)
    filters = filter_form.filters()
    providers = selectors.filter_providers(selectors.providers_visible_to(request.user), **filters)
    page, numbers = page_of(request, providers.order_by("name", "pk"))
    return render(request, "network/provider_list.html", {
        "filter_form": filter_form, "filtered": bool(filters), "page_obj": page, "page_numbers": numbers,
        "can_add": request.user.has_role(Role.HUB_MANAGER),
    })


@roles(Role.HUB_MANAGER)
def provider_create(request):
    partnership = selectors.managed_partnership(request.user)
    form = ProviderForm(_posted(request), partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            provider = services.provider_create(
                acting_user=request.user, partnership=partnership,
                **{name: form.cleaned_data[name] for name in services.PROVIDER_FIELDS},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{provider.name} added")
            return redirect(provider.get_absolute_url())
    return render(request, "network/provider_form.html", {"form": form, "provider": None})


@roles(Role.HUB_MANAGER)
def provider_edit(request, pk: int):
    provider = selectors.get_provider_for_editing(request.user, pk)
    form = ProviderForm(_posted(request), instance=copy.copy(provider), partnership=provider.partnership)
    if request.method == "POST" and form.is_valid():
        try:
            services.provider_update(
                acting_user=request.user, provider=provider,
                **{name: form.cleaned_data[name] for name in services.PROVIDER_FIELDS},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Provider details saved")
            return redirect(provider.get_absolute_url())
    return render(request, "network/provider_form.html", {"form": form, "provider": provider})


@roles(Role.HUB_MANAGER)
def provider_schools(request, pk: int):
    """Which schools and colleges the provider works with."""
    provider = selectors.get_provider_for_editing(request.user, pk)
    initial = {"schools": list(provider.schools_served.all())}
    form = SchoolsServedForm(_posted(request), initial=initial, partnership=provider.partnership)
    if request.method == "POST" and form.is_valid():
        try:
            services.provider_set_schools_served(acting_user=request.user, provider=provider,
                                                 schools=form.cleaned_data["schools"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Schools served saved")
            return redirect(provider.get_absolute_url())
    return render(request, "network/provider_schools.html", {"form": form, "provider": provider})
