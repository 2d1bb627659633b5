"""The pages of applying, following applications, and the host's decisions and messages: every page
allowed and denied, the three-screen apply flow, and what the host's pages never show."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from careershub.accounts.roles import Role
from careershub.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from careershub.core.models import AuditEntry
from careershub.opportunities import application_services as services
from careershub.opportunities.models import Application, Message, Opportunity
from careershub.opportunities.tests.factories import ApplicationFactory, EncounterFactory, OpportunityFactory
from careershub.young_people.models import YoungPerson
from careershub.young_people.tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def opportunity(cast):
    starts_on = timezone.localdate() + timedelta(days=45)
    return OpportunityFactory(employer=cast.employer, partnership=cast.partnership, title="Engineering week",
                              starts_on=starts_on, ends_on=starts_on + timedelta(days=4), capacity=2)


@pytest.fixture
def application(cast, opportunity):
    return ApplicationFactory(opportunity=opportunity, young_person=cast.young_person_record,
                              interest="I want to be an engineer.", availability="Not the Wednesday morning.",
                              shared=["school", "encounters"])


def html(response) -> str:
    return response.content.decode()


def apply_url(opportunity, step=""):
    return reverse("opportunities:apply_check" if step == "check" else "opportunities:apply", args=[opportunity.pk])


def detail_url(application):
    return reverse("opportunities:application_detail", args=[application.pk])


# Applying in three screens ----------------------------------------------------------------------
def test_a_young_person_applies_in_three_screens(cast, opportunity, client_for):
    EncounterFactory(young_person=cast.young_person_record, title="Careers talk: nursing")
    client = client_for(cast.young_person)

    # Screen 1: the application.
    response = client.get(apply_url(opportunity))
    assert response.status_code == 200
    page = html(response)
    assert "What do you want to share with Potteries Precision Ltd?" in page
    assert "The name of your school or college: Northfield Academy." in page
    assert "Your year group: Year 10." in page
    assert "You have 1 so far." in page
    response = client.post(apply_url(opportunity), {
        "interest": "I like making things and want to see a machine shop.", "availability": "",
        "shared": ["school", "encounters"],
    })
    assert response.status_code == 302 and response["Location"] == apply_url(opportunity, "check")
    assert not Application.objects.exists()

    # Screen 2: check your answers, with Change links back to the form, already filled in.
    response = client.get(apply_url(opportunity, "check"))
    page = html(response)
    assert "Check your answers before sending your application" in page
    assert "I like making things and want to see a machine shop." in page
    assert "Northfield Academy" in page and "Careers talk: nursing" in page
    assert "You are not sharing: my year group, my endorsed skills, my career interests." in page
    assert f'href="{apply_url(opportunity)}#id_interest"' in page
    back = html(client.get(apply_url(opportunity)))
    assert "I like making things and want to see a machine shop." in back
    assert 'value="encounters" aria-describedby="id_shared_2-hint" checked' in back
    assert 'value="year_group" aria-describedby="id_shared_1-hint">' in back

    # Screen 3: sent, and what happens next.
    response = client.post(apply_url(opportunity, "check"))
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("opportunities:application_submitted", args=[application.pk])
    assert application.shared == ["school", "encounters"] and application.submitted_by == cast.young_person
    page = html(client.get(response["Location"]))
    assert "Application sent" in page and "What happens next" in page and "safety checks" in page
    # The draft has gone, and applying again is refused with a link to the application.
    assert f"application_draft_{opportunity.pk}" not in client.session
    assert "You have already applied" in html(client.get(apply_url(opportunity, "check")))


def test_the_application_form_says_what_is_missing_beside_the_field(cast, opportunity, client_for):
    response = client_for(cast.young_person).post(apply_url(opportunity), {"interest": "", "shared": ["school"]})
    assert response.status_code == 400
    page = html(response)
    assert "There is a problem" in page
    assert 'id="id_interest-error"' in page and "Tell the employer why you are interested" in page
    assert 'value="school" aria-describedby="id_shared_0-hint" checked' in page


def test_the_check_page_without_answers_goes_back_to_the_form(cast, opportunity, client_for):
    response = client_for(cast.young_person).get(apply_url(opportunity, "check"))
    assert response.status_code == 302 and response["Location"] == apply_url(opportunity)


def test_applications_closed_shows_a_clear_page(cast, opportunity, client_for):
    Opportunity.objects.filter(pk=opportunity.pk).update(applications_close_on=timezone.localdate() - timedelta(days=2))
    for url in (apply_url(opportunity), apply_url(opportunity, "check")):
        response = client_for(cast.young_person).get(url)
        assert response.status_code == 200
        page = html(response)
        assert "You cannot apply for this opportunity" in page and "Applications closed on" in page


def test_not_your_year_group_shows_a_clear_page(cast, opportunity, client_for):
    YoungPerson.objects.filter(pk=cast.young_person_record.pk).update(year_group=8)
    page = html(client_for(cast.young_person).get(apply_url(opportunity)))
    assert "This opportunity is for year 10 to year 11, so you cannot apply from year 8." in page


def test_already_applied_shows_a_clear_page_with_the_application(cast, opportunity, application, client_for):
    client = client_for(cast.young_person)
    page = html(client.get(apply_url(opportunity)))
    assert "You have already applied for this opportunity" in page
    assert detail_url(application) in page
    # Sending a draft kept from before does not make a second application.
    session = client.session
    session[f"application_draft_{opportunity.pk}"] = {"interest": "Again", "availability": "", "shared": []}
    session.save()
    assert "You have already applied" in html(client.post(apply_url(opportunity, "check")))
    assert Application.objects.count() == 1


def test_an_opportunity_withdrawn_between_screens_is_not_found(cast, opportunity, client_for):
    client = client_for(cast.young_person)
    client.post(apply_url(opportunity), {"interest": "Engines", "shared": []})
    Opportunity.objects.filter(pk=opportunity.pk).update(status=Opportunity.Status.WITHDRAWN)
    response = client.post(apply_url(opportunity, "check"))
    assert response.status_code == 404  # withdrawn opportunities leave the menu


@pytest.mark.parametrize("who", ["parent_carer", "careers_leader", "employer_contact", "hub_manager"])
def test_only_young_people_apply(cast, opportunity, client_for, who):
    client = client_for(cast.users[who])
    assert client.get(apply_url(opportunity)).status_code == 403
    assert client.post(apply_url(opportunity, "check")).status_code == 403


def test_an_opportunity_not_on_the_menu_is_not_found(cast, opportunity, client_for):
    Opportunity.objects.filter(pk=opportunity.pk).update(status=Opportunity.Status.DRAFT)
    assert client_for(cast.young_person).get(apply_url(opportunity)).status_code == 404


def test_the_confirmation_is_the_young_persons_own(cast, application, client_for):
    url = reverse("opportunities:application_submitted", args=[application.pk])
    assert client_for(cast.young_person).get(url).status_code == 200
    assert client_for(cast.parent_carer).get(url).status_code == 403
    other = UserFactory()
    RoleAssignmentFactory(user=other, role=Role.YOUNG_PERSON, partnership=cast.partnership, school=cast.school)
    YoungPersonFactory(school=cast.school, user=other)
    assert client_for(other).get(url).status_code == 404


# Following applications -------------------------------------------------------------------------
def test_my_applications_with_status_tags(cast, application, client_for):
    Application.objects.filter(pk=application.pk).update(status=Application.Status.SHORTLISTED)
    page = html(client_for(cast.young_person).get(reverse("opportunities:my_applications")))
    assert "Your applications" in page and "Engineering week" in page
    assert '<strong class="govuk-tag govuk-tag--purple">Shortlisted</strong>' in page
    assert detail_url(application) in page


def test_a_parent_sees_applications_grouped_by_child(cast, application, client_for):
    second = YoungPersonFactory(school=cast.school, first_name="Zara", last_name="Khan")
    cast.parent_carer.children_links.create(young_person=second)
    page = html(client_for(cast.parent_carer).get(reverse("opportunities:my_applications")))
    assert "Your children’s applications" in page
    assert '<h2 class="govuk-heading-m">Amira Khan</h2>' in page and '<h2 class="govuk-heading-m">Zara Khan</h2>' in page
    assert "Zara has not applied for anything yet." in page
    assert page.index("Amira Khan") < page.index("Engineering week") < page.index("Zara Khan")


@pytest.mark.parametrize("who", ["careers_leader", "employer_contact", "hub_manager", "outsider"])
def test_my_applications_denied(cast, client_for, who):
    assert client_for(cast.users[who]).get(reverse("opportunities:my_applications")).status_code == 403


# One application --------------------------------------------------------------------------------
@pytest.mark.parametrize("who", ["young_person", "parent_carer", "careers_leader", "teacher", "hub_manager",
                                 "enterprise_coordinator", "employer_contact"])
def test_the_application_is_seen_by(cast, application, client_for, who):
    response = client_for(cast.users[who]).get(detail_url(application))
    assert response.status_code == 200
    assert "I want to be an engineer." in html(response)


@pytest.mark.parametrize("who", ["other_employer_contact", "other_careers_leader", "enterprise_adviser", "mentor",
                                 "careers_adviser", "analyst", "admin", "outsider"])
def test_the_application_is_hidden_from(cast, application, client_for, who):
    assert client_for(cast.users[who]).get(detail_url(application)).status_code == 404


def test_the_host_sees_only_what_was_shared(cast, application, client_for):
    young_person = cast.young_person_record
    YoungPerson.objects.filter(pk=young_person.pk).update(
        send=YoungPerson.Send.EHC_PLAN, sex=YoungPerson.Sex.FEMALE, pupil_premium=True, free_school_meals=True,
        looked_after=True)
    cast.young_person.email = "amira.khan@example.org"
    cast.young_person.save()
    cast.parent_carer.email = "parveen@example.org"
    cast.parent_carer.save()
    EncounterFactory(young_person=young_person, title="Careers talk: life as a nurse")
    services.message_send(acting_user=cast.parent_carer, application=application, body="Is there step-free access?")
    page = html(client_for(cast.employer_contact).get(detail_url(application)))
    assert "Application from Amira K." in page
    assert "Northfield Academy" in page and "Careers talk: life as a nurse" in page  # shared
    assert "Year 10" not in page  # not shared
    assert "Amira K.’s parent or carer" in page and "Is there step-free access?" in page
    for never in ("Khan", "Parveen", young_person.upn, "14 March 2011", "2011", "amira.khan@example.org",
                  "parveen@example.org", "Education, health and care", "SEND", "Female", "pupil premium",
                  "Pupil premium", "free school meals", "Free school meals", "Looked-after", "looked after"):
        assert never not in page, never


def test_the_decision_page_shows_the_host_only_what_was_shared(cast, application, client_for):
    page = html(client_for(cast.employer_contact).get(reverse("opportunities:application_decide", args=[application.pk])))
    assert "Decide on the application from Amira K." in page
    for never in ("Khan", cast.young_person_record.upn, "2011", "Year 10"):
        assert never not in page


def test_the_young_person_sees_status_reason_shared_parts_and_messages(cast, application, client_for):
    services.application_decline(acting_user=cast.employer_contact, application=application,
                                 reason="We chose applicants who can do every day.")
    Message.objects.create(application=application, author=cast.employer_contact, body="Thank you for applying.")
    page = html(client_for(cast.young_person).get(detail_url(application)))
    assert "Your application" in page and "Not successful" in page
    assert "What Potteries Precision Ltd said" in page and "We chose applicants who can do every day." in page
    assert "What was shared with Potteries Precision Ltd" in page and "Northfield Academy" in page
    assert "Esther Clarke, Potteries Precision Ltd" in page and "Thank you for applying." in page


def test_staff_views_are_logged_like_record_views(cast, application, client_for):
    for who in ("careers_leader", "hub_manager", "employer_contact", "young_person"):
        client_for(cast.users[who]).get(detail_url(application))
    viewers = set(AuditEntry.objects.filter(action=AuditEntry.Action.VIEW, young_person_id=cast.young_person_record.pk,
                                            subject_type="opportunities.application")
                  .values_list("actor__username", flat=True))
    assert viewers == {"careers_leader", "hub_manager", "employer_contact"}


# Withdrawing ------------------------------------------------------------------------------------
def test_withdrawing_from_the_application_page(cast, application, client_for):
    client = client_for(cast.young_person)
    assert "Withdraw your application" in html(client.get(detail_url(application)))
    url = reverse("opportunities:application_withdraw", args=[application.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "I have a clash with exams."})
    assert response.status_code == 302 and response["Location"] == detail_url(application)
    assert Application.objects.get(pk=application.pk).status == Application.Status.WITHDRAWN
    page = html(client.get(url))
    assert "This application cannot be withdrawn: it is withdrawn." in page


@pytest.mark.parametrize(("who", "status"), [("parent_carer", 403), ("careers_leader", 403), ("employer_contact", 403)])
def test_only_the_young_person_withdraws(cast, application, client_for, who, status):
    url = reverse("opportunities:application_withdraw", args=[application.pk])
    assert client_for(cast.users[who]).post(url).status_code == status
    assert Application.objects.get(pk=application.pk).status == Application.Status.SUBMITTED


# Deciding ---------------------------------------------------------------------------------------
def decide(client, application, **data):
    return client.post(reverse("opportunities:application_decide", args=[application.pk]), data)


def test_the_host_shortlists_and_accepts(cast, application, client_for):
    client = client_for(cast.employer_contact)
    page = html(client.get(detail_url(application)))
    assert "Your decision" in page and "2 of 2 places left." in page
    response = decide(client, application, decision="shortlist")
    assert response.status_code == 302 and response["Location"] == detail_url(application)
    assert "You have shortlisted Amira K." in html(client.get(detail_url(application)))
    decide(client, application, decision="accept")
    assert Application.objects.get(pk=application.pk).status == Application.Status.ACCEPTED
    page = html(client.get(detail_url(application)))
    assert "You have given Amira K. a place" in page and "1 of 2 taken, 1 left" in page
    assert "Waiting for safeguarding checks" in page


def test_declining_without_a_reason_shows_the_error_beside_the_field(cast, application, client_for):
    response = decide(client_for(cast.employer_contact), application, decision="decline", reason="")
    assert response.status_code == 400
    page = html(response)
    assert '<p id="id_reason-error" class="govuk-error-message">' in page
    assert "Give a reason: the young person will see it" in page
    assert '<a href="#id_reason">Give a reason: the young person will see it</a>' in page
    assert Application.objects.get(pk=application.pk).status == Application.Status.SUBMITTED


def test_accepting_when_full_says_every_place_is_taken(cast, application, opportunity, client_for):
    ApplicationFactory.create_batch(2, opportunity=opportunity, status=Application.Status.ACCEPTED)
    response = decide(client_for(cast.employer_contact), application, decision="accept")
    assert response.status_code == 400
    assert "All 2 places are taken" in html(response)
    assert Application.objects.get(pk=application.pk).status == Application.Status.SUBMITTED


def test_no_decision_left_to_make(cast, application, client_for):
    Application.objects.filter(pk=application.pk).update(status=Application.Status.WITHDRAWN)
    client = client_for(cast.employer_contact)
    assert "Your decision" not in html(client.get(detail_url(application)))
    response = decide(client, application, decision="accept")
    assert response.status_code == 400
    assert "There is no decision to make: this application is withdrawn." in html(response)


@pytest.mark.parametrize(("who", "status"), [("other_employer_contact", 404), ("careers_leader", 403),
                                             ("young_person", 403), ("hub_manager", 403)])
def test_only_the_host_decides(cast, application, client_for, who, status):
    assert decide(client_for(cast.users[who]), application, decision="accept").status_code == status
    assert Application.objects.get(pk=application.pk).status == Application.Status.SUBMITTED


# Messages ---------------------------------------------------------------------------------------
def send(client, application, body):
    return client.post(reverse("opportunities:message_send", args=[application.pk]), {"body": body})


def test_messages_both_ways(cast, application, client_for):
    response = send(client_for(cast.young_person), application, "Can I wear trainers?")
    assert response.status_code == 302 and response["Location"] == detail_url(application) + "#messages"
    send(client_for(cast.employer_contact), application, "Safety boots are provided.")
    page = html(client_for(cast.young_person).get(detail_url(application)))
    assert page.index("Can I wear trainers?") < page.index("Safety boots are provided.")
    assert "Amira Khan (applicant)" in page


def test_an_empty_message_shows_the_error_beside_the_field(cast, application, client_for):
    response = send(client_for(cast.young_person), application, " ")
    assert response.status_code == 400
    assert '<p id="id_body-error" class="govuk-error-message">' in html(response)
    assert not Message.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("hub_manager", 403), ("enterprise_coordinator", 403),
                                             ("other_employer_contact", 404), ("other_careers_leader", 404),
                                             ("enterprise_adviser", 404)])
def test_messages_denied(cast, application, client_for, who, status):
    assert send(client_for(cast.users[who]), application, "Hello").status_code == status
    assert not Message.objects.exists()


def test_messages_are_sent_by_post_only(cast, application, client_for):
    url = reverse("opportunities:message_send", args=[application.pk])
    assert client_for(cast.young_person).get(url).status_code == 405


# The host's applicants --------------------------------------------------------------------------
def test_the_hosts_applicants_by_status_with_places(cast, opportunity, application, client_for):
    ApplicationFactory(opportunity=opportunity, status=Application.Status.ACCEPTED,
                       young_person=YoungPersonFactory(first_name="Priya", last_name="Shah", school=cast.school))
    ApplicationFactory(opportunity=opportunity, status=Application.Status.DECLINED,
                       young_person=YoungPersonFactory(first_name="Tom", last_name="Reid", school=cast.school))
    client = client_for(cast.employer_contact)
    url = reverse("opportunities:applicants", args=[opportunity.pk])
    page = html(client.get(url))
    assert "Amira K." in page and "Priya S." in page and "Tom R." in page
    assert "Khan" not in page and "Shah" not in page and "Reid" not in page
    assert "3 applications in all." in page
    assert page.index("Amira K.") < page.index("Priya S.") < page.index("Tom R.")  # submitted, accepted, declined
    assert '<dt class="govuk-summary-list__key">Places taken</dt><dd class="govuk-summary-list__value">1</dd>' in page
    assert '<dt class="govuk-summary-list__key">Places left</dt><dd class="govuk-summary-list__value">1</dd>' in page
    page = html(client.get(url, {"status": "accepted"}))
    assert "Priya S." in page and "Amira K." not in page and "1 accepted application." in page


def test_the_applicants_list_stays_at_a_flat_number_of_queries(cast, opportunity, client_for, django_assert_max_num_queries):
    client = client_for(cast.employer_contact)
    url = reverse("opportunities:applicants", args=[opportunity.pk])
    ApplicationFactory.create_batch(2, opportunity=opportunity)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    ApplicationFactory.create_batch(20, opportunity=opportunity)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


@pytest.mark.parametrize(("who", "status"), [("other_employer_contact", 404), ("careers_leader", 403),
                                             ("young_person", 403), ("hub_manager", 403)])
def test_the_applicants_list_is_the_hosts(cast, opportunity, client_for, who, status):
    url = reverse("opportunities:applicants", args=[opportunity.pk])
    assert client_for(cast.users[who]).get(url).status_code == status


# The school's applications ----------------------------------------------------------------------
def test_the_schools_applications_filtered_and_paged(cast, opportunity, application, client_for):
    url = reverse("opportunities:school_applications")
    client = client_for(cast.careers_leader)
    page = html(client.get(url))
    assert "Khan, Amira" in page and "Engineering week" in page
    assert "Lowe" not in page
    assert "Khan, Amira" not in html(client.get(url, {"status": "accepted"}))
    assert "Khan, Amira" not in html(client.get(url, {"year_group": "11"}))
    assert "Khan, Amira" in html(client.get(url, {"year_group": "10", "status": "submitted"}))
    assert AuditEntry.objects.filter(actor=cast.careers_leader, summary__startswith="Listed young people (school applications").exists()
    ApplicationFactory.create_batch(55, opportunity=OpportunityFactory(
        employer=cast.employer, partnership=cast.partnership, capacity=60), young_person__school=cast.school)
    page = html(client.get(url, {"page": "2"}))
    assert "Showing 51 to 56 of 56 applications" in page


def test_the_schools_applications_stay_at_a_flat_number_of_queries(cast, opportunity, client_for,
                                                                   django_assert_max_num_queries):
    client = client_for(cast.teacher)
    url = reverse("opportunities:school_applications")
    ApplicationFactory.create_batch(2, opportunity=opportunity, young_person__school=cast.school)
    with django_assert_max_num_queries(15) as few:
        client.get(url)
    ApplicationFactory.create_batch(30, opportunity=opportunity, young_person__school=cast.school)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


@pytest.mark.parametrize("who", ["employer_contact", "hub_manager", "young_person", "parent_carer", "analyst"])
def test_the_schools_applications_are_for_school_staff(cast, client_for, who):
    assert client_for(cast.users[who]).get(reverse("opportunities:school_applications")).status_code == 403
