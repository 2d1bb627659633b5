from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from careershub.accounts.roles import Role
from careershub.core.permissions import roles, signed_in
from careershub.core.paging import page_of
from careershub.core.pdf import render_pdf

from . import record_sections, selectors, services, subject_access
from .forms import YoungPeopleFilterForm, describe_filters

PER_PAGE = 50


@roles(*selectors.LIST_ROLES)
def school_list(request, school_pk: int | None = None):
    """The young people this member of staff may see: a careers leader's or teacher's school, an
    enterprise coordinator's area hubs, the hub manager's partnership (with a school filter).
    /young-people/schools/<id>/ is one school's list, as linked from the school's page."""
    schools = selectors.schools_of_young_people_visible_to(request.user)
    school_names = dict(schools)
    if school_pk is not None and school_pk not in school_names:
        raise Http404("No young people of that school are visible to you.")
    form = YoungPeopleFilterForm(request.GET or None, schools=[] if school_pk else schools)
    context = {"form": form, "school_pk": school_pk, "school_name": school_names.get(school_pk, "")}
    if form.is_bound and not form.is_valid():
        return render(request, "young_people/list.html", {**context, "page_obj": None})
    filters = form.filters() if form.is_bound else {}
    if school_pk is not None:
        filters["school_id"] = school_pk
    page_obj, page_numbers = page_of(request, selectors.young_people_list(user=request.user, **filters), per_page=PER_PAGE)
    services.list_viewed(
        acting_user=request.user, shown=len(page_obj.object_list),
        description=describe_filters(
            **{k: v for k, v in filters.items() if k != "school_id"},
            school_name=school_names.get(filters.get("school_id"), ""), page=page_obj.number,
        ),
    )
    return render(request, "young_people/list.html", {
        **context,
        "page_obj": page_obj,
        "page_numbers": page_numbers,
        "filtered": any(v not in (None, "") for k, v in filters.items() if not (school_pk and k == "school_id")),
        "show_school": school_pk is None and len(schools) > 1,
    })


@signed_in
def detail(request, pk: int):
    young_person = selectors.get_young_person_for_user(request.user, pk)
    services.record_viewed(acting_user=request.user, young_person=young_person)
    is_school_staff = selectors.is_school_staff_for(request.user, young_person)
    return render(request, "young_people/detail.html", {
        "young_person": young_person,
        "staff_view": selectors.sees_as_staff(request.user, young_person),
        "parent_links": selectors.parents_of(young_person) if is_school_staff else None,
        "sections": record_sections.sections_for(request.user, young_person),
        "may_download": selectors.may_download_everything(request.user, young_person, timezone.localdate()),
    })


@roles(Role.YOUNG_PERSON)
def my_record(request):
    young_person = selectors.young_people_visible_to(request.user).filter(user=request.user).first()
    if young_person is None:
        return render(request, "young_people/no_record.html", status=404)
    return render(request, "young_people/detail.html", {
        "young_person": young_person, "is_self": True, "may_download": True,
        "sections": record_sections.sections_for(request.user, young_person),
    })


@roles(Role.PARENT_CARER)
def my_children(request):
    children = selectors.young_people_visible_to(request.user)
    if len(children) == 1:
        return redirect(children[0].get_absolute_url())
    return render(request, "young_people/my_children.html", {"children": children})


def _exportable(request, pk: int):
    young_person = selectors.get_young_person_for_user(request.user, pk)
    if not selectors.may_download_everything(request.user, young_person, timezone.localdate()):
        raise PermissionDenied("Only the young person (or a parent, for a child under 13) downloads this.")
    return young_person


def _export_filename(young_person, extension: str) -> str:
    return f"careers-hub-{slugify(young_person.full_name)}-{timezone.localdate():%Y-%m-%d}.{extension}"


@signed_in
def everything_json(request, pk: int):
    """Everything held about the young person, as JSON (their subject access request, self-service)."""
    young_person = _exportable(request, pk)
    services.everything_downloaded(acting_user=request.user, young_person=young_person, file_format="JSON")
    response = JsonResponse(subject_access.export_for(young_person), json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{_export_filename(young_person, "json")}"'
    return response


@signed_in
def everything_pdf(request, pk: int):
    """The same, as a PDF to read or print."""
    young_person = _exportable(request, pk)
    services.everything_downloaded(acting_user=request.user, young_person=young_person, file_format="PDF")
    export = subject_access.export_for(young_person)
    html = render_to_string("young_people/everything_pdf.html", {
        "export": export, "young_person": young_person, "title": export["about"], "footer": "Careers Hub",
        "today_label": f"{timezone.localdate():%-d %B %Y}",
    })
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_export_filename(young_person, "pdf")}"'
    return response
