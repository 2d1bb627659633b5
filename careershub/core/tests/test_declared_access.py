"""Every URL and every API operation declares who may use it (core.permissions)."""
from django.urls import URLPattern, URLResolver, get_resolver

from careershub.api import api
from careershub.core.permissions import access_of

EXEMPT_NAMESPACES = {"admin"}  # Django's admin checks is_staff itself.


def walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace, pattern.callback


def test_every_page_declares_its_access():
    missing = []
    for route, namespace, callback in walk(get_resolver().url_patterns):
        if namespace in EXEMPT_NAMESPACES or namespace == "api":
            continue
        view = getattr(callback, "view_class", None) and callback or callback
        if access_of(view) is None:
            missing.append(route)
    assert missing == []


def test_every_api_operation_declares_its_access():
    missing = []
    for _, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                if access_of(operation.view_func) is None:
                    missing.append(f"{operation.methods} {path}")
    assert missing == []


def test_the_openapi_document_is_served(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Careers Hub API"
