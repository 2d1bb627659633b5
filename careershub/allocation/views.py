"""Allocation round pages: the list, setting a round up, its opportunities, running and comparing
runs, publishing one; a young person's choices and result; a host's ranking; the outcomes table.

Who sees what is in selectors: people who may not see a round get 404, people who see it but may not
do the thing asked get 403.
"""
import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from careershub.accounts.roles import HUB_STAFF, Role
from careershub.core import audit
from careershub.core.models import AuditEntry
from careershub.core.paging import page_of
from careershub.core.permissions import roles

from . import selectors, services
from .explain import explain, ordinal
from .forms import POLICIES, AddOpportunityForm, ChoicesForm, HostRankingForm, RoundForm, policy_label
from .models import AllocationRound, RoundRun

Status = AllocationRound.Status
GROUP_LABELS = {"looked_after": "Looked after", "disadvantaged": "Disadvantaged (pupil premium or free school meals)",
                "none": "Neither"}


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


# The list --------------------------------------------------------------------------------------
@roles(*selectors.ROUND_READERS)
def round_list(request):
    user = request.user
    young_person = selectors.young_person_of(user)
    rounds = list(selectors.round_list_for(user))
    chosen = set()
    if young_person is not None:
        chosen = set(young_person.round_choices.values_list("round_id", flat=True).distinct())
    hosted = []
    if selectors.host_employer_ids(user):
        hosted = list(selectors.round_entries_hosted_by(user).filter(ranked_by_host=True)
                      .exclude(round__status=Status.PUBLISHED).select_related("round", "opportunity"))
    return render(request, "allocation/round_list.html", {
        "rounds": rounds, "manages": bool(selectors.managing_partnership_ids(user)), "young_person": young_person,
        "chosen": chosen, "hosted": hosted, "leads": bool(selectors.leader_school_ids(user)),
    })


