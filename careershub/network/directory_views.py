"""The directory's front page, the area hubs and the partnership's growth sectors."""
import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from careershub.accounts.roles import HUB_STAFF, Role
from careershub.core.permissions import roles

from . import selectors, services
from .forms import AreaHubForm, GrowthSectorAddForm, GrowthSectorForm, add_service_errors
from .selectors import DIRECTORY_ROLES


def _posted(request):
    return request.POST if request.method == "POST" else None


@roles(*DIRECTORY_ROLES)
def directory(request):
    user = request.user
    return render(request, "network/directory.html", {
        "counts": selectors.directory_counts(user),
        "is_manager": user.has_role(Role.HUB_MANAGER),
        "is_hub_staff": user.has_any_role(HUB_STAFF),
    })


# Area hubs ------------------------------------------------------------------------------------------------
@roles(*DIRECTORY_ROLES)
def area_hub_list(request):
    return render(request, "network/area_hub_list.html", {
        "area_hubs": selectors.area_hubs_with_counts(request.user),
        "can_add": request.user.has_role(Role.HUB_MANAGER),
    })


@roles(Role.HUB_MANAGER)
def area_hub_create(request):
    partnership = selectors.managed_partnership(request.user)
    form = AreaHubForm(_posted(request), partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            area_hub = services.area_hub_create(acting_user=request.user, partnership=partnership,
                                                name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Area hub {area_hub.name} added")
            return redirect("network:area_hub_list")
    return render(request, "network/area_hub_form.html", {"form": form, "area_hub": None})


@roles(Role.HUB_MANAGER)
def area_hub_edit(request, pk: int):
    area_hub = selectors.get_area_hub_for_editing(request.user, pk)
    form = AreaHubForm(_posted(request), instance=copy.copy(area_hub), partnership=area_hub.partnership)
    if request.method == "POST" and form.is_valid():
        try:
            services.area_hub_update(acting_user=request.user, area_hub=area_hub, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Area hub saved")
            return redirect("network:area_hub_list")
    return render(request, "network/area_hub_form.html", {"form": form, "area_hub": area_hub})


# Growth sectors ----------------------------------------------------------------------------------------------
@roles(*DIRECTORY_ROLES)
def growth_sectors(request):
    """The partnership's priority growth sectors in order. The hub manager adds, reorders and removes
    them here (each button posts its own small form, so it all works without JavaScript)."""
    user = request.user
    partnership = selectors.directory_partnership(user)
    sectors = list(selectors.growth_sectors_of(partnership))
    is_manager = selectors.managed_partnership(user) is not None
    add_form = GrowthSectorAddForm(taken={s.sic_section for s in sectors})
    if request.method == "POST":
        if not is_manager:
            raise PermissionDenied("Only the hub manager can change the growth sectors.")
        action = request.POST.get("action", "")
        if action == "add":
            add_form = GrowthSectorAddForm(request.POST, taken={s.sic_section for s in sectors})
            if add_form.is_valid():
                try:
                    sector = services.growth_sector_add(acting_user=user, partnership=partnership, **add_form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(add_form, error)
                else:
                    messages.success(request, f"{sector.label} added as growth sector {sector.priority}")
                    return redirect("network:growth_sectors")
        elif action in ("up", "down", "remove"):
            sector = selectors.get_growth_sector_for_editing(user, request.POST.get("sic_section", ""))
            if action == "remove":
                services.growth_sector_remove(acting_user=user, growth_sector=sector)
                messages.success(request, f"{sector.label} is no longer a growth sector")
            else:
                services.growth_sector_move(acting_user=user, growth_sector=sector, up=action == "up")
                messages.success(request, f"{sector.label} moved {action}")
            return redirect("network:growth_sectors")
        else:
            return redirect("network:growth_sectors")
    return render(request, "network/growth_sectors.html", {
        "sectors": sectors, "add_form": add_form, "is_manager": is_manager,
    })


@roles(Role.HUB_MANAGER)
def growth_sector_edit(request, sic_section: str):
    sector = selectors.get_growth_sector_for_editing(request.user, sic_section)
    form = GrowthSectorForm(_posted(request), instance=copy.copy(sector))
    if request.method == "POST" and form.is_valid():
        services.growth_sector_update(acting_user=request.user, growth_sector=sector, label=form.cleaned_data["label"])
        messages.success(request, "Growth sector saved")
        return redirect("network:growth_sectors")
    return render(request, "network/growth_sector_form.html", {"form": form, "sector": sector})
