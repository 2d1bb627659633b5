"""Writes to allocation rounds. Every one takes acting_user, runs in a transaction, checks that the
person may do it (``PermissionDenied``) and refuses what the round's state does not allow with a
``ValidationError`` naming what is wrong. Writes that touch a young person's record (their choices,
the places a published run gives them) leave audit entries.

The life of a round: being set up (draft: settings and opportunities) -> open for choices (young
people rank up to ``choices_allowed`` of its opportunities; hosts that rank their own applicants do
so) -> closed (staff run the engine as often as they like with changed settings; every run is kept)
-> published (one run's places become accepted applications, with placements where safeguarding is
needed, and everyone is told).
"""
from __future__ import annotations

import time
from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from careershub.accounts.models import RoleAssignment
from careershub.accounts.roles import Role
from careershub.core import audit
from careershub.core.models import AuditEntry
from careershub.core.notify import notify
from careershub.opportunities.models import Application, Opportunity
from careershub.opportunities.placing import placements_for
from careershub.young_people.models import ParentLink, YoungPerson

from . import selectors
from .build import instance_for, pk_of
from .engine import allocate
from .explain import ordinal
from .instance import parse_instance
from .models import AllocationRound, HostRanking, RoundChoice, RoundOpportunity, RoundOutcome, RoundRun

Status = AllocationRound.Status
Criterion = AllocationRound.Criterion
SHARED_WITH_HOST = ["school", "year_group"]
MAX_CHOICES = 10
BATCH = 1000


def _manages(user, allocation_round: AllocationRound) -> bool:
    return bool(user is not None and (getattr(user, "is_superuser", False)
                                      or selectors.is_manager(user, allocation_round)))


def _require_manager(user, allocation_round: AllocationRound) -> None:
    if not _manages(user, allocation_round):
        raise PermissionDenied("Only the partnership's hub manager and enterprise coordinators manage its rounds.")


def _locked(allocation_round: AllocationRound) -> AllocationRound:
    return AllocationRound.objects.select_for_update(of=("self",)).get(pk=allocation_round.pk)


def _check_settings(*, name: str, year_group_from: int, year_group_to: int, choices_allowed: int,
                    policy_order: list[str]) -> None:
    errors = {}
    if not name.strip():
        errors["name"] = "Enter the round’s name"
    if not 7 <= year_group_from <= 14 or not 7 <= year_group_to <= 14:
        errors["year_group_from"] = "Year groups run from 7 to 13, or 14 for post-school"
    elif year_group_from > year_group_to:
        errors["year_group_to"] = "The last year group must not come before the first"
    if not 1 <= choices_allowed <= MAX_CHOICES:
        errors["choices_allowed"] = f"Young people may rank between 1 and {MAX_CHOICES} choices"
    if len(set(policy_order)) != len(policy_order) or not set(policy_order) <= set(Criterion.values):
        errors["policy_order"] = "Choose the priority policy from the options given"
    if errors:
        raise ValidationError(errors)


def round_create(*, acting_user, partnership, name: str, description: str = "", year_group_from: int = 10,
                 year_group_to: int = 10, choices_allowed: int = 5, choices_close_on,
                 policy_order: list[str] | None = None, seed: int = 1) -> AllocationRound:
    policy_order = list(policy_order if policy_order is not None
                        else [Criterion.FEWEST_EXPERIENCES, Criterion.PRIORITY_GROUP])
    if not (getattr(acting_user, "is_superuser", False) or partnership.pk in selectors.managing_partnership_ids(acting_user)):
        raise PermissionDenied("Only the partnership's hub manager and enterprise coordinators set up rounds.")
    _check_settings(name=name, year_group_from=year_group_from, year_group_to=year_group_to,
                    choices_allowed=choices_allowed, policy_order=policy_order)
    with transaction.atomic():
        allocation_round = AllocationRound.objects.create(
            partnership=partnership, name=name.strip(), description=description.strip(),
            year_group_from=year_group_from, year_group_to=year_group_to, choices_allowed=choices_allowed,
            choices_close_on=choices_close_on, policy_order=policy_order, seed=seed, created_by=acting_user,
        )
        audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=allocation_round,
                     summary=f"Set up the allocation round {allocation_round.name}")
    return allocation_round


