"""The cast shared by every test: one person per role in a small partnership, plus outsiders.

Two schools in two area hubs, so every "my own school only" rule has someone on the other side:
``cast.careers_leader`` works at ``cast.school`` (area hub 1); ``cast.other_careers_leader`` at
``cast.other_school`` (area hub 2). ``cast.provider`` serves ``cast.school``, so its careers adviser
sees that school's young people. ``cast.outsider`` is signed in but holds no role at all.
"""
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from careershub.accounts.roles import Role
from careershub.accounts.tests.factories import PASSWORD, RoleAssignmentFactory, UserFactory
from careershub.advisers.models import AdviserMatch
from careershub.network.tests.factories import (
    AreaHubFactory,
    EmployerFactory,
    PartnershipFactory,
    ProviderFactory,
    SchoolFactory,
)
from careershub.advisers.tests.factories import EnterpriseAdviserFactory
from careershub.young_people.models import ParentLink
from careershub.young_people.tests.factories import YoungPersonFactory


@dataclass
class Cast:
    partnership: object
    area_hub: object
    other_area_hub: object
    school: object
    other_school: object
    employer: object
    other_employer: object
    provider: object
    enterprise_adviser_record: object
    young_person_record: object
    other_young_person_record: object
    users: dict = field(default_factory=dict)
    password: str = PASSWORD

    def __getattr__(self, name):
        users = self.__dict__.get("users", {})
        if name in users:
            return users[name]
        raise AttributeError(name)

    def role_users(self) -> dict:
        """One signed-in person per role (the twelve roles), keyed by role value."""
        return {role.value: self.users[role.value] for role in Role}


# Fixed names, so that no test depends on what a name generator happens to produce (an apostrophe
# in a surname is escaped in HTML, for one).
CAST_NAMES = {
    "hub_manager": ("Hannah", "Moss"),
    "enterprise_coordinator": ("Ellis", "Carter"),
    "careers_leader": ("Carys", "Lloyd"),
    "teacher": ("Tomasz", "Nowak"),
    "employer_contact": ("Esther", "Clarke"),
    "enterprise_adviser": ("Adeel", "Vance"),
    "mentor": ("Mina", "Torres"),
    "careers_adviser": ("Callum", "Adair"),
    "young_person": ("Amira", "Khan"),
    "parent_carer": ("Parveen", "Khan"),
    "analyst": ("Anil", "Sharma"),
    "admin": ("Ada", "Minton"),
    "other_careers_leader": ("Olivia", "Lewis"),
    "other_employer_contact": ("Oscar", "Ellison"),
}


def build_cast() -> Cast:
    partnership = PartnershipFactory()
    area_hub = AreaHubFactory(partnership=partnership, name="North")
    other_area_hub = AreaHubFactory(partnership=partnership, name="South")
    school = SchoolFactory(partnership=partnership, area_hub=area_hub, name="Northfield Academy")
    other_school = SchoolFactory(partnership=partnership, area_hub=other_area_hub, name="Southgate High")
    employer = EmployerFactory(partnership=partnership, name="Potteries Precision Ltd")
    other_employer = EmployerFactory(partnership=partnership, name="Kiln Logistics Ltd")
    provider = ProviderFactory(partnership=partnership, name="Open Doors Mentoring")
    # Its careers adviser gives personal guidance at Northfield (so sees Northfield's young people).
    provider.schools_served.add(school)

    def person(key, role, **scope):
        first_name, last_name = CAST_NAMES[key]
        user = UserFactory(username=key, first_name=first_name, last_name=last_name)
        RoleAssignmentFactory(user=user, role=role, partnership=partnership, **scope)
        return user

    users = {
        Role.HUB_MANAGER.value: person("hub_manager", Role.HUB_MANAGER),
        Role.ENTERPRISE_COORDINATOR.value: person("enterprise_coordinator", Role.ENTERPRISE_COORDINATOR, area_hub=area_hub),
        Role.CAREERS_LEADER.value: person("careers_leader", Role.CAREERS_LEADER, school=school),
        Role.TEACHER.value: person("teacher", Role.TEACHER, school=school),
        Role.EMPLOYER_CONTACT.value: person("employer_contact", Role.EMPLOYER_CONTACT, employer=employer),
        Role.ENTERPRISE_ADVISER.value: person("enterprise_adviser", Role.ENTERPRISE_ADVISER, employer=employer),
        Role.MENTOR.value: person("mentor", Role.MENTOR, provider=provider),
        Role.CAREERS_ADVISER.value: person("careers_adviser", Role.CAREERS_ADVISER, provider=provider),
        Role.YOUNG_PERSON.value: person("young_person", Role.YOUNG_PERSON, school=school),
        Role.PARENT_CARER.value: person("parent_carer", Role.PARENT_CARER),
        Role.ANALYST.value: person("analyst", Role.ANALYST),
        Role.ADMIN.value: person("admin", Role.ADMIN),
    }
    users["other_careers_leader"] = person("other_careers_leader", Role.CAREERS_LEADER, school=other_school)
    users["other_employer_contact"] = person("other_employer_contact", Role.EMPLOYER_CONTACT, employer=other_employer)
    users["outsider"] = UserFactory(username="outsider", first_name="Owen", last_name="Outis")

    adviser = EnterpriseAdviserFactory(
        partnership=partnership, employer=employer, user=users[Role.ENTERPRISE_ADVISER.value], area_hub=area_hub
    )
    AdviserMatch.objects.create(adviser=adviser, school=school, started_on="2026-09-01")
    young_person = YoungPersonFactory(school=school, user=users[Role.YOUNG_PERSON.value], first_name="Amira", last_name="Khan")
    other_young_person = YoungPersonFactory(school=other_school, first_name="Ben", last_name="Lowe")
    ParentLink.objects.create(parent=users[Role.PARENT_CARER.value], young_person=young_person)
    return Cast(
        partnership=partnership, area_hub=area_hub, other_area_hub=other_area_hub, school=school,
        other_school=other_school, employer=employer, other_employer=other_employer, provider=provider,
        enterprise_adviser_record=adviser, young_person_record=young_person,
        other_young_person_record=other_young_person, users=users,
    )


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def cast(db) -> Cast:
    return build_cast()


@pytest.fixture
def client_for(client):
    """Sign the test client in as a user: ``client_for(cast.careers_leader)``."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


# Browser tests ---------------------------------------------------------------------------------
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
]
AXE_JS = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def chromium():
    import os

    if not Path(CHROMIUM).exists():
        if os.environ.get("CAREERSHUB_REQUIRE_BROWSER") == "1":
            pytest.fail("Debian's chromium is not installed at /usr/bin/chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.0-2.2 A and AA rules) on the page; return the violations."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
    )
    return [
        {"id": v["id"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.fixture
def axe():
    return axe_violations


def sign_in_through_the_page(page, username, password):
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def sign_in_afresh(page, username, password):
    """Sign out whoever was signed in (by dropping the cookies) and sign in as someone else."""
    page.context.clear_cookies()
    sign_in_through_the_page(page, username, password)


def press_button(page, name):
    """Click the button with this accessible name and wait for the page it leads to."""
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()