# Setting a round up ----------------------------------------------------------------------------
@roles(*HUB_STAFF)
def round_create(request):
    user = request.user
    partnership = selectors.managed_partnership(user)
    if partnership is None:
        raise PermissionDenied("You do not manage a partnership's rounds.")
    initial = {}
    if request.GET.get("policy") in POLICIES:
        initial["policy"] = request.GET["policy"]
    for name in ("year_group_from", "year_group_to"):
        if request.GET.get(name, "").isdigit():
            initial[name] = int(request.GET[name])
    form = RoundForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            allocation_round = services.round_create(
                acting_user=user, partnership=partnership, name=data["name"], description=data["description"],
                year_group_from=data["year_group_from"], year_group_to=data["year_group_to"],
                choices_allowed=data["choices_allowed"], choices_close_on=data["choices_close_on"],
                policy_order=form.policy_order, seed=data["seed"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"You have set up the round ‘{allocation_round.name}’. Add its opportunities next.")
            return redirect("allocation:round_opportunities", allocation_round.pk)
    return render(request, "allocation/round_form.html", {
        "form": form, "title": "Set up an allocation round", "button": "Set up the round", "round": None,
    }, status=400 if form.errors else 200)


@roles(*HUB_STAFF)
def round_edit(request, pk: int):
    user = request.user
    allocation_round = selectors.get_round_for_manager(user, pk)
    if allocation_round.status == Status.PUBLISHED:
        raise PermissionDenied("A published round's settings cannot change.")
    form = RoundForm(request.POST if request.method == "POST" else None, initial=RoundForm.initial_for(allocation_round))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.round_update(
                acting_user=user, round=allocation_round, name=data["name"], description=data["description"],
                year_group_from=data["year_group_from"], year_group_to=data["year_group_to"],
                choices_allowed=data["choices_allowed"], choices_close_on=data["choices_close_on"],
                policy_order=form.policy_order, seed=data["seed"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Your changes to the round have been saved")
            return redirect(allocation_round.get_absolute_url())
    return render(request, "allocation/round_form.html", {
        "form": form, "title": "Change the round’s settings", "button": "Save changes", "round": allocation_round,
    }, status=400 if form.errors else 200)


@roles(*HUB_STAFF)
def round_opportunities(request, pk: int):
    user = request.user
    allocation_round = selectors.get_round_for_manager(user, pk)
    editable = allocation_round.status in (Status.DRAFT, Status.OPEN)
    candidates = list(selectors.opportunities_to_add(allocation_round)) if editable else []
    form = AddOpportunityForm(request.POST if request.method == "POST" and request.POST.get("action") == "add" else None,
                              opportunities=candidates)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("Opportunities change only while the round is being set up or open.")
        action = request.POST.get("action")
        if action == "remove":
            entry = get_object_or_404(allocation_round.round_opportunities.select_related("opportunity"),
                                      pk=request.POST.get("entry", "0") if request.POST.get("entry", "").isdigit() else 0)
            services.round_remove_opportunity(acting_user=user, round=allocation_round, opportunity=entry.opportunity)
            messages.success(request, f"You have taken ‘{entry.opportunity.title}’ out of the round")
            return redirect("allocation:round_opportunities", allocation_round.pk)
        if form.is_valid():
            opportunity = next(o for o in candidates if o.pk == form.cleaned_data["opportunity"])
            try:
                services.round_add_opportunity(acting_user=user, round=allocation_round, opportunity=opportunity,
                                               ranked_by_host=form.cleaned_data["ranked_by_host"])
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"You have added ‘{opportunity.title}’ to the round")
                return redirect("allocation:round_opportunities", allocation_round.pk)
        elif action != "add":
            form.add_error(None, "Choose what to do")
    return render(request, "allocation/round_opportunities.html", {
        "round": allocation_round, "entries": selectors.round_entries(allocation_round), "form": form,
        "editable": editable, "candidates": candidates,
    }, status=400 if form.errors else 200)


# A round, its runs, publishing ----------------------------------------------------------------
def comparison(runs: list[RoundRun], choices_allowed: int) -> dict:
    """The runs' summaries side by side: one row per measure, one column per run."""
    rows = [
        ("Priority policy", [policy_label(r.policy_order) for r in runs]),
        ("Lottery seed", [str(r.seed) for r in runs]),
        ("Young people", [str(r.summary.get("students", 0)) for r in runs]),
        ("Given a place", [f"{r.summary.get('matched', 0)} ({_percent(r.summary.get('matched', 0), r.summary.get('students', 0))})"
                           for r in runs]),
        ("Without a place", [str(r.summary.get("unmatched", 0)) for r in runs]),
        ("Got their 1st choice", [f"{r.summary.get('first_choice', 0)} ({round(100 * r.summary.get('first_choice_share', 0))}%)"
                                  for r in runs]),
    ]
    widest = max([choices_allowed, *(max(map(int, r.summary.get("by_choice", {}) or {0: 0})) for r in runs)]) if runs else 0
    for number in range(2, widest + 1):
        rows.append((f"Got their {ordinal(number)} choice", [str(r.summary.get("by_choice", {}).get(str(number), 0)) for r in runs]))
    groups = []
    for key in ("looked_after", "disadvantaged", "none"):
        if any(key in r.summary.get("by_priority_group", {}) for r in runs):
            groups.append(key)
    for key in groups:
        cells = []
        for r in runs:
            g = r.summary.get("by_priority_group", {}).get(key)
            cells.append(f"{g['matched']} of {g['students']} placed; {round(100 * g['first_choice'] / g['students']) if g['students'] else 0}% 1st choice"
                         if g else "–")
        rows.append((GROUP_LABELS[key], cells))
    return {"runs": runs, "rows": rows}


@roles(Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.CAREERS_LEADER)
def round_detail(request, pk: int):
    user = request.user
    allocation_round = selectors.get_round_for_user(user, pk)
    manages = selectors.is_manager(user, allocation_round)
    if not manages and not selectors.leader_school_ids(user):
        raise Http404
    if request.method == "POST":
        if not manages:
            raise PermissionDenied("Only the partnership's hub staff open and close rounds.")
        action = request.POST.get("action")
        try:
            if action == "open":
                services.round_open(acting_user=user, round=allocation_round)
                messages.success(request, "The round is open: young people in its year groups can make their choices")
            elif action == "close":
                services.round_close(acting_user=user, round=allocation_round)
                messages.success(request, "The round is closed for choices: you can now run the allocation")
            else:
                messages.error(request, "Choose what to do")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(allocation_round.get_absolute_url())
    runs = selectors.runs_of(allocation_round) if manages else []
    return render(request, "allocation/round_detail.html", {
        "round": allocation_round, "manages": manages, "entries": selectors.round_entries(allocation_round),
        "choosers": selectors.choosers_count(allocation_round), "runs": runs,
        "comparison": comparison(runs, allocation_round.choices_allowed) if runs else None,
        "policy": policy_label(allocation_round.policy_order), "today": timezone.localdate(),
    })


@require_POST
@roles(*HUB_STAFF)
def round_run(request, pk: int):
    user = request.user
    allocation_round = selectors.get_round_for_manager(user, pk)
    try:
        run = services.run_round(acting_user=user, round=allocation_round)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Run {run.number}: {run.summary['matched']} of {run.summary['students']} young "
                                  f"people given a place, {run.summary['first_choice']} their 1st choice")
    return redirect(f"{allocation_round.get_absolute_url()}#runs")


@roles(*HUB_STAFF)
def round_publish(request, pk: int):
    user = request.user
    allocation_round = selectors.get_round_for_manager(user, pk)
    source = request.POST if request.method == "POST" else request.GET
    run_pk = source.get("run", "")
    run = get_object_or_404(allocation_round.runs.all(), pk=int(run_pk) if run_pk.isdigit() else 0)
    problem = ""
    if allocation_round.status == Status.PUBLISHED:
        problem = "This round has already been published."
    elif allocation_round.status != Status.CLOSED:
        problem = "Only a closed round can be published."
    if request.method == "POST" and not problem:
        try:
            services.publish_run(acting_user=user, run=run)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(request, f"You have published run {run.number}: everyone in the round has been told")
            return redirect(allocation_round.get_absolute_url())
    return render(request, "allocation/round_publish.html", {
        "round": allocation_round, "run": run, "problem": problem, "policy": policy_label(run.policy_order),
    }, status=400 if (problem and request.method == "POST") else 200)


# A young person's choices and result ------------------------------------------------------------
@roles(Role.YOUNG_PERSON)
def my_choices(request, pk: int):
    user = request.user
    allocation_round, young_person = selectors.get_round_for_young_person(user, pk)
    opportunities = selectors.opportunities_open_to(allocation_round, young_person)
    current = selectors.choices_of(allocation_round, young_person)
    is_open = allocation_round.status == Status.OPEN and allocation_round.choices_close_on >= timezone.localdate()
    form = ChoicesForm(request.POST if request.method == "POST" else None, opportunities=opportunities,
                       allowed=allocation_round.choices_allowed, initial=ChoicesForm.initial_for(current))
    if request.method == "POST":
        if not is_open:
            form.is_valid()
            form.add_error(None, "This round is not open for choices")
        elif form.is_valid():
            try:
                services.choices_set(acting_user=user, round=allocation_round, young_person=young_person,
                                     opportunity_ids=form.opportunity_ids)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"Your choices for {allocation_round.name} have been saved")
                return redirect("allocation:my_choices", allocation_round.pk)
    return render(request, "allocation/my_choices.html", {
        "round": allocation_round, "form": form, "opportunities": opportunities, "current": current,
        "is_open": is_open, "young_person": young_person,
    }, status=400 if form.errors else 200)


