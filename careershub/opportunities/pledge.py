"""The pledge: every young person's experiences of a workplace (encounters that count as one),
against the partnership's target (three by the end of year 11 in the demo city).

Reads for the pledge dashboard, scoped to the person asking: the hub manager and analysts see the
whole partnership (analysts aggregates only), enterprise coordinators their area hubs' schools,
careers leaders and teachers their own school. Every figure is counted in the database, one grouped
query per breakdown, so the number of queries does not grow with the number of young people.

Small numbers are suppressed: a count from 1 to 4 shows as "fewer than 5", and where that would let
someone work it out from the totals (the only suppressed cell in its row or column), the next
smallest cell is suppressed too.
"""
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from careershub.accounts.roles import Role
from careershub.young_people.models import YoungPerson

from .kinds import Counts
from .models import Encounter

PLEDGE_ROLES = (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.CAREERS_LEADER, Role.TEACHER, Role.ANALYST)
SHORT_LIST_ROLES = (Role.CAREERS_LEADER, Role.TEACHER)
SHORT_LIST_YEARS = (10, 11)
SUPPRESS_BELOW = 5
SUPPRESSED = "fewer than 5"


@dataclass
class Scope:
    partnership: object
    young_people: QuerySet
    schools: list  # (pk, name) the person may filter by
    school_staff: bool = False
    aggregates_only: bool = False


def scope_for(user) -> Scope | None:
    """Whose figures this person sees, or None for anyone without a pledge role."""
    from careershub.network.models import Partnership, School

    if not user.is_authenticated:
        return None
    assignments = [a for a in user._assignments() if a.role in PLEDGE_ROLES]
    if not assignments:
        return None
    partnership = Partnership.objects.get(pk=assignments[0].partnership_id)
    condition = Q(pk__in=[])
    school_condition = Q(pk__in=[])
    school_staff = False
    whole = False
    for a in assignments:
        if a.role in (Role.HUB_MANAGER, Role.ANALYST):
            condition |= Q(school__partnership_id=a.partnership_id)
            school_condition |= Q(partnership_id=a.partnership_id)
            whole = True
        elif a.role == Role.ENTERPRISE_COORDINATOR and a.area_hub_id:
            condition |= Q(school__area_hub_id=a.area_hub_id)
            school_condition |= Q(area_hub_id=a.area_hub_id)
        elif a.role in SHORT_LIST_ROLES and a.school_id:
            condition |= Q(school_id=a.school_id)
            school_condition |= Q(pk=a.school_id)
            school_staff = True
    schools = list(School.objects.filter(school_condition).order_by("name").values_list("pk", "name"))
    aggregates_only = all(a.role == Role.ANALYST for a in assignments)
    return Scope(partnership=partnership, young_people=YoungPerson.objects.filter(condition), schools=schools,
                 school_staff=school_staff and not whole, aggregates_only=aggregates_only)


