"""Writes to personal guidance records. Every function takes acting_user and leaves an audit entry
on the young person's record."""
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from careershub.core import audit
from careershub.core.models import AuditEntry
from careershub.core.notify import notify
from careershub.young_people.models import YoungPerson

from . import selectors
from .models import GuidanceInterview, NextStep

MAX_NEXT_STEPS = 5


def _check(held_on: date, follow_up_on: date | None, next_steps, today: date) -> None:
    errors = {}
    if held_on > today:
        errors["held_on"] = "The date of the interview must be today or in the past"
    if follow_up_on is not None and follow_up_on < held_on:
        errors["follow_up_on"] = "The follow-up date must be on or after the date of the interview"
    for n, (text, due_on) in enumerate(next_steps, start=1):
        if due_on is not None and not text:
            errors[f"step_{n}"] = f"Enter next step {n}, or remove its date"
        elif due_on is not None and due_on < held_on:
            errors[f"step_{n}_due_on"] = f"Next step {n} must be due on or after the date of the interview"
    if len(next_steps) > MAX_NEXT_STEPS:
        errors["__all__"] = f"Record at most {MAX_NEXT_STEPS} next steps"
    if errors:
        raise ValidationError(errors)


def _parents_and_self(young_person: YoungPerson):
    people = [link.parent for link in young_person.parent_links.select_related("parent")]
    if young_person.user_id:
        people.append(young_person.user)
    return people


@transaction.atomic
def interview_record(*, acting_user, young_person: YoungPerson, held_on: date, format: str, discussed: str,
                     follow_up_on: date | None = None, next_steps=(), today: date | None = None,
                     via: str = "web") -> GuidanceInterview:
    """Record a guidance interview a careers adviser held with a young person, with the next steps
    agreed (pairs of text and an optional due date). Tells the young person and their parents."""
    provider = selectors.adviser_provider_for(acting_user, young_person)
    if provider is None:
        raise PermissionDenied("Only a careers adviser serving the young person's school records an interview.")
    today = today or timezone.localdate()
    next_steps = [(text.strip(), due_on) for text, due_on in next_steps if text.strip() or due_on]
    _check(held_on, follow_up_on, next_steps, today)
    interview = GuidanceInterview.objects.create(
        young_person=young_person, adviser=acting_user, provider=provider, held_on=held_on, format=format,
        discussed=discussed.strip(), follow_up_on=follow_up_on,
    )
    NextStep.objects.bulk_create([NextStep(interview=interview, text=text, due_on=due_on) for text, due_on in next_steps])
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=interview,
                 young_person_id=young_person.pk, via=via,
                 summary=f"Recorded a guidance interview with {young_person.full_name} held on {held_on:%d/%m/%Y}")
    notify(_parents_and_self(young_person), subject="A guidance interview was added to the record",
           body=f"{acting_user.get_full_name()} recorded the guidance interview of {held_on:%d %B %Y} "
                f"and the next steps you agreed.",
           url=interview.get_absolute_url())
    return interview


@transaction.atomic
def interview_update(*, acting_user, interview: GuidanceInterview, held_on: date, format: str, discussed: str,
                     follow_up_on: date | None = None, next_steps=(), today: date | None = None,
                     via: str = "web") -> GuidanceInterview:
    """Correct an interview; only its adviser, while they serve the school. Next steps are replaced,
    keeping when each one still listed was done."""
    interview = GuidanceInterview.objects.select_for_update().select_related("young_person").get(pk=interview.pk)
    if interview.adviser_id != acting_user.pk or not selectors.may_record_interview(acting_user, interview.young_person):
        raise PermissionDenied("Only the adviser who recorded the interview can change it.")
    today = today or timezone.localdate()
    next_steps = [(text.strip(), due_on) for text, due_on in next_steps if text.strip() or due_on]
    _check(held_on, follow_up_on, next_steps, today)
    done = {step.text: step.done_on for step in interview.next_steps.all()}
    interview.held_on, interview.format, interview.discussed = held_on, format, discussed.strip()
    interview.follow_up_on = follow_up_on
    interview.save()
    interview.next_steps.all().delete()
    NextStep.objects.bulk_create([NextStep(interview=interview, text=text, due_on=due_on, done_on=done.get(text))
                                  for text, due_on in next_steps])
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=interview,
                 young_person_id=interview.young_person_id, via=via,
                 summary=f"Changed the guidance interview with {interview.young_person.full_name}")
    return interview


@transaction.atomic
def next_step_set_done(*, acting_user, step: NextStep, done: bool, today: date | None = None,
                       via: str = "web") -> NextStep:
    """Mark a next step done (or not yet): the young person themself or the adviser who agreed it."""
    step = NextStep.objects.select_for_update().select_related("interview__young_person").get(pk=step.pk)
    young_person = step.interview.young_person
    if acting_user.pk not in (young_person.user_id, step.interview.adviser_id):
        raise PermissionDenied("Only the young person or their adviser marks a next step done.")
    step.done_on = (today or timezone.localdate()) if done else None
    step.save(update_fields=["done_on"])
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=step.interview,
                 young_person_id=young_person.pk, via=via,
                 summary=f"Marked next step {'done' if done else 'not done'}: {step.text[:120]}")
    return step


