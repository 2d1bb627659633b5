"""`careershub demo` in the database: builds, replaces itself, refuses real data, and every demo
account signs in and lands on a working home page."""
import hashlib
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from careershub.accounts.models import RoleAssignment, User
from careershub.accounts.roles import Role
from careershub.advisers.models import AdviserMatch, EnterpriseAdviser
from careershub.demo import city as demo_city
from careershub.demo.accounts import DEMO_PASSWORD, DEMO_USERNAMES
from careershub.network.models import AreaHub, Employer, EmployerContact, GrowthSector, Partnership, Provider, School
from careershub.network.tests.factories import PartnershipFactory
from careershub.young_people.models import ParentLink, YoungPerson

AS_OF = date(2026, 11, 25)
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def build(**kwargs):
    kwargs.setdefault("size", "small")
    kwargs.setdefault("seed", 2026)
    kwargs.setdefault("as_of", AS_OF)
    return demo_city.build(**kwargs)


def export() -> str:
    """The demo city as text, without database ids or timestamps: equal texts mean equal cities."""
    lines = []
    partnership = Partnership.objects.get(slug=demo_city.DEMO_SLUG)
    lines.append(f"{partnership.name}|{partnership.local_authority}")
    lines += [f"{g.priority}|{g.sic_section}|{g.label}" for g in GrowthSector.objects.filter(partnership=partnership)]
    lines += [h.name for h in AreaHub.objects.filter(partnership=partnership)]
    lines += ["|".join(map(str, row)) for row in School.objects.order_by("urn").values_list(
        "urn", "name", "phase", "school_type", "status", "targeted_on", "engaged_on", "declined_on", "postcode",
        "website", "area_hub__name")]
    lines += ["|".join(map(str, row)) for row in Employer.objects.order_by("name").values_list(
        "name", "sic_section", "size_band", "is_cornerstone", "postcode", "website")]
    lines += ["|".join(map(str, row)) for row in EmployerContact.objects.order_by("employer__name", "email", "name").values_list(
        "employer__name", "name", "job_title", "email", "phone", "is_primary")]
    lines += ["|".join(map(str, row)) for row in Provider.objects.order_by("name").values_list("name", "kind", "postcode", "contact_email")]
    lines += ["|".join(map(str, row)) for row in EnterpriseAdviser.objects.order_by("email").values_list(
        "name", "email", "employer__name", "area_hub__name", "capacity", "is_active", "user__username")]
    lines += ["|".join(map(str, row)) for row in AdviserMatch.objects.order_by("school__urn", "started_on").values_list(
        "adviser__email", "school__urn", "started_on", "ended_on", "explanation", "end_reason", "matched_by__username")]
    lines += ["|".join(map(str, row)) for row in YoungPerson.objects.order_by("upn").values_list(
        "upn", "first_name", "last_name", "date_of_birth", "year_group", "sex", "send", "pupil_premium",
        "free_school_meals", "looked_after", "school__urn", "user__username")]
    lines += ["|".join(map(str, row)) for row in User.objects.order_by("username").values_list(
        "username", "first_name", "last_name", "email", "password", "is_staff", "is_superuser")]
    lines += ["|".join(map(str, row)) for row in RoleAssignment.objects.order_by("user__username", "role").values_list(
        "user__username", "role", "area_hub__name", "school__urn", "employer__name", "provider__name")]
    lines += ["|".join(map(str, row)) for row in ParentLink.objects.order_by("parent__username", "young_person__upn").values_list(
        "parent__username", "young_person__upn", "relationship", "linked_by__username")]
    return "\n".join(lines)


@pytest.mark.django_db
def test_the_small_city_builds_valid_rows():
    city = build()
    assert School.objects.count() == len(city.schools) == 12
    assert YoungPerson.objects.count() == len(city.young_people) > 2_000
    assert Employer.objects.filter(is_cornerstone=True).count() == 4
    for model in (School, Employer, EmployerContact, Provider, EnterpriseAdviser, AdviserMatch, User, RoleAssignment, ParentLink):
        for row in model.objects.all():
            row.full_clean(validate_unique=False, validate_constraints=False)
    for row in YoungPerson.objects.all()[::20]:
        row.full_clean(validate_unique=False, validate_constraints=False)
    for assignment in RoleAssignment.objects.all():
        assignment.clean()


@pytest.mark.django_db
def test_two_builds_with_the_same_seed_export_the_same_city():
    build()
    first = export()
    counts = (School.objects.count(), Employer.objects.count(), YoungPerson.objects.count())
    names = list(YoungPerson.objects.order_by("upn").values_list("first_name", "last_name")[:50])
    build()  # replaces the first
    assert (School.objects.count(), Employer.objects.count(), YoungPerson.objects.count()) == counts
    assert list(YoungPerson.objects.order_by("upn").values_list("first_name", "last_name")[:50]) == names
    assert hashlib.sha256(export().encode()).hexdigest() == hashlib.sha256(first.encode()).hexdigest()
    build(seed=2027)
    assert export() != first


