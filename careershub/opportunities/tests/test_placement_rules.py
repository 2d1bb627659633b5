"""The safeguarding rule on its own: missing_checks(placement, today), on unsaved placements."""
import datetime

from django.utils import timezone

from careershub.opportunities.models import Application, Opportunity, Placement
from careershub.opportunities.placement_services import age_on, checklist, missing_checks
from careershub.young_people.models import YoungPerson

TODAY = datetime.date(2027, 1, 10)
NOW = timezone.now()


def placement(*, born=datetime.date(2011, 3, 14), starts_on=datetime.date(2027, 3, 15),
              ends_on=datetime.date(2027, 3, 19), **fields) -> Placement:
    opportunity = Opportunity(title="Machine shop week", starts_on=starts_on, ends_on=ends_on, kind="work_experience")
    young_person = YoungPerson(first_name="Amira", last_name="Khan", date_of_birth=born)
    application = Application(opportunity=opportunity, young_person=young_person)
    complete = {
        "parental_consent_at": NOW, "risk_assessment_at": NOW, "risk_assessment_notes": "Guarding",
        "supervisor_name": "Jo Patel", "supervisor_check_required": True, "supervisor_check_reference": "001234567890",
        "supervisor_check_expires_on": datetime.date(2028, 1, 1), "emergency_contact_name": "Parveen Khan",
        "emergency_contact_phone": "07700 900982", "plan": "Monday: induction", "plan_agreed_by_young_person_at": NOW,
        "plan_agreed_by_host_at": NOW,
    }
    return Placement(application=application, **{**complete, **fields})


def test_a_placement_with_every_check_done_misses_nothing():
    assert missing_checks(placement(), TODAY) == []
    assert all(c.status == "completed" for c in checklist(placement(), TODAY))


def test_a_new_placement_misses_every_check_in_words():
    new = placement(parental_consent_at=None, risk_assessment_at=None, supervisor_check_reference="",
                    supervisor_check_expires_on=None, emergency_contact_name="", emergency_contact_phone="",
                    plan_agreed_by_young_person_at=None, plan_agreed_by_host_at=None)
    assert missing_checks(new, TODAY) == [
        "Parental consent has not been given",
        "The employer has not confirmed its risk assessment",
        "The supervisor's safeguarding check has not been recorded",
        "No emergency contact has been given",
        "The plan of the days has not been agreed by the young person or the employer",
    ]


def test_a_check_expiring_before_the_placement_ends_is_named_with_both_dates():
    expiring = placement(supervisor_check_expires_on=datetime.date(2027, 3, 1))
    assert missing_checks(expiring, TODAY) == [
        "The supervisor's safeguarding check expires on 1 March 2027, before the placement ends on 19 March 2027"
    ]


def test_a_check_expiring_on_the_last_day_is_not_enough_and_the_day_after_is():
    assert missing_checks(placement(supervisor_check_expires_on=datetime.date(2027, 3, 19)), TODAY) == [
        "The supervisor's safeguarding check expires on 19 March 2027, the day the placement ends"
    ]
    assert missing_checks(placement(supervisor_check_expires_on=datetime.date(2027, 3, 20)), TODAY) == []


def test_a_check_that_has_already_expired_says_so():
    expired = placement(supervisor_check_expires_on=datetime.date(2027, 1, 9), starts_on=datetime.date(2027, 1, 4),
                        ends_on=datetime.date(2027, 1, 8))
    assert missing_checks(expired, TODAY) == ["The supervisor's safeguarding check expired on 9 January 2027"]
    assert missing_checks(expired, datetime.date(2027, 1, 9)) == []


def test_no_check_is_needed_when_the_school_said_so_but_the_supervisor_must_be_named():
    waived = placement(supervisor_check_required=False, supervisor_check_reference="", supervisor_check_expires_on=None)
    assert missing_checks(waived, TODAY) == []
    assert [c.status for c in checklist(waived, TODAY)][2] == "not_required"
    assert missing_checks(placement(supervisor_name="", supervisor_check_required=False), TODAY) == [
        "The supervisor has not been named"
    ]


def test_parental_consent_is_needed_under_18_on_the_first_day_only():
    seventeen = placement(born=datetime.date(2009, 3, 16), parental_consent_at=None)  # 18 the day after it starts
    assert missing_checks(seventeen, TODAY) == ["Parental consent has not been given"]
    eighteen = placement(born=datetime.date(2009, 3, 15), parental_consent_at=None)  # 18 on the first day
    assert missing_checks(eighteen, TODAY) == []
    assert checklist(eighteen, TODAY)[0].status == "not_required"


def test_age_counts_whole_years_to_the_birthday():
    assert age_on(datetime.date(2009, 3, 15), datetime.date(2027, 3, 14)) == 17
    assert age_on(datetime.date(2009, 3, 15), datetime.date(2027, 3, 15)) == 18
    assert age_on(datetime.date(2008, 2, 29), datetime.date(2026, 2, 28)) == 17


def test_the_plan_needs_text_and_both_agreements():
    assert missing_checks(placement(plan=""), TODAY) == ["There is no plan of the days"]
    assert missing_checks(placement(plan_agreed_by_host_at=None), TODAY) == [
        "The plan of the days has not been agreed by the employer"
    ]
    assert missing_checks(placement(plan_agreed_by_young_person_at=None), TODAY) == [
        "The plan of the days has not been agreed by the young person"
    ]


def test_an_emergency_contact_needs_a_name_and_a_number():
    assert missing_checks(placement(emergency_contact_phone=""), TODAY) == ["No emergency contact has been given"]
    assert missing_checks(placement(emergency_contact_name="  "), TODAY) == ["No emergency contact has been given"]
