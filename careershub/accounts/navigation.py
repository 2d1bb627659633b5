"""The links in the service navigation, by role. Each app adds its own through NAVIGATION."""
from django.urls import NoReverseMatch, reverse

from .roles import Role

# (url name, label, roles that see the link) in display order.
NAVIGATION: list[tuple[str, str, tuple[str, ...]]] = [
    ("accounts:home", "Home", tuple(Role)),
]


def links_for(user) -> list[dict]:
    links = []
    for url_name, label, allowed in NAVIGATION:
        if user.has_any_role(allowed):
            try:
                links.append({"url": reverse(url_name), "label": label})
            except NoReverseMatch:
                continue
    return links
