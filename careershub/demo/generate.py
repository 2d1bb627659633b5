"""The demo city as plain records, generated from a seed.

No Django here: ``generate_city(size=..., seed=..., as_of=...)`` returns a ``City`` of dataclass
records that refer to each other by index (a young person's ``school`` is an index into
``City.schools``). ``demo/city.py`` turns them into rows. The same size, seed and date give the same
city, record for record: each part of the city draws from its own generator, seeded from the seed
and the part's name, so changing how employers are made does not reshuffle the young people.

Values are the ones the models store (school types, SIC sections, SEND codes, role names).
"""
from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from careershub.benchmarks import shipped as shipped_benchmarks
from careershub.benchmarks.terms import Term

from . import names
from .action_plan import ActionRecord, People, plan_actions

SIZES = {"small": 0.1, "city": 1.0, "region": 5.0}

# Figures for the city size; the other sizes scale them (see SIZES).
CITY_FIGURES = {
    "schools": 120,
    "employers": 400,
    "advisers": 80,
    "young_people": 25_000,
    "ended_matches": 18,
    "families": 40,
    "primary_schools": 300,
}
# The seed partnership (SSLEP, 003): 85 of about 117 target schools engaged, 4 declined, and 67
# enterprise adviser matches for the 85.
ENGAGED_SHARE = 85 / 117
DECLINED_SHARE = 4 / 117
MATCHED_SHARE = 67 / 85

# The twelve roles, in the order of accounts.roles.Role, and their demo usernames.
ROLES = (
    "hub_manager", "enterprise_coordinator", "careers_leader", "teacher", "employer_contact",
    "enterprise_adviser", "mentor", "careers_adviser", "young_person", "parent_carer", "analyst", "admin",
)
USERNAME_PREFIX = "demo."
# The demo partnership's slug: any other partnership in the database is real data.
DEMO_SLUG = "demo-riverford"


def demo_username(role: str) -> str:
    return USERNAME_PREFIX + role.replace("_", ".")


# Local authority codes used in the first digits of unique pupil numbers: codes above 938 are not
# given to any real authority, so a demo UPN can never be a real child's.
CITY_LA_CODE = "961"
COUNTY_LA_CODE = "962"
OTHER_LA_CODES = ("963", "964", "965", "966")
UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
CITY_POSTCODE_AREA = "RF"
COUNTY_POSTCODE_AREA = "WY"
DOMAIN_SUFFIX = ".example"  # reserved for examples: no demo address can reach a real inbox.

# Gatsby Benchmarks. The seed partnership expects every school at 100% of benchmarks 5 and 6 (003).
BENCHMARK_TARGETS = {5: 100, 6: 100}
# Where schools of each type start: the share of each benchmark's criteria met, benchmarks 1 to 8.
# Benchmark 6 (workplaces) is the hardest everywhere; pupil referral units and special schools are
# strong on needs and personal guidance (3, 8) and weaker on encounters and workplaces; colleges are
# strong on further and higher education (7); middle schools (years 7 and 8) weak on 7 and 8.
BENCHMARK_BASELINES = {
    "mainstream": (0.85, 0.72, 0.62, 0.66, 0.76, 0.45, 0.72, 0.55),
    "special": (0.80, 0.58, 0.88, 0.60, 0.62, 0.36, 0.52, 0.76),
    "pru": (0.66, 0.52, 0.80, 0.46, 0.52, 0.30, 0.56, 0.84),
    "middle": (0.76, 0.66, 0.56, 0.70, 0.70, 0.40, 0.42, 0.36),
    "fe_college": (0.90, 0.85, 0.70, 0.64, 0.75, 0.58, 0.94, 0.66),
    "sixth_form_college": (0.90, 0.86, 0.70, 0.70, 0.72, 0.55, 0.97, 0.72),
}
# How much each benchmark improves a term at a school that is improving (6 and 8 slowest).
BENCHMARK_PACE = (0.09, 0.08, 0.07, 0.07, 0.08, 0.05, 0.07, 0.05)
BENCHMARK_TRAJECTORIES = (("improving", 55), ("steady", 12), ("stalled", 20), ("dipped", 13))
# (month, day) a term's self-assessment is started from, and the end of the term.
TERM_WINDOWS = (((10, 1), (12, 18)), ((2, 1), (3, 28)), ((5, 1), (7, 20)))
EVIDENCE_NOTES = {
    1: ("Programme approved by governors in September and reviewed each term by the senior leadership team.",
        "Published on the website under Careers, with the careers leader's contact details.",
        "Evaluation survey of students, parents and employers run in the summer term; results to governors."),
    2: ("Labour market information lessons in year 9 ahead of options, using the council's growth sector profiles.",
        "Parents' evening stall and a newsletter feature on local jobs and apprenticeships."),
    3: ("Careers records kept for each student on the MIS; students see theirs in tutor time.",
        "Destinations collected for three years after leaving with the council's tracking team.",
        "Aspirations survey in years 7, 9 and 11; results reviewed with the SENCo."),
    4: ("Careers in the curriculum audit completed; each department has a careers link in its scheme of work.",
        "STEM week with employer-set problems in science and maths."),
    5: ("Encounters logged by year group: talks, mentoring and the enterprise day.",
        "Cornerstone employers ran workshops for years 8 and 10."),
    6: ("Year 10 work experience week in July; virtual workplace tours for students who could not travel.",
        "Placements tracked with the hub; some students still without a placement."),
    7: ("College and university visits for year 10; apprenticeship providers in assemblies.",
        "Provider access policy statement published; six provider encounters scheduled."),
    8: ("Level 6 qualified adviser from the careers service in school two days a week.",
        "Guidance interviews for year 11 before Christmas; year 13 interviews on request."),
}


def version_for_term(term: Term) -> str:
    """The framework version a term's self-assessment is made under: the latest in force when the term
    begins (the 2024/25 refresh from the 2025/26 academic year)."""
    begins = date(term.calendar_year, *TERM_WINDOWS[term.index][0])
    in_force = [v for v in shipped_benchmarks.VERSIONS if v["effective_from"] <= begins]
    return (in_force or shipped_benchmarks.VERSIONS[:1])[-1]["key"]