def round_update(*, acting_user, round: AllocationRound, name: str, description: str = "", year_group_from: int,
                 year_group_to: int, choices_allowed: int, choices_close_on, policy_order: list[str],
                 seed: int) -> AllocationRound:
    """Change the round's settings; the policy and seed may change until a run is published, so staff
    can re-run with changed settings."""
    _require_manager(acting_user, round)
    _check_settings(name=name, year_group_from=year_group_from, year_group_to=year_group_to,
                    choices_allowed=choices_allowed, policy_order=list(policy_order))
    with transaction.atomic():
        allocation_round = _locked(round)
        if allocation_round.status == Status.PUBLISHED:
            raise ValidationError("The round has been published: its settings can no longer change",
                                  code="published")
        allocation_round.name = name.strip()
        allocation_round.description = description.strip()
        allocation_round.year_group_from = year_group_from
        allocation_round.year_group_to = year_group_to
        allocation_round.choices_allowed = choices_allowed
        allocation_round.choices_close_on = choices_close_on
        allocation_round.policy_order = list(policy_order)
        allocation_round.seed = seed
        allocation_round.save()
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=allocation_round,
                     summary=f"Changed the settings of the allocation round {allocation_round.name}")
    round.__dict__.update({k: v for k, v in allocation_round.__dict__.items() if not k.startswith("_")})
    return allocation_round


def round_add_opportunity(*, acting_user, round: AllocationRound, opportunity: Opportunity,
                          ranked_by_host: bool = False) -> RoundOpportunity:
    _require_manager(acting_user, round)
    with transaction.atomic():
        allocation_round = _locked(round)
        if allocation_round.status not in (Status.DRAFT, Status.OPEN):
            raise ValidationError("Opportunities can be added only while the round is being set up or open",
                                  code="not_editable")
        if opportunity.partnership_id != allocation_round.partnership_id:
            raise ValidationError({"opportunity": "That opportunity is not one of the partnership’s"})
        if opportunity.status != Opportunity.Status.APPROVED:
            raise ValidationError({"opportunity": "Only approved opportunities can be in a round"})
        if opportunity.how_places_are_given != Opportunity.HowPlacesAreGiven.ALLOCATION:
            raise ValidationError({"opportunity": "Only opportunities whose places are given by allocation can be in a round"})
        if RoundOpportunity.objects.filter(round=allocation_round, opportunity=opportunity).exists():
            raise ValidationError({"opportunity": "That opportunity is already in the round"})
        entry = RoundOpportunity.objects.create(round=allocation_round, opportunity=opportunity,
                                                ranked_by_host=ranked_by_host)
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=allocation_round,
                     summary=f"Added {opportunity.title} to the allocation round")
    return entry


def round_remove_opportunity(*, acting_user, round: AllocationRound, opportunity: Opportunity) -> None:
    """Take an opportunity out of the round, with the choices made of it (later choices move up)."""
    _require_manager(acting_user, round)
    with transaction.atomic():
        allocation_round = _locked(round)
        if allocation_round.status not in (Status.DRAFT, Status.OPEN):
            raise ValidationError("Opportunities can be taken out only while the round is being set up or open",
                                  code="not_editable")
        deleted, _ = RoundOpportunity.objects.filter(round=allocation_round, opportunity=opportunity).delete()
        if not deleted:
            raise ValidationError({"opportunity": "That opportunity is not in the round"})
        affected = list(RoundChoice.objects.filter(round=allocation_round, opportunity=opportunity)
                        .values_list("young_person_id", flat=True))
        RoundChoice.objects.filter(round=allocation_round, opportunity=opportunity).delete()
        if affected:
            remaining = list(RoundChoice.objects.filter(round=allocation_round, young_person_id__in=affected)
                             .order_by("young_person_id", "rank"))
            RoundChoice.objects.filter(pk__in=[c.pk for c in remaining]).delete()
            renumbered, rank, previous = [], 0, None
            for choice in remaining:
                rank = 1 if choice.young_person_id != previous else rank + 1
                previous = choice.young_person_id
                renumbered.append(RoundChoice(round=allocation_round, young_person_id=choice.young_person_id,
                                              opportunity_id=choice.opportunity_id, rank=rank,
                                              chosen_by_id=choice.chosen_by_id))
            RoundChoice.objects.bulk_create(renumbered, batch_size=BATCH)
            AuditEntry.objects.bulk_create([
                AuditEntry(actor=acting_user, action=AuditEntry.Action.UPDATE, subject_type="allocation.allocationround",
                           subject_id=str(allocation_round.pk), young_person_id=person,
                           summary=f"Choice of {opportunity.title}"[:200] + " removed: taken out of the round")
                for person in affected
            ], batch_size=BATCH)
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=allocation_round,
                     summary=f"Took {opportunity.title} out of the allocation round")


