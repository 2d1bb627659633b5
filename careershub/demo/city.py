"""Load the demo city into the database.

``build()`` generates the city (demo/generate.py, plain records) and writes it in one transaction
with bulk inserts: no per-row saves, no signals, the demo password hashed once for every account.
Building again replaces the previous demo city. A database that holds any other partnership is
refused unless ``force`` is given, so the demo never mixes fictional people into real records by
accident.
"""
import time
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from careershub.accounts.models import RoleAssignment, User
from careershub.advisers.models import AdviserMatch, EnterpriseAdviser
from careershub.network.models import AreaHub, Employer, EmployerContact, GrowthSector, Partnership, Provider, School
from careershub.young_people.models import ParentLink, YoungPerson

from .accounts import DEMO_PASSWORD
from .generate import DEMO_SLUG, SIZES, USERNAME_PREFIX, City, generate_city

__all__ = ["DEMO_PASSWORD", "DEMO_SLUG", "SIZES", "DemoRefused", "build", "clear", "other_partnerships"]

BATCH_SIZE = 2000          # rows per INSERT where the database allows (SQLite caps it lower by itself)
YOUNG_PEOPLE_CHUNK = 25_000  # young people made into model objects at a time


class DemoRefused(Exception):
    """The database holds a partnership that is not the demo city."""


def other_partnerships() -> list[str]:
    return list(Partnership.objects.exclude(slug=DEMO_SLUG).order_by("name").values_list("name", flat=True))


def refusal(names: list[str]) -> str:
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return (
        f"Refusing to build the demo city: this database holds a partnership that is not the demo ({shown}). "
        "The demo city is fictional and belongs in a database of its own; nothing has been changed. "
        "Point CAREERSHUB_SQLITE or DATABASE_URL at a scratch database, or run again with --force to add the "
        f"demo city alongside (other partnerships are left untouched; users whose username starts with "
        f"'{USERNAME_PREFIX}' are replaced)."
    )


def clear() -> bool:
    """Remove the demo city and every demo account. True when there was one to remove."""
    demo = Partnership.objects.filter(slug=DEMO_SLUG)
    existed = demo.exists()
    # Young people and enterprise advisers protect their school and employer: they go first.
    ParentLink.objects.filter(young_person__school__partnership__in=demo).delete()
    YoungPerson.objects.filter(school__partnership__in=demo).delete()
    EnterpriseAdviser.objects.filter(partnership__in=demo).delete()
    User.objects.filter(username__startswith=USERNAME_PREFIX).delete()
    demo.delete()
    return existed


def build(*, size: str = "city", seed: int = 2026, as_of: date | None = None, force: bool = False, progress=None) -> City:
    """Build the demo city, replacing the previous one. Returns the generated records."""
    say = progress or (lambda line: None)
    as_of = as_of or timezone.localdate()
    started = time.perf_counter()
    with transaction.atomic():
        others = other_partnerships()
        if others and not force:
            raise DemoRefused(refusal(others))
        if clear():
            say(f"Removed the previous demo city ({time.perf_counter() - started:.1f} s)")
        mark = time.perf_counter()
        city = generate_city(size=size, seed=seed, as_of=as_of)
        say(f"Generated the {city.partnership.name} demo city, size {size}, seed {seed}, as of {as_of.day} {as_of:%B %Y} "
            f"({time.perf_counter() - mark:.1f} s)")
        mark = time.perf_counter()
        load(city, say)
        say(f"Loaded in {time.perf_counter() - mark:.1f} s")
    counts = city.summary()
    say(", ".join(f"{value:,} {name}" for name, value in counts.items()))
    say(f"Built in {time.perf_counter() - started:.1f} s")
    return city


def _free_urns(city: City) -> None:
    """URNs are unique across the database: move any the generator drew that another partnership holds."""
    ours = {s.urn for s in city.schools}
    taken = set(School.objects.filter(urn__in=ours).values_list("urn", flat=True))
    candidate = 100000
    for school in city.schools:
        if school.urn in taken:
            while str(candidate) in taken or str(candidate) in ours:
                candidate += 1
            taken.add(str(candidate))
            school.urn = str(candidate)


