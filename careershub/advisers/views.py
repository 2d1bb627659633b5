from django.shortcuts import render

from careershub.accounts.roles import Role
from careershub.core.permissions import roles
from careershub.network import selectors as network_selectors


@roles(Role.ENTERPRISE_ADVISER)
def my_schools(request):
    schools = network_selectors.schools_visible_to(request.user)
    return render(request, "advisers/my_schools.html", {"schools": schools})