def criterion_answers(level: float | None, criteria: list[CriterionShape], *, has_sixth_form: bool,
                      rng: random.Random) -> list[tuple[str, int | None]]:
    """Answers to a benchmark's criteria, in order, for a school meeting about ``level`` of them:
    (status, figure) each, the figure for counted criteria. Criteria about students over 16 do not
    apply at a school without a sixth form. Earlier criteria (the more basic ones) tend to be met
    first; among the rest, partly met is more likely than not met unless the level is low. No
    answers at all (blank) for a benchmark not answered yet (``level`` None)."""
    if level is None:
        return [("", None) for _ in criteria]
    applicable = [i for i, c in enumerate(criteria) if not (c.post_16_only and not has_sixth_form)]
    met_count = min(len(applicable), int(level * len(applicable) + rng.random()))
    order = sorted(applicable, key=lambda i: i + rng.random() * 1.5)
    met = set(order[:met_count])
    answers: list[tuple[str, int | None]] = []
    for i, c in enumerate(criteria):
        if i not in applicable:
            answers.append(("not_applicable", None))
            continue
        if i in met:
            status = "met"
        else:
            status = "partly_met" if rng.random() < (0.75 if level >= 0.25 else 0.35) else "not_met"
        figure = None
        if c.counted:
            threshold = c.threshold or 100
            figure = {"met": threshold if threshold >= 100 else rng.randint(threshold, 100),
                      "partly_met": rng.randint(max(1, round(threshold * 0.45)), max(1, threshold - 1)),
                      "not_met": 0}[status]
        answers.append((status, figure))
    return answers


# Records ---------------------------------------------------------------------------------------
@dataclass(slots=True)
class PartnershipRecord:
    name: str
    slug: str
    local_authority: str
    workplace_experience_target: int = 3


@dataclass(slots=True)
class HubRecord:
    name: str
    postcode_area: str
    districts: tuple[int, ...]
    places: tuple[str, ...]
    la_code: str


@dataclass(slots=True)
class SchoolRecord:
    urn: str
    name: str
    phase: str
    school_type: str
    status: str
    targeted_on: date | None
    engaged_on: date | None
    declined_on: date | None
    postcode: str
    website: str
    hub: int
    year_groups: tuple[int, ...]
    roll: int            # the number on roll in those year groups, which sets its share of young people
    deprivation: float   # the share of its pupils eligible for free school meals, roughly
    diversity: float     # the share of names from outside the majority heritage, roughly
    domain: str


@dataclass(slots=True)
class EmployerRecord:
    name: str
    sic_section: str
    size_band: str
    is_cornerstone: bool
    postcode: str
    website: str
    domain: str
    hub: int


@dataclass(slots=True)
class ContactRecord:
    employer: int
    first_name: str
    last_name: str
    job_title: str
    email: str
    phone: str
    is_primary: bool

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(slots=True)
class ProviderRecord:
    name: str
    kind: str
    postcode: str
    website: str
    contact_email: str
    domain: str


@dataclass(slots=True)
class AdviserRecord:
    employer: int
    first_name: str
    last_name: str
    email: str
    hub: int
    capacity: int
    is_active: bool
    user: int | None = None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(slots=True)
class MatchRecord:
    adviser: int
    school: int
    started_on: date
    ended_on: date | None
    explanation: str
    end_reason: str
    matched_by: int | None  # index into City.users


@dataclass(slots=True)
class YoungPersonRecord:
    school: int
    first_name: str
    last_name: str
    date_of_birth: date
    year_group: int
    upn: str
    sex: str
    send: str
    pupil_premium: bool
    free_school_meals: bool
    looked_after: bool
    user: int | None = None


@dataclass(slots=True)
class UserRecord:
    username: str
    first_name: str
    last_name: str
    email: str
    role: str
    scope: str               # partnership, area_hub, school, employer or provider
    scope_index: int | None  # index into the list of that scope's records
    listed: bool             # one of the twelve demo accounts (signs in with the demo password)
    is_staff: bool = False
    is_superuser: bool = False

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(slots=True)
class ParentLinkRecord:
    parent: int        # index into City.users
    young_person: int  # index into City.young_people
    relationship: str
    linked_by: int | None


@dataclass(slots=True)
class AssessmentRecord:
    """A school's Gatsby Benchmarks self-assessment for one term. ``levels`` are, for benchmarks 1 to 8,
    the share of the benchmark's criteria the school meets (None: not answered yet, in a draft);
    the loader turns them into answers to the criteria with ``criterion_answers``."""

    school: int
    academic_year: int
    term: str
    version: str                      # the key of the framework version it was made under
    status: str                       # submitted or draft
    levels: tuple[float | None, ...]
    started_on: date
    submitted_on: date | None
    by: int | None                    # index into City.users: the demo careers leader at the demo school


@dataclass(frozen=True, slots=True)
class CriterionShape:
    """What ``criterion_answers`` needs to know of a criterion."""

    counted: bool
    threshold: int | None
    post_16_only: bool


@dataclass
class City:
    size: str
    seed: int
    as_of: date
    partnership: PartnershipRecord
    growth_sectors: list[tuple[str, str]]
    hubs: list[HubRecord]
    schools: list[SchoolRecord]
    employers: list[EmployerRecord]
    contacts: list[ContactRecord]
    providers: list[ProviderRecord]
    advisers: list[AdviserRecord]
    matches: list[MatchRecord]
    young_people: list[YoungPersonRecord]
    users: list[UserRecord]
    parent_links: list[ParentLinkRecord]
    password_salt: str
    unusable_password: str
    # The organisations the demo accounts belong to (indexes).
    demo_school: int = 0
    demo_employer: int = 0
    demo_adviser: int = 0
    demo_young_person: int = 0
    mentoring_charity: int = 0
    careers_service: int = 0
    assessments: list[AssessmentRecord] = field(default_factory=list)
    benchmark_version: str = ""                                  # the version the partnership assesses against
    benchmark_targets: dict[int, int] = field(default_factory=dict)  # benchmark number -> minimum score
    actions: list[ActionRecord] = field(default_factory=list)        # the benchmark action plan (action_plan.py)

    def account(self, role: str) -> UserRecord:
        return self.users[ROLES.index(role)]

    def summary(self) -> dict[str, int]:
        return {
            "area hubs": len(self.hubs),
            "schools and colleges": len(self.schools),
            "engaged": sum(s.status == "engaged" for s in self.schools),
            "employers": len(self.employers),
            "cornerstone employers": sum(e.is_cornerstone for e in self.employers),
            "employer contacts": len(self.contacts),
            "providers": len(self.providers),
            "enterprise advisers": len(self.advisers),
            "current matches": sum(m.ended_on is None for m in self.matches),
            "ended matches": sum(m.ended_on is not None for m in self.matches),
            "young people": len(self.young_people),
            "accounts": len(self.users),
            "parent links": len(self.parent_links),
            "benchmark self-assessments": len(self.assessments),
            "benchmark actions": len(self.actions),
        }


# Helpers ---------------------------------------------------------------------------------------
def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("&", " and ")).encode("ascii", "ignore").decode()
    text = re.sub(r"['’]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def email_part(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", slugify(text))


def academic_year_start(day: date) -> int:
    """The calendar year in which the academic year containing ``day`` began (1 September)."""
    return day.year if day.month >= 9 else day.year - 1