def _move(acting_user, allocation_round: AllocationRound, *, allowed_from: tuple, to: str, summary: str) -> AllocationRound:
    _require_manager(acting_user, allocation_round)
    with transaction.atomic():
        locked = _locked(allocation_round)
        if locked.status not in allowed_from:
            raise ValidationError(f"The round is {locked.get_status_display().lower()}: it cannot be {summary}",
                                  code="wrong_status")
        if to == Status.OPEN and not locked.round_opportunities.exists():
            raise ValidationError("Add at least one opportunity before opening the round for choices",
                                  code="no_opportunities")
        locked.status = to
        locked.save(update_fields=["status", "updated_at"])
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=locked,
                     summary=f"The allocation round {locked.name}: {summary}")
    allocation_round.status = to
    return locked


def round_open(*, acting_user, round: AllocationRound) -> AllocationRound:
    return _move(acting_user, round, allowed_from=(Status.DRAFT, Status.CLOSED), to=Status.OPEN,
                 summary="opened for choices")


def round_close(*, acting_user, round: AllocationRound) -> AllocationRound:
    return _move(acting_user, round, allowed_from=(Status.OPEN,), to=Status.CLOSED, summary="closed for choices")


def _may_choose_for(user, young_person: YoungPerson, allocation_round: AllocationRound) -> bool:
    if user is None:
        return False
    if young_person.user_id is not None and young_person.user_id == user.pk:
        return True
    return _manages(user, allocation_round)


def choices_set(*, acting_user, round: AllocationRound, young_person: YoungPerson,
                opportunity_ids: list[int]) -> list[RoundChoice]:
    """Replace the young person's choices with these opportunities, most wanted first (an empty list
    withdraws them from the round)."""
    if not _may_choose_for(acting_user, young_person, round):
        raise PermissionDenied("Only the young person makes their choices.")
    opportunity_ids = [int(pk) for pk in opportunity_ids]
    with transaction.atomic():
        allocation_round = _locked(round)
        if allocation_round.status != Status.OPEN:
            raise ValidationError("The round is not open for choices", code="not_open")
        if allocation_round.choices_close_on < timezone.localdate():
            raise ValidationError("Choices for this round closed on "
                                  f"{allocation_round.choices_close_on:%-d %B %Y}", code="not_open")
        year = young_person.year_group
        if not allocation_round.year_group_from <= year <= allocation_round.year_group_to:
            raise ValidationError("This round is not for your year group", code="wrong_year_group")
        if len(opportunity_ids) > allocation_round.choices_allowed:
            raise ValidationError({"choices": f"Choose up to {allocation_round.choices_allowed} opportunities"})
        if len(set(opportunity_ids)) != len(opportunity_ids):
            raise ValidationError({"choices": "Choose each opportunity only once"})
        open_to_them = set(
            Opportunity.objects.filter(round_entries__round=allocation_round, pk__in=opportunity_ids,
                                       year_group_from__lte=year, year_group_to__gte=year)
            .values_list("pk", flat=True))
        if set(opportunity_ids) - open_to_them:
            raise ValidationError({"choices": "Choose only from the round’s opportunities for your year group"})
        RoundChoice.objects.filter(round=allocation_round, young_person=young_person).delete()
        choices = RoundChoice.objects.bulk_create([
            RoundChoice(round=allocation_round, young_person=young_person, opportunity_id=pk, rank=rank,
                        chosen_by=acting_user)
            for rank, pk in enumerate(opportunity_ids, start=1)
        ])
        HostRanking.objects.filter(round_opportunity__round=allocation_round, young_person=young_person).exclude(
            round_opportunity__opportunity_id__in=opportunity_ids).delete()
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=allocation_round,
                     young_person_id=young_person.pk,
                     summary=f"Choices in {allocation_round.name}: {len(choices)} ranked")
    return choices


