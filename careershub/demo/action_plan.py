"""The demo city's benchmark action plan, as plain records. No Django here.

The hub's cornerstone employers, its coordinator and a few strong schools own about ten hub actions
(twenty at region size) against the commonest gaps in the schools' latest self-assessments, each
serving the schools weakest on its benchmark; some done, one cancelled, some in progress and some not
started yet, a few of them overdue, with dated progress notes. The demo careers leader's school has a
few actions of its own against its own gaps. ``plan_actions`` is called by demo/generate.py.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

# Hub actions by benchmark: (title, description). Taken in turn for each benchmark.
HUB_ACTIONS = {
    6: (("Work experience week for year 10 with cornerstone employers",
         "A week of placements for every year 10 student, prepared in tutor time beforehand and reflected on "
         "afterwards, with a placement bank shared across the schools."),
        ("Virtual and in-person workplace tours for special schools and the PRU",
         "Small-group tours with a familiar adult, a visual guide sent beforehand and a follow-up session in school."),
        ("A second experience of a workplace for year 12",
         "Two weeks' worth of work experience by 18: a second placement for students in the sixth form, "
         "matched to their study programme.")),
    8: (("Guidance interviews for every year 11 before Christmas",
         "A level 6 careers adviser shared between the schools, so that every year 11 has an interview before "
         "applications open."),
        ("Guidance for students with SEND at transition reviews",
         "A careers adviser at each year 9 and year 11 annual review, with the SENCo.")),
    5: (("An employer encounter for every year group from year 7",
         "Cornerstone employers take a year group each: talks, workshops and a mentoring pilot, logged by year group."),
        ("Careers speed networking in year 9",
         "Employers from the growth sectors at an options evening; students prepare questions beforehand.")),
    3: (("Destinations tracked for three years after leaving",
         "A shared tracking sheet with the council's team, so each school can see where its leavers are."),),
    7: (("Provider access encounters in years 8 and 10",
         "The six provider encounters scheduled across the year, with colleges, universities and apprenticeship "
         "providers."),),
    4: (("STEM careers in the curriculum with employers",
         "Employers rewrite a scheme of work with each department: careers links in science, maths and technology."),),
    2: (("Labour market information evenings for parents and carers",
         "The growth sectors and local jobs explained, with the council's labour market profiles."),),
    1: (("Careers programme review with governors",
         "Each school publishes its programme, with its careers leader named, and evaluates it with students, parents "
         "and employers."),),
}
SCHOOL_ACTIONS = {
    8: ("Book guidance interviews for year 11", "Interviews before the mock exams, with the careers adviser two days a week."),
    6: ("Year 12 placements before February half term", "A placement for every year 12 student, arranged with the hub."),
    3: ("Record advice and decisions for every year 9 student", "Careers records on the MIS that students can see."),
    5: ("An employer talk in every year 8 tutor group", "One talk a half term, logged by year group."),
    7: ("College and university visits for year 10", "Two visits in the summer term, with the provider access policy."),
    4: ("Careers links in every department's scheme of work", "An audit with heads of department."),
    2: ("Labour market information lessons in year 9", "Before options, with the council's sector profiles."),
    1: ("Publish the careers programme on the website", "With the careers leader's contact details and the evaluation."),
}
STARTED_NOTES = (
    "Planning meeting held with the schools; dates agreed for the spring term.",
    "Launched with the careers leaders at the network meeting.",
    "First sessions booked with each school.",
)
PROGRESS_NOTES = (
    "About half of the places confirmed; waiting on two schools' dates.",
    "Delayed by staff absence at two schools; new dates offered.",
    "Safeguarding checks done for every supervisor.",
    "Feedback from the first sessions is good; two more schools asked to join.",
)
DONE_NOTES = (
    "Finished: every school served took part, and students' feedback was collected.",
    "Completed and evaluated with the careers leaders; the schools will record it in their next self-assessment.",
)
NOT_STARTED_NOTES = ("Owner confirmed; the first planning meeting is in the diary.",)
CANCELLED_NOTES = ("Cancelled: the employer could not release staff this year; the schools are covered by another action.",)

# Statuses of the hub actions in turn: (status, overdue). Three overdue in ten, three done, one cancelled.
HUB_STATUSES = (
    ("in_progress", True), ("done", False), ("not_started", False), ("in_progress", False), ("not_started", True),
    ("done", False), ("in_progress", True), ("cancelled", False), ("not_started", False), ("done", False),
)
# Owners of the hub actions in turn: the demo employer, other cornerstones, the coordinator, a strong school.
HUB_OWNERS = ("demo_employer", "cornerstone", "coordinator", "cornerstone", "school", "demo_employer", "cornerstone",
              "coordinator", "cornerstone", "school")
# Which of the commonest gaps each hub action takes in turn (0: the commonest).
GAP_RANKS = (0, 1, 2, 0, 1, 3, 0, 2, 4, 1)


@dataclass(slots=True)
class ActionNoteRecord:
    on: date
    text: str
    status: str          # the status the action moved to, or "" if unchanged
    by: int | None       # index into City.users


@dataclass(slots=True)
class ActionRecord:
    level: str           # hub or school
    title: str
    description: str
    benchmark: int
    owner_kind: str      # employer, person or school
    owner: int           # index into City.employers, City.users or City.schools
    schools: list[int]   # indexes into City.schools: the schools it serves
    raised_on: date
    due_on: date
    status: str
    closed_on: date | None
    by: int              # index into City.users: who raised it
    notes: list[ActionNoteRecord] = field(default_factory=list)


@dataclass(frozen=True)
class People:
    """The demo accounts that raise, own and report on actions (indexes into City.users)."""

    hub_manager: int
    coordinator: int
    careers_leader: int
    employer_contact: int


def commonest_gaps(latest: dict[int, tuple[float, ...]], targets: dict[int, int]) -> list[int]:
    """Benchmarks by how many schools fall short of them (below target, or not fully met), most first."""
    counts = {}
    for number in range(1, 9):
        minimum = targets.get(number, 100) / 100
        counts[number] = sum(levels[number - 1] < minimum for levels in latest.values())
    return sorted(counts, key=lambda n: (-counts[n], n))


def _schedule(rng: random.Random, status: str, overdue: bool, as_of: date) -> tuple[date, date, date | None]:
    """When an action was raised, is due and (if done or cancelled) was closed."""
    raised = as_of - timedelta(days=rng.randint(70, 210))
    if status in ("done", "cancelled"):
        closed = as_of - timedelta(days=rng.randint(5, 50))
        due = closed + timedelta(days=rng.randint(-10, 40))
        return raised, max(due, raised + timedelta(days=30)), closed
    if overdue:
        return raised, as_of - timedelta(days=rng.randint(4, 40)), None
    return raised, as_of + timedelta(days=rng.randint(14, 150)), None


def _notes(rng: random.Random, status: str, raised: date, closed: date | None, as_of: date, by: int) -> list[ActionNoteRecord]:
    def day_between(start: date, end: date) -> date:
        return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))

    if status == "not_started":
        if rng.random() < 0.5:
            return [ActionNoteRecord(day_between(raised + timedelta(days=3), as_of), rng.choice(NOT_STARTED_NOTES), "", by)]
        return []
    end = closed or as_of
    started = day_between(raised + timedelta(days=7), end - timedelta(days=14))
    notes = [ActionNoteRecord(started, rng.choice(STARTED_NOTES), "in_progress", by)] if status != "cancelled" else []
    if status in ("in_progress", "done"):
        for text in rng.sample(PROGRESS_NOTES, rng.randint(1, 2)):
            notes.append(ActionNoteRecord(day_between(started + timedelta(days=1), end - timedelta(days=1)), text, "", by))
    if status == "done":
        notes.append(ActionNoteRecord(closed, rng.choice(DONE_NOTES), "done", by))
    if status == "cancelled":
        notes.append(ActionNoteRecord(closed, CANCELLED_NOTES[0], "cancelled", by))
    return sorted(notes, key=lambda n: n.on)


def plan_actions(rng: random.Random, *, as_of: date, count: int, latest: dict[int, tuple[float, ...]],
                 school_hubs: list[int], hub_names: list[str], cornerstones: list[int], demo_employer: int,
                 demo_school: int, targets: dict[int, int], people: People) -> list[ActionRecord]:
    """The hub action plan and the demo school's own actions. ``latest``: each engaged school's latest
    submitted levels (the share of each benchmark's criteria met); ``school_hubs``: every school's area
    hub (an index into ``hub_names``); ``cornerstones``: the cornerstone employers' indexes."""
    gaps = commonest_gaps(latest, targets)
    coordinator_hub = school_hubs[demo_school]
    used_titles: dict[int, int] = {}
    others = [e for e in cornerstones if e != demo_employer]
    hubs = sorted({school_hubs[s] for s in latest})
    taken: set[str] = set()
    actions = []
    for n in range(count):
        # The n-th commonest gap in turn, passing over benchmarks whose actions are all taken; once every
        # one is, the actions run again area hub by area hub (at region size).
        ranked = [gaps[(GAP_RANKS[n % len(GAP_RANKS)] + k) % len(gaps)] for k in range(len(gaps))]
        owner_role = HUB_OWNERS[n % len(HUB_OWNERS)]
        fresh = [b for b in ranked if used_titles.get(b, 0) < len(HUB_ACTIONS[b])]
        hub = coordinator_hub if owner_role == "coordinator" else hubs[n % len(hubs)] if not fresh else None
        if fresh:
            benchmark = fresh[0]
            title, description = HUB_ACTIONS[benchmark][used_titles.get(benchmark, 0)]
            used_titles[benchmark] = used_titles.get(benchmark, 0) + 1
        else:
            benchmark, title, description = next(
                (b, f"{t}: {hub_names[hub]}", d) for b in ranked for t, d in HUB_ACTIONS[b]
                if f"{t}: {hub_names[hub]}" not in taken
            )
        taken.add(title)
        candidates = sorted(latest, key=lambda s: (latest[s][benchmark - 1], s))
        if hub is not None:
            candidates = [s for s in candidates if school_hubs[s] == hub] or candidates
        weakest = [s for s in candidates if latest[s][benchmark - 1] < 1.0] or candidates
        served = weakest[:rng.randint(3, 8)]
        if demo_school in latest and latest[demo_school][benchmark - 1] < 1.0 and demo_school not in served and n < 6:
            served[-1:] = [demo_school]
        if owner_role == "demo_employer":
            kind, owner = "employer", demo_employer
        elif owner_role == "cornerstone":
            kind, owner = "employer", others[n % len(others)] if others else demo_employer
        elif owner_role == "coordinator":
            kind, owner = "person", people.coordinator
        else:  # a strong school shares what works, leading the action for the others
            strong = sorted(latest, key=lambda s: (-latest[s][benchmark - 1], s))
            kind, owner = "school", next(s for s in strong if s not in served)
        status, overdue = HUB_STATUSES[n % len(HUB_STATUSES)]
        raised, due, closed = _schedule(rng, status, overdue, as_of)
        by = people.coordinator if kind == "person" or all(school_hubs[s] == coordinator_hub for s in served) else people.hub_manager
        reporter = people.employer_contact if (kind, owner) == ("employer", demo_employer) else by
        actions.append(ActionRecord(
            level="hub", title=title, description=description, benchmark=benchmark, owner_kind=kind, owner=owner,
            schools=sorted(served), raised_on=raised, due_on=due, status=status, closed_on=closed, by=by,
            notes=_notes(rng, status, raised, closed, as_of, reporter),
        ))

    # The demo school's own actions, against its three weakest benchmarks.
    if demo_school in latest:
        levels = latest[demo_school]
        own_gaps = sorted((b for b in range(1, 9) if levels[b - 1] < 1.0), key=lambda b: (levels[b - 1], b))[:3]
        for (status, overdue), benchmark in zip((("in_progress", True), ("not_started", False), ("done", False)), own_gaps):
            title, description = SCHOOL_ACTIONS[benchmark]
            raised, due, closed = _schedule(rng, status, overdue, as_of)
            actions.append(ActionRecord(
                level="school", title=title, description=description, benchmark=benchmark, owner_kind="school",
                owner=demo_school, schools=[demo_school], raised_on=raised, due_on=due, status=status, closed_on=closed,
                by=people.careers_leader, notes=_notes(rng, status, raised, closed, as_of, people.careers_leader),
            ))
    return actions
