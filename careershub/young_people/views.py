from django.shortcuts import redirect, render

from careershub.accounts.roles import Role
from careershub.core.permissions import roles, signed_in

from . import selectors, services


@signed_in
def detail(request, pk: int):
    young_person = selectors.get_young_person_for_user(request.user, pk)
    services.record_viewed(acting_user=request.user, young_person=young_person)
    return render(request, "young_people/detail.html", {"young_person": young_person})


@roles(Role.YOUNG_PERSON)
def my_record(request):
    young_person = selectors.young_people_visible_to(request.user).filter(user=request.user).first()
    if young_person is None:
        return render(request, "young_people/no_record.html", status=404)
    return render(request, "young_people/detail.html", {"young_person": young_person, "is_self": True})


@roles(Role.PARENT_CARER)
def my_children(request):
    children = selectors.young_people_visible_to(request.user)
    if len(children) == 1:
        return redirect(children[0].get_absolute_url())
    return render(request, "young_people/my_children.html", {"children": children})
