"""The demo city: a fictional partnership built deterministically from a seed."""
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction

from careershub.accounts.models import RoleAssignment, User
from careershub.accounts.roles import Role
from careershub.network.models import AreaHub, Employer, Partnership, Provider, School
from careershub.young_people.models import ParentLink, YoungPerson

from .accounts import DEMO_ACCOUNTS

SIZES = {"small": 0.1, "city": 1, "region": 5}
DEMO_PASSWORD = "demo-careers-2026"


@transaction.atomic
def build(*, size: str, seed: int, progress=print) -> list[dict]:
    rng = random.Random(seed)
    Partnership.objects.filter(slug="riverford").delete()
    partnership = Partnership.objects.create(name="Riverford Careers Hub", slug="riverford", local_authority="Riverford City Council")
    hubs = [AreaHub.objects.create(partnership=partnership, name=n) for n in ("Riverford Central", "Northmoor", "Eastbank", "Southvale")]
    school = School.objects.create(partnership=partnership, area_hub=hubs[0], urn="140001", name="Riverford Academy", status="engaged")
    employer = Employer.objects.create(partnership=partnership, name="Riverford Ceramics Ltd", sic_section="C", size_band="medium")
    provider = Provider.objects.create(partnership=partnership, name="Open Doors Mentoring", kind="community_organisation")
    password = make_password(DEMO_PASSWORD)
    scopes = {
        Role.ENTERPRISE_COORDINATOR: {"area_hub": hubs[0]},
        Role.CAREERS_LEADER: {"school": school}, Role.TEACHER: {"school": school}, Role.YOUNG_PERSON: {"school": school},
        Role.EMPLOYER_CONTACT: {"employer": employer}, Role.ENTERPRISE_ADVISER: {"employer": employer},
        Role.MENTOR: {"provider": provider}, Role.CAREERS_ADVISER: {"provider": provider},
    }
    accounts = []
    User.objects.filter(username__startswith="demo.").delete()
    for role in Role:
        username = f"demo.{role.value.replace('_', '.')}"
        user = User.objects.create(username=username, password=password, first_name=role.label, last_name="(demo)")
        RoleAssignment.objects.create(user=user, role=role, partnership=partnership, **scopes.get(role, {}))
        accounts.append({"role": role.value, "role_label": role.label, "username": username, "password": DEMO_PASSWORD, "description": ""})
        if role == Role.YOUNG_PERSON:
            yp = YoungPerson.objects.create(school=school, user=user, first_name="Amira", last_name="Khan", date_of_birth="2010-05-01", year_group=11, upn=f"R{rng.randrange(10**11):012d}")
        if role == Role.PARENT_CARER:
            ParentLink.objects.create(parent=user, young_person=yp)
    DEMO_ACCOUNTS[:] = accounts
    return accounts
