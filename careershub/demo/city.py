"""Load the demo city into the database.

``build()`` generates the city (demo/generate.py, plain records) and writes it in one transaction
with bulk inserts: no per-row saves, no signals, the demo password hashed once for every account.
Building again replaces the previous demo city. A database that holds any other partnership is
refused unless ``force`` is given, so the demo never mixes fictional people into real records by
accident.
"""
import random
import time
from datetime import date, datetime, time as clock

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Case, DateTimeField, Value, When
from django.utils import timezone

from careershub.accounts.models import RoleAssignment, User
from careershub.advisers.models import AdviserMatch, EnterpriseAdviser
from careershub.benchmarks import scoring
from careershub.benchmarks.framework import ensure_shipped_framework
from careershub.benchmarks.models import (
    Action,
    ActionNote,
    Answer,
    Assessment,
    AssessmentEvent,
    BenchmarkScore,
    BenchmarkTarget,
    FrameworkVersion,
    PartnershipBenchmarkSettings,
)
from careershub.benchmarks.terms import Term
from careershub.cohorts.demo import load_demo_cohorts
from careershub.mentoring.demo import load_demo_mentoring
from careershub.network.models import (
    AreaHub,
    Employer,
    EmployerContact,
    GrowthSector,
    Partnership,
    PostcodeLocation,
    Provider,
    School,
)
from careershub.opportunities.models import Opportunity
from careershub.passport.demo import load_demo_passport
from careershub.plans.demo import load_demo_plans
from careershub.young_people.models import ParentLink, YoungPerson

from .accounts import DEMO_PASSWORD
from .opportunities import clear_year, generate_year, load_year
from .places import coordinates
from .generate import DEMO_SLUG, EVIDENCE_NOTES, SIZES, USERNAME_PREFIX, City, CriterionShape, criterion_answers, generate_city

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
    # Opportunities protect their hosts: they go first, with their applications, placements, encounters,
    # reviews and the allocation round (direct deletes, much faster than cascading from young people).
    clear_year(demo)
    # Young people and enterprise advisers protect their school and employer: they go first.
    ParentLink.objects.filter(young_person__school__partnership__in=demo).delete()
    YoungPerson.objects.filter(school__partnership__in=demo).delete()
    EnterpriseAdviser.objects.filter(partnership__in=demo).delete()
    # Actions protect their owners (employers, schools, people): they go first, their notes with them.
    ActionNote.objects.filter(action__partnership__in=demo).delete()
    Action.schools.through.objects.filter(action__partnership__in=demo).delete()
    Action.objects.filter(partnership__in=demo).delete()
    # Self-assessments go with their schools; deleting their rows directly is much faster than cascading.
    for model in (Answer, BenchmarkScore, AssessmentEvent):
        model.objects.filter(assessment__school__partnership__in=demo).delete()
    Assessment.objects.filter(school__partnership__in=demo).delete()
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
    if connection.vendor == "postgresql":
        # Fresh statistics, so the planner knows the tables are no longer empty (autovacuum may be
        # off or slow to notice a bulk load).
        mark = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        say(f"Analysed the tables ({time.perf_counter() - mark:.1f} s)")
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
    load_benchmarks(city, pid, schools, users, say)
    load_actions(city, pid, schools, employers, users, say)
    mark = time.perf_counter()
    year = generate_year(city)
    load_year(year, city, pid=pid, schools=schools, employers=employers, providers=providers, users=users,
              young_people=young_people, say=say)
    say(f"  The year of opportunities in {time.perf_counter() - mark:.1f} s")
    load_places(pid)
    load_records(city, partnership, young_people[city.demo_young_person], say)


