"""Who reaches each placement page and endpoint.

Amira (cast.young_person_record, cast.school, area hub North, parent cast.parent_carer) has a place
on cast.employer's work experience week: a placement waiting for its checks, or one with every check
complete. Rows build it as they ask (once per test, however many rows ask).
"""
import datetime

from django.utils import timezone

from careershub.core.matrix import endpoint, page
from careershub.opportunities import placing
from careershub.opportunities.models import Application, Placement
from careershub.opportunities.tests.factories import ApplicationFactory, OpportunityFactory

TITLE = "Machine shop week"
# Who sees Amira's placement: her record's readers and the host employer's contact.
SEERS = ["hub_manager", "enterprise_coordinator", "careers_leader", "teacher", "young_person", "parent_carer",
         "employer_contact"]
CONFIRMERS = ["hub_manager", "careers_leader"]
CANCELLERS = ["hub_manager", "careers_leader", "employer_contact"]
LISTERS = ["hub_manager", "enterprise_coordinator", "careers_leader", "teacher", "employer_contact",
           "other_careers_leader", "other_employer_contact"]


def amiras_placement(cast, **opportunity) -> Placement:
    """Amira's placement on cast.employer's work experience week (made once)."""
    existing = Placement.objects.filter(application__young_person=cast.young_person_record,
                                        application__opportunity__title=opportunity.get("title", TITLE)).first()
    if existing:
        return existing
    options = {"title": TITLE, "employer": cast.employer, "partnership": cast.partnership, **opportunity}
    application = ApplicationFactory(opportunity=OpportunityFactory(**options), young_person=cast.young_person_record,
                                     status=Application.Status.ACCEPTED)
    return placing.placement_for(application)


def complete_checks(placement: Placement, cast=None) -> Placement:
    """Every check done, as the people responsible would have done them."""
    now = timezone.now()
    ends_on = placement.application.opportunity.ends_on
    Placement.objects.filter(pk=placement.pk).update(
        parental_consent_at=now, parental_consent_by=cast.parent_carer if cast else None,
        risk_assessment_at=now, risk_assessment_notes="Machine guarding, ear defenders; no forklift areas.",
        risk_assessment_by=cast.employer_contact if cast else None,
        supervisor_name="Jo Patel", supervisor_check_required=True, supervisor_check_reference="001234567890",
        supervisor_check_expires_on=ends_on + datetime.timedelta(days=365),
        emergency_contact_name="Parveen Khan", emergency_contact_phone="07700 900982",
        plan_agreed_by_young_person_at=now, plan_agreed_by_host_at=now,
    )
    placement.refresh_from_db()
    return placement


def ready_placement(cast) -> Placement:
    return complete_checks(amiras_placement(cast), cast)


