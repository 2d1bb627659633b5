"""Host feedback: the host gives it to a young person given a place once the opportunity has started;
the young person, their parent and their school's careers leader read it; nobody else does."""
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from careershub.core.models import AuditEntry, Notification
from careershub.opportunities import review_services as services
from careershub.opportunities.models import Application, HostFeedback, Review
from careershub.opportunities.tests.matrix_reviews import place
from careershub.young_people.tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    body = response.content.decode()
    body = body[body.index("<main"):body.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).replace("&#x27;", "'").replace("&amp;", "&")


def give(cast, application, body="Amira was punctual and asked thoughtful questions.", user=None):
    return services.feedback_give(acting_user=user or cast.employer_contact, application=application, body=body)


# The rules --------------------------------------------------------------------------------------
def test_the_host_gives_feedback_once_started_and_the_young_person_is_told(cast):
    application = place(cast, days_ago=0, length=4)
    feedback = give(cast, application)
    assert feedback.author == cast.employer_contact
    assert Notification.objects.filter(user=cast.young_person, subject="Feedback from Potteries Precision Ltd").exists()
    entry = AuditEntry.objects.get(subject_type="opportunities.hostfeedback")
    assert entry.young_person_id == cast.young_person_record.pk and entry.action == AuditEntry.Action.CREATE
    again = give(cast, application, body="Updated: also very good with customers.")
    assert again.pk == feedback.pk and HostFeedback.objects.get().body == "Updated: also very good with customers."
    assert Notification.objects.filter(user=cast.young_person, subject__startswith="Updated feedback").exists()


def test_feedback_waits_for_the_opportunity_to_start(cast):
    application = place(cast, days_ago=-3)
    with pytest.raises(ValidationError, match="once the opportunity has started"):
        give(cast, application)


@pytest.mark.parametrize("status", [Application.Status.SUBMITTED, Application.Status.DECLINED, Application.Status.WITHDRAWN])
def test_feedback_is_only_for_a_young_person_given_a_place(cast, status):
    application = place(cast)
    Application.objects.filter(pk=application.pk).update(status=status)
    with pytest.raises(ValidationError, match="given a place"):
        give(cast, application)


def test_only_the_host_gives_feedback(cast):
    application = place(cast)
    for someone in (cast.other_employer_contact, cast.hub_manager, cast.careers_leader, cast.enterprise_adviser):
        with pytest.raises(PermissionDenied):
            give(cast, application, user=someone)
    with pytest.raises(ValidationError):
        give(cast, application, body="   ")
    assert not HostFeedback.objects.exists()


# The pages --------------------------------------------------------------------------------------
def test_the_host_gives_feedback_through_the_page(cast, client_for):
    application = place(cast, days_ago=2, length=2)
    client = client_for(cast.employer_contact)
    form = client.get(f"/opportunities/feedback/application/{application.pk}/new/")
    assert form.status_code == 200 and "Feedback for Amira Khan" in text(form)
    empty = client.post(f"/opportunities/feedback/application/{application.pk}/new/", {"body": ""})
    assert empty.status_code == 400 and "Write your feedback to the young person" in empty.content.decode()
    sent = client.post(f"/opportunities/feedback/application/{application.pk}/new/", {"body": "Safe, keen and curious."})
    assert sent.status_code == 302
    page = text(client.get(sent["Location"]))
    assert "Your feedback has been sent to Amira" in page and "Save your feedback" in page


def test_the_feedback_page_explains_when_it_is_too_early(cast, client_for):
    application = place(cast, days_ago=-10)
    client = client_for(cast.employer_contact)
    page = client.get(f"/opportunities/feedback/application/{application.pk}/new/")
    assert page.status_code == 200 and "once the opportunity has started" in text(page)
    assert client.post(f"/opportunities/feedback/application/{application.pk}/new/", {"body": "Early"}).status_code == 400


def test_the_feedback_page_is_refused_to_others(cast, client_for):
    application = place(cast)
    assert client_for(cast.other_employer_contact).get(f"/opportunities/feedback/application/{application.pk}/new/").status_code == 404
    for someone in (cast.careers_leader, cast.young_person, cast.hub_manager):
        assert client_for(someone).get(f"/opportunities/feedback/application/{application.pk}/new/").status_code == 403


def test_the_young_person_and_their_parent_read_the_feedback_and_others_do_not(cast, client_for):
    give(cast, place(cast), body="Excellent with customers.")
    give(cast, place(cast, young_person=cast.other_young_person_record, title="Ben's visit"), body="Ben was great.")
    mine = text(client_for(cast.young_person).get("/opportunities/feedback/mine/"))
    assert "Excellent with customers." in mine and "Ben was great." not in mine
    parent = text(client_for(cast.parent_carer).get("/opportunities/feedback/mine/"))
    assert "Excellent with customers." in parent and "Amira Khan" in parent and "Ben was great." not in parent
    leader = text(client_for(cast.careers_leader).get("/opportunities/feedback/school/"))
    assert "Excellent with customers." in leader and "Ben was great." not in leader
    other_leader = text(client_for(cast.other_careers_leader).get("/opportunities/feedback/school/"))
    assert "Ben was great." in other_leader and "Excellent with customers." not in other_leader
    assert AuditEntry.objects.filter(actor=cast.careers_leader, action=AuditEntry.Action.VIEW).exists()
    for someone in (cast.teacher, cast.employer_contact, cast.hub_manager):
        assert client_for(someone).get("/opportunities/feedback/mine/").status_code == 403
        assert client_for(someone).get("/opportunities/feedback/school/").status_code == 403


def test_the_young_persons_page_lists_what_to_review_and_their_reviews(cast, client_for):
    over = place(cast, title="Bakery morning")
    reviewed = place(cast, title="Pottery visit")
    Review.objects.create(application=reviewed, rating=5, body="Loved it", status=Review.Status.PUBLISHED, reply="Thanks Amira")
    page = client_for(cast.young_person).get("/opportunities/feedback/mine/")
    body = page.content.decode()
    assert f'href="/opportunities/reviews/application/{over.pk}/new/">Review Bakery morning' in body
    assert "Pottery visit" in text(page) and "replied: Thanks Amira" in text(page)
    assert "Opportunities to review" not in text(client_for(cast.parent_carer).get("/opportunities/feedback/mine/"))


def test_feedback_lists_keep_their_query_counts_flat(cast, client_for, django_assert_max_num_queries):
    give(cast, place(cast, title="First"))
    leader, young_person = client_for(cast.careers_leader), None
    leader.get("/opportunities/feedback/school/")
    for n in range(12):
        give(cast, place(cast, young_person=YoungPersonFactory(school=cast.school), title=f"Visit {n}"))
        give(cast, place(cast, title=f"Amira's visit {n}"))
    with django_assert_max_num_queries(12):
        assert leader.get("/opportunities/feedback/school/").status_code == 200
    young_person = client_for(cast.young_person)
    with django_assert_max_num_queries(14):
        page = young_person.get("/opportunities/feedback/mine/")
    assert page.status_code == 200 and text(page).count("Amira's visit") >= 12