def load(city: City, say) -> None:
    _free_urns(city)
    p = city.partnership
    partnership = Partnership.objects.create(
        name=p.name, slug=p.slug, local_authority=p.local_authority, workplace_experience_target=p.workplace_experience_target,
    )
    pid = partnership.pk
    GrowthSector.objects.bulk_create([
        GrowthSector(partnership_id=pid, sic_section=sic, label=label, priority=priority)
        for priority, (sic, label) in enumerate(city.growth_sectors, start=1)
    ])
    hubs = [h.pk for h in AreaHub.objects.bulk_create([AreaHub(partnership_id=pid, name=h.name) for h in city.hubs])]

    schools = [s.pk for s in School.objects.bulk_create([
        School(
            partnership_id=pid, area_hub_id=hubs[s.hub], urn=s.urn, name=s.name, phase=s.phase, school_type=s.school_type,
            status=s.status, targeted_on=s.targeted_on, engaged_on=s.engaged_on, declined_on=s.declined_on,
            postcode=s.postcode, website=s.website,
        )
        for s in city.schools
    ], batch_size=BATCH_SIZE)]
    employers = [e.pk for e in Employer.objects.bulk_create([
        Employer(
            partnership_id=pid, name=e.name, sic_section=e.sic_section, size_band=e.size_band,
            is_cornerstone=e.is_cornerstone, postcode=e.postcode, website=e.website,
        )
        for e in city.employers
    ], batch_size=BATCH_SIZE)]
    EmployerContact.objects.bulk_create([
        EmployerContact(employer_id=employers[c.employer], name=c.name, job_title=c.job_title, email=c.email,
                        phone=c.phone, is_primary=c.is_primary)
        for c in city.contacts
    ], batch_size=BATCH_SIZE)
    providers = [pr.pk for pr in Provider.objects.bulk_create([
        Provider(partnership_id=pid, name=pr.name, kind=pr.kind, postcode=pr.postcode, website=pr.website,
                 contact_email=pr.contact_email)
        for pr in city.providers
    ], batch_size=BATCH_SIZE)]
    say(f"  {len(schools):,} schools and colleges, {len(employers):,} employers, {len(providers):,} providers")

    # Accounts: the demo password is hashed once (with the city's own salt, so the row is the same
    # every build) and shared; other demo people get an unusable password.
    password = make_password(DEMO_PASSWORD, salt=city.password_salt)
    now = timezone.now()
    users = [u.pk for u in User.objects.bulk_create([
        User(username=u.username, password=password if u.listed else city.unusable_password, first_name=u.first_name,
             last_name=u.last_name, email=u.email, is_staff=u.is_staff, is_superuser=u.is_superuser, date_joined=now)
        for u in city.users
    ], batch_size=BATCH_SIZE)]
    scope_ids = {"area_hub": hubs, "school": schools, "employer": employers, "provider": providers}
    RoleAssignment.objects.bulk_create([
        RoleAssignment(
            user_id=users[i], role=u.role, partnership_id=pid,
            **({f"{u.scope}_id": scope_ids[u.scope][u.scope_index]} if u.scope != "partnership" else {}),
        )
        for i, u in enumerate(city.users)
    ], batch_size=BATCH_SIZE)

    def user_id(index):
        return None if index is None else users[index]

    advisers = [a.pk for a in EnterpriseAdviser.objects.bulk_create([
        EnterpriseAdviser(
            partnership_id=pid, employer_id=employers[a.employer], user_id=user_id(a.user), name=a.name, email=a.email,
            area_hub_id=hubs[a.hub], capacity=a.capacity, is_active=a.is_active,
        )
        for a in city.advisers
    ], batch_size=BATCH_SIZE)]
    AdviserMatch.objects.bulk_create([
        AdviserMatch(
            adviser_id=advisers[m.adviser], school_id=schools[m.school], started_on=m.started_on, ended_on=m.ended_on,
            matched_by_id=user_id(m.matched_by), explanation=m.explanation, end_reason=m.end_reason,
        )
        for m in city.matches
    ], batch_size=BATCH_SIZE)
    say(f"  {len(users):,} accounts, {len(advisers):,} enterprise advisers, {len(city.matches):,} matches")

    young_people: list[int] = []
    records = city.young_people
    for start in range(0, len(records), YOUNG_PEOPLE_CHUNK):
        created = YoungPerson.objects.bulk_create([
            YoungPerson(
                school_id=schools[y.school], user_id=user_id(y.user), first_name=y.first_name, last_name=y.last_name,
                date_of_birth=y.date_of_birth, year_group=y.year_group, upn=y.upn, sex=y.sex, send=y.send,
                pupil_premium=y.pupil_premium, free_school_meals=y.free_school_meals, looked_after=y.looked_after,
            )
            for y in records[start:start + YOUNG_PEOPLE_CHUNK]
        ], batch_size=BATCH_SIZE)
        young_people.extend(y.pk for y in created)
        say(f"  {len(young_people):,} of {len(records):,} young people")
    ParentLink.objects.bulk_create([
        ParentLink(parent_id=users[link.parent], young_person_id=young_people[link.young_person],
                   relationship=link.relationship, linked_by_id=user_id(link.linked_by))
        for link in city.parent_links
    ], batch_size=BATCH_SIZE)
