"""The demo city's year of opportunities: what employers and providers offer through the academic year,
the applications young people make, placements with their safeguarding, attendance and whole-group
encounters, the autumn half-term allocation round, reviews with replies, and hosts' feedback.

``generate_year(city)`` is pure: plain records referring to the city's records by index, drawn from
generators seeded from the city's seed, so the same city gives the same year. ``load_year`` writes
them with bulk inserts, then runs and publishes the allocation round through the allocation services
(the engine decides who gets which place) and completes the week's placements, which are over by the
demo's "today".

The rules the records keep: never more accepted applications than an opportunity's places; a
placement only for kinds that need safeguarding; a confirmed or completed placement only with every
check complete; an encounter only from an attended accepted place or a whole-group event. Schools
with more disadvantage get fewer encounters, so the pledge shows realistic gaps.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import names
from .generate import ROLES, City, academic_year_start

# What each kind counts as and whether it needs safeguarding (the same table as
# opportunities/kinds.py, kept here so the generator imports no Django; a test holds them equal).
KIND_COUNTS = {
    "careers_talk": "employer_encounter", "careers_fair": "employer_encounter",
    "workplace_visit": "workplace_experience", "virtual_tour": "employer_encounter",
    "masterclass": "employer_encounter", "work_taster": "workplace_experience",
    "work_experience": "workplace_experience", "project_challenge": "employer_encounter",
    "mentoring_programme": "employer_encounter", "education_encounter": "education_encounter",
}
KIND_BENCHMARKS = {
    "careers_talk": [5], "careers_fair": [5, 7], "workplace_visit": [6], "virtual_tour": [5], "masterclass": [4, 5],
    "work_taster": [6], "work_experience": [6], "project_challenge": [5], "mentoring_programme": [5, 8],
    "education_encounter": [7],
}
SAFEGUARDED = frozenset({"work_taster", "work_experience"})
WHOLE_GROUP = frozenset({"careers_talk", "careers_fair", "virtual_tour", "education_encounter"})
ROUND_NAME = "Autumn half-term work experience week"

# Per city size; the other sizes scale them.
CITY_OPPORTUNITIES = 300
CITY_ROUND_OPPORTUNITIES = 40
ROUND_SHARE = 0.35        # of year 10 at engaged schools taking part in the round
EMPLOYER_KINDS = (("workplace_visit", 22), ("work_experience", 16), ("work_taster", 12), ("careers_talk", 10),
                  ("masterclass", 9), ("virtual_tour", 6), ("project_challenge", 6), ("mentoring_programme", 4))
PROVIDER_KINDS = (("education_encounter", 6), ("masterclass", 3), ("mentoring_programme", 1))

TITLES = {
    "workplace_visit": ("A morning at {host}", "Behind the scenes at {host}", "Visit {host}: see the {sector} world at work"),
    "work_experience": ("Work experience week at {host}", "{sector_cap} work experience with {host}",
                        "A week in the team at {host}"),
    "work_taster": ("Two-day taster at {host}", "Try a day in {sector} at {host}", "Taster days: {sector} careers"),
    "careers_talk": ("Careers talk: working in {sector}", "Assembly talk from {host}", "Meet the apprentices of {host}"),
    "careers_fair": ("{city} Careers and Apprenticeships Fair",),
    "masterclass": ("{sector_cap} masterclass", "Problem-solving masterclass with {host}", "Skills masterclass: {sector}"),
    "virtual_tour": ("Virtual tour of {host}", "Live online tour: a day in {sector}"),
    "project_challenge": ("The {host} design challenge", "Enterprise challenge set by {host}"),
    "mentoring_programme": ("Mentoring with {host}", "Six-month mentoring programme"),
    "education_encounter": ("Taster lectures at {host}", "Apprenticeships and courses: meet {host}", "Open morning at {host}"),
}
SUMMARIES = {
    "workplace_visit": "A guided visit of the site: meet people in different jobs, see how the work is done and ask them how they got there.",
    "work_experience": "A week working alongside the team on real tasks, with a supervisor who looks after you and a small project to finish by Friday.",
    "work_taster": "A short taste of the job: shadow staff, try some of the tasks and talk to apprentices about their training.",
    "careers_talk": "A talk in school about the jobs in the sector, the routes in and what the work is really like, with time for questions.",
    "careers_fair": "Dozens of employers, colleges and training providers under one roof: ask about jobs, apprenticeships and courses.",
    "masterclass": "A hands-on session run by people from the industry: solve a real problem in a small team and present what you found.",
    "virtual_tour": "A live online tour of the workplace from your classroom, with questions answered by the people who work there.",
    "project_challenge": "Work in a team on a real brief set by the employer, with a mentor from their staff, and pitch your idea at the end.",
    "mentoring_programme": "Meet a mentor from the employer every fortnight to talk about your plans, your skills and the next steps.",
    "education_encounter": "Find out what studying here is like: taster sessions, current students and advice on courses and apprenticeships.",
}
DAILY_PLANS = {
    "work_experience": "Monday: welcome, safety induction and meeting your supervisor. Tuesday to Thursday: working with the team "
                       "on their tasks. Friday: finishing a small project and presenting it to the team.",
    "work_taster": "Morning: safety induction and a tour. Afternoon: shadowing a member of the team and trying some of the tasks.",
}
INTERESTS = (
    "I am really interested in {sector} and want to see what the jobs are like before I choose my options.",
    "My uncle works in {sector} and I would like to find out if it is right for me too.",
    "I enjoy {subject} at school and I want to see how it is used in a real job.",
    "I want to do an apprenticeship after year 11 and this would help me decide which one.",
    "I like working in a team and solving problems, and I have never been inside a place like this.",
    "I want to build my confidence talking to adults I do not know, and learn what employers look for.",
    "I have been looking at {sector} careers online and I want to ask people who do the job what it is like.",
    "I would like some real experience to put on my college application.",
)
SUBJECTS = ("maths", "science", "design and technology", "computing", "English", "art", "business studies", "PE")
AVAILABILITY = ("", "", "", "I have a hospital appointment on the Tuesday morning.", "I cannot do Fridays after 1pm.",
                "I have football training until 5pm on Wednesdays.")
DECLINE_REASONS = (
    "There were many more applications than places this time. Please apply again next term.",
    "We gave places to students who had not had an experience of a workplace yet.",
    "The places went to students whose interests matched the team's work most closely.",
)
RETURN_REASON = ("The dates overlap the schools' exam weeks, and the daily plan needs more detail about who supervises "
                 "the students on the shop floor. Please move the dates and say who the named supervisor is.")
REVIEW_BODIES = {
    5: ("Brilliant. Everyone was friendly and I got to try real tasks, not just watch. I want to apply for their apprenticeship.",
        "The best thing I have done this year. My supervisor explained everything and I made something I could take home.",
        "Really well organised and interesting. I learned loads about the jobs and how to get into them."),
    4: ("Very good. Some of the morning was a bit slow but the afternoon was great and I learned a lot.",
        "I enjoyed it and the staff were helpful. I would have liked more time trying things myself.",
        "Good experience, it made me think about careers I had not heard of before."),
    3: ("It was OK. Interesting to see the workplace but we spent a lot of time waiting around.",
        "Some parts were good but it was hard to hear on the tour and the talk went on too long."),
    2: ("Not what I expected. We mostly sat in a meeting room and did not get to see much of the work.",),
    1: ("Disappointing. The day was cut short and nobody seemed to know we were coming.",),
}
REPLIES = (
    "Thank you for your kind words, it was great having you with us. Keep an eye out for our apprenticeships next year!",
    "Thanks for the feedback. We have changed the timetable so there is more hands-on time for the next group.",
    "We are glad you enjoyed it. Good luck with your options and do come back and see us.",
    "Thank you. Sorry the morning was slow; we have added a workshop session to the start of the day.",
)
REJECT_REASONS = (
    "Your review names a member of staff. Please leave out people's names and send it again.",
    "Please say a bit more about what you did and what it was like, so other young people can learn from it.",
)
FEEDBACK_BODIES = (
    "{first} was punctual, polite and asked thoughtful questions all week. They worked well with the team and "
    "showed real care over the detail. Next step: speak up more in group discussions, your ideas are good.",
    "{first} got stuck in from the first morning and was not afraid to try new tasks. They listened carefully to "
    "safety instructions and finished their project on time. A credit to the school.",
    "It was a pleasure having {first} with us. They showed good problem-solving and communication skills. "
    "To build on: keep practising explaining your thinking to people you have just met.",
    "{first} was keen and curious and made a good impression on the team. We would be happy to see them apply "
    "for our apprenticeship programme when the time comes.",
)
GROUP_NOTES = ("Whole year group in the hall, with questions afterwards.", "Logged by the careers leader from the register.",
               "Run in tutor time across the year group.")


# Records ---------------------------------------------------------------------------------------
@dataclass(slots=True)
class OpportunityRecord:
    host_kind: str             # employer or provider
    host: int                  # index into City.employers or City.providers
    kind: str
    title: str
    summary: str
    sic_section: str
    year_group_from: int
    year_group_to: int
    capacity: int
    starts_on: date
    ends_on: date
    how_places_are_given: str  # application, allocation or whole_group
    status: str                # draft, submitted, returned or approved
    daily_plan: str
    supervision: str
    supervisor_name: str
    postcode: str
    address: str
    daily_times: str = "9am to 3pm"
    applications_close_on: date | None = None
    online: bool = False
    return_reason: str = ""
    submitted_on: date | None = None
    decided_on: date | None = None
    decided_by: int | None = None   # index into City.users
    created_by: int | None = None
    in_round: bool = False

    @property
    def benchmarks(self) -> list[int]:
        return list(KIND_BENCHMARKS[self.kind])


@dataclass(slots=True)
class ApplicationRecord:
    opportunity: int
    young_person: int
    status: str                # submitted, shortlisted, accepted, declined or withdrawn
    interest: str
    availability: str
    shared: list[str]
    submitted_on: date
    decision_reason: str = ""
    decided_on: date | None = None
    decided_by: int | None = None


@dataclass(slots=True)
class PlacementRecord:
    application: int
    status: str                # awaiting_checks, confirmed, completed or cancelled
    consent: bool
    risk_assessment: bool
    supervisor_check: bool
    emergency_contact: bool
    agreed_by_young_person: bool
    agreed_by_host: bool
    cancelled_reason: str = ""

    @property
    def complete(self) -> bool:
        return all((self.consent, self.risk_assessment, self.supervisor_check, self.emergency_contact,
                    self.agreed_by_young_person, self.agreed_by_host))


@dataclass(slots=True)
class GroupRecord:
    school: int
    kind: str
    title: str
    occurred_on: date
    year_group: int
    employer: int | None = None
    provider: int | None = None
    opportunity: int | None = None
    notes: str = ""
    recorded_by: int | None = None
    attendees: list[int] = field(default_factory=list)  # indexes into City.young_people


@dataclass(slots=True)
class AttendanceRecord:
    application: int
    occurred_on: date


@dataclass(slots=True)
class ReviewRecord:
    application: int
    rating: int
    body: str
    status: str                # pending, published or rejected
    moderated_by: int | None = None
    reason: str = ""
    reply: str = ""
    replied_by: int | None = None


@dataclass(slots=True)
class FeedbackRecord:
    application: int
    body: str
    author: int | None = None


@dataclass(slots=True)
class RoundRecord:
    name: str
    description: str
    choices_close_on: date
    runs: bool                 # closed and run and published by the demo's today, or still open
    opportunities: list[int]
    choices: list[tuple[int, int, int]]  # (young person, opportunity, rank)
    seed: int


@dataclass
class OpportunityYear:
    academic_year: int
    opportunities: list[OpportunityRecord]
    applications: list[ApplicationRecord]
    placements: list[PlacementRecord]
    attendance: list[AttendanceRecord]
    groups: list[GroupRecord]
    reviews: list[ReviewRecord]
    feedback: list[FeedbackRecord]
    allocation_round: RoundRecord
    demo_applications: dict[str, int] = field(default_factory=dict)  # what the demo young person has, by role

    def summary(self) -> dict[str, int]:
        return {
            "opportunities": len(self.opportunities),
            "applications": len(self.applications),
            "placements": len(self.placements),
            "whole-group encounters": len(self.groups),
            "encounters": len(self.attendance) + sum(len(g.attendees) for g in self.groups),
            "reviews": len(self.reviews),
            "host feedback": len(self.feedback),
            "allocation round choices": len(self.allocation_round.choices),
        }


# Helpers ---------------------------------------------------------------------------------------
def _weighted(rng: random.Random, pairs) -> str:
    values, weights = zip(*pairs)
    return rng.choices(values, weights=weights)[0]


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


class _Year:
    def __init__(self, city: City):
        self.city = city
        self.as_of = city.as_of
        self.year = academic_year_start(city.as_of)
        self.scale = {"small": 0.1, "city": 1.0, "region": 5.0}[city.size]
        self.hub_manager = ROLES.index("hub_manager")
        self.coordinator = ROLES.index("enterprise_coordinator")
        self.careers_leader = ROLES.index("careers_leader")
        self.employer_contact = ROLES.index("employer_contact")
        self.opportunities: list[OpportunityRecord] = []
        self.applications: list[ApplicationRecord] = []
        self.placements: list[PlacementRecord] = []
        self.attendance: list[AttendanceRecord] = []
        self.groups: list[GroupRecord] = []
        self.reviews: list[ReviewRecord] = []
        self.feedback: list[FeedbackRecord] = []
        self.applied: set[tuple[int, int]] = set()
        engaged = {i for i, s in enumerate(city.schools) if s.status == "engaged"}
        self.by_year: dict[int, list[int]] = {y: [] for y in range(7, 15)}
        self.by_school_year: dict[tuple[int, int], list[int]] = {}
        for i, yp in enumerate(city.young_people):
            if yp.school in engaged:
                self.by_year[yp.year_group].append(i)
            self.by_school_year.setdefault((yp.school, yp.year_group), []).append(i)
        self.engaged = sorted(engaged)

    def rng(self, part: str) -> random.Random:
        return random.Random(f"careershub-demo/{self.city.seed}/opportunities/{part}")

    # Dates in the academic year ----------------------------------------------------------
    def term_days(self) -> list[tuple[date, date]]:
        y = self.year
        return [(date(y, 9, 8), date(y, 10, 23)), (date(y, 11, 2), date(y, 12, 17)), (date(y + 1, 1, 6), date(y + 1, 2, 12)),
                (date(y + 1, 2, 22), date(y + 1, 3, 26)), (date(y + 1, 4, 19), date(y + 1, 5, 28)),
                (date(y + 1, 6, 7), date(y + 1, 7, 16))]

    def half_term(self) -> date:
        """Monday of the autumn half-term week (the last full week of October)."""
        return _monday(date(self.year, 10, 31))

    def a_day(self, rng: random.Random) -> date:
        start, end = rng.choice(self.term_days())
        return _weekday(start + timedelta(days=rng.randint(0, (end - start).days)))

    def span(self, rng: random.Random, kind: str) -> tuple[date, date]:
        if kind == "work_experience":
            start = _monday(self.a_day(rng))
            if rng.random() < 0.5:  # many schools send year 10 out in the summer term
                start = _monday(date(self.year + 1, 7, rng.choice((5, 12))))
            return start, start + timedelta(days=4)
        start = self.a_day(rng)
        if kind == "work_taster":
            return start, start + timedelta(days=1 if start.weekday() < 4 else 0)
        if kind == "mentoring_programme":
            return start, start + timedelta(weeks=rng.choice((12, 16, 24)))
        if kind == "project_challenge" and rng.random() < 0.5:
            return start, start + timedelta(weeks=6)
        return start, start

    # Hosts ---------------------------------------------------------------------------------
    def host_words(self, record: OpportunityRecord) -> dict[str, str]:
        if record.host_kind == "employer":
            employer = self.city.employers[record.host]
            host, sector = employer.name, names.SECTOR_PHRASES.get(employer.sic_section, "business")
        else:
            host, sector = self.city.providers[record.host].name, "further and higher education"
        return {"host": host, "sector": sector, "sector_cap": sector[:1].upper() + sector[1:], "city": names.CITY}

    def opportunity(self, rng: random.Random, *, host_kind: str, host: int, kind: str, starts_on: date, ends_on: date,
                    capacity: int, status: str = "approved", title: str = "", year_groups: tuple[int, int] | None = None,
                    how: str | None = None) -> int:
        if host_kind == "employer":
            employer = self.city.employers[host]
            sic, postcode = employer.sic_section, employer.postcode
            contact = next((c for c in self.city.contacts if c.employer == host), None)
            supervisor = contact.name if contact else "The site manager"
        else:
            provider = self.city.providers[host]
            sic, postcode, supervisor = "P", provider.postcode, "The schools liaison officer"
        if year_groups is None:
            year_groups = {"work_experience": (10, 12), "work_taster": (9, 11), "mentoring_programme": (9, 11),
                           "education_encounter": (10, 13), "careers_fair": (9, 13)}.get(kind, rng.choice(((7, 9), (8, 10), (9, 11), (10, 11))))
        if how is None:
            how = "whole_group" if kind in WHOLE_GROUP else "application"
        record = OpportunityRecord(
            host_kind=host_kind, host=host, kind=kind, title="", summary=SUMMARIES[kind], sic_section=sic,
            year_group_from=year_groups[0], year_group_to=year_groups[1], capacity=capacity, starts_on=starts_on,
            ends_on=ends_on, how_places_are_given=how, status=status,
            daily_plan=DAILY_PLANS.get(kind, "Arrive and sign in at reception; an introduction, the activity itself and time for questions."),
            supervision=f"{supervisor} supervises throughout; a member of staff from the school is told who to contact.",
            supervisor_name=supervisor, postcode=postcode,
            address=f"{rng.randint(1, 120)} {rng.choice(('Station Road', 'Mill Lane', 'Canal Street', 'Enterprise Way', 'High Street'))}, {names.CITY}",
            online=kind == "virtual_tour", daily_times="9am to 3pm" if kind in SAFEGUARDED else "10am to 12 noon",
        )
        record.title = title or rng.choice(TITLES[kind]).format(**self.host_words(record))
        if how == "application":
            record.applications_close_on = starts_on - timedelta(days=14)
        record.created_by = self.employer_contact if host_kind == "employer" and host == self.city.demo_employer else None
        if status != "draft":
            record.submitted_on = min(self.as_of, starts_on - timedelta(days=rng.randint(35, 60)))
        if status in ("approved", "returned"):
            record.decided_on = min(self.as_of, record.submitted_on + timedelta(days=rng.randint(1, 6)))
            record.decided_by = self.hub_manager if rng.random() < 0.6 else self.coordinator
        if status == "returned":
            record.return_reason = RETURN_REASON
        self.opportunities.append(record)
        return len(self.opportunities) - 1

    # Applications --------------------------------------------------------------------------
    def interest(self, rng: random.Random, opportunity: OpportunityRecord) -> str:
        return rng.choice(INTERESTS).format(sector=self.host_words(opportunity)["sector"], subject=rng.choice(SUBJECTS))

    def apply(self, rng: random.Random, o: int, young_person: int, status: str) -> int:
        opportunity = self.opportunities[o]
        close = opportunity.applications_close_on or opportunity.starts_on
        submitted_on = min(self.as_of, close - timedelta(days=rng.randint(1, 20)))
        shared = ["school", "year_group"] + [part for part in ("encounters", "career_interests", "skills") if rng.random() < 0.5]
        record = ApplicationRecord(opportunity=o, young_person=young_person, status=status, interest=self.interest(rng, opportunity),
                                   availability=rng.choice(AVAILABILITY), shared=shared, submitted_on=submitted_on)
        if status in ("accepted", "declined"):
            record.decided_on = min(self.as_of, submitted_on + timedelta(days=rng.randint(2, 10)))
            record.decided_by = self.employer_contact if opportunity.host_kind == "employer" and opportunity.host == self.city.demo_employer else None
        if status == "declined":
            record.decision_reason = rng.choice(DECLINE_REASONS)
        self.applications.append(record)
        self.applied.add((o, young_person))
        return len(self.applications) - 1

    def applicants(self, rng: random.Random, o: int, count: int) -> list[int]:
        """Young people in the opportunity's year groups at engaged schools; those from disadvantaged
        homes apply a little less often (the gap the pledge works against)."""
        opportunity = self.opportunities[o]
        pool = [i for y in range(opportunity.year_group_from, opportunity.year_group_to + 1) for i in self.by_year.get(y, [])]
        chosen: list[int] = []
        for _ in range(count * 4):
            if len(chosen) >= count or not pool:
                break
            candidate = rng.choice(pool)
            yp = self.city.young_people[candidate]
            if yp.pupil_premium and rng.random() < 0.4:
                continue
            if candidate in chosen or (o, candidate) in self.applied or candidate == self.city.demo_young_person:
                continue
            chosen.append(candidate)
        return chosen

    def fill(self, rng: random.Random, o: int, *, demand: float | None = None, keep_open: bool = False) -> None:
        """Applications for an opportunity, with statuses that fit where it is in the year."""
        opportunity = self.opportunities[o]
        taken = sum(1 for a in self.applications if a.opportunity == o and a.status == "accepted")
        demand = demand if demand is not None else rng.uniform(0.6, 2.3)
        people = self.applicants(rng, o, max(1, round(opportunity.capacity * demand)))
        decided = not keep_open and (opportunity.applications_close_on or opportunity.starts_on) < self.as_of
        for young_person in people:
            if decided:
                if taken < opportunity.capacity and rng.random() < 0.92:
                    status, taken = "accepted", taken + 1
                else:
                    status = "withdrawn" if rng.random() < 0.1 else "declined"
            else:
                r = rng.random()
                status = "submitted" if r < 0.55 else "shortlisted" if r < 0.8 else "withdrawn" if r < 0.86 else "declined"
                if status == "shortlisted" and not keep_open and taken < opportunity.capacity and rng.random() < 0.5:
                    status, taken = "accepted", taken + 1
            self.apply(rng, o, young_person, status)

    # Placements, attendance, reviews, feedback --------------------------------------------------
    def outcomes(self, *, skip: set[int]) -> None:
        """Placements, attendance and what follows for every accepted place but ``skip`` (the demo young
        person's, set by hand)."""
        rng = self.rng("outcomes")
        for a, application in enumerate(self.applications):
            if application.status != "accepted" or a in skip:
                continue
            opportunity = self.opportunities[application.opportunity]
            over = opportunity.ends_on < self.as_of
            cancelled = False
            if opportunity.kind in SAFEGUARDED:
                cancelled = over and rng.random() < 0.04 and application.young_person != self.city.demo_young_person
                self.placements.append(self.placement(rng, a, over=over, cancelled=cancelled))
            if over and not cancelled and (rng.random() < 0.93 or application.young_person == self.city.demo_young_person):
                self.attendance.append(AttendanceRecord(a, opportunity.starts_on))
                self.after(rng, a)

    def placement(self, rng: random.Random, a: int, *, over: bool, cancelled: bool = False,
                  status: str | None = None) -> PlacementRecord:
        if cancelled:
            return PlacementRecord(a, "cancelled", True, True, True, True, True, True,
                                   cancelled_reason="The host had to close the site that week; the school is finding another place.")
        status = status or ("completed" if over else "confirmed" if rng.random() < 0.4 else "awaiting_checks")
        if status in ("completed", "confirmed"):
            return PlacementRecord(a, status, True, True, True, True, True, True)
        checks = [rng.random() < p for p in (0.6, 0.7, 0.5, 0.6, 0.5, 0.5)]
        if all(checks):
            checks[rng.randrange(6)] = False
        return PlacementRecord(a, "awaiting_checks", *checks)

    def after(self, rng: random.Random, a: int, *, review: str | None = None, feedback: bool | None = None) -> None:
        """What follows an attended place: sometimes a review (mostly published, some with the host's
        reply) and sometimes the host's feedback."""
        application = self.applications[a]
        opportunity = self.opportunities[application.opportunity]
        demo_host = opportunity.host_kind == "employer" and opportunity.host == self.city.demo_employer
        if review is None and rng.random() < (0.7 if demo_host else 0.35):
            review = _weighted(rng, (("published", 80), ("pending", 12), ("rejected", 8)))
        if review:
            rating = int(_weighted(rng, (("5", 45), ("4", 32), ("3", 14), ("2", 6), ("1", 3))))
            record = ReviewRecord(a, rating, rng.choice(REVIEW_BODIES[rating]), review)
            if review != "pending":
                record.moderated_by = self.hub_manager if rng.random() < 0.5 else self.coordinator
            if review == "rejected":
                record.reason = rng.choice(REJECT_REASONS)
            if review == "published" and opportunity.host_kind == "employer" and rng.random() < (0.6 if demo_host else 0.25):
                record.reply = rng.choice(REPLIES)
                record.replied_by = self.employer_contact if demo_host else None
            self.reviews.append(record)
        if feedback is None:
            feedback = opportunity.host_kind == "employer" and rng.random() < (0.6 if demo_host else 0.4)
        if feedback:
            first = self.city.young_people[application.young_person].first_name
            self.feedback.append(FeedbackRecord(a, rng.choice(FEEDBACK_BODIES).format(first=first),
                                                self.employer_contact if demo_host else None))

    # The year ----------------------------------------------------------------------------------
    def make_opportunities(self) -> None:
        rng = self.rng("opportunities")
        city = self.city
        employers = [i for i in range(len(city.employers)) if i != city.demo_employer]
        weights = [{"micro": 0.4, "small": 1.0, "medium": 2.0, "large": 3.0}[city.employers[i].size_band]
                   * (3 if city.employers[i].is_cornerstone else 1) for i in employers]
        providers = [i for i, p in enumerate(city.providers) if p.kind in ("university", "training_provider", "community_organisation")]
        total = max(30, round(CITY_OPPORTUNITIES * self.scale))
        waiting = max(2, round(total * 0.03))
        for n in range(total):
            if providers and rng.random() < 0.12:
                host_kind, host, kind = "provider", rng.choice(providers), _weighted(rng, PROVIDER_KINDS)
            else:
                host_kind, host, kind = "employer", rng.choices(employers, weights)[0], _weighted(rng, EMPLOYER_KINDS)
            starts_on, ends_on = self.span(rng, kind)
            capacity = {"work_experience": rng.randint(1, 4), "work_taster": rng.randint(2, 6), "workplace_visit": rng.randint(6, 20),
                        "masterclass": rng.randint(10, 30), "project_challenge": rng.randint(8, 24),
                        "mentoring_programme": rng.randint(4, 10)}.get(kind, rng.randint(60, 240))
            status = "submitted" if n < waiting and starts_on > self.as_of + timedelta(days=30) else "approved"
            o = self.opportunity(rng, host_kind=host_kind, host=host, kind=kind, starts_on=starts_on, ends_on=ends_on,
                                 capacity=capacity, status=status)
            if status == "approved" and self.opportunities[o].how_places_are_given == "application":
                self.fill(rng, o)

    def make_demo_employer(self) -> None:
        """The demo employer contact's opportunities: ones that are over (attended, reviewed, with
        feedback), upcoming ones with applicants to decide on, and one each waiting for approval,
        returned with a reason and in draft."""
        rng = self.rng("demo-employer")
        host = self.city.demo_employer
        y = self.year
        visit_day = _weekday(date(y, 10, 7))
        past_visit = self.opportunity(rng, host_kind="employer", host=host, kind="workplace_visit", starts_on=visit_day,
                                      ends_on=visit_day, capacity=12, title="Inside an aerospace factory",
                                      year_groups=(9, 11))
        taster_day = _weekday(date(y, 11, 4))
        past_taster = self.opportunity(rng, host_kind="employer", host=host, kind="work_taster", starts_on=taster_day,
                                       ends_on=taster_day + timedelta(days=1), capacity=4, title="Two days in the machine shop",
                                       year_groups=(10, 11))
        week = _monday(date(y + 1, 2, 15))
        self.decide_on = self.opportunity(rng, host_kind="employer", host=host, kind="work_experience", starts_on=week,
                                          ends_on=week + timedelta(days=4), capacity=4,
                                          title="Engineering work experience week", year_groups=(10, 11))
        masterclass_day = _weekday(date(y + 1, 1, 20))
        masterclass = self.opportunity(rng, host_kind="employer", host=host, kind="masterclass", starts_on=masterclass_day,
                                       ends_on=masterclass_day, capacity=15, title="Design a drone part: engineering masterclass")
        summer = _monday(date(y + 1, 7, 5))
        self.opportunity(rng, host_kind="employer", host=host, kind="work_experience", starts_on=summer,
                         ends_on=summer + timedelta(days=4), capacity=6, status="submitted",
                         title="Summer work experience: quality and inspection")
        camp = _monday(date(y + 1, 5, 31))
        self.opportunity(rng, host_kind="employer", host=host, kind="project_challenge", starts_on=camp,
                         ends_on=camp + timedelta(days=2), capacity=20, status="returned", title="Summer engineering camp")
        self.opportunity(rng, host_kind="employer", host=host, kind="work_taster", starts_on=_weekday(date(y + 1, 3, 10)),
                         ends_on=_weekday(date(y + 1, 3, 10)), capacity=3, status="draft", title="Apprentice shadowing day")
        self.fill(rng, past_taster, demand=1.6)  # the past visit is filled once the demo young person has a place
        self.fill(rng, self.decide_on, demand=2.2, keep_open=True)
        self.fill(rng, masterclass, demand=0.8, keep_open=True)
        self.demo_past_visit = past_visit

    def make_demo_young_person(self) -> None:
        """The demo young person: a placement waiting for checks, an accepted one confirmed, a visit
        they went to with feedback and a published review with a reply, one over and not reviewed yet,
        one still waiting for a decision and one not successful."""
        rng = self.rng("demo-young-person")
        me = self.city.demo_young_person
        y = self.year
        others = [i for i, e in enumerate(self.city.employers) if e.is_cornerstone and i != self.city.demo_employer]
        demo = {}
        # Waiting for checks: the demo employer's February week.
        demo["awaiting_checks"] = self.apply(rng, self.decide_on, me, "accepted")
        self.placements.append(PlacementRecord(demo["awaiting_checks"], "awaiting_checks", consent=False, risk_assessment=True,
                                               supervisor_check=True, emergency_contact=False, agreed_by_young_person=True,
                                               agreed_by_host=False))
        # Confirmed: a work taster at a cornerstone employer in the spring.
        day = _weekday(date(y + 1, 1, 13))
        taster = self.opportunity(rng, host_kind="employer", host=others[0 % len(others)], kind="work_taster", starts_on=day,
                                  ends_on=day + timedelta(days=1), capacity=3, year_groups=(10, 11))
        demo["confirmed"] = self.apply(rng, taster, me, "accepted")
        self.placements.append(PlacementRecord(demo["confirmed"], "confirmed", True, True, True, True, True, True))
        self.fill(rng, taster, demand=1.0, keep_open=True)
        # Went, with feedback and a published review with the host's reply.
        demo["reviewed"] = self.apply(rng, self.demo_past_visit, me, "accepted")
        self.attendance.append(AttendanceRecord(demo["reviewed"], self.opportunities[self.demo_past_visit].starts_on))
        self.reviews.append(ReviewRecord(demo["reviewed"], 5, REVIEW_BODIES[5][1], "published", moderated_by=self.coordinator,
                                         reply=REPLIES[0], replied_by=self.employer_contact))
        first = self.city.young_people[me].first_name
        self.feedback.append(FeedbackRecord(demo["reviewed"], FEEDBACK_BODIES[0].format(first=first), self.employer_contact))
        self.fill(rng, self.demo_past_visit, demand=1.6)
        # Over and not reviewed yet: a masterclass at another cornerstone.
        day = _weekday(date(y, 11, 12)) if date(y, 11, 12) < self.as_of else _weekday(date(y, 9, 17))
        masterclass = self.opportunity(rng, host_kind="employer", host=others[1 % len(others)], kind="masterclass",
                                       starts_on=day, ends_on=day, capacity=16, year_groups=(9, 11))
        demo["to_review"] = self.apply(rng, masterclass, me, "accepted")
        self.attendance.append(AttendanceRecord(demo["to_review"], day))
        self.fill(rng, masterclass, demand=0.9)
        # Waiting for a decision, and not successful.
        day = _weekday(date(y + 1, 3, 3))
        pending = self.opportunity(rng, host_kind="employer", host=others[2 % len(others)], kind="workplace_visit",
                                   starts_on=day, ends_on=day, capacity=10, year_groups=(10, 11))
        demo["submitted"] = self.apply(rng, pending, me, "submitted")
        self.fill(rng, pending, demand=1.2, keep_open=True)
        day = _weekday(date(y, 10, 14))
        full = self.opportunity(rng, host_kind="employer", host=others[3 % len(others)], kind="project_challenge",
                                starts_on=day, ends_on=day, capacity=2, year_groups=(10, 11))
        self.fill(rng, full, demand=1.5)
        demo["declined"] = self.apply(rng, full, me, "declined")
        self.demo_applications = demo

    def make_round(self) -> RoundRecord:
        """The autumn half-term work experience week: placements given by allocation, ranked choices
        from year 10 across the engaged schools."""
        rng = self.rng("allocation-round")
        city = self.city
        week = self.half_term()
        count = max(6, round(CITY_ROUND_OPPORTUNITIES * self.scale))
        hosts = sorted(rng.sample([i for i in range(len(city.employers)) if i != city.demo_employer],
                                  min(count - 1, len(city.employers) - 1))) + [city.demo_employer]
        chosen = []
        for host in hosts:
            o = self.opportunity(rng, host_kind="employer", host=host, kind="work_experience", starts_on=week,
                                 ends_on=week + timedelta(days=4), capacity=rng.randint(2, 6), how="allocation",
                                 year_groups=(10, 10))
            self.opportunities[o].title = f"Half-term work experience at {city.employers[host].name}"
            self.opportunities[o].in_round = True
            self.opportunities[o].applications_close_on = None
            chosen.append(o)
        close = week - timedelta(days=28)
        pool = self.by_year.get(10, [])
        taking_part = sorted(set(rng.sample(pool, min(len(pool), round(len(pool) * ROUND_SHARE))))
                             | {city.demo_young_person})
        popular = [1.0 + 2.5 * rng.random() for _ in chosen]  # some hosts are much more wanted than others
        choices = []
        for young_person in taking_part:
            wanted = min(len(chosen), rng.choice((3, 4, 5, 5, 5)))
            ranked: list[int] = []
            while len(ranked) < wanted:
                pick = rng.choices(chosen, popular)[0]
                if pick not in ranked:
                    ranked.append(pick)
            choices.extend((young_person, o, rank) for rank, o in enumerate(ranked, start=1))
        return RoundRecord(
            name=ROUND_NAME, choices_close_on=close, runs=self.as_of > week, opportunities=chosen, choices=choices,
            seed=rng.randint(1, 99_999),
            description="A week of work experience for year 10 in the October half-term, with employers across the city. "
                        "Rank up to five placements; places go first to those with the fewest experiences of workplaces "
                        "so far, then to disadvantaged young people.",
        )

    def make_groups(self) -> None:
        """Whole-group encounters: assemblies, the partnership careers fair, college and university talks,
        class workplace visits and virtual tours, this year and last. Schools with more disadvantage
        fit in fewer of them."""
        rng = self.rng("groups")
        city = self.city
        y = self.year
        fair_day = _weekday(date(y, 10, 8))
        fair = None
        if fair_day < self.as_of:
            fair = self.opportunity(rng, host_kind="employer", host=0, kind="careers_fair", starts_on=fair_day, ends_on=fair_day,
                                    capacity=2000, title=f"{names.CITY} Careers and Apprenticeships Fair", year_groups=(9, 13))
        talks = [o for o, r in enumerate(self.opportunities) if r.kind in WHOLE_GROUP and r.status == "approved"
                 and r.starts_on < self.as_of and r.kind != "careers_fair"]
        employers = list(range(len(city.employers)))
        providers = [i for i, p in enumerate(city.providers) if p.kind in ("university", "training_provider")] or [0]
        for school in self.engaged:
            s = city.schools[school]
            chance = max(0.15, 1.0 - 1.6 * s.deprivation)  # the pledge's gaps follow disadvantage
            recorded_by = self.careers_leader if school == city.demo_school else None

            def log(kind, title, day, year_group, *, employer=None, provider=None, opportunity=None):
                attendees = self.by_school_year.get((school, year_group), [])
                if not attendees or day >= self.as_of:
                    return
                self.groups.append(GroupRecord(school, kind, title, day, year_group, employer, provider, opportunity,
                                               rng.choice(GROUP_NOTES), recorded_by, list(attendees)))

            for year_group in s.year_groups:
                # Last year, in the year group below: a class workplace visit and a virtual tour.
                if year_group - 1 >= 7 and rng.random() < chance * 0.8:
                    host = rng.choice(employers)
                    log("workplace_visit", f"Year {year_group - 1} visit to {city.employers[host].name}",
                        self.a_day_in(rng, y - 1), year_group, employer=host)
                if year_group - 1 >= 7 and rng.random() < chance * 0.5:
                    host = rng.choice(employers)
                    log("virtual_tour", f"Virtual tour of {city.employers[host].name}", self.a_day_in(rng, y - 1),
                        year_group, employer=host)
                # This year: an assembly talk, the fair, a college or university talk, a class visit.
                if rng.random() < 0.4 + chance * 0.5:
                    if talks and rng.random() < 0.5:
                        o = rng.choice(talks)
                        r = self.opportunities[o]
                        kwargs = {"employer": r.host} if r.host_kind == "employer" else {"provider": r.host}
                        log(r.kind, r.title, r.starts_on, year_group, opportunity=o, **kwargs)
                    else:
                        host = rng.choice(employers)
                        log("careers_talk", f"Assembly: careers in {names.SECTOR_PHRASES.get(city.employers[host].sic_section, 'business')}",
                            self.autumn_day(rng), year_group, employer=host)
                if fair is not None and year_group in (10, 11) and rng.random() < chance + 0.2:
                    log("careers_fair", self.opportunities[fair].title, fair_day, year_group, employer=0, opportunity=fair)
                if year_group >= 11 and rng.random() < 0.3 + chance * 0.5:
                    provider = rng.choice(providers)
                    log("education_encounter", f"Talk from {city.providers[provider].name}", self.autumn_day(rng), year_group,
                        provider=provider)
                if year_group in (9, 10) and rng.random() < chance * 0.5:
                    host = rng.choice(employers)
                    log("workplace_visit", f"Year {year_group} visit to {city.employers[host].name}", self.autumn_day(rng),
                        year_group, employer=host)

    def a_day_in(self, rng: random.Random, year: int) -> date:
        start = date(year, 9, 8)
        return _weekday(start + timedelta(days=rng.randint(0, 300)))

    def autumn_day(self, rng: random.Random) -> date:
        start = date(self.year, 9, 8)
        latest = max(start, min(self.as_of - timedelta(days=1), date(self.year, 12, 17)))
        return _weekday(start + timedelta(days=rng.randint(0, (latest - start).days)))

    def run(self) -> OpportunityYear:
        self.make_opportunities()
        self.make_demo_employer()
        self.make_demo_young_person()
        allocation_round = self.make_round()
        self.outcomes(skip=set(self.demo_applications.values()))
        self.ensure_pending_review()
        self.make_groups()
        return OpportunityYear(
            academic_year=self.year, opportunities=self.opportunities, applications=self.applications,
            placements=self.placements, attendance=self.attendance, groups=self.groups, reviews=self.reviews,
            feedback=self.feedback, allocation_round=allocation_round, demo_applications=dict(self.demo_applications),
        )

    def ensure_pending_review(self) -> None:
        """The hub's moderation queue and the demo employer's page always have something to show."""
        reviewed = {r.application for r in self.reviews}
        statuses = {r.status for r in self.reviews}
        attended = [a.application for a in self.attendance if a.application not in reviewed]
        for wanted in ("pending", "rejected"):
            if wanted not in statuses and attended:
                a = attended.pop(0)
                rating = 3
                self.reviews.append(ReviewRecord(a, rating, REVIEW_BODIES[rating][0], wanted,
                                                 moderated_by=self.hub_manager if wanted == "rejected" else None,
                                                 reason=REJECT_REASONS[0] if wanted == "rejected" else ""))
                reviewed.add(a)


def generate_year(city: City) -> OpportunityYear:
    """The demo city's year of opportunities (pure: the same city gives the same year)."""
    return _Year(city).run()


# Loading ---------------------------------------------------------------------------------------
BATCH_SIZE = 2000


def insert_rows(model, rows: list[dict]) -> None:
    """Insert many rows of one model straight into its table (the encounters: tens of thousands at
    city size, where building model instances would cost seconds). Each row names every column but
    the primary key and the timestamps, which are set here; values are made ready for the database
    by its own adapters."""
    from django.db import connection
    from django.utils import timezone

    if not rows:
        return
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    names = list(rows[0])
    columns = [model._meta.get_field(name).column for name in names] + ["created_at", "updated_at"]
    date_columns = [i for i, name in enumerate(names) if model._meta.get_field(name).get_internal_type() == "DateField"]
    sql = (f"INSERT INTO {ops.quote_name(model._meta.db_table)} ({', '.join(ops.quote_name(c) for c in columns)}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE):
            values = []
            for row in rows[start:start + BATCH_SIZE]:
                line = list(row.values())
                for i in date_columns:
                    line[i] = ops.adapt_datefield_value(line[i])
                values.append((*line, now, now))
            cursor.executemany(sql, values)


def load_year(year: OpportunityYear, city: City, *, pid: int, schools: list[int], employers: list[int],
              providers: list[int], users: list[int], young_people: list[int], say) -> None:
    """Write the year with bulk inserts, then run and publish the allocation round through the
    allocation services and complete the week's placements once it is over."""
    from datetime import datetime, time as clock

    from django.utils import timezone

    from careershub.accounts.models import User
    from careershub.allocation.models import AllocationRound, RoundChoice, RoundOpportunity
    from careershub.core.calendar import academic_year_of
    from careershub.opportunities.models import (
        Application, Encounter, GroupEncounter, HostFeedback, Opportunity, OpportunityDecision, Placement, Review,
    )

    def at(day: date | None, hour: int = 10):
        return None if day is None else timezone.make_aware(datetime.combine(day, clock(hour, 0)))

    def user_id(index):
        return None if index is None else users[index]

    as_of = city.as_of
    opportunities = [o.pk for o in Opportunity.objects.bulk_create([
        Opportunity(
            partnership_id=pid, employer_id=employers[o.host] if o.host_kind == "employer" else None,
            provider_id=providers[o.host] if o.host_kind == "provider" else None, kind=o.kind, title=o.title,
            summary=o.summary, benchmarks=o.benchmarks, sic_section=o.sic_section, year_group_from=o.year_group_from,
            year_group_to=o.year_group_to, capacity=o.capacity, starts_on=o.starts_on, ends_on=o.ends_on,
            daily_times=o.daily_times, applications_close_on=o.applications_close_on, online=o.online,
            address="" if o.online else o.address, postcode="" if o.online else o.postcode, daily_plan=o.daily_plan,
            supervision=o.supervision, supervisor_name=o.supervisor_name, how_places_are_given=o.how_places_are_given,
            status=o.status, return_reason=o.return_reason, submitted_at=at(o.submitted_on, 11),
            decided_at=at(o.decided_on, 15), decided_by_id=user_id(o.decided_by), created_by_id=user_id(o.created_by),
        )
        for o in year.opportunities
    ], batch_size=BATCH_SIZE)]
    decisions = []
    for pk, o in zip(opportunities, year.opportunities):
        if o.submitted_on:
            decisions.append(OpportunityDecision(opportunity_id=pk, decision="submitted", by_id=user_id(o.created_by)))
        if o.decided_on:
            decisions.append(OpportunityDecision(opportunity_id=pk, decision=o.status, reason=o.return_reason,
                                                 by_id=user_id(o.decided_by)))
    OpportunityDecision.objects.bulk_create(decisions, batch_size=BATCH_SIZE)

    applications = [a.pk for a in Application.objects.bulk_create([
        Application(
            opportunity_id=opportunities[a.opportunity], young_person_id=young_people[a.young_person], status=a.status,
            interest=a.interest, availability=a.availability, shared=a.shared, decision_reason=a.decision_reason,
            decided_at=at(a.decided_on, 16), decided_by_id=user_id(a.decided_by),
            submitted_by_id=user_id(city.young_people[a.young_person].user),
        )
        for a in year.applications
    ], batch_size=BATCH_SIZE)]

    parent_of = {link.young_person: link.parent for link in city.parent_links}
    placements = []
    for p in year.placements:
        a = year.applications[p.application]
        o = year.opportunities[a.opportunity]
        demo_host = o.host_kind == "employer" and o.host == city.demo_employer
        done = at(min(as_of, o.starts_on - timedelta(days=10)), 12)
        placements.append(Placement(
            application_id=applications[p.application], status=p.status,
            parental_consent_by_id=user_id(parent_of.get(a.young_person)) if p.consent else None,
            parental_consent_at=done if p.consent else None,
            risk_assessment_by_id=users[ROLES.index("employer_contact")] if p.risk_assessment and demo_host else None,
            risk_assessment_at=done if p.risk_assessment else None,
            risk_assessment_notes="Site induction, ear defenders and safety glasses provided; no work at height." if p.risk_assessment else "",
            supervisor_name=o.supervisor_name, supervisor_check_required=True,
            supervisor_check_reference=f"00{1000000000 + p.application * 7919 % 899999999}" if p.supervisor_check else "",
            supervisor_check_expires_on=o.ends_on + timedelta(days=400) if p.supervisor_check else None,
            emergency_contact_name="Parent or carer at home" if p.emergency_contact else "",
            emergency_contact_phone=f"07700 900{p.application % 1000:03d}" if p.emergency_contact else "",
            plan=o.daily_plan,
            plan_agreed_by_young_person_at=done if p.agreed_by_young_person else None,
            plan_agreed_by_host_at=done if p.agreed_by_host else None,
            confirmed_at=done if p.status in ("confirmed", "completed") else None,
            cancelled_reason=p.cancelled_reason,
        ))
    Placement.objects.bulk_create(placements, batch_size=BATCH_SIZE)

    encounters = []
    for record in year.attendance:
        a = year.applications[record.application]
        o = year.opportunities[a.opportunity]
        encounters.append(dict(
            young_person_id=young_people[a.young_person], counts_as=KIND_COUNTS[o.kind], kind=o.kind, title=o.title,
            occurred_on=record.occurred_on, academic_year=academic_year_of(record.occurred_on),
            opportunity_id=opportunities[a.opportunity], group_id=None,
            employer_id=employers[o.host] if o.host_kind == "employer" else None,
            provider_id=providers[o.host] if o.host_kind == "provider" else None,
            source="attendance", recorded_by_id=users[ROLES.index("employer_contact")] if o.host == city.demo_employer and o.host_kind == "employer" else None,
        ))
    groups = [g.pk for g in GroupEncounter.objects.bulk_create([
        GroupEncounter(
            school_id=schools[g.school], kind=g.kind, title=g.title, occurred_on=g.occurred_on,
            employer_id=None if g.employer is None else employers[g.employer],
            provider_id=None if g.provider is None else providers[g.provider],
            opportunity_id=None if g.opportunity is None else opportunities[g.opportunity], notes=g.notes,
            recorded_by_id=user_id(g.recorded_by),
        )
        for g in year.groups
    ], batch_size=BATCH_SIZE)]
    for pk, g in zip(groups, year.groups):
        employer_id = None if g.employer is None else employers[g.employer]
        provider_id = None if g.provider is None else providers[g.provider]
        academic = academic_year_of(g.occurred_on)
        recorded_by = user_id(g.recorded_by)
        encounters.extend(
            dict(young_person_id=young_people[i], counts_as=KIND_COUNTS[g.kind], kind=g.kind, title=g.title,
                 occurred_on=g.occurred_on, academic_year=academic, opportunity_id=None, group_id=pk, employer_id=employer_id,
                 provider_id=provider_id, source="group", recorded_by_id=recorded_by)
            for i in g.attendees
        )
    insert_rows(Encounter, encounters)

    Review.objects.bulk_create([
        Review(application_id=applications[r.application], rating=r.rating, body=r.body, status=r.status,
               moderated_by_id=user_id(r.moderated_by),
               moderated_at=at(as_of - timedelta(days=3), 9) if r.status != "pending" else None,
               moderation_reason=r.reason, reply=r.reply, replied_by_id=user_id(r.replied_by),
               replied_at=at(as_of - timedelta(days=1), 14) if r.reply else None)
        for r in year.reviews
    ], batch_size=BATCH_SIZE)
    HostFeedback.objects.bulk_create([
        HostFeedback(application_id=applications[f.application], body=f.body, author_id=user_id(f.author))
        for f in year.feedback
    ], batch_size=BATCH_SIZE)
    say(f"  {len(opportunities):,} opportunities, {len(applications):,} applications, {len(placements):,} placements, "
        f"{len(encounters):,} encounters, {len(year.reviews):,} reviews")

    # The allocation round, run and published through the allocation services.
    r = year.allocation_round
    allocation_round = AllocationRound.objects.create(
        partnership_id=pid, name=r.name, description=r.description, year_group_from=10, year_group_to=10,
        choices_allowed=5, choices_close_on=r.choices_close_on,
        status=AllocationRound.Status.CLOSED if r.runs else AllocationRound.Status.OPEN,
        policy_order=[AllocationRound.Criterion.FEWEST_EXPERIENCES, AllocationRound.Criterion.PRIORITY_GROUP],
        seed=r.seed, created_by_id=users[ROLES.index("hub_manager")],
    )
    RoundOpportunity.objects.bulk_create([RoundOpportunity(round=allocation_round, opportunity_id=opportunities[o])
                                          for o in r.opportunities])
    RoundChoice.objects.bulk_create([
        RoundChoice(round=allocation_round, young_person_id=young_people[yp], opportunity_id=opportunities[o], rank=rank,
                    chosen_by_id=user_id(city.young_people[yp].user))
        for yp, o, rank in r.choices
    ], batch_size=BATCH_SIZE)
    if not r.runs:
        say(f"  {r.name}: {len(r.choices):,} choices, open")
        return
    from careershub.allocation.services import publish_run, run_round

    hub_manager = User.objects.get(pk=users[ROLES.index("hub_manager")])
    run = run_round(acting_user=hub_manager, round=allocation_round)
    publish_run(acting_user=hub_manager, run=run)
    complete_round_week(allocation_round, as_of=as_of, seed=city.seed, contact=users[ROLES.index("employer_contact")],
                        demo_employer=employers[city.demo_employer])
    say(f"  {r.name}: {len(r.choices):,} choices, run and published ({run.summary.get('matched', 0):,} places)")


def complete_round_week(allocation_round, *, as_of: date, seed: int, contact: int, demo_employer: int) -> None:
    """The round's week is over by the demo's today: its placements were confirmed with every check
    complete and went ahead (a few were cancelled), attendance was recorded, and some young people
    reviewed their week and got feedback. Deterministic: ordered by young person, seeded."""
    from datetime import datetime, time as clock

    from django.utils import timezone

    from careershub.core.calendar import academic_year_of
    from careershub.opportunities.models import Application, Encounter, HostFeedback, Placement, Review

    rng = random.Random(f"careershub-demo/{seed}/opportunities/round-week")
    places = list(Application.objects.filter(allocation_round=allocation_round, status="accepted")
                  .select_related("opportunity", "young_person").order_by("young_person__upn"))
    if not places or places[0].opportunity.ends_on >= as_of:
        return
    by_application = {p.application_id: p for p in Placement.objects.filter(application__in=places)}
    checked = timezone.make_aware(datetime.combine(places[0].opportunity.starts_on - timedelta(days=7), clock(12, 0)))
    encounters, reviews, feedback, changed = [], [], [], []
    for application in places:
        placement = by_application.get(application.pk)
        opportunity = application.opportunity
        if placement is not None:
            placement.parental_consent_at = placement.risk_assessment_at = checked
            placement.supervisor_check_reference = f"00{1000000000 + application.pk * 7919 % 899999999}"
            placement.supervisor_check_expires_on = opportunity.ends_on + timedelta(days=400)
            placement.emergency_contact_name, placement.emergency_contact_phone = "Parent or carer at home", "07700 900123"
            placement.plan_agreed_by_young_person_at = placement.plan_agreed_by_host_at = checked
            placement.confirmed_at = checked
            placement.status = "completed"
            if rng.random() < 0.03:
                placement.status, placement.cancelled_reason = "cancelled", "The young person was ill that week."
            changed.append(placement)
            if placement.status == "cancelled":
                continue
        demo_host = opportunity.employer_id == demo_employer
        encounters.append(Encounter(
            young_person_id=application.young_person_id, counts_as=KIND_COUNTS[opportunity.kind], kind=opportunity.kind,
            title=opportunity.title, occurred_on=opportunity.starts_on, academic_year=academic_year_of(opportunity.starts_on),
            opportunity=opportunity, employer_id=opportunity.employer_id, source="attendance",
            recorded_by_id=contact if demo_host else None,
        ))
        if rng.random() < 0.3:
            rating = int(_weighted(rng, (("5", 45), ("4", 32), ("3", 14), ("2", 6), ("1", 3))))
            reply = rng.choice(REPLIES) if rng.random() < 0.3 else ""
            reviews.append(Review(application=application, rating=rating, body=rng.choice(REVIEW_BODIES[rating]),
                                  status="published", moderated_at=checked + timedelta(days=14), reply=reply,
                                  replied_by_id=contact if reply and demo_host else None,
                                  replied_at=checked + timedelta(days=16) if reply else None))
        if rng.random() < 0.4:
            feedback.append(HostFeedback(application=application, author_id=contact if demo_host else None,
                                         body=rng.choice(FEEDBACK_BODIES).format(first=application.young_person.first_name)))
    fields = ["parental_consent_at", "risk_assessment_at", "supervisor_check_reference", "supervisor_check_expires_on",
              "emergency_contact_name", "emergency_contact_phone", "plan_agreed_by_young_person_at",
              "plan_agreed_by_host_at", "confirmed_at", "status", "cancelled_reason"]
    Placement.objects.bulk_update(changed, fields, batch_size=BATCH_SIZE)
    Encounter.objects.bulk_create(encounters, batch_size=BATCH_SIZE)
    Review.objects.bulk_create(reviews, batch_size=BATCH_SIZE)
    HostFeedback.objects.bulk_create(feedback, batch_size=BATCH_SIZE)


def clear_year(demo) -> None:
    """Remove the demo partnership's year of opportunities (``demo``: a queryset of the partnership)."""
    from careershub.allocation.models import (
        AllocationRound, HostRanking, RoundChoice, RoundOpportunity, RoundOutcome, RoundRun,
    )
    from careershub.core.models import AuditEntry
    from careershub.opportunities.models import (
        Application, Encounter, GroupEncounter, HostFeedback, Message, Opportunity, OpportunityDecision, Placement, Review,
    )
    from careershub.young_people.models import YoungPerson

    people = YoungPerson.objects.filter(school__partnership__in=demo).values("pk")
    rounds = AllocationRound.objects.filter(partnership__in=demo)
    rounds.update(published_run=None)
    RoundOutcome.objects.filter(run__round__in=rounds).delete()
    RoundRun.objects.filter(round__in=rounds).delete()
    RoundChoice.objects.filter(round__in=rounds).delete()
    HostRanking.objects.filter(round_opportunity__round__in=rounds).delete()
    RoundOpportunity.objects.filter(round__in=rounds).delete()
    Encounter.objects.filter(young_person__in=people).delete()
    for model in (Review, HostFeedback, Placement, Message):
        model.objects.filter(application__young_person__in=people).delete()
    Application.objects.filter(young_person__in=people).delete()
    Application.objects.filter(opportunity__partnership__in=demo).delete()
    rounds.delete()
    GroupEncounter.objects.filter(school__partnership__in=demo).delete()
    OpportunityDecision.objects.filter(opportunity__partnership__in=demo).delete()
    Opportunity.objects.filter(partnership__in=demo).delete()
    AuditEntry.objects.filter(young_person_id__in=people).delete()