def birth_window(year_group: int, as_of: date) -> tuple[date, date]:
    """Children in national curriculum year N were born between 1 September and 31 August of the
    years that make them N + 4 to N + 5 on 1 September of the current academic year."""
    start = academic_year_start(as_of)
    return date(start - year_group - 5, 9, 1), date(start - year_group - 4, 8, 31)


def upn_check_letter(twelve: str) -> str:
    """The DfE check letter for characters 2–13 of a unique pupil number: weights 2 to 13, modulo 23."""
    total = sum(int(ch) * weight for ch, weight in zip(twelve, range(2, 14)))
    return UPN_CHECK_LETTERS[total % 23]


def weekday_on_or_before(day: date, latest: date) -> date:
    """Move a weekend date to the Monday after, or the Friday before when Monday is past ``latest``."""
    if day.weekday() >= 5:
        monday = day + timedelta(days=7 - day.weekday())
        day = monday if monday <= latest else day - timedelta(days=day.weekday() - 4)
    return day


def _weighted(rng: random.Random, pairs) -> str:
    values, weights = zip(*pairs)
    return rng.choices(values, weights=weights)[0]


def _allocate(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainders), summing exactly to total."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


class _Names:
    """People's names for one stream of draws."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def heritage(self, diversity: float | None = None) -> str:
        mix = names.CITY_MIX
        if diversity is not None:
            others = sum(w for h, w in mix if h != "british")
            mix = [(h, 1 - diversity if h == "british" else w / others * diversity) for h, w in mix]
        return _weighted(self.rng, mix)

    def last_name(self, heritage: str, sex: str) -> str:
        rng = self.rng
        while True:
            last = rng.choice(names.LAST_NAMES[heritage])
            if sex == "M" and last in names.FEMININE_ONLY_LAST_NAMES:
                continue
            if sex == "F":
                last = names.FEMININE_LAST_NAMES.get(last, last)
            return last

    def first_name(self, heritage: str, sex: str, *, adult: bool) -> str:
        rng = self.rng
        table = names.ADULT_FIRST_NAMES if adult else names.YOUNG_FIRST_NAMES
        if rng.random() < 0.08:  # a first name from another heritage: families mix
            heritage = self.heritage()
        if sex not in ("F", "M"):
            sex = rng.choice("FM")
        return rng.choice(table[heritage][sex])

    def adult(self, sex: str | None = None, heritage: str | None = None) -> tuple[str, str]:
        sex = sex or self.rng.choice("FM")
        heritage = heritage or self.heritage()
        return self.first_name(heritage, sex, adult=True), self.last_name(heritage, sex)


# The generator ---------------------------------------------------------------------------------
class _Generator:
    def __init__(self, size: str, seed: int, as_of: date):
        if size not in SIZES:
            raise ValueError(f"Unknown size {size!r}: choose one of {', '.join(SIZES)}")
        self.size, self.seed, self.as_of = size, seed, as_of
        self.scale = SIZES[size]

    def rng(self, part: str) -> random.Random:
        return random.Random(f"careershub-demo/{self.seed}/{part}")

    def figure(self, name: str, minimum: int = 1) -> int:
        return max(minimum, round(CITY_FIGURES[name] * self.scale))

    def date_between(self, rng: random.Random, earliest: date, latest: date) -> date:
        if latest <= earliest:
            return weekday_on_or_before(latest, latest)
        day = earliest + timedelta(days=rng.randint(0, (latest - earliest).days))
        return weekday_on_or_before(day, latest)

    def place(self, rng: random.Random, hub: int) -> str:
        return rng.choice(self.hubs[hub].places)

    def postcode(self, rng: random.Random, hub: int) -> str:
        h = self.hubs[hub]
        letters = rng.choice(POSTCODE_LETTERS) + rng.choice(POSTCODE_LETTERS)
        return f"{h.postcode_area}{rng.choice(h.districts)} {rng.randint(1, 9)}{letters}"

    # Hubs ---------------------------------------------------------------------------------
    def make_hubs(self) -> None:
        rng = self.rng("hubs")
        hubs: list[HubRecord] = []
        used_places = {p for _, places in names.CITY_DISTRICTS for p in places} | set(names.COUNTY_DISTRICTS)

        def more_places(count: int) -> list[str]:
            made = []
            while len(made) < count:
                candidate = rng.choice(names.PLACE_PREFIXES) + rng.choice(names.PLACE_SUFFIXES) + rng.choice(names.PLACE_QUALIFIERS)
                if candidate not in used_places:
                    used_places.add(candidate)
                    made.append(candidate)
            return made

        for i, (hub_name, places) in enumerate(names.CITY_DISTRICTS):
            hubs.append(HubRecord(
                name=hub_name, postcode_area=CITY_POSTCODE_AREA, districts=tuple(range(4 * i + 1, 4 * i + 5)),
                places=tuple(places) + tuple(more_places(4 if self.size != "region" else 10)), la_code=CITY_LA_CODE,
            ))
        if self.size == "region":
            for i, district in enumerate(names.COUNTY_DISTRICTS):
                hubs.append(HubRecord(
                    name=district, postcode_area=COUNTY_POSTCODE_AREA, districts=tuple(range(4 * i + 1, 4 * i + 5)),
                    places=(district.split(" and ")[0],) + tuple(more_places(11)), la_code=COUNTY_LA_CODE,
                ))
        self.hubs = hubs

    # Schools and colleges -----------------------------------------------------------------
    SCHOOL_TYPE_SHARES = (("special", 0.10), ("pru", 0.04), ("middle", 0.04), ("fe_college", 0.03), ("sixth_form_college", 0.03))

    def make_schools(self) -> None:
        rng = self.rng("schools")
        total = self.figure("schools", minimum=len(self.SCHOOL_TYPE_SHARES) + 4)
        counts = {kind: max(1, round(total * share)) for kind, share in self.SCHOOL_TYPE_SHARES}
        counts["mainstream"] = total - sum(counts.values())
        n_hubs = len(self.hubs)

        plan: list[tuple[str, int]] = []  # (type, hub)
        for kind in ("mainstream", "special", "pru", "middle", "fe_college", "sixth_form_college"):
            offset = 0 if kind == "fe_college" else rng.randrange(n_hubs)
            plan.extend((kind, (offset + i) % n_hubs) for i in range(counts[kind]))

        used_names: set[str] = set()
        used_urns: set[str] = set()
        schools: list[SchoolRecord] = []
        for kind, hub in plan:
            name = self.school_name(rng, kind, hub, used_names)
            used_names.add(name)
            phase, years, roll = self.school_shape(rng, kind)
            while True:
                urn = str(rng.randint(100000, 149999) if rng.random() < 0.4 else rng.randint(136000, 149999))
                if urn not in used_urns:
                    used_urns.add(urn)
                    break
            deprivation = {"pru": 0.5, "special": 0.4}.get(kind, 0.22)
            deprivation = min(0.6, max(0.05, rng.gauss(deprivation, 0.08)))
            diversity = min(0.75, max(0.08, rng.gauss(0.45 if hub == 0 else 0.33, 0.12)))
            domain = slugify(name) + DOMAIN_SUFFIX
            schools.append(SchoolRecord(
                urn=urn, name=name, phase=phase, school_type=kind, status="target", targeted_on=None,
                engaged_on=None, declined_on=None, postcode=self.postcode(rng, hub), website=f"https://www.{domain}",
                hub=hub, year_groups=years, roll=roll, deprivation=round(deprivation, 3),
                diversity=round(diversity, 3), domain=domain,
            ))
        self.schools = schools
        self.demo_school = self.choose_demo_school()
        self.set_statuses(rng)

    def school_name(self, rng: random.Random, kind: str, hub: int, used: set[str]) -> str:
        for attempt in range(200):
            place = self.place(rng, hub)
            saint = rng.choice(names.SAINTS)
            if kind == "mainstream":
                pattern = _weighted(rng, (
                    ("{place} Academy", 20), ("{place} High School", 14), ("{place} School", 6),
                    ("{place} Community School", 5), ("{place} {feature} Academy", 8), ("The {place} School", 3),
                    ("{place} Church of England Academy", 4), ("St {saint} Catholic High School", 6),
                    ("St {saint} Catholic Academy", 3), ("St {saint} Church of England High School", 3),
                    ("{honouree} Academy", 5),
                ))
            elif kind == "special":
                pattern = _weighted(rng, (("{special} School", 6), ("{place} {feature} School", 2), ("{special} Academy", 2)))
            elif kind == "pru":
                pattern = _weighted(rng, (("The {pru} Centre", 4), ("{place} Pupil Referral Unit", 3),
                                          ("{hub} Alternative Provision Academy", 1)))
            elif kind == "middle":
                pattern = _weighted(rng, (("{place} Middle School", 5), ("St {saint} Church of England Middle School", 2)))
            elif kind == "fe_college":
                if hub == 0 and f"{names.CITY} College" not in used:
                    return f"{names.CITY} College"
                pattern = _weighted(rng, (("{hub} College", 3), ("{place} College", 2), ("{hub} College of Technology", 1)))
            else:
                pattern = _weighted(rng, (("{place} Sixth Form College", 5), ("St {saint} Catholic Sixth Form College", 1)))
            if "Church of England" in pattern and not saint.endswith("'s"):
                saint = rng.choice([x for x in names.SAINTS if x.endswith("'s")])
            name = pattern.format(
                place=place, saint=saint, feature=rng.choice(names.SCHOOL_FEATURES), honouree=rng.choice(names.HONOUREES),
                special=rng.choice(names.SPECIAL_SCHOOL_WORDS), pru=rng.choice(names.PRU_WORDS),
                hub=self.hubs[hub].name.split(" and ")[0],
            )
            if "{feature}" in pattern and " " in place:
                continue  # "Hope Street Park Academy" reads badly
            if name not in used:
                return name
        raise RuntimeError("ran out of school names")  # pragma: no cover

    def school_shape(self, rng: random.Random, kind: str) -> tuple[str, tuple[int, ...], int]:
        """Phase, the year groups 7–13 the school teaches, and its roll in those years."""
        if kind == "mainstream":
            r = rng.random()
            if r < 0.04:
                return "all_through", tuple(range(7, 14)), rng.randint(900, 1400)
            if r < 0.46:
                return "secondary", tuple(range(7, 14)), rng.randint(950, 1700)
            return "secondary", tuple(range(7, 12)), rng.randint(650, 1350)
        if kind == "special":
            return "not_applicable", tuple(range(7, 14)), rng.randint(60, 180)
        if kind == "pru":
            return "not_applicable", tuple(range(7, 12)), rng.randint(25, 80)
        if kind == "middle":
            return "middle_deemed_secondary", (7, 8), rng.randint(180, 320)
        if kind == "fe_college":
            return "16_plus", (12, 13), rng.randint(1800, 3600)
        return "16_plus", (12, 13), rng.randint(1200, 2400)

    def choose_demo_school(self) -> int:
        """The careers leader's school: a mainstream secondary with a sixth form in the first hub."""
        mainstream = [i for i, s in enumerate(self.schools) if s.school_type == "mainstream" and s.hub == 0]
        with_sixth_form = [i for i in mainstream if 13 in self.schools[i].year_groups]
        chosen = (with_sixth_form or mainstream)[0]
        school = self.schools[chosen]
        if 13 not in school.year_groups:
            school.year_groups, school.roll = tuple(range(7, 14)), school.roll + 300
        return chosen

    def set_statuses(self, rng: random.Random) -> None:
        n = len(self.schools)
        n_engaged = round(n * ENGAGED_SHARE)
        n_declined = max(1, round(n * DECLINED_SHARE))
        appetite = {"mainstream": 1.0, "special": 0.8, "pru": 0.6, "middle": 0.8, "fe_college": 1.2, "sixth_form_college": 1.2}
        # Weighted sampling without replacement: the largest u ** (1 / w) win.
        keys = {i: rng.random() ** (1 / appetite[s.school_type]) for i, s in enumerate(self.schools)}
        keys[self.demo_school] = 2.0
        order = sorted(keys, key=lambda i: (-keys[i], i))
        engaged, declined = order[:n_engaged], order[n_engaged:n_engaged + n_declined]
        today = self.as_of
        for i in engaged:
            s = self.schools[i]
            s.status = "engaged"
            s.engaged_on = self.date_between(rng, today - timedelta(days=round(6.5 * 365)), today - timedelta(days=45))
            s.targeted_on = self.date_between(rng, s.engaged_on - timedelta(days=400), s.engaged_on - timedelta(days=30))
        if self.schools[self.demo_school].engaged_on > today - timedelta(days=3 * 365):
            s = self.schools[self.demo_school]  # long enough engaged to have had an adviser before
            s.engaged_on = self.date_between(rng, today - timedelta(days=5 * 365), today - timedelta(days=3 * 365))
            s.targeted_on = self.date_between(rng, s.engaged_on - timedelta(days=300), s.engaged_on - timedelta(days=30))
        for i in declined:
            s = self.schools[i]
            s.status = "declined"
            s.targeted_on = self.date_between(rng, today - timedelta(days=6 * 365), today - timedelta(days=365))
            s.declined_on = self.date_between(rng, s.targeted_on + timedelta(days=30), s.targeted_on + timedelta(days=300))
        for i in order[n_engaged + n_declined:]:
            s = self.schools[i]
            s.targeted_on = self.date_between(rng, today - timedelta(days=3 * 365), today - timedelta(days=20))

    # Employers ----------------------------------------------------------------------------
    def make_employers(self) -> None:
        rng = self.rng("employers")
        people = _Names(rng)
        total = self.figure("employers", minimum=20)
        n_cornerstones = {"small": 4, "city": 12, "region": 24}[self.size]
        employers: list[EmployerRecord] = []
        used: set[str] = set()
        city_hubs = [i for i, h in enumerate(self.hubs) if h.postcode_area == CITY_POSTCODE_AREA]
        for n, (name, sic, band, short) in enumerate(names.CORNERSTONES[:n_cornerstones]):
            in_city = n < names.CITY_CORNERSTONES
            hub = rng.choice(city_hubs) if in_city else rng.randrange(len(city_hubs), len(self.hubs))
            domain = short + DOMAIN_SUFFIX
            employers.append(EmployerRecord(name, sic, band, True, self.postcode(rng, hub), f"https://www.{domain}", domain, hub))
            used.add(name)
        sectors = [(sic, weight) for sic, (weight, _) in names.EMPLOYER_SECTORS.items()]
        bands = ("micro", "small", "medium", "large")
        while len(employers) < total:
            sic = _weighted(rng, sectors)
            band = _weighted(rng, zip(bands, names.SIZE_WEIGHTS.get(sic, names.SIZE_WEIGHTS_DEFAULT)))
            hub = rng.randrange(len(self.hubs))
            surname = people.last_name("british" if rng.random() < 0.8 else people.heritage(), "M")
            surname2 = surname
            while surname2 == surname:  # "Booth & Marsh Solicitors"
                surname2 = people.last_name("british", "M")
            name = rng.choice(names.EMPLOYER_SECTORS[sic][1]).format(
                place=self.place(rng, hub), surname=surname, surname2=surname2, word=rng.choice(names.BRAND_WORDS),
                first=people.first_name(people.heritage(), "F", adult=True), pub=rng.choice(names.PUB_ANIMALS),
            )
            if name in used:
                continue
            if band in ("medium", "large") and any(word in name for word in names.SMALL_BUSINESS_WORDS):
                band = "micro" if rng.random() < 0.65 else "small"
            used.add(name)
            short = re.sub(r"\b(ltd|plc|llp)\b", "", slugify(name)).strip("-").replace("--", "-")
            domain = short + DOMAIN_SUFFIX
            employers.append(EmployerRecord(name, sic, band, False, self.postcode(rng, hub), f"https://www.{domain}" if rng.random() < 0.9 else "", domain, hub))
        self.employers = employers
        self.demo_employer = next(i for i, e in enumerate(employers) if e.name == names.DEMO_EMPLOYER)

        contacts: list[ContactRecord] = []
        for index, employer in enumerate(employers):
            extra = {"micro": 0.1, "small": 0.3, "medium": 0.5, "large": 0.9}[employer.size_band]
            for n in range(1 + (rng.random() < extra) + (employer.is_cornerstone and rng.random() < 0.5)):
                first, last = people.adult()
                title = rng.choice(names.CONTACT_TITLES[employer.size_band])
                if index == self.demo_employer and n == 0:
                    title = "Early Careers Manager"
                phone = f"01632 960{rng.randint(0, 999):03d}" if rng.random() < 0.7 else f"07700 900{rng.randint(0, 999):03d}"
                email = f"{email_part(first)}.{email_part(last)}@{employer.domain}"
                if employer.size_band == "micro" and n == 0 and rng.random() < 0.4:
                    email = f"hello@{employer.domain}"
                contacts.append(ContactRecord(index, first, last, title, email, phone, n == 0))
        self.contacts = contacts

    # Providers ----------------------------------------------------------------------------
    def make_providers(self) -> None:
        rng = self.rng("providers")
        s = self.scale
        providers: list[ProviderRecord] = []
        used: set[str] = set()

        def add(name: str, kind: str, hub: int) -> int:
            used.add(name)
            domain = slugify(name) + DOMAIN_SUFFIX
            providers.append(ProviderRecord(name, kind, self.postcode(rng, hub), f"https://www.{domain}", f"info@{domain}", domain))
            return len(providers) - 1

        self.careers_service = add(names.CAREERS_SERVICES[0], "careers_service", 0)
        if self.size == "region":
            add(names.CAREERS_SERVICES[1], "careers_service", 4)
        self.mentoring_charity = add(names.MENTORING_CHARITY, "community_organisation", 0)
        for name in names.FIXED_COMMUNITY_ORGANISATIONS:
            if self.size != "small":
                add(name, "community_organisation", 0)
        n_universities = {"small": 1, "city": 2, "region": 4}[self.size]
        for name in names.UNIVERSITIES[:n_universities]:
            add(name, "university", rng.randrange(len(self.hubs)))

        def generated(kind: str, patterns, count: int) -> None:
            made = 0
            while made < count:
                hub = rng.randrange(len(self.hubs))
                name = rng.choice(patterns).format(place=self.place(rng, hub), word=rng.choice(names.BRAND_WORDS))
                if name not in used:
                    add(name, kind, hub)
                    made += 1

        generated("training_provider", names.TRAINING_PROVIDER_NAMES, max(1, round(5 * s)))
        already = sum(p.kind == "community_organisation" for p in providers)
        generated("community_organisation", names.COMMUNITY_ORGANISATION_NAMES, max(0, max(2, round(5 * s)) - already))
        self.providers = providers

    # Young people -------------------------------------------------------------------------
    YEAR_WEIGHTS = {
        "pru": {7: 0.3, 8: 0.5, 9: 0.9, 10: 1.3, 11: 1.5},
        "special": {7: 1.0, 8: 1.0, 9: 1.0, 10: 1.0, 11: 1.0, 12: 0.8, 13: 0.7},
        "college": {12: 0.53, 13: 0.47},
        "default": {7: 1.0, 8: 1.0, 9: 1.0, 10: 1.0, 11: 0.97, 12: 0.55, 13: 0.5},
    }

    def make_young_people(self) -> None:
        rng = self.rng("young_people")
        people = _Names(rng)
        total = self.figure("young_people", minimum=100)
        per_school = _allocate(total, [s.roll for s in self.schools])
        windows = {y: birth_window(y, self.as_of) for y in range(7, 14)}
        reception_year = {y: (academic_year_start(self.as_of) - y) % 100 for y in range(7, 14)}
        primaries = {la: [f"{rng.randint(2000, 3999):04d}" for _ in range(self.figure("primary_schools", 20))]
                     for la in (CITY_LA_CODE, COUNTY_LA_CODE, *OTHER_LA_CODES)}
        used_upns: set[str] = set()
        young_people: list[YoungPersonRecord] = []
        for index, (school, count) in enumerate(zip(self.schools, per_school)):
            kind = school.school_type
            table = self.YEAR_WEIGHTS.get("college" if kind in ("fe_college", "sixth_form_college") else kind, self.YEAR_WEIGHTS["default"])
            years = school.year_groups
            weights = [table[y] for y in years]
            male = {"special": 0.68, "pru": 0.70}.get(kind, 0.505)
            ehcp, support = {"special": (0.93, 0.07), "pru": (0.16, 0.48)}.get(kind, (0.022, 0.125))
            looked_after = {"special": 0.03, "pru": 0.06}.get(kind, 0.008)
            home_la = self.hubs[school.hub].la_code
            for _ in range(count):
                year = rng.choices(years, weights)[0]
                r = rng.random()
                sex = "U" if r < 0.004 else ("M" if r < 0.004 + male else "F")
                heritage = people.heritage(school.diversity)
                first = people.first_name(heritage, sex, adult=False)
                last = people.last_name(heritage, sex)
                earliest, latest = windows[year]
                born = earliest + timedelta(days=rng.randint(0, (latest - earliest).days))
                r = rng.random()
                send = "E" if r < ehcp else ("K" if r < ehcp + support else "N")
                fsm = rng.random() < school.deprivation
                lac = rng.random() < looked_after
                pp = fsm or lac or rng.random() < 0.05
                la = home_la if rng.random() < 0.93 else rng.choice((CITY_LA_CODE, COUNTY_LA_CODE, *OTHER_LA_CODES))
                while True:
                    twelve = f"{la}{rng.choice(primaries[la])}{reception_year[year]:02d}{rng.randint(0, 999):03d}"
                    upn = upn_check_letter(twelve) + twelve
                    if upn not in used_upns:
                        used_upns.add(upn)
                        break
                young_people.append(YoungPersonRecord(
                    school=index, first_name=first, last_name=last, date_of_birth=born, year_group=year, upn=upn,
                    sex=sex, send=send, pupil_premium=pp, free_school_meals=fsm, looked_after=lac,
                ))
        self.young_people = young_people

    # Enterprise advisers and matches --------------------------------------------------------
    def make_advisers(self) -> None:
        rng = self.rng("advisers")
        people = _Names(rng)
        today = self.as_of
        growth = {sic for sic, _ in names.GROWTH_SECTORS}
        pull = {"micro": 0.2, "small": 1.0, "medium": 2.5, "large": 4.0}
        weights = [pull[e.size_band] * (2 if e.sic_section in growth else 1) * (2 if e.is_cornerstone else 1) for e in self.employers]
        n_advisers = self.figure("advisers", minimum=4)
        # Most advisers come from an employer of their own (the seed: 70 employers for about 70
        # advisers); larger employers, the cornerstones above all, put forward a second or third.
        keys = sorted(range(len(self.employers)), key=lambda i: (-(rng.random() ** (1 / weights[i])), i))
        n_distinct = round(n_advisers * 0.85)
        employer_of = keys[:n_distinct]
        larger = [i for i in keys[:n_distinct] if self.employers[i].size_band in ("medium", "large")] or employer_of
        employer_of += [rng.choice(larger) for _ in range(n_advisers - n_distinct)]
        rng.shuffle(employer_of)
        engaged = [i for i, s in enumerate(self.schools) if s.status == "engaged"]
        n_inactive = max(1, round(n_advisers * 0.06))
        n_current = min(n_advisers - n_inactive, max(1, round(len(engaged) * MATCHED_SHARE)))

        # Which engaged schools have an adviser now: the demo school always does.
        others = [i for i in engaged if i != self.demo_school]
        rng.shuffle(others)
        matched_schools = [self.demo_school] + sorted(others[: n_current - 1])

        advisers: list[AdviserRecord] = []
        used_emails: set[str] = set()
        for n in range(n_advisers):
            employer = employer_of[n]
            first, last = people.adult()
            domain = self.employers[employer].domain
            email = f"{email_part(first)}.{email_part(last)}@{domain}"
            while email in used_emails:
                email = f"{email_part(first)}.{email_part(last)}{rng.randint(2, 9)}@{domain}"
            used_emails.add(email)
            if n < len(matched_schools):
                school = matched_schools[n]
                hub = self.schools[school].hub if rng.random() < 0.9 else rng.randrange(len(self.hubs))
            else:
                hub = rng.randrange(len(self.hubs))
            advisers.append(AdviserRecord(
                employer=employer, first_name=first, last_name=last, email=email,
                hub=hub, capacity=2 if rng.random() < 0.07 else 1,
                is_active=n < n_advisers - n_inactive,  # the last few have stepped down
            ))
        self.advisers = advisers
        self.demo_adviser = 0

        hub_manager, coordinator = ROLES.index("hub_manager"), ROLES.index("enterprise_coordinator")
        demo_hub = self.schools[self.demo_school].hub

        def matched_by(school: int) -> int:
            return coordinator if self.schools[school].hub == demo_hub else hub_manager

        def explanation(adviser: AdviserRecord, school: int) -> str:
            employer = self.employers[adviser.employer]
            return rng.choice(names.MATCH_EXPLANATIONS).format(
                first=adviser.first_name, employer=employer.name, sector=names.SECTOR_PHRASES[employer.sic_section],
                hub=self.hubs[self.schools[school].hub].name,
            )

        # Current matches, and for some schools the adviser they had before.
        current_start: dict[int, date] = {}
        for school in matched_schools:
            s = self.schools[school]
            earliest = max(s.engaged_on + timedelta(days=14), today - timedelta(days=5 * 365))
            current_start[school] = self.date_between(rng, earliest, today - timedelta(days=7))

        n_ended = self.figure("ended_matches", minimum=2)
        long_engaged = [i for i in engaged if i != self.demo_school and self.schools[i].engaged_on <= today - timedelta(days=2 * 365)]
        with_history = [self.demo_school] + sorted(rng.sample(long_engaged, min(n_ended - 1, len(long_engaged))))
        history: list[tuple[int, date, date]] = []
        for school in with_history:
            s = self.schools[school]
            prev_start = self.date_between(rng, s.engaged_on + timedelta(days=14), s.engaged_on + timedelta(days=120))
            prev_end = weekday_on_or_before(min(prev_start + timedelta(days=rng.randint(180, 700)), today - timedelta(days=60)), today)
            if school in current_start:
                current_start[school] = self.date_between(
                    rng, prev_end + timedelta(days=14), min(prev_end + timedelta(days=150), today - timedelta(days=7)))
            history.append((school, prev_start, prev_end))

        # Who the earlier advisers were: those who have since stepped down, then advisers who moved on to
        # another school afterwards or are waiting for their next one. One earlier school each.
        adviser_of = {school: n for n, school in enumerate(matched_schools)}
        school_of = {n: school for school, n in adviser_of.items()}
        stepped_down = [i for i, a in enumerate(advisers) if not a.is_active]
        taken: set[int] = set()
        matches: list[MatchRecord] = []
        for school, prev_start, prev_end in history:
            if stepped_down and school != self.demo_school and not all(a in taken for a in stepped_down):
                adviser = next(a for a in stepped_down if a not in taken)
            else:
                candidates = [a for a in range(len(advisers)) if advisers[a].is_active and a not in taken
                              and a != self.demo_adviser and adviser_of.get(school) != a
                              and (a not in school_of or current_start[school_of[a]] >= prev_end + timedelta(days=7))]
                if not candidates:
                    continue
                adviser = rng.choice(candidates)
            taken.add(adviser)
            matches.append(MatchRecord(
                adviser=adviser, school=school, started_on=prev_start, ended_on=prev_end,
                explanation=explanation(advisers[adviser], school), end_reason=rng.choice(names.END_REASONS),
                matched_by=matched_by(school),
            ))
        for school in matched_schools:
            adviser = adviser_of[school]
            matches.append(MatchRecord(
                adviser=adviser, school=school, started_on=current_start[school], ended_on=None,
                explanation=explanation(advisers[adviser], school), end_reason="", matched_by=matched_by(school),
            ))
        self.matches = matches

    # People with accounts -----------------------------------------------------------------
    def make_people(self) -> None:
        rng = self.rng("people")
        people = _Names(rng)
        city = names.CITY
        council = self.employers[0]
        school = self.schools[self.demo_school]
        users: list[UserRecord] = []

        def account(role, first, last, email, scope="partnership", scope_index=None, **extra) -> int:
            users.append(UserRecord(demo_username(role), first, last, email, role, scope, scope_index, True, **extra))
            return len(users) - 1

        def staff_email(first, last, domain):
            return f"{email_part(first)}.{email_part(last)}@{domain}"

        first, last = people.adult()
        account("hub_manager", first, last, staff_email(first, last, council.domain))
        first, last = people.adult()
        account("enterprise_coordinator", first, last, staff_email(first, last, council.domain), "area_hub", school.hub)
        first, last = people.adult()
        account("careers_leader", first, last, staff_email(first, last, school.domain), "school", self.demo_school)
        first, last = people.adult()
        account("teacher", first, last, staff_email(first, last, school.domain), "school", self.demo_school)
        contact = next(c for c in self.contacts if c.employer == self.demo_employer and c.is_primary)
        account("employer_contact", contact.first_name, contact.last_name, contact.email, "employer", self.demo_employer)
        adviser = self.advisers[self.demo_adviser]
        adviser.user = account("enterprise_adviser", adviser.first_name, adviser.last_name, adviser.email, "employer", adviser.employer)
        charity, service = self.providers[self.mentoring_charity], self.providers[self.careers_service]
        first, last = people.adult()
        account("mentor", first, last, staff_email(first, last, charity.domain), "provider", self.mentoring_charity)
        first, last = people.adult()
        account("careers_adviser", first, last, staff_email(first, last, service.domain), "provider", self.careers_service)

        # The young person: in year 10 at the careers leader's school, with a parent who has an account.
        in_school = [i for i, yp in enumerate(self.young_people) if yp.school == self.demo_school]
        year_10 = [i for i in in_school if self.young_people[i].year_group == 10 and not self.young_people[i].looked_after
                   and self.young_people[i].sex in ("F", "M")]
        if not year_10:  # pragma: no cover - every sixth-form school has a year 10
            chosen = in_school[0]
            yp = self.young_people[chosen]
            yp.year_group, yp.date_of_birth, yp.looked_after = 10, birth_window(10, self.as_of)[0] + timedelta(days=100), False
            year_10 = [chosen]
        self.demo_young_person = year_10[0]
        yp = self.young_people[self.demo_young_person]
        yp.user = account("young_person", yp.first_name, yp.last_name,
                          f"{email_part(yp.first_name)}.{email_part(yp.last_name)}{rng.randint(10, 99)}@students.{school.domain}",
                          "school", self.demo_school)
        parent_first = people.first_name(people.heritage(school.diversity), "F", adult=True)
        parent_last = names.FEMININE_LAST_NAMES.get(yp.last_name, yp.last_name)
        parent = account("parent_carer", parent_first, parent_last,
                         f"{email_part(parent_first)}.{email_part(parent_last)}@home{DOMAIN_SUFFIX}")
        careers_leader = ROLES.index("careers_leader")
        links = [ParentLinkRecord(parent, self.demo_young_person, "Mother", careers_leader)]
        first, last = people.adult()
        account("analyst", first, last, staff_email(first, last, council.domain))
        first, last = people.adult()
        account("admin", first, last, staff_email(first, last, council.domain))
        assert [u.role for u in users] == list(ROLES)

        # A few more families linked by their children's schools (parents without demo sign-in).
        engaged = {i for i, s in enumerate(self.schools) if s.status == "engaged"}
        linked = {self.demo_young_person}
        candidates = [i for i, y in enumerate(self.young_people) if y.school in engaged and not y.looked_after and y.year_group <= 11]
        masculine = {feminine: name for name, feminine in names.FEMININE_LAST_NAMES.items()}
        by_school_and_name: dict[tuple[int, str], list[int]] = {}
        for i in candidates:
            y = self.young_people[i]
            by_school_and_name.setdefault((y.school, y.last_name), []).append(i)
        for n in range(1, self.figure("families", minimum=2) + 1):
            child = rng.choice(candidates)
            while child in linked:
                child = rng.choice(candidates)
            y = self.young_people[child]
            relationship = _weighted(rng, names.PARENT_RELATIONSHIPS)
            sex = "F" if relationship in ("Mother", "Stepmother") else "M" if relationship in ("Father", "Stepfather") else rng.choice("FM")
            first = people.first_name(people.heritage(self.schools[y.school].diversity), sex, adult=True)
            last = y.last_name if rng.random() < 0.85 else people.last_name(people.heritage(), sex)
            if sex == "F":
                last = names.FEMININE_LAST_NAMES.get(last, last)
            else:
                last = masculine.get(last, last)
                if last in names.FEMININE_ONLY_LAST_NAMES:
                    last = people.last_name("south_asian", "M")
            username = f"{USERNAME_PREFIX}family.{n:04d}"
            users.append(UserRecord(username, first, last, f"{email_part(first)}.{email_part(last)}{n}@home{DOMAIN_SUFFIX}",
                                    "parent_carer", "partnership", None, False))
            parent = len(users) - 1
            linked_by = careers_leader if y.school == self.demo_school else None
            links.append(ParentLinkRecord(parent, child, relationship, linked_by))
            linked.add(child)
            siblings = [i for i in by_school_and_name.get((y.school, y.last_name), []) if i not in linked
                        and self.young_people[i].year_group != y.year_group]
            if siblings and rng.random() < 0.5:
                sibling = siblings[0]
                links.append(ParentLinkRecord(parent, sibling, relationship, linked_by))
                linked.add(sibling)
        self.users, self.parent_links = users, links

    # Gatsby Benchmark self-assessments ----------------------------------------------------
    def make_assessments(self) -> None:
        """Three submitted terms for every engaged school, the three before the current term, and the
        demo careers leader's self-assessment for the current term in progress. Schools improve
        unevenly: most steadily, some stall, a few dip (a careers leader leaves); benchmarks 6 and 8
        move slowest; special schools, pupil referral units, middle schools and colleges start from
        profiles of their own."""
        rng = self.rng("benchmarks")
        current = Term.of(self.as_of)
        terms = [current.previous().previous().previous(), current.previous().previous(), current.previous()]
        careers_leader = ROLES.index("careers_leader")
        assessments: list[AssessmentRecord] = []
        for i, school in enumerate(self.schools):
            if school.status != "engaged":
                continue
            trajectory = "improving" if i == self.demo_school else _weighted(rng, BENCHMARK_TRAJECTORIES)
            years_engaged = max(0.0, (self.as_of - school.engaged_on).days / 365)
            strength = rng.gauss(0, 0.12) + min(years_engaged, 5) * 0.03 - 0.05
            speed = {"improving": rng.uniform(0.9, 1.7), "steady": rng.uniform(0.4, 0.8), "stalled": 0.0,
                     "dipped": rng.uniform(0.8, 1.4)}[trajectory]
            base = [b + strength + rng.gauss(0, 0.08) for b in BENCHMARK_BASELINES[school.school_type]]
            dipped = set(rng.sample(range(8), rng.randint(2, 4))) if trajectory == "dipped" else set()
            levels_by_term = []
            for t in range(len(terms) + 1):  # the last one is the current term, used by the demo draft
                levels = []
                for b in range(8):
                    level = base[b] + BENCHMARK_PACE[b] * speed * t + rng.gauss(0, 0.04)
                    if b in dipped and t >= 2:
                        level -= rng.uniform(0.2, 0.35)
                    levels.append(round(min(1.0, max(0.0, level)), 3))
                levels_by_term.append(tuple(levels))
            by = careers_leader if i == self.demo_school else None
            for t, term in enumerate(terms):
                started, submitted = self.assessment_dates(rng, term)
                assessments.append(AssessmentRecord(
                    school=i, academic_year=term.academic_year, term=term.term, version=version_for_term(term),
                    status="submitted", levels=levels_by_term[t], started_on=started, submitted_on=submitted, by=by,
                ))
            if i == self.demo_school:
                started, _ = self.assessment_dates(rng, current)
                answered = rng.randint(3, 5)  # the first few benchmarks answered so far
                levels = tuple(level if b < answered else None for b, level in enumerate(levels_by_term[-1]))
                assessments.append(AssessmentRecord(
                    school=i, academic_year=current.academic_year, term=current.term, version=version_for_term(current),
                    status="draft", levels=levels, started_on=started, submitted_on=None, by=by,
                ))
        self.assessments = assessments

    def make_actions(self) -> None:
        """The hub's action plan against the commonest gaps in the latest self-assessments, and the demo
        careers leader's school's own actions (demo/action_plan.py)."""
        latest = {a.school: a.levels for a in self.assessments if a.status == "submitted"}  # the last term wins
        self.actions = plan_actions(
            self.rng("action-plan"), as_of=self.as_of, count={"small": 5, "city": 10, "region": 20}[self.size],
            latest=latest, school_hubs=[s.hub for s in self.schools], hub_names=[h.name for h in self.hubs],
            cornerstones=[i for i, e in enumerate(self.employers) if e.is_cornerstone], demo_employer=self.demo_employer,
            demo_school=self.demo_school, targets=BENCHMARK_TARGETS,
            people=People(*(ROLES.index(r) for r in ("hub_manager", "enterprise_coordinator", "careers_leader", "employer_contact"))),
        )

    def assessment_dates(self, rng: random.Random, term: Term) -> tuple[date, date]:
        """When a term's self-assessment was started and submitted: within the term, never after today."""
        first, last = TERM_WINDOWS[term.index]
        year = term.calendar_year
        start_window = (date(year, *first), date(year, *last) - timedelta(days=21))
        started = self.date_between(rng, start_window[0], min(start_window[1], self.as_of))
        submitted = self.date_between(rng, started + timedelta(days=3), min(started + timedelta(days=35), date(year, *last), self.as_of))
        return min(started, self.as_of), max(min(submitted, self.as_of), started)

    # The whole city -----------------------------------------------------------------------
    def partnership(self) -> PartnershipRecord:
        if self.size == "region":
            return PartnershipRecord(f"{names.CITY} and {names.COUNTY} Careers Hub", DEMO_SLUG,
                                     f"{names.CITY} City Council and {names.COUNTY} County Council")
        return PartnershipRecord(f"{names.CITY} Careers Hub", DEMO_SLUG, f"{names.CITY} City Council")

    def run(self) -> City:
        self.make_hubs()
        self.make_schools()
        self.make_employers()
        self.make_providers()
        self.make_young_people()
        self.make_advisers()
        self.make_people()
        self.make_assessments()
        self.make_actions()
        rng = self.rng("passwords")
        alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        return City(
            size=self.size, seed=self.seed, as_of=self.as_of, partnership=self.partnership(),
            growth_sectors=list(names.GROWTH_SECTORS), hubs=self.hubs, schools=self.schools,
            employers=self.employers, contacts=self.contacts, providers=self.providers, advisers=self.advisers,
            matches=self.matches, young_people=self.young_people, users=self.users,
            parent_links=self.parent_links,
            password_salt="".join(rng.choice(alphabet) for _ in range(22)),
            unusable_password="!" + "".join(rng.choice(alphabet) for _ in range(40)),
            demo_school=self.demo_school, demo_employer=self.demo_employer, demo_adviser=self.demo_adviser,
            demo_young_person=self.demo_young_person, mentoring_charity=self.mentoring_charity,
            careers_service=self.careers_service, assessments=self.assessments,
            benchmark_version=shipped_benchmarks.VERSIONS[-1]["key"], benchmark_targets=dict(BENCHMARK_TARGETS),
            actions=self.actions,
        )



def generate_city(*, size: str = "city", seed: int = 2026, as_of: date) -> City:
    """The demo city at ``size`` (small, city or region) as of the day ``as_of``."""
    return _Generator(size, seed, as_of).run()