def workplace_experiences() -> Coalesce:
    """Each young person's count of encounters counting as an experience of a workplace (a subquery,
    so it can be grouped on)."""
    counted = (Encounter.objects.filter(young_person=OuterRef("pk"), counts_as=Counts.WORKPLACE_EXPERIENCE)
               .order_by().values("young_person").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def bands(target: int) -> list[str]:
    """The columns: 0, 1, ... up to the target, which is shown as "3+"."""
    return [str(n) for n in range(target)] + [f"{target}+"]


def _band_expression(target: int) -> Case:
    return Case(*[When(experiences=n, then=Value(n)) for n in range(target)], default=Value(target),
                output_field=IntegerField())


@dataclass
class Cell:
    count: int
    percent: float | None
    suppressed: bool = False

    @property
    def count_label(self) -> str:
        return SUPPRESSED if self.suppressed else str(self.count)

    @property
    def percent_label(self) -> str:
        if self.suppressed:
            return SUPPRESSED
        return "–" if self.percent is None else f"{self.percent:.0f}%"


@dataclass
class Row:
    label: str
    total: int
    cells: list[Cell]
    total_suppressed: bool = False

    @property
    def total_label(self) -> str:
        return SUPPRESSED if self.total_suppressed else str(self.total)

    @property
    def met(self) -> Cell:
        return self.cells[-1]


@dataclass
class Breakdown:
    key: str
    title: str
    rows: list[Row] = field(default_factory=list)


def suppress(rows: list[Row]) -> None:
    """Suppress counts from 1 to 4, then enough other cells that none can be worked out from the row's
    total or from the column's (the other rows' cells and the overall figures)."""
    for row in rows:
        if 0 < row.total < SUPPRESS_BELOW:
            row.total_suppressed = True
        for cell in row.cells:
            if 0 < cell.count < SUPPRESS_BELOW or row.total_suppressed:
                cell.suppressed = True

    def complete(lines: list[list[Cell]]) -> bool:
        changed = False
        for line in lines:
            hidden = [c for c in line if c.suppressed]
            shown = [c for c in line if not c.suppressed and c.count > 0]
            if len(hidden) == 1 and shown:
                min(shown, key=lambda c: c.count).suppressed = True
                changed = True
        return changed

    columns = lambda: [[row.cells[n] for row in rows] for n in range(len(rows[0].cells))] if rows else []  # noqa: E731
    for _ in range(10):
        if not (complete([row.cells for row in rows]) | (len(rows) > 1 and complete(columns()))):
            break


def _row(label: str, counts: dict[int, int], target: int) -> Row:
    total = sum(counts.values())
    cells = [Cell(count=counts.get(n, 0), percent=(100 * counts.get(n, 0) / total) if total else None)
             for n in range(target + 1)]
    return Row(label=label, total=total, cells=cells)


def _grouped(queryset, dimension: str, target: int) -> dict:
    table: dict = {}
    for value, band, count in (
        queryset.annotate(experiences=workplace_experiences()).annotate(band=_band_expression(target))
        .order_by().values(dimension, "band").annotate(n=Count("pk")).values_list(dimension, "band", "n")
    ):
        table.setdefault(value, {})[band] = count
    return table


def _yes_no(value) -> str:
    return "Yes" if value else "No"


DIMENSIONS = [
    ("school", "By school", "school__name", None),
    ("year_group", "By year group", "year_group", lambda v: "Post-school" if v == 14 else f"Year {v}"),
    ("sex", "By sex", "sex", lambda v: YoungPerson.Sex(v).label),
    ("send", "By special educational needs", "send", lambda v: YoungPerson.Send(v).label),
    ("pupil_premium", "By pupil premium", "pupil_premium", _yes_no),
    ("free_school_meals", "By free school meals", "free_school_meals", _yes_no),
    ("looked_after", "By looked-after status", "looked_after", _yes_no),
]


def dashboard(scope: Scope, *, school_id: int | None = None) -> dict:
    """The overall figures and one breakdown per dimension, suppressed. Eight queries."""
    target = scope.partnership.workplace_experience_target
    people = scope.young_people
    if school_id:
        people = people.filter(school_id=school_id)
    overall_counts = {
        band: count for band, count in people.annotate(experiences=workplace_experiences())
        .annotate(band=_band_expression(target)).order_by().values("band").annotate(n=Count("pk"))
        .values_list("band", "n")
    }
    overall = _row("All young people", overall_counts, target)
    breakdowns = []
    for key, title, dimension, label in DIMENSIONS:
        if key == "school" and (school_id or len(scope.schools) <= 1):
            continue
        grouped = _grouped(people, dimension, target)
        rows = [_row(label(value) if label else str(value), counts, target)
                for value, counts in sorted(grouped.items(), key=lambda item: (str(item[0]) if label is None else item[0]))]
        suppress(rows)
        breakdowns.append(Breakdown(key=key, title=title, rows=rows))
    suppress([overall])
    return {"target": target, "bands": bands(target), "overall": overall, "overall_rows": [overall],
            "breakdowns": breakdowns}


def short_of_target(scope: Scope, *, school_ids) -> QuerySet[YoungPerson]:
    """Young people in years 10 and 11 at these schools with fewer experiences than the target, fewest
    first, then by name."""
    target = scope.partnership.workplace_experience_target
    return (YoungPerson.objects.filter(school_id__in=school_ids, year_group__in=SHORT_LIST_YEARS)
            .select_related("school").annotate(experiences=workplace_experiences())
            .filter(experiences__lt=target).order_by("experiences", "year_group", "last_name", "first_name", "pk"))


def csv_rows(figures: dict) -> list[list[str]]:
    header = ["Breakdown", "Group", "Young people"]
    for band in figures["bands"]:
        header += [f"{band} experiences", f"{band} experiences (%)"]
    lines = [header]

    def line(breakdown: str, row: Row) -> list[str]:
        cells = [breakdown, row.label, row.total_label]
        for cell in row.cells:
            cells += [cell.count_label, cell.percent_label]
        return cells

    lines.append(line("Overall", figures["overall"]))
    for breakdown in figures["breakdowns"]:
        lines.extend(line(breakdown.title, row) for row in breakdown.rows)
    return lines
