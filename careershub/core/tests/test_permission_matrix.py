"""Every page and endpoint × every member of the cast. See core/matrix.py."""
import importlib
import re
import pkgutil

import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver

import careershub
from careershub.api import api
from careershub.conftest import build_cast
from careershub.core.matrix import ANONYMOUS, EVERYONE, Row


def collect_rows() -> list[Row]:
    rows = []
    for module in pkgutil.iter_modules(careershub.__path__):
        try:
            matrix = importlib.import_module(f"careershub.{module.name}.tests.matrix")
        except ModuleNotFoundError:
            continue
        rows.extend(matrix.ROWS)
    return rows


ROWS = collect_rows()
CASES = [(row, who) for row in ROWS for who in (*EVERYONE, ANONYMOUS)]


@pytest.fixture(scope="module")
def matrix_cast(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        # One cast for the whole module, rolled back at the end.
        atomic = transaction.atomic()
        atomic.__enter__()
        with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
            cast = build_cast()
        yield cast
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def _request(client, row: Row, url: str, cast=None):
    method = getattr(client, row.method)
    if row.method == "get":
        return method(url)
    data = row.data(cast) if callable(row.data) else row.data  # a callable builds data from the cast
    if row.api:
        return method(url, data=data or {}, content_type="application/json")
    return method(url, data=data or {})


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "who"), CASES, ids=[f"{r.route}|{w}" for r, w in CASES])
def test_matrix(row: Row, who: str, matrix_cast, client):
    cast = matrix_cast
    url = row.url(cast)
    if who != ANONYMOUS:
        client.force_login(cast.users[who])
    response = _request(client, row, url, cast)
    if row.public:
        expected = row.signed_in_ok if (row.signed_in_ok and who != ANONYMOUS) else row.ok
        assert response.status_code == expected, f"{who} on public {url}: {response.status_code}"
    elif who == ANONYMOUS:
        if row.api:
            assert response.status_code == 401, f"anonymous on {url}: {response.status_code}"
        else:
            assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"], (
                f"anonymous on {url}: {response.status_code}"
            )
    elif who in row.allowed:
        assert response.status_code == row.ok, f"{who} should reach {url} but got {response.status_code}"
    else:
        assert response.status_code in row.denied_statuses, (
            f"{who} should be refused {url} but got {response.status_code}"
        )


def test_every_page_has_a_matrix_row():
    covered = {row.route for row in ROWS if not row.api}
    names = route_names()
    unnamed = [route for (namespace, route), name in names.items() if name is None]
    assert unnamed == [], "every URL pattern needs a name so the matrix can list it"
    missing = sorted({name for name in names.values() if name not in covered})
    assert missing == []


def test_every_api_operation_has_a_matrix_row():
    covered = {row.route for row in ROWS if row.api}
    missing = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    path_without_converters = re.sub(r"\{\w+:", "{", path)
                    route = f"{method} /api/{prefix.strip('/')}{path_without_converters}".replace("//", "/")
                    if route not in covered:
                        missing.append(route)
    assert sorted(missing) == []


def route_names() -> dict:
    """(namespace, route) -> "namespace:name" for every page outside the admin and the API."""
    names = {}

    def visit(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                visit(pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                if namespace in ("admin", "api"):
                    continue
                names[(namespace, prefix + str(pattern.pattern))] = (
                    f"{namespace}:{pattern.name}" if pattern.name else None
                )

    visit(get_resolver().url_patterns)
    return names
