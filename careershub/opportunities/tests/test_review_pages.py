"""The review pages: writing a review, the moderation queue and decisions, replying, and the employer's
page of reviews (rating, chart with its table, reviewers never named), each allowed and denied, with
flat query counts on the lists."""
import re

import pytest

from careershub.opportunities.models import Review
from careershub.opportunities.tests.matrix_reviews import place, review
from careershub.young_people.tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    body = response.content.decode()
    body = body[body.index("<main"):body.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).replace("&#x27;", "'").replace("&amp;", "&")


# Writing a review -------------------------------------------------------------------------------
def test_the_young_person_writes_a_review_and_sees_it_waiting(cast, client_for):
    application = place(cast)
    client = client_for(cast.young_person)
    form = client.get(f"/opportunities/reviews/application/{application.pk}/new/")
    assert form.status_code == 200 and 'name="rating"' in form.content.decode()
    response = client.post(f"/opportunities/reviews/application/{application.pk}/new/",
                           {"rating": "4", "body": "I learned to read an engineering drawing."})
    assert response.status_code == 302 and response["Location"] == "/opportunities/feedback/mine/"
    page = text(client.get(response["Location"]))
    assert "has been sent to the careers hub" in page and "Waiting for moderation" in page
    assert Review.objects.get().rating == 4


def test_the_review_form_shows_errors_beside_the_fields(cast, client_for):
    application = place(cast)
    response = client_for(cast.young_person).post(f"/opportunities/reviews/application/{application.pk}/new/", {"body": ""})
    body = response.content.decode()
    assert response.status_code == 400 and "<title>Error: " in body
    assert "Choose a rating from 1 to 5 stars" in body and "Write what the opportunity was like" in body
    assert 'href="#id_rating_0"' in body
    assert not Review.objects.exists()


def test_a_place_not_over_shows_why_and_refuses_a_post(cast, client_for):
    application = place(cast, days_ago=1, length=4)
    client = client_for(cast.young_person)
    page = client.get(f"/opportunities/reviews/application/{application.pk}/new/")
    assert page.status_code == 200 and "once it has finished" in text(page) and 'name="rating"' not in page.content.decode()
    refused = client.post(f"/opportunities/reviews/application/{application.pk}/new/", {"rating": "5", "body": "Great"})
    assert refused.status_code == 400 and not Review.objects.exists()


def test_a_rejected_review_shows_the_reason_and_can_be_changed(cast, client_for):
    rejected = review(cast, Review.Status.REJECTED)
    Review.objects.filter(pk=rejected.pk).update(moderation_reason="Please leave out the supervisor's surname.")
    client = client_for(cast.young_person)
    page = text(client.get(f"/opportunities/reviews/application/{rejected.application_id}/new/"))
    assert "Please leave out the supervisor's surname." in page and "Send your changed review" in page
    assert "Please leave out the supervisor's surname." in text(client.get("/opportunities/feedback/mine/"))


def test_someone_elses_application_is_not_found_and_other_roles_are_refused(cast, client_for):
    theirs = place(cast, young_person=cast.other_young_person_record)
    assert client_for(cast.young_person).get(f"/opportunities/reviews/application/{theirs.pk}/new/").status_code == 404
    mine = place(cast, title="Mine")
    for someone in (cast.parent_carer, cast.careers_leader, cast.hub_manager):
        assert client_for(someone).get(f"/opportunities/reviews/application/{mine.pk}/new/").status_code == 403


# Moderation -------------------------------------------------------------------------------------
def test_the_queue_lists_waiting_reviews_without_names_and_moderating_publishes(cast, client_for):
    pending = review(cast)
    client = client_for(cast.hub_manager)
    queue = text(client.get("/opportunities/reviews/moderation/"))
    assert "1 review waiting" in queue and "A year 10 student at Northfield Academy" in queue
    assert "Amira" not in queue and "Khan" not in queue
    response = client.post(f"/opportunities/reviews/{pending.pk}/moderate/", {"decision": "publish"})
    assert response.status_code == 302 and response["Location"] == "/opportunities/reviews/moderation/"
    pending.refresh_from_db()
    assert pending.status == Review.Status.PUBLISHED
    after = text(client.get("/opportunities/reviews/moderation/"))
    assert "0 reviews waiting" in after and "Recently moderated" in after and "Published" in after


def test_not_publishing_without_a_reason_is_refused_beside_the_field(cast, client_for):
    pending = review(cast)
    response = client_for(cast.enterprise_coordinator).post(f"/opportunities/reviews/{pending.pk}/moderate/", {"decision": "reject"})
    assert response.status_code == 400 and "Say why the review cannot be published" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Review.Status.PENDING


def test_a_moderated_review_shows_its_decision_without_a_form(cast, client_for):
    done = review(cast, Review.Status.PUBLISHED)
    client = client_for(cast.hub_manager)
    page = client.get(f"/opportunities/reviews/{done.pk}/moderate/")
    assert page.status_code == 200 and "already been moderated" in text(page) and 'name="decision"' not in page.content.decode()
    assert client.post(f"/opportunities/reviews/{done.pk}/moderate/", {"decision": "reject", "reason": "x"}).status_code == 400


def test_moderation_is_for_hub_staff_only(cast, client_for):
    pending = review(cast)
    for someone in (cast.careers_leader, cast.employer_contact, cast.young_person, cast.analyst):
        assert client_for(someone).get("/opportunities/reviews/moderation/").status_code == 403
        assert client_for(someone).post(f"/opportunities/reviews/{pending.pk}/moderate/", {"decision": "publish"}).status_code == 403
    pending.refresh_from_db()
    assert pending.status == Review.Status.PENDING


