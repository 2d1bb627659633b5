"""The skills passport in the demo city: the partnership's approved framework (eight skills, five
levels), and the demo young person's passport, made through the same services people use: evidence
endorsed by the employer who hosted an activity and by the school's enterprise adviser (each with its
signed credential), one piece waiting for the host employer's decision, one returned with a comment,
one still a draft, and a share link.

Credentials are signed with the partnership's own key, generated on first use, and carry a random
identifier: those two things differ from one build to the next; everything else is the same.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from careershub.accounts.models import RoleAssignment
from careershub.accounts.roles import Role
from careershub.opportunities.models import Encounter
from careershub.young_people.models import YoungPerson

from . import selectors, services, shipped
from .models import ShareLink, SkillLevel

PIECES = [
    # (skill, level, title, what they did, reflection, outcome)
    ("Teamwork", 2, "Building a conveyor model with my group",
     "On the visit our group of four built a small conveyor from a kit. I sorted the parts and checked each step.",
     "I learned to listen before jumping in. Next time I would share the jobs out at the start.", "endorse"),
    ("Communication", 2, "Asking questions at the careers talk",
     "I asked the engineer two questions about apprenticeships in front of the year group.",
     "I was nervous but it went well. I want to get better at speaking without notes.", "endorse"),
    ("Problem solving", 3, "Fixing the jammed printer in the workshop",
     "The 3D printer jammed; I read the guide, found the blocked nozzle and asked the technician to check.",
     "I stayed calm and followed the steps. I should have asked sooner instead of waiting.", "submit"),
    ("Self-management", 2, "Getting to every session on time",
     "I planned my bus times and arrived early every day of the taster.",
     "Being organised the night before helped.", "return"),
    ("Creativity", 1, "Designing a poster for the careers fair",
     "I drew a poster about jobs in ceramics for the school careers fair.",
     "I liked choosing the colours. I want to learn a design program.", "draft"),
]


def load_demo_passport(*, partnership, today: date, rng: random.Random, featured_young_person_id: int | None = None) -> dict:
    """The framework, and the passport of the featured (demo) young person."""
    hub_manager = (RoleAssignment.objects.filter(role=Role.HUB_MANAGER, partnership=partnership)
                   .select_related("user").order_by("pk").first())
    framework = shipped.ensure_demo_framework(partnership, hub_manager.user if hub_manager else None)
    young_person = (YoungPerson.objects.select_related("school", "user")
                    .filter(school__partnership=partnership, pk=featured_young_person_id, user__isnull=False).first())
    if young_person is None:
        return {"framework": framework.pk, "evidence": 0}
    levels = {(sl.skill.name, sl.level): sl for sl in SkillLevel.objects.select_related("skill").filter(skill__framework=framework)}
    # Activities with an employer whose people can sign in to endorse (the demo employer's, above all).
    hosting = set(RoleAssignment.objects.filter(role=Role.EMPLOYER_CONTACT, employer__partnership=partnership)
                  .values_list("employer_id", flat=True))
    encounters = list(Encounter.objects.filter(young_person=young_person, employer_id__in=hosting).order_by("occurred_on"))
    made = 0
    for n, (skill, level, title, description, reflection, outcome) in enumerate(PIECES):
        skill_level = levels.get((skill, level))
        if skill_level is None:
            continue
        encounter = encounters[n % len(encounters)] if encounters and outcome != "draft" else None
        occurred_on = encounter.occurred_on if encounter else today - timedelta(days=10 + 7 * n)
        evidence = services.evidence_record(
            acting_user=young_person.user, young_person=young_person, skill_level=skill_level, title=title,
            description=description, reflection=reflection, occurred_on=occurred_on, encounter=encounter,
        )
        made += 1
        if outcome == "draft":
            continue
        # Someone who can sign in to decide: the host employer, or the enterprise adviser for the talk.
        options = [o for o in selectors.endorser_options(evidence) if _can_sign_in(o)]
        if not options:
            continue
        option = options[-1] if n == 1 else options[0]
        evidence = services.evidence_submit(acting_user=young_person.user, evidence=evidence, endorser=option.key)
        endorser = _endorser_user(evidence)
        if endorser is None or outcome == "submit":
            continue
        if outcome == "endorse":
            services.evidence_endorse(acting_user=endorser, evidence=evidence,
                                      comment="Well done: this is exactly what we saw on the day.")
        else:
            services.evidence_return(acting_user=endorser, evidence=evidence,
                                     comment="Please add which days you attended, so we can check it against our register.")
    services.share_link_create(acting_user=young_person.user, young_person=young_person, period=ShareLink.Period.MONTH)
    return {"framework": framework.pk, "evidence": made}


def _can_sign_in(option) -> bool:
    if option.adviser is not None:
        return option.adviser.user_id is not None
    return RoleAssignment.objects.filter(role=Role.EMPLOYER_CONTACT, employer=option.employer).exists()


def _endorser_user(evidence):
    if evidence.endorser_adviser_id:
        return evidence.endorser_adviser.user
    assignment = (RoleAssignment.objects.filter(role=Role.EMPLOYER_CONTACT, employer_id=evidence.endorser_employer_id)
                  .select_related("user").order_by("pk").first())
    return assignment.user if assignment else None
