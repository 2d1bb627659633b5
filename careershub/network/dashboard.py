"""The hub dashboard's figures, computed with a handful of aggregate queries whatever the data's size.

Scope: hub managers and analysts see their whole partnership; enterprise coordinators see the
schools of their area hubs. Employer figures (cornerstone employers, sectors, size bands, the
enterprise adviser network) are partnership-wide for everyone, since employers serve every area hub.

Each figure is also a table (``Table``): the page shows it beside its chart, the CSV download
returns it and the API serves it as JSON, so the three never disagree.
"""
import csv
import io
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpResponse

from careershub.accounts.roles import Role

from .models import AreaHub, Employer, School
from .sic import SicSection

ENGAGED, TARGET, DECLINED = School.Status.ENGAGED, School.Status.TARGET, School.Status.DECLINED
NO_AREA_HUB = "No area hub"
FULL_SCOPE_ROLES = (Role.HUB_MANAGER, Role.ANALYST)


@dataclass(frozen=True)
class Scope:
    partnership_ids: frozenset[int]
    area_hub_ids: frozenset[int]

    @property
    def whole_partnership(self) -> bool:
        return bool(self.partnership_ids)

    def schools(self) -> Q:
        return Q(partnership_id__in=self.partnership_ids) | Q(area_hub_id__in=self.area_hub_ids)

    def area_hubs(self) -> Q:
        return Q(partnership_id__in=self.partnership_ids) | Q(pk__in=self.area_hub_ids)


def scope_of(user) -> Scope:
    partnerships, hubs = set(), set()
    for a in user._assignments():
        if a.role in FULL_SCOPE_ROLES:
            partnerships.add(a.partnership_id)
        elif a.role == Role.ENTERPRISE_COORDINATOR and a.area_hub_id:
            hubs.add(a.area_hub_id)
    return Scope(frozenset(partnerships), frozenset(hubs))


def _employer_partnerships(user) -> set[int]:
    return {
        a.partnership_id for a in user._assignments()
        if a.role in (*FULL_SCOPE_ROLES, Role.ENTERPRISE_COORDINATOR)
    }


# Figures -------------------------------------------------------------------------------------
@dataclass
class SchoolCounts:
    label: str
    engaged: int = 0
    target: int = 0
    declined: int = 0
    with_adviser: int = 0  # engaged schools with a current enterprise adviser

    @property
    def total(self) -> int:
        return self.engaged + self.target + self.declined

    @property
    def without_adviser(self) -> int:
        return self.engaged - self.with_adviser

    @property
    def engaged_percent(self) -> int:
        return round(100 * self.engaged / self.total) if self.total else 0

    @property
    def adviser_percent(self) -> int:
        return round(100 * self.with_adviser / self.engaged) if self.engaged else 0


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent_of_largest: int = 0


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: list[tuple]
    numeric: tuple[int, ...] = ()  # the columns holding numbers (right-aligned)


@dataclass
class Dashboard:
    scope_label: str
    whole_partnership: bool
    overall: SchoolCounts
    by_area_hub: list[SchoolCounts]
    cornerstone_employers: list[dict]
    employers_total: int
    by_sector: list[Bar]
    by_size: list[Bar]
    active_advisers: int
    adviser_employers: int
    tables: dict[str, Table] = field(default_factory=dict)


def _with_bar_lengths(counts: list[tuple[str, int]]) -> list[Bar]:
    largest = max((n for _, n in counts), default=0)
    return [Bar(label, n, round(100 * n / largest) if largest else 0) for label, n in counts]