def test_the_queue_query_count_stays_flat(cast, client_for, django_assert_max_num_queries):
    client = client_for(cast.hub_manager)
    for n in range(3):
        review(cast, young_person=YoungPersonFactory(school=cast.school), title=f"Visit {n}")
    client.get("/opportunities/reviews/moderation/")
    for n in range(12):
        review(cast, young_person=YoungPersonFactory(school=cast.other_school), title=f"More {n}")
        review(cast, Review.Status.PUBLISHED, young_person=YoungPersonFactory(school=cast.other_school), title=f"Done {n}")
    with django_assert_max_num_queries(12):
        assert client.get("/opportunities/reviews/moderation/").status_code == 200


# Replies ----------------------------------------------------------------------------------------
def test_the_host_replies_and_the_reply_shows_under_the_review(cast, client_for):
    published = review(cast, Review.Status.PUBLISHED)
    client = client_for(cast.employer_contact)
    assert client.get(f"/opportunities/reviews/{published.pk}/reply/").status_code == 200
    response = client.post(f"/opportunities/reviews/{published.pk}/reply/", {"reply": "Thank you: we loved having you."})
    assert response.status_code == 302
    assert response["Location"] == f"/opportunities/reviews/employers/{cast.employer.pk}/#review-{published.pk}"
    page = text(client.get(response["Location"]))
    assert "Reply from Potteries Precision Ltd" in page and "Thank you: we loved having you." in page
    assert "Change your reply" in page


def test_replying_is_refused_to_other_hosts_and_unpublished_reviews(cast, client_for):
    published = review(cast, Review.Status.PUBLISHED)
    pending = review(cast, title="Pending")
    assert client_for(cast.other_employer_contact).get(f"/opportunities/reviews/{published.pk}/reply/").status_code == 404
    assert client_for(cast.employer_contact).get(f"/opportunities/reviews/{pending.pk}/reply/").status_code == 404
    assert client_for(cast.hub_manager).get(f"/opportunities/reviews/{published.pk}/reply/").status_code == 403
    empty = client_for(cast.employer_contact).post(f"/opportunities/reviews/{published.pk}/reply/", {"reply": ""})
    assert empty.status_code == 400 and "Write your reply" in empty.content.decode()


# The employer's reviews -------------------------------------------------------------------------
def test_the_employer_page_shows_the_rating_chart_and_table_and_never_names_reviewers(cast, client_for):
    people = [cast.young_person_record] + [YoungPersonFactory(school=cast.school, year_group=11) for _ in range(2)]
    for n, (person, rating) in enumerate(zip(people, (5, 4, 4))):
        review(cast, Review.Status.PUBLISHED, rating=rating, young_person=person, title=f"Visit {n}")
    review(cast, Review.Status.PENDING, rating=1, young_person=YoungPersonFactory(school=cast.school), title="Waiting")
    response = client_for(cast.other_careers_leader).get(f"/opportunities/reviews/employers/{cast.employer.pk}/")
    body = response.content.decode()
    page = text(response)
    assert response.status_code == 200
    assert "4.3" in page and "Average of 3 published reviews" in page
    assert 'class="ch-chart" aria-hidden="true"' in body and 'id="rating-distribution"' in body
    assert re.search(r"5 stars\s*</th>\s*<td[^>]*>1</td>", body) and re.search(r"4 stars\s*</th>\s*<td[^>]*>2</td>", body)
    assert "A year 10 student" in page and "A year 11 student" in page
    assert "Waiting" not in page, "unpublished reviews are not shown"
    for person in people:
        assert person.first_name not in page and person.last_name not in page
    assert "Reply" not in page, "only the host sees reply links"


def test_fewer_than_three_reviews_show_no_rating(cast, client_for):
    review(cast, Review.Status.PUBLISHED, rating=2)
    page = text(client_for(cast.young_person).get(f"/opportunities/reviews/employers/{cast.employer.pk}/"))
    assert "Not enough reviews yet" in page and "out of 5 stars" not in page
    assert "2 out of 5" in page, "the review itself is still shown"


def test_the_employer_page_is_within_the_partnership_only(cast, client_for):
    from careershub.network.tests.factories import EmployerFactory, PartnershipFactory

    elsewhere = EmployerFactory(partnership=PartnershipFactory(name="Elsewhere Careers Hub", slug="elsewhere"))
    assert client_for(cast.outsider).get(f"/opportunities/reviews/employers/{cast.employer.pk}/").status_code == 404
    assert client_for(cast.hub_manager).get(f"/opportunities/reviews/employers/{elsewhere.pk}/").status_code == 404
    assert client_for(cast.young_person).get(f"/opportunities/reviews/employers/{cast.employer.pk}/").status_code == 200


def test_the_employer_page_query_count_stays_flat(cast, client_for, django_assert_max_num_queries):
    client = client_for(cast.employer_contact)
    for n in range(3):
        review(cast, Review.Status.PUBLISHED, young_person=YoungPersonFactory(school=cast.school), title=f"Visit {n}")
    client.get(f"/opportunities/reviews/employers/{cast.employer.pk}/")
    for n in range(15):
        done = review(cast, Review.Status.PUBLISHED, young_person=YoungPersonFactory(school=cast.other_school), title=f"More {n}")
        Review.objects.filter(pk=done.pk).update(reply="Thanks")
    with django_assert_max_num_queries(12):
        response = client.get(f"/opportunities/reviews/employers/{cast.employer.pk}/")
    assert response.status_code == 200 and text(response).count("Change your reply") == 15