def host_ranking_set(*, acting_user, round_opportunity: RoundOpportunity, young_person_ids: list[int]) -> list[HostRanking]:
    """The host's ranking of those who chose its opportunity, best first; anyone left out is not
    acceptable to it."""
    allocation_round = round_opportunity.round
    employer_id = round_opportunity.opportunity.employer_id
    if not (employer_id in selectors.host_employer_ids(acting_user) or _manages(acting_user, allocation_round)):
        raise PermissionDenied("Only the host’s employer contacts rank its applicants.")
    young_person_ids = [int(pk) for pk in young_person_ids]
    with transaction.atomic():
        locked = _locked(allocation_round)
        if locked.status not in (Status.OPEN, Status.CLOSED):
            raise ValidationError("Applicants can be ranked only while the round is open or being allocated",
                                  code="not_editable")
        if not round_opportunity.ranked_by_host:
            raise ValidationError("The partnership’s priority policy orders the applicants for this opportunity",
                                  code="not_ranked_by_host")
        if len(set(young_person_ids)) != len(young_person_ids):
            raise ValidationError({"ranking": "Give each young person a different position"})
        choosers = set(RoundChoice.objects.filter(round=locked, opportunity_id=round_opportunity.opportunity_id)
                       .values_list("young_person_id", flat=True))
        if set(young_person_ids) - choosers:
            raise ValidationError({"ranking": "Rank only the young people who chose this opportunity"})
        HostRanking.objects.filter(round_opportunity=round_opportunity).delete()
        rankings = HostRanking.objects.bulk_create([
            HostRanking(round_opportunity=round_opportunity, young_person_id=pk, position=position)
            for position, pk in enumerate(young_person_ids, start=1)
        ], batch_size=BATCH)
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=round_opportunity,
                     summary=f"Ranked {len(rankings)} applicants for {round_opportunity.opportunity.title}")
    return rankings


def run_round(*, acting_user, round: AllocationRound) -> RoundRun:
    """Run the engine over the round as it stands, with its current policy and seed; keep the run, its
    summary and one outcome per young person with the explanation."""
    _require_manager(acting_user, round)
    with transaction.atomic():
        allocation_round = _locked(round)
        if allocation_round.status != Status.CLOSED:
            raise ValidationError("Close the round for choices before running the allocation"
                                  if allocation_round.status != Status.PUBLISHED
                                  else "The round has been published: it cannot be run again", code="wrong_status")
        started = time.perf_counter()
        data = instance_for(allocation_round)
        students = data["students"]
        allocation = allocate(parse_instance(data))
        summary = allocation.summary()
        placements = allocation.placement_of.tolist()
        choice_numbers = allocation.choice_number.tolist()
        placement_ids = allocation.instance.placement_ids
        outcomes = []
        for index, student in enumerate(students):
            placement = placements[index]
            outcomes.append(RoundOutcome(
                young_person_id=pk_of(student["id"]),
                opportunity_id=pk_of(placement_ids[placement]) if placement >= 0 else None,
                choice_number=choice_numbers[index] or None,
                priority_group=student["priority_group"] or "",
                experiences=min(student["experiences"], 32767),
                explanation=allocation.explain(index),
            ))
        seconds = time.perf_counter() - started
        number = (allocation_round.runs.aggregate(n=Max("number"))["n"] or 0) + 1
        run = RoundRun.objects.create(round=allocation_round, number=number, policy_order=list(allocation_round.policy_order),
                                      seed=allocation_round.seed, summary=summary, run_by=acting_user,
                                      seconds=round_seconds(seconds))
        for outcome in outcomes:
            outcome.run = run
        RoundOutcome.objects.bulk_create(outcomes, batch_size=BATCH)
        audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=run,
                     summary=f"Ran allocation {number} of {allocation_round.name}: "
                             f"{summary['matched']} of {summary['students']} given a place")
    return run


def round_seconds(seconds: float) -> float:
    return round(seconds, 3)