def load_places(pid: int) -> None:
    """Locations for every postcode in the demo city, and on each opportunity, for travel distances."""
    postcodes = set()
    for model in (School, Employer, Provider, Opportunity):
        postcodes.update(model.objects.filter(partnership_id=pid).exclude(postcode="").values_list("postcode", flat=True))
    PostcodeLocation.objects.bulk_create(
        [PostcodeLocation(postcode=code, latitude=lat, longitude=lon)
         for code in sorted(postcodes) for lat, lon in [coordinates(code)]],
        batch_size=BATCH_SIZE, ignore_conflicts=True,
    )
    located = {p.postcode: p for p in PostcodeLocation.objects.filter(postcode__in=postcodes)}
    opportunities = list(Opportunity.objects.filter(partnership_id=pid).exclude(postcode="").only("pk", "postcode"))
    for opportunity in opportunities:
        place = located[opportunity.postcode]
        opportunity.latitude, opportunity.longitude = place.latitude, place.longitude
    Opportunity.objects.bulk_update(opportunities, ["latitude", "longitude"], batch_size=BATCH_SIZE)


def load_records(city: City, partnership: Partnership, featured_young_person_id: int, say) -> None:
    """Young people's records beyond their encounters: guidance interviews and career plans, the
    skills passport, mentoring caseloads and the ambassador cohorts. Each app writes its own demo rows,
    from a random generator seeded by the city's seed and the app's name."""
    def rng(part):
        return random.Random(f"careershub-demo/{city.seed}/{part}")

    for label, load_demo in (
        ("guidance and career plans", lambda: load_demo_plans(partnership=partnership, today=city.as_of, rng=rng("plans"),
                                                              featured_young_person_id=featured_young_person_id)),
        ("skills passport", lambda: load_demo_passport(partnership=partnership, today=city.as_of, rng=rng("passport"),
                                                       featured_young_person_id=featured_young_person_id)),
        ("mentoring", lambda: load_demo_mentoring(partnership=partnership, today=city.as_of, rng=rng("mentoring"))),
        ("ambassador cohorts", lambda: load_demo_cohorts(partnership=partnership, today=city.as_of, rng=rng("cohorts"))),
    ):
        mark = time.perf_counter()
        load_demo()
        say(f"  {label.capitalize()} in {time.perf_counter() - mark:.1f} s")


def _at(day: date, hour: int):
    return timezone.make_aware(datetime.combine(day, clock(hour, 0)))