def figures_for(user) -> Dashboard:
    """Everything on the dashboard in five queries: area hubs, schools by hub and status, employers
    by sector, size and cornerstone status, the cornerstone list and the adviser network."""
    scope = scope_of(user)

    hubs = list(AreaHub.objects.filter(scope.area_hubs()).order_by("name").values_list("pk", "name"))
    rows = {pk: SchoolCounts(label=name) for pk, name in hubs}
    overall = SchoolCounts(label="All area hubs" if scope.whole_partnership else "Your area hubs")
    # The advisers app's match model, reached through the relation so this app does not import it.
    matches = School._meta.get_field("adviser_matches").related_model.objects
    has_adviser = Exists(matches.filter(school=OuterRef("pk"), ended_on__isnull=True))
    grouped = (
        School.objects.filter(scope.schools())
        .values("area_hub_id", "status")
        .annotate(n=Count("pk"), with_adviser=Count("pk", filter=has_adviser))
        .order_by()
    )
    for group in grouped:
        hub_id = group["area_hub_id"]
        if hub_id not in rows:  # schools with no area hub
            hub_id = None
            rows.setdefault(None, SchoolCounts(label=NO_AREA_HUB))
        for target in (rows[hub_id], overall):
            if group["status"] in (ENGAGED, TARGET, DECLINED):
                setattr(target, group["status"], getattr(target, group["status"]) + group["n"])
            if group["status"] == ENGAGED:
                target.with_adviser += group["with_adviser"]
    by_area_hub = [rows[pk] for pk, _ in hubs] + ([rows[None]] if None in rows else [])

    partnerships = _employer_partnerships(user)
    employers = Employer.objects.filter(partnership_id__in=partnerships)
    sectors: dict[str, int] = {}
    sizes: dict[str, int] = {}
    employers_total = 0
    for group in employers.values("sic_section", "size_band").annotate(n=Count("pk")).order_by():
        sectors[group["sic_section"]] = sectors.get(group["sic_section"], 0) + group["n"]
        sizes[group["size_band"]] = sizes.get(group["size_band"], 0) + group["n"]
        employers_total += group["n"]
    sector_labels = dict(SicSection.choices)
    by_sector = _with_bar_lengths(sorted(
        ((sector_labels.get(code, code), n) for code, n in sectors.items()), key=lambda item: (-item[1], item[0])
    ))
    by_size = _with_bar_lengths([(label, sizes.get(code, 0)) for code, label in Employer.SizeBand.choices])

    cornerstone = [
        {"name": e["name"], "sector": sector_labels.get(e["sic_section"], e["sic_section"]),
         "size": Employer.SizeBand(e["size_band"]).label if e["size_band"] in Employer.SizeBand.values else e["size_band"]}
        for e in employers.filter(is_cornerstone=True).order_by("name").values("name", "sic_section", "size_band")
    ]
    network = employers.filter(enterprise_advisers__is_active=True).aggregate(
        advisers=Count("enterprise_advisers", distinct=True), employers=Count("pk", distinct=True)
    )

    dashboard = Dashboard(
        scope_label=("the partnership" if scope.whole_partnership else
                     ", ".join(name for _, name in hubs) or "your area hubs"),
        whole_partnership=scope.whole_partnership,
        overall=overall, by_area_hub=by_area_hub, cornerstone_employers=cornerstone,
        employers_total=employers_total, by_sector=by_sector, by_size=by_size,
        active_advisers=network["advisers"], adviser_employers=network["employers"],
    )
    dashboard.tables = _tables(dashboard)
    return dashboard


def _tables(d: Dashboard) -> dict[str, Table]:
    hub_rows = [*d.by_area_hub, d.overall]
    return {
        "engagement": Table(
            "Schools and colleges engaged, by area hub",
            ("Area hub", "Engaged", "Target only", "Declined", "All schools", "Engaged of all"),
            [(r.label, r.engaged, r.target, r.declined, r.total, f"{r.engaged} of {r.total}") for r in hub_rows],
            numeric=(1, 2, 3, 4, 5),
        ),
        "advisers": Table(
            "Engaged schools with an enterprise adviser, by area hub",
            ("Area hub", "Engaged schools", "With an adviser", "Without an adviser", "With an adviser of engaged"),
            [(r.label, r.engaged, r.with_adviser, r.without_adviser, f"{r.with_adviser} of {r.engaged}") for r in hub_rows],
            numeric=(1, 2, 3, 4),
        ),
        "cornerstone": Table(
            "Cornerstone employers",
            ("Employer", "Sector", "Size"),
            [(e["name"], e["sector"], e["size"]) for e in d.cornerstone_employers],
        ),
        "sectors": Table(
            "Employers by sector (SIC 2007 section)",
            ("Sector", "Employers"),
            [(c.label, c.count) for c in d.by_sector],
            numeric=(1,),
        ),
        "sizes": Table(
            "Employers by size band",
            ("Size band", "Employers"),
            [(c.label, c.count) for c in d.by_size],
            numeric=(1,),
        ),
    }


FIGURES = ("engagement", "advisers", "cornerstone", "sectors", "sizes")


# CSV -----------------------------------------------------------------------------------------
def _safe(value):
    """Keep spreadsheet programs from running a cell as a formula (names come from users)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_response(dashboard: Dashboard, figure: str) -> HttpResponse:
    """One figure's table as a CSV download, or a 400 naming the figures there are."""
    table = dashboard.tables.get(figure)
    if table is None:
        problem = f"There is no figure called ‘{figure}’." if figure else "Say which figure to download."
        return HttpResponse(
            f"{problem} Choose one of: {', '.join(FIGURES)}.",
            status=400, content_type="text/plain; charset=utf-8",
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.columns)
    writer.writerows([_safe(cell) for cell in row] for row in table.rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="hub-dashboard-{figure}.csv"'
    return response


def as_json(dashboard: Dashboard) -> dict:
    """The figures for the API: the headline numbers and every table."""
    return {
        "scope": dashboard.scope_label,
        "schools": {
            "engaged": dashboard.overall.engaged, "target_only": dashboard.overall.target,
            "declined": dashboard.overall.declined, "total": dashboard.overall.total,
            "engaged_with_adviser": dashboard.overall.with_adviser,
        },
        "employers": {
            "total": dashboard.employers_total, "cornerstone": len(dashboard.cornerstone_employers),
            "with_active_advisers": dashboard.adviser_employers, "active_advisers": dashboard.active_advisers,
        },
        "figures": {
            name: {"title": t.title, "columns": list(t.columns), "rows": [list(r) for r in t.rows]}
            for name, t in dashboard.tables.items()
        },
    }
