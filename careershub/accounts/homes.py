"""Each role's home page. Apps register theirs in HOME_URLS (role -> url name)."""
from django.urls import reverse

from .roles import Role

HOME_URLS: dict[str, str] = {
    Role.HUB_MANAGER: "network:hub_dashboard",
    Role.ENTERPRISE_COORDINATOR: "network:hub_dashboard",
    Role.ANALYST: "network:hub_dashboard",
    Role.ADMIN: "accounts:admin_home",
    Role.CAREERS_LEADER: "network:my_school",
    Role.TEACHER: "network:my_school",
    Role.EMPLOYER_CONTACT: "network:my_employer",
    Role.ENTERPRISE_ADVISER: "advisers:my_schools",
    Role.MENTOR: "mentoring:caseload",
    Role.CAREERS_ADVISER: "plans:adviser_home",
    Role.YOUNG_PERSON: "young_people:my_record",
    Role.PARENT_CARER: "young_people:my_children",
}


def home_url_for(user) -> str | None:
    role = user.primary_role
    if role is None:
        return None
    return reverse(HOME_URLS[role])
