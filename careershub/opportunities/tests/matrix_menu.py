"""Who reaches each page and endpoint of the menu of opportunities.

cast.employer (Potteries Precision) hosts the opportunities the rows build; its contact manages them,
the hub manager and the enterprise coordinator review them. Approved ones are on the menu for everyone
in the partnership; drafts, submitted and returned ones are seen only by the host's contacts and hub
staff (404 for others). Rows that change something build a fresh opportunity for each request.
"""
from careershub.core.matrix import ROLE_KEYS, endpoint, page
from careershub.opportunities.models import Opportunity
from careershub.opportunities.tests.menu_builders import details, future, opportunity

EVERYONE_IN_THE_PARTNERSHIP = [*ROLE_KEYS, "other_careers_leader", "other_employer_contact"]
MANAGERS = ["hub_manager", "enterprise_coordinator", "employer_contact"]
CREATORS = [*MANAGERS, "other_employer_contact"]
REVIEWERS = ["hub_manager", "enterprise_coordinator"]
S = Opportunity.Status


def approved(cast):
    """One approved work experience week of cast.employer (made once)."""
    existing = Opportunity.objects.filter(title="Matrix engineering week").first()
    return existing or opportunity(cast, status=S.APPROVED, title="Matrix engineering week")


def draft(cast):
    existing = Opportunity.objects.filter(title="Matrix draft", status=S.DRAFT).first()
    return existing or opportunity(cast, title="Matrix draft")


def fresh(cast, status=S.DRAFT):
    return opportunity(cast, status=status, title=f"Matrix {status}")


def form_data(cast):
    values = details()
    data = {k: v for k, v in values.items() if k not in ("benchmarks", "online")}
    for name in ("starts_on", "ends_on", "applications_close_on"):
        data[name] = values[name].strftime("%d/%m/%Y")
    return data


def create_data(cast):
    """The form as posted: hub staff and other employers' contacts also say who offers it."""
    return {**form_data(cast), "host": f"employer:{cast.employer.pk}"}


def api_create(cast):
    values = details()
    return {**{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in values.items()},
            "employer_id": cast.employer.pk}


ROWS = [
    page("opportunities:list", lambda cast: (approved(cast), "/opportunities/")[1], EVERYONE_IN_THE_PARTNERSHIP),
    page("opportunities:list",
         lambda cast: f"/opportunities/?q=engineering&kind=work_experience&sic_section=C&year_group=10"
                      f"&date_from={future(1):%d/%m/%Y}&online_only=on&page=3", EVERYONE_IN_THE_PARTNERSHIP,
         note="filtered, past the last page"),
    page("opportunities:list", lambda cast: "/opportunities/?date_from=31/02/2027&year_group=99",
         EVERYONE_IN_THE_PARTNERSHIP, ok=400, note="filters with errors are shown again beside the fields"),
    page("opportunities:detail", lambda cast: approved(cast).get_absolute_url(), EVERYONE_IN_THE_PARTNERSHIP),
    page("opportunities:detail", lambda cast: draft(cast).get_absolute_url(), MANAGERS,
         note="a draft: the host's contacts and hub staff only"),
    page("opportunities:hosted", lambda cast: (draft(cast), "/opportunities/ours/")[1],
         ["employer_contact", "other_employer_contact"]),
    page("opportunities:create", lambda cast: "/opportunities/new/?kind=work_taster", CREATORS),
    page("opportunities:create", lambda cast: "/opportunities/new/", CREATORS, method="post", data=create_data, ok=302),
    page("opportunities:edit", lambda cast: f"/opportunities/{draft(cast).pk}/edit/", MANAGERS),
    page("opportunities:edit", lambda cast: f"/opportunities/{fresh(cast).pk}/edit/", MANAGERS, method="post",
         data=form_data, ok=302),
    page("opportunities:edit", lambda cast: f"/opportunities/{approved(cast).pk}/edit/", MANAGERS,
         note="approved: changes of substance go back for approval"),
    page("opportunities:submit", lambda cast: f"/opportunities/{draft(cast).pk}/submit/", MANAGERS),
    page("opportunities:submit", lambda cast: f"/opportunities/{fresh(cast).pk}/submit/", MANAGERS, method="post",
         ok=302),
    page("opportunities:withdraw", lambda cast: f"/opportunities/{draft(cast).pk}/withdraw/", MANAGERS),
    page("opportunities:withdraw", lambda cast: f"/opportunities/{fresh(cast, S.APPROVED).pk}/withdraw/", MANAGERS,
         method="post", data={"reason": "The workshop is closed"}, ok=302),
    page("opportunities:review_queue", lambda cast: (fresh(cast, S.SUBMITTED), "/opportunities/approvals/")[1],
         REVIEWERS),
    page("opportunities:review", lambda cast: f"/opportunities/{fresh(cast, S.SUBMITTED).pk}/review/", REVIEWERS),
    page("opportunities:review", lambda cast: f"/opportunities/{fresh(cast, S.SUBMITTED).pk}/review/", REVIEWERS,
         method="post", data={"decision": "approve"}, ok=302),
    page("opportunities:review", lambda cast: f"/opportunities/{fresh(cast, S.SUBMITTED).pk}/review/", REVIEWERS,
         method="post", data={"decision": "return"}, ok=400, note="returned without a reason: shown beside the field"),
    endpoint("GET /api/opportunities/", lambda cast: (approved(cast), "/api/opportunities/")[1],
             EVERYONE_IN_THE_PARTNERSHIP),
    endpoint("GET /api/opportunities/",
             lambda cast: "/api/opportunities/?q=engineering&year_group=10&kind=work_experience&page=1",
             EVERYONE_IN_THE_PARTNERSHIP, note="filtered"),
    endpoint("GET /api/opportunities/{opportunity_id}", lambda cast: f"/api/opportunities/{approved(cast).pk}",
             EVERYONE_IN_THE_PARTNERSHIP),
    endpoint("GET /api/opportunities/{opportunity_id}", lambda cast: f"/api/opportunities/{draft(cast).pk}", MANAGERS,
             note="a draft"),
    endpoint("POST /api/opportunities/", lambda cast: "/api/opportunities/", MANAGERS, method="post", data=api_create,
             ok=201, denied_statuses=(403, 422),
             note="another employer's contact is refused the employer they do not work for (422 on employer_id)"),
    endpoint("POST /api/opportunities/{opportunity_id}/submit",
             lambda cast: f"/api/opportunities/{fresh(cast).pk}/submit", MANAGERS, method="post"),
    endpoint("POST /api/opportunities/{opportunity_id}/approve",
             lambda cast: f"/api/opportunities/{fresh(cast, S.SUBMITTED).pk}/approve", REVIEWERS, method="post"),
    endpoint("POST /api/opportunities/{opportunity_id}/return",
             lambda cast: f"/api/opportunities/{fresh(cast, S.SUBMITTED).pk}/return", REVIEWERS, method="post",
             data={"reason": "Say who supervises on Friday"}),
]