def publish_run(*, acting_user, run: RoundRun) -> AllocationRound:
    """Publish one run of a round (once per round): each place becomes an accepted application (with a
    placement where the opportunity needs safeguarding), and every young person in the round, their
    parents, each host's employer contacts and the schools' careers leaders are told."""
    _require_manager(acting_user, run.round)
    with transaction.atomic():
        allocation_round = _locked(run.round)
        if allocation_round.status == Status.PUBLISHED or allocation_round.published_run_id:
            raise ValidationError("The round has already been published", code="published")
        if allocation_round.status != Status.CLOSED:
            raise ValidationError("Only a closed round can be published", code="wrong_status")
        if run.round_id != allocation_round.pk:
            raise ValidationError("That run is not one of this round’s", code="wrong_round")
        outcomes = list(RoundOutcome.objects.filter(run=run).values_list("young_person_id", "opportunity_id",
                                                                         "choice_number"))
        placed = [(person, opportunity) for person, opportunity, _ in outcomes if opportunity is not None]
        existing, created = _accepted_applications(acting_user, allocation_round, placed)
        opportunities = {o.pk: o for o in Opportunity.objects.filter(pk__in={o for _, o in placed})
                         .select_related("employer", "provider")}
        _placements_for(existing, created, opportunities)
        now = timezone.now()
        allocation_round.status = Status.PUBLISHED
        allocation_round.published_run = run
        allocation_round.published_at = now
        allocation_round.published_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
        allocation_round.save(update_fields=["status", "published_run", "published_at", "published_by", "updated_at"])
        AuditEntry.objects.bulk_create([
            AuditEntry(actor=acting_user if getattr(acting_user, "is_authenticated", False) else None,
                       action=AuditEntry.Action.UPDATE, subject_type="allocation.allocationround",
                       subject_id=str(allocation_round.pk), young_person_id=person,
                       summary=(f"Allocated a place in {allocation_round.name}" if opportunity
                                else f"No place allocated in {allocation_round.name}")[:255])
            for person, opportunity, _ in outcomes
        ], batch_size=BATCH)
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=allocation_round,
                     summary=f"Published allocation {run.number} of {allocation_round.name}")
        _notify_published(allocation_round, outcomes, opportunities)
    run.round = allocation_round
    return allocation_round


def _placements_for(existing: list[Application], created: list[Application], opportunities: dict) -> None:
    """A placement waiting for safeguarding checks for each place that needs one."""
    for application in (*existing, *created):
        application.opportunity = opportunities[application.opportunity_id]
    placements_for([*existing, *created], batch_size=BATCH)


def _accepted_applications(acting_user, allocation_round, placed: list[tuple[int, int]]) -> tuple[list, list]:
    """An accepted application for each (young person, opportunity): the existing one accepted (first
    list), or a new one (second list). A few queries whatever the number."""
    if not placed:
        return [], []
    wanted = set(placed)
    people = {p for p, _ in placed}
    existing = [a for a in Application.objects.filter(young_person_id__in=people,
                                                      opportunity_id__in={o for _, o in placed})
                if (a.young_person_id, a.opportunity_id) in wanted]
    now = timezone.now()
    decider = acting_user if getattr(acting_user, "is_authenticated", False) else None
    for application in existing:
        application.status = Application.Status.ACCEPTED
        application.allocation_round = allocation_round
        application.decided_at = now
        application.decided_by = decider
    Application.objects.bulk_update(existing, ["status", "allocation_round", "decided_at", "decided_by"],
                                    batch_size=BATCH)
    have = {(a.young_person_id, a.opportunity_id) for a in existing}
    interest = f"Allocated in {allocation_round.name}"
    new = [Application(opportunity_id=o, young_person_id=p, status=Application.Status.ACCEPTED, interest=interest,
                       shared=list(SHARED_WITH_HOST), allocation_round=allocation_round, decided_at=now,
                       decided_by=decider, submitted_by=decider)
           for p, o in placed if (p, o) not in have]
    Application.objects.bulk_create(new, batch_size=BATCH)
    if new and new[0].pk is None:  # a database that does not return primary keys from a bulk insert
        new = list(Application.objects.filter(allocation_round=allocation_round).exclude(pk__in=[a.pk for a in existing]))
    return existing, new


