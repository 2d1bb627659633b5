"""The rules of the benchmark action plans, as plain functions. No Django here.

An action is raised against a benchmark gap and moves through four statuses:

- not started -> in progress, done or cancelled;
- in progress -> done or cancelled;
- done -> in progress (reopened: the work turned out not to be finished);
- cancelled -> not started (taken up again).

Whoever manages the action (the hub manager; the enterprise coordinator for their area hubs' schools;
a school's careers leader for its own actions) makes any of these moves. Its owner (the cornerstone
employer's contacts, the member of hub staff, or the owning school's careers leader) reports progress:
they start it, finish it and reopen it, but do not cancel it or take it up again.

An action is overdue when its due date has passed (the day after it was due) and it is neither done
nor cancelled.
"""
from __future__ import annotations

from datetime import date

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
DONE = "done"
CANCELLED = "cancelled"
STATUSES = (NOT_STARTED, IN_PROGRESS, DONE, CANCELLED)
STATUS_LABELS = {NOT_STARTED: "Not started", IN_PROGRESS: "In progress", DONE: "Done", CANCELLED: "Cancelled"}
OPEN = (NOT_STARTED, IN_PROGRESS)
CLOSED = (DONE, CANCELLED)

TRANSITIONS = {
    NOT_STARTED: (IN_PROGRESS, DONE, CANCELLED),
    IN_PROGRESS: (DONE, CANCELLED),
    DONE: (IN_PROGRESS,),
    CANCELLED: (NOT_STARTED,),
}
# The moves an owner (not a manager) may make: reporting progress, never cancelling.
OWNER_TRANSITIONS = {
    NOT_STARTED: (IN_PROGRESS, DONE),
    IN_PROGRESS: (DONE,),
    DONE: (IN_PROGRESS,),
    CANCELLED: (),
}


def is_open(status: str) -> bool:
    return status in OPEN


def is_overdue(due_on: date | None, status: str, today: date) -> bool:
    """Past its due date (not on it) and still open."""
    return due_on is not None and due_on < today and is_open(status)


def days_overdue(due_on: date | None, status: str, today: date) -> int:
    return (today - due_on).days if is_overdue(due_on, status, today) else 0


def next_statuses(status: str, *, manager: bool) -> tuple[str, ...]:
    """The statuses an action in ``status`` may move to, for its manager or (``manager=False``) its owner."""
    return (TRANSITIONS if manager else OWNER_TRANSITIONS).get(status, ())


def may_move(current: str, new: str, *, manager: bool) -> bool:
    """Whether the status may change from ``current`` to ``new`` (staying put is always allowed)."""
    return new == current or new in next_statuses(current, manager=manager)


def closed_on_after(current: str, new: str, closed_on: date | None, today: date) -> date | None:
    """The date an action was closed (done or cancelled) once its status moves to ``new``."""
    if new in CLOSED:
        return closed_on if current == new and closed_on else today
    return None