@roles(Role.YOUNG_PERSON)
def my_result(request, pk: int):
    user = request.user
    allocation_round, young_person = selectors.get_round_for_young_person(user, pk)
    outcome = explanation = None
    if allocation_round.published_run_id:
        outcome = selectors.outcome_of(allocation_round.published_run, young_person)
    if outcome is not None:
        described = selectors.described_opportunities(selectors.opportunity_pks_in(outcome.explanation))
        explanation = explain(outcome.explanation, policy_order=allocation_round.published_run.policy_order,
                              opportunities=described)
    return render(request, "allocation/my_result.html", {
        "round": allocation_round, "outcome": outcome, "explanation": explanation,
        "published": bool(allocation_round.published_run_id),
    })


# The host's ranking -----------------------------------------------------------------------------
@roles(Role.EMPLOYER_CONTACT)
def host_ranking(request, pk: int):
    user = request.user
    entry = selectors.get_round_opportunity_for_host(user, pk)
    if not entry.ranked_by_host:
        raise PermissionDenied("The partnership's priority policy orders the applicants for this opportunity.")
    choosers = selectors.choosers_of(entry)
    editable = entry.round.status in (Status.OPEN, Status.CLOSED)
    form = HostRankingForm(request.POST if request.method == "POST" else None, choosers=choosers,
                           initial=HostRankingForm.initial_for(choosers))
    if request.method == "POST":
        if not editable:
            form.is_valid()
            form.add_error(None, "The round has been published: the ranking can no longer change")
        elif form.is_valid():
            try:
                services.host_ranking_set(acting_user=user, round_opportunity=entry,
                                          young_person_ids=form.young_person_ids)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"Your ranking for {entry.opportunity.title} has been saved")
                return redirect("allocation:host_ranking", entry.pk)
    return render(request, "allocation/host_ranking.html", {
        "entry": entry, "round": entry.round, "form": form, "choosers": choosers, "editable": editable,
    }, status=400 if form.errors else 200)


# Outcomes --------------------------------------------------------------------------------------
OUTCOME_COLUMNS = ["Young person", "School", "Year group", "Priority group", "Experiences of a workplace",
                   "Place", "Host", "Choice"]


def _outcome_cells(outcome) -> list:
    person = outcome.young_person
    opportunity = outcome.opportunity
    return [person.full_name, person.school.name, person.year_group,
            GROUP_LABELS.get(outcome.priority_group or "none", outcome.priority_group), outcome.experiences,
            opportunity.title if opportunity else "No place", str(opportunity.host) if opportunity else "",
            ordinal(outcome.choice_number) if outcome.choice_number else ""]


@roles(*selectors.OUTCOME_READERS)
def outcomes(request, pk: int):
    user = request.user
    run = selectors.get_run_for_outcomes(user, pk)
    rows = selectors.outcomes_for(user, run)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="round-{run.round_id}-run-{run.number}-outcomes.csv"'
        writer = csv.writer(response)
        writer.writerow(OUTCOME_COLUMNS)
        count = 0
        for outcome in rows.iterator(chunk_size=2000):
            writer.writerow(_outcome_cells(outcome))
            count += 1
        audit.record(actor=user, action=AuditEntry.Action.EXPORT, subject=run,
                     summary=f"Downloaded {count} outcomes of run {run.number} of {run.round.name}")
        return response
    page, numbers = page_of(request, rows)
    return render(request, "allocation/outcomes.html", {
        "run": run, "round": run.round, "page_obj": page, "page_numbers": numbers,
        "rows": [_outcome_cells(o) for o in page.object_list], "columns": OUTCOME_COLUMNS,
        "manages": selectors.is_manager(user, run.round),
    })