@pytest.mark.django_db
def test_building_again_replaces_the_demo_city():
    build()
    build(size="small", seed=99)
    assert Partnership.objects.count() == 1
    assert School.objects.count() == 12
    assert User.objects.filter(username__in=DEMO_USERNAMES.values()).count() == 12
    assert User.objects.count() == User.objects.filter(username__startswith="demo.").count()


@pytest.mark.django_db
def test_a_database_with_another_partnership_is_refused_unless_forced():
    real = PartnershipFactory(name="Stoke-on-Trent Careers Hub", slug="stoke")
    with pytest.raises(CommandError, match="--force") as refused:
        call_command("demo", size="small", stdout=StringIO(), stderr=StringIO())
    assert "Stoke-on-Trent Careers Hub" in str(refused.value)
    assert not Partnership.objects.filter(slug=demo_city.DEMO_SLUG).exists()

    call_command("demo", size="small", force=True, stdout=StringIO(), stderr=StringIO())
    assert Partnership.objects.filter(slug=demo_city.DEMO_SLUG).exists()
    assert Partnership.objects.filter(pk=real.pk).exists()


@pytest.mark.django_db
def test_the_command_prints_the_accounts_on_standard_output_and_progress_on_standard_error():
    out, err = StringIO(), StringIO()
    call_command("demo", size="small", seed=5, as_of=AS_OF, stdout=out, stderr=err)
    lines = out.getvalue().splitlines()
    assert [line.split("\t") for line in lines] == [[role.value, DEMO_USERNAMES[role.value], DEMO_PASSWORD] for role in Role]
    assert "Built in" in err.getvalue() and "demo." not in err.getvalue()


# The accounts, against one small city shared by the tests below (rolled back at the end).
@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        with override_settings(PASSWORD_HASHERS=FAST_HASHER):
            city = build()
        yield city
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [r.value for r in Role])
def test_every_demo_account_signs_in_and_its_home_page_answers(role, demo, client):
    username = DEMO_USERNAMES[role]
    user = User.objects.get(username=username)
    assert user.has_role(role) and user.primary_role == role
    assert client.login(username=username, password=DEMO_PASSWORD)
    response = client.get("/accounts/home/", follow=True)
    assert response.redirect_chain, "home sends each role on to its own page"
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_demo_accounts_hang_together(demo):
    leader = User.objects.get(username=DEMO_USERNAMES["careers_leader"])
    school = leader.assignments_for(Role.CAREERS_LEADER)[0].school
    assert school.status == School.Status.ENGAGED
    adviser = EnterpriseAdviser.objects.get(user__username=DEMO_USERNAMES["enterprise_adviser"])
    assert AdviserMatch.objects.get(school=school, ended_on__isnull=True).adviser == adviser
    coordinator = User.objects.get(username=DEMO_USERNAMES["enterprise_coordinator"])
    assert coordinator.assignments_for(Role.ENTERPRISE_COORDINATOR)[0].area_hub == school.area_hub
    young_person = YoungPerson.objects.get(user__username=DEMO_USERNAMES["young_person"])
    assert young_person.school == school and young_person.year_group == 10
    assert ParentLink.objects.get(parent__username=DEMO_USERNAMES["parent_carer"]).young_person == young_person
    contact = User.objects.get(username=DEMO_USERNAMES["employer_contact"]).assignments_for(Role.EMPLOYER_CONTACT)[0]
    assert contact.employer.is_cornerstone
    assert EmployerContact.objects.filter(employer=contact.employer, email=contact.user.email, is_primary=True).exists()
    # Other demo people cannot sign in with the demo password.
    family = User.objects.filter(username__startswith="demo.family.").first()
    assert family is not None and not family.has_usable_password()


@pytest.mark.django_db
def test_the_start_page_lists_the_twelve_accounts_in_demo_mode(demo, client, settings):
    settings.DEMO_MODE = True
    body = client.get("/").content.decode()
    for role in Role:
        assert f"<code>{DEMO_USERNAMES[role.value]}</code>" in body
        assert str(role.label) in body
    assert body.count(f"<code>{DEMO_PASSWORD}</code>") == 12
    leader = User.objects.get(username=DEMO_USERNAMES["careers_leader"])
    school = leader.assignments_for(Role.CAREERS_LEADER)[0].school
    assert f"{leader.get_full_name()}, careers leader at {school.name}" in body.replace("&#x27;", "'")
    assert "demo.family." not in body

    settings.DEMO_MODE = False
    assert DEMO_USERNAMES["careers_leader"] not in client.get("/").content.decode()