def _notify_published(allocation_round: AllocationRound, outcomes, opportunities: dict[int, Opportunity]) -> None:
    """Tell everyone, a notification per group with the same message (one per opportunity, and one for
    those without a place), so that thousands are told in a few dozen queries."""
    from careershub.accounts.models import User

    result_url = reverse("allocation:my_result", args=[allocation_round.pk])
    people = {p for p, _, _ in outcomes}
    account_of = dict(YoungPerson.objects.filter(pk__in=people, user__isnull=False).values_list("pk", "user_id"))
    parents_of = defaultdict(list)
    for person, parent in ParentLink.objects.filter(young_person_id__in=people).values_list("young_person_id", "parent_id"):
        parents_of[person].append(parent)
    users = User.objects.in_bulk({*account_of.values(), *(p for ps in parents_of.values() for p in ps)})

    by_result: dict[tuple, list[int]] = defaultdict(list)
    for person, opportunity, choice in outcomes:
        by_result[(opportunity, choice)].append(person)
    name = allocation_round.name
    for (opportunity_pk, choice), group in sorted(by_result.items(), key=lambda item: (item[0][0] or 0, item[0][1] or 0)):
        if opportunity_pk is None:
            subject = f"{name}: your result"
            body = ("The places in this round have been given out and there was not a place for you this time. "
                    "You can see why, choice by choice. Your careers leader can help you find other experiences "
                    "of a workplace.")
            parent_body = (f"The places in {name} have been given out and there was not a place for your child this "
                           "time. Their careers leader can help them find other experiences of a workplace.")
        else:
            opportunity = opportunities[opportunity_pk]
            where = f"{opportunity.title} at {opportunity.host}"
            subject = f"{name}: you have a place"
            body = (f"You have a place on your {ordinal(choice)} choice, {where}. "
                    "You can see the details and why you got this place.")
            parent_body = (f"Your child has been given a place in {name}: {where}. "
                           + ("The host’s safeguarding checks, including your consent, come next."
                              if opportunity.needs_safeguarding else ""))
        notify([users[account_of[p]] for p in group if p in account_of], subject=subject, body=body, url=result_url)
        notify([users[parent] for p in group for parent in parents_of.get(p, [])],
               subject=f"{name}: your child’s result", body=parent_body.strip())

    filled: dict[int, int] = defaultdict(int)
    for _, opportunity_pk, _ in outcomes:
        if opportunity_pk is not None:
            filled[opportunity_pk] += 1
    entries = list(allocation_round.round_opportunities.select_related("opportunity__employer", "opportunity__provider"))
    employer_ids = {e.opportunity.employer_id for e in entries if e.opportunity.employer_id}
    contacts = defaultdict(set)
    for employer_pk, user_pk in RoleAssignment.objects.filter(role=Role.EMPLOYER_CONTACT,
                                                               employer_id__in=employer_ids).values_list("employer_id", "user_id"):
        contacts[employer_pk].add(user_pk)
    schools = set(YoungPerson.objects.filter(pk__in=people).values_list("school_id", flat=True))
    leaders = set(RoleAssignment.objects.filter(role=Role.CAREERS_LEADER, school_id__in=schools)
                  .values_list("user_id", flat=True))
    staff_users = User.objects.in_bulk({*leaders, *(u for us in contacts.values() for u in us)})
    for entry in entries:
        opportunity = entry.opportunity
        recipients = [staff_users[u] for u in sorted(contacts.get(opportunity.employer_id, ()))]
        if not recipients:
            continue
        count = filled.get(opportunity.pk, 0)
        notify(recipients, subject=f"{name}: places on {opportunity.title} allocated",
               body=(f"{count} of {opportunity.capacity} places on {opportunity.title} were filled in {name}. "
                     "The young people’s accepted applications are with your other applications; safeguarding "
                     "checks come next where the placement needs them."))
    placed_count = sum(filled.values())
    notify([staff_users[u] for u in sorted(leaders)], subject=f"{name} has been published",
           body=(f"{placed_count} of {len(outcomes)} young people in the round were given a place. "
                 "You can see your pupils’ results and why each got what they got."),
           url=reverse("allocation:outcomes", args=[allocation_round.published_run_id]))