def load_benchmarks(city: City, pid: int, schools: list[int], users: list[int], say) -> None:
    """The partnership's benchmark settings and targets, and the schools' self-assessments with their
    answers, stored scores and history."""
    ensure_shipped_framework()
    versions = {
        v.key: v for v in FrameworkVersion.objects.prefetch_related("benchmarks__criteria")
    }
    PartnershipBenchmarkSettings.objects.create(partnership_id=pid, framework_version=versions[city.benchmark_version])
    BenchmarkTarget.objects.bulk_create([
        BenchmarkTarget(partnership_id=pid, number=number, minimum_percent=minimum)
        for number, minimum in city.benchmark_targets.items()
    ])
    shapes = {
        key: [(b, sorted(b.criteria.all(), key=lambda c: c.order)) for b in sorted(v.benchmarks.all(), key=lambda b: b.number)]
        for key, v in versions.items()
    }

    # Answers first, then the scores they give, then the rows.
    planned = []
    for record in city.assessments:
        sixth_form = 13 in city.schools[record.school].year_groups
        answers, statuses = [], {}
        for (benchmark, criteria), level in zip(shapes[record.version], record.levels):
            # One generator per school and benchmark, the same every term: a school's answers then
            # change from term to term only as its level does (met criteria stay met as it improves).
            rng = random.Random(f"careershub-demo/{city.seed}/benchmark-answers/{record.school}/{benchmark.number}")
            given = criterion_answers(
                level, [CriterionShape(bool(c.measure), c.threshold, c.post_16_only) for c in criteria],
                has_sixth_form=sixth_form, rng=rng,
            )
            statuses[benchmark.number] = [status for status, _ in given]
            notes = EVIDENCE_NOTES.get(benchmark.number, ())
            for criterion, (status, figure) in zip(criteria, given):
                note = rng.choice(notes) if notes and status in ("met", "partly_met") and rng.random() < 0.5 else ""
                answers.append((criterion, status, figure, note))
        result = scoring.score_assessment(statuses) if record.status == "submitted" else None
        planned.append((record, answers, result))

    created = Assessment.objects.bulk_create([
        Assessment(
            school_id=schools[record.school], framework_version=versions[record.version],
            academic_year=record.academic_year, term=record.term,
            period=Term.named(record.academic_year, record.term).period, status=record.status,
            started_by_id=None if record.by is None else users[record.by],
            submitted_at=_at(record.submitted_on, 16) if record.submitted_on else None,
            submitted_by_id=None if record.by is None or record.submitted_on is None else users[record.by],
            overall_percent=scoring.stored(result.overall_percent) if result else None,
            benchmarks_achieved=result.achieved_count if result else None,
        )
        for record, _, result in planned
    ], batch_size=BATCH_SIZE)
    Answer.objects.bulk_create([
        Answer(assessment_id=assessment.pk, criterion=criterion, status=status, figure=figure, evidence_note=note,
               updated_by_id=users[record.by] if record.by is not None and status else None)
        for assessment, (record, answers, _) in zip(created, planned)
        for criterion, status, figure, note in answers
    ], batch_size=BATCH_SIZE)
    BenchmarkScore.objects.bulk_create([
        BenchmarkScore(
            assessment_id=assessment.pk, benchmark=benchmark, number=benchmark.number,
            met=result.benchmark(benchmark.number).met, applicable=result.benchmark(benchmark.number).applicable,
            percent=scoring.stored(result.benchmark(benchmark.number).percent),
            achieved=result.benchmark(benchmark.number).achieved,
        )
        for assessment, (record, _, result) in zip(created, planned) if result is not None
        for benchmark, _ in shapes[record.version]
    ], batch_size=BATCH_SIZE)
    events = []
    for assessment, (record, _, _) in zip(created, planned):
        by = None if record.by is None else users[record.by]
        events.append(AssessmentEvent(assessment_id=assessment.pk, action=AssessmentEvent.Action.STARTED,
                                      at=_at(record.started_on, 9), by_id=by))
        if record.submitted_on:
            events.append(AssessmentEvent(assessment_id=assessment.pk, action=AssessmentEvent.Action.SUBMITTED,
                                          at=_at(record.submitted_on, 16), by_id=by))
    AssessmentEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)
    say(f"  {len(created):,} benchmark self-assessments")


def load_actions(city: City, pid: int, schools: list[int], employers: list[int], users: list[int], say) -> None:
    """The benchmark action plan: hub actions with the schools they serve, the demo school's own actions,
    and their progress notes. Three inserts and one update (the dates they were raised)."""
    owners = {"employer": employers, "person": users, "school": schools}
    created = Action.objects.bulk_create([
        Action(
            partnership_id=pid, level=a.level, title=a.title, description=a.description, benchmark_number=a.benchmark,
            owner_kind=a.owner_kind, **{f"owner_{a.owner_kind}_id": owners[a.owner_kind][a.owner]},
            due_on=a.due_on, status=a.status, closed_on=a.closed_on, created_by_id=users[a.by],
        )
        for a in city.actions
    ], batch_size=BATCH_SIZE)
    if not created:
        return
    Action.objects.filter(pk__in=[c.pk for c in created]).update(created_at=Case(
        *(When(pk=c.pk, then=Value(_at(a.raised_on, 10))) for c, a in zip(created, city.actions)),
        output_field=DateTimeField(),
    ))
    Action.schools.through.objects.bulk_create([
        Action.schools.through(action_id=c.pk, school_id=schools[s]) for c, a in zip(created, city.actions) for s in a.schools
    ], batch_size=BATCH_SIZE)
    ActionNote.objects.bulk_create([
        ActionNote(action_id=c.pk, text=n.text, status=n.status, at=_at(n.on, 15),
                   by_id=None if n.by is None else users[n.by])
        for c, a in zip(created, city.actions) for n in a.notes
    ], batch_size=BATCH_SIZE)
    say(f"  {len(created):,} benchmark actions")