ROWS = [
    page("opportunities:placements", lambda cast: (amiras_placement(cast), "/opportunities/placements/")[1], LISTERS,
         note="each sees their school's, their employer's or their hubs' placements (the others see none)"),
    page("opportunities:placements", lambda cast: "/opportunities/placements/?status=awaiting_checks&page=2", LISTERS,
         note="filtered, past the last page"),
    page("opportunities:placement_detail",
         lambda cast: f"/opportunities/placements/{amiras_placement(cast).pk}/", SEERS),
    page("opportunities:placement_detail",
         lambda cast: f"/opportunities/placements/{ready_placement(cast).pk}/", SEERS, note="every check complete"),
    page("opportunities:placement_check",
         lambda cast: f"/opportunities/placements/{amiras_placement(cast).pk}/checks/parental-consent/",
         ["parent_carer", "careers_leader"], note="the parent gives it; the careers leader records it on paper"),
    page("opportunities:placement_check",
         lambda cast: f"/opportunities/placements/{amiras_placement(cast).pk}/checks/parental-consent/",
         ["parent_carer"], method="post", data={"action": "consent", "consent-confirm": "on"}, ok=302),
    page("opportunities:placement_check",
         lambda cast: f"/opportunities/placements/{amiras_placement(cast).pk}/checks/parental-consent/",
         ["careers_leader"], method="post", data={"action": "consent_on_paper", "paper-confirm": "on"}, ok=302),
    page("opportunities:placement_check",
         lambda cast: f"/opportunities/placements/{amiras_placement(cast).pk}/checks/risk-assessment/",
         ["employer_contact"]),
    page("opportunities:placement_check",
         lambda cast: f"/opportunities/placements/{amiras_placement(cast).pk}/checks/risk-assessment/",
         ["employer_contact"], method="post",
         data={"action": "risk", "risk-notes": "Machine guarding and ear defenders", "risk-confirm": "on"}, ok=302),
    page("opportunities:placement_check",
         lambda cast: f"/opportunities/placements/{amiras_placement(cast).pk}/checks/supervisor-check/",
         ["employer_contact", "careers_leader", "hub_manager"],
         note="the host records the check; the school may decide none is needed"),
    page("opportunities:placement_check",
         lambda cast: f"/opportunities/placements/{amiras_placement(cast).pk}/checks/supervisor-check/",
         ["employer_contact"], method="post",
         data={"action": "supervisor", "check-supervisor_name": "Jo Patel", "check-reference": "001234567890",
               "check-expires_on": "1/9/2028"}, ok=302),
    page("opportunities:placement_check",
         lambda cast: f"/opportunities/placements/{amiras_placement(cast).pk}/checks/supervisor-check/",
         ["careers_leader", "hub_manager"], method="post",
         data={"action": "not_required", "waive-reason": "Never alone with Amira: open-plan office"}, ok=302,
         note="the host may not waive its own supervisor's check (403)"),
    page("opportunities:placement_check",
         lambda cast: f"/opportunities/placements/{amiras_placement(cast).pk}/checks/emergency-contact/",
         ["parent_carer", "careers_leader"]),
    page("opportunities:placement_check",
         lambda cast: f"/opportunities/placements/{amiras_placement(cast).pk}/checks/emergency-contact/",
         ["parent_carer", "careers_leader"], method="post",
         data={"action": "emergency", "contact-name": "Parveen Khan", "contact-phone": "07700 900982"}, ok=302),
    page("opportunities:placement_check",
         lambda cast: f"/opportunities/placements/{amiras_placement(cast).pk}/checks/plan/",
         ["employer_contact", "young_person"]),
    page("opportunities:placement_check",
         lambda cast: f"/opportunities/placements/{amiras_placement(cast).pk}/checks/plan/",
         ["employer_contact", "young_person"], method="post", data={"action": "agree"}, ok=302),
    page("opportunities:placement_check",
         lambda cast: f"/opportunities/placements/{amiras_placement(cast).pk}/checks/plan/",
         ["employer_contact"], method="post",
         data={"action": "plan", "plan-plan": "Monday: induction. Tuesday to Friday: the machine shop."}, ok=302),
    page("opportunities:placement_confirm",
         lambda cast: f"/opportunities/placements/{amiras_placement(cast).pk}/confirm/", CONFIRMERS, method="post",
         ok=400, note="checks missing: the page lists them"),
    page("opportunities:placement_confirm",
         lambda cast: f"/opportunities/placements/{ready_placement(cast).pk}/confirm/", CONFIRMERS, method="post",
         ok=302, note="every check complete"),
    page("opportunities:placement_cancel",
         lambda cast: f"/opportunities/placements/{amiras_placement(cast).pk}/cancel/", CANCELLERS),
    page("opportunities:placement_cancel",
         lambda cast: f"/opportunities/placements/{amiras_placement(cast).pk}/cancel/", CANCELLERS, method="post",
         data={"reason": "The machine shop is closed for repairs that week"}, ok=302),
    endpoint("GET /api/opportunities/placements/{placement_id}",
             lambda cast: f"/api/opportunities/placements/{amiras_placement(cast).pk}", SEERS),
    endpoint("POST /api/opportunities/placements/{placement_id}/confirm",
             lambda cast: f"/api/opportunities/placements/{amiras_placement(cast).pk}/confirm", CONFIRMERS,
             method="post", ok=422, note="checks missing: 422 listing them"),
    endpoint("POST /api/opportunities/placements/{placement_id}/confirm",
             lambda cast: f"/api/opportunities/placements/{ready_placement(cast).pk}/confirm", CONFIRMERS,
             method="post", note="every check complete"),
]