# Career plans -----------------------------------------------------------------------------------------
MAX_GOALS = 5


def _current_plan(young_person: YoungPerson, academic_year: int):
    """This year's plan, started from the last one (so change from year to year shows)."""
    from .models import CareerPlan

    plan = CareerPlan.objects.select_for_update().filter(young_person=young_person, academic_year=academic_year).first()
    if plan is not None:
        return plan
    last = CareerPlan.objects.filter(young_person=young_person, academic_year__lt=academic_year).order_by("-academic_year").first()
    plan = CareerPlan(young_person=young_person, academic_year=academic_year, year_group=young_person.year_group)
    if last is not None:
        plan.interests, plan.aspirations = last.interests, last.aspirations
        plan.route_after_16_id, plan.route_after_18_id = last.route_after_16_id, last.route_after_18_id
    return plan


@transaction.atomic
def plan_save(*, acting_user, young_person: YoungPerson, interests: str, aspirations: str, route_after_16=None,
              route_after_18=None, goals=(), today: date | None = None, via: str = "web"):
    """Save this academic year's career plan. Goals are pairs of text and an optional due date; a goal
    kept from before keeps whether it was done."""
    from careershub.core.calendar import academic_year_of

    from .models import PlanGoal, Route

    if not selectors.may_edit_plan(acting_user, young_person):
        raise PermissionDenied("Only the young person or their school's staff change their career plan.")
    today = today or timezone.localdate()
    goals = [(text.strip(), due_on) for text, due_on in goals if text.strip() or due_on]
    errors = {}
    if route_after_16 is not None and route_after_16.stage != Route.Stage.AFTER_16:
        errors["route_after_16"] = "Select a route for after year 11"
    if route_after_18 is not None and route_after_18.stage != Route.Stage.AFTER_18:
        errors["route_after_18"] = "Select a route for after year 13"
    for n, (text, due_on) in enumerate(goals, start=1):
        if not text:
            errors[f"goal_{n}"] = f"Enter goal {n}, or remove its date"
    if len(goals) > MAX_GOALS:
        errors["__all__"] = f"Set at most {MAX_GOALS} goals"
    if errors:
        raise ValidationError(errors)
    plan = _current_plan(young_person, academic_year_of(today))
    plan.interests, plan.aspirations = interests.strip(), aspirations.strip()
    plan.route_after_16, plan.route_after_18 = route_after_16, route_after_18
    plan.year_group = young_person.year_group
    plan.updated_by = acting_user
    created = plan.pk is None
    plan.save()
    done = {goal.text: goal.done_on for goal in plan.goals.all()}
    plan.goals.all().delete()
    PlanGoal.objects.bulk_create([PlanGoal(plan=plan, text=text, due_on=due_on, done_on=done.get(text))
                                  for text, due_on in goals])
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
                 subject=plan, young_person_id=young_person.pk, via=via,
                 summary=f"{'Started' if created else 'Changed'} the {plan.academic_year} career plan of {young_person.full_name}")
    return plan


@transaction.atomic
def goal_set_done(*, acting_user, goal, done: bool, today: date | None = None, via: str = "web"):
    from .models import PlanGoal

    goal = PlanGoal.objects.select_for_update().select_related("plan__young_person").get(pk=goal.pk)
    young_person = goal.plan.young_person
    if not selectors.may_edit_plan(acting_user, young_person):
        raise PermissionDenied("Only the young person or their school's staff change their career plan.")
    goal.done_on = (today or timezone.localdate()) if done else None
    goal.save(update_fields=["done_on"])
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=goal.plan, young_person_id=young_person.pk,
                 via=via, summary=f"Marked a career plan goal {'done' if done else 'not done'}: {goal.text[:120]}")
    return goal


@transaction.atomic
def plan_comment(*, acting_user, young_person: YoungPerson, body: str, today: date | None = None, via: str = "web"):
    """A comment on this year's plan from a careers leader, teacher or careers adviser; the young
    person is told."""
    from careershub.core.calendar import academic_year_of

    from .models import PlanComment

    role = selectors.commenter_role(acting_user, young_person)
    if role is None:
        raise PermissionDenied("Only the school's staff and the young person's careers adviser comment on a plan.")
    if not body.strip():
        raise ValidationError({"body": "Enter your comment"})
    plan = _current_plan(young_person, academic_year_of(today or timezone.localdate()))
    if plan.pk is None:
        plan.save()
    comment = PlanComment.objects.create(plan=plan, author=acting_user, author_role=role, body=body.strip())
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=plan, young_person_id=young_person.pk,
                 via=via, summary=f"Commented on the career plan of {young_person.full_name}")
    if young_person.user_id:
        notify([young_person.user], subject="A comment on your career plan",
               body=f"{acting_user.get_full_name()} ({role.lower()}) commented on your career plan.",
               url=plan.get_absolute_url())
    return comment
