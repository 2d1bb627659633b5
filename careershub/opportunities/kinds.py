"""The kinds of opportunity, and what each kind counts for.

One table says, for each kind, which Gatsby Benchmarks it serves by default, what an attended one
counts as on a young person's record (an encounter with an employer, an experience of a workplace,
an encounter with further or higher education or a provider of technical education), and whether
safeguarding checks must be complete before a place is confirmed (a young person spending time in a
workplace away from school staff).
"""
from dataclasses import dataclass

from django.db import models


class Kind(models.TextChoices):
    CAREERS_TALK = "careers_talk", "Careers talk"
    CAREERS_FAIR = "careers_fair", "Careers fair"
    WORKPLACE_VISIT = "workplace_visit", "Workplace visit"
    VIRTUAL_TOUR = "virtual_tour", "Virtual tour"
    MASTERCLASS = "masterclass", "Masterclass"
    WORK_TASTER = "work_taster", "Work taster"
    WORK_EXPERIENCE = "work_experience", "Work experience placement"
    PROJECT_CHALLENGE = "project_challenge", "Project challenge"
    MENTORING_PROGRAMME = "mentoring_programme", "Mentoring programme"
    EDUCATION_ENCOUNTER = "education_encounter", "Encounter with a college, university or training provider"


class Counts(models.TextChoices):
    """What an attended opportunity adds to a young person's record."""

    EMPLOYER_ENCOUNTER = "employer_encounter", "Encounter with an employer"
    WORKPLACE_EXPERIENCE = "workplace_experience", "Experience of a workplace"
    EDUCATION_ENCOUNTER = "education_encounter", "Encounter with further or higher education"


@dataclass(frozen=True)
class KindRules:
    benchmarks: tuple[int, ...]
    counts_as: str
    needs_safeguarding: bool
    # One place per young person, offered to individuals (so it can be oversubscribed and allocated),
    # as opposed to an event a whole group attends.
    individual_places: bool


RULES: dict[str, KindRules] = {
    Kind.CAREERS_TALK: KindRules((5,), Counts.EMPLOYER_ENCOUNTER, False, False),
    Kind.CAREERS_FAIR: KindRules((5, 7), Counts.EMPLOYER_ENCOUNTER, False, False),
    Kind.WORKPLACE_VISIT: KindRules((6,), Counts.WORKPLACE_EXPERIENCE, False, True),
    Kind.VIRTUAL_TOUR: KindRules((5,), Counts.EMPLOYER_ENCOUNTER, False, False),
    Kind.MASTERCLASS: KindRules((4, 5), Counts.EMPLOYER_ENCOUNTER, False, True),
    Kind.WORK_TASTER: KindRules((6,), Counts.WORKPLACE_EXPERIENCE, True, True),
    Kind.WORK_EXPERIENCE: KindRules((6,), Counts.WORKPLACE_EXPERIENCE, True, True),
    Kind.PROJECT_CHALLENGE: KindRules((5,), Counts.EMPLOYER_ENCOUNTER, False, True),
    Kind.MENTORING_PROGRAMME: KindRules((5, 8), Counts.EMPLOYER_ENCOUNTER, False, True),
    Kind.EDUCATION_ENCOUNTER: KindRules((7,), Counts.EDUCATION_ENCOUNTER, False, False),
}


def rules_for(kind: str) -> KindRules:
    return RULES[kind]


# Kinds whose attendance counts towards the pledge of experiences of workplaces (benchmark 6).
WORKPLACE_KINDS = tuple(k for k, r in RULES.items() if r.counts_as == Counts.WORKPLACE_EXPERIENCE)
SAFEGUARDED_KINDS = tuple(k for k, r in RULES.items() if r.needs_safeguarding)
