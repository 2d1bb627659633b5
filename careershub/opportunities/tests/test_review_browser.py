"""axe-core on the review and feedback pages with content on them: an employer's rating with its chart
and table, the moderation queue, the forms and their errors, and the feedback lists."""
import pytest

from careershub.core.tests.test_browser_every_page import sign_in_context
from careershub.opportunities.models import HostFeedback, Review
from careershub.opportunities.tests.matrix_reviews import place, review
from careershub.young_people.tests.factories import YoungPersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_review_and_feedback_pages_pass_axe(cast, page, axe, live_server):
    people = [cast.young_person_record] + [YoungPersonFactory(school=cast.school) for _ in range(3)]
    published = [review(cast, Review.Status.PUBLISHED, rating=r, young_person=p, title=f"Visit {n}")
                 for n, (p, r) in enumerate(zip(people, (5, 4, 4, 2)))]
    Review.objects.filter(pk=published[0].pk).update(reply="Thank you, it was a pleasure.")
    pending = review(cast, young_person=YoungPersonFactory(school=cast.other_school), title="Pending visit")
    to_review = place(cast, title="Bakery morning")
    started = place(cast, days_ago=1, length=3, title="Kitchen week")
    HostFeedback.objects.create(application=published[0].application, body="Punctual and curious.", author=cast.employer_contact)
    visits = [
        (cast.young_person, f"/opportunities/reviews/application/{to_review.pk}/new/", {"rating": "", "body": ""}),
        (cast.young_person, "/opportunities/feedback/mine/", None),
        (cast.parent_carer, "/opportunities/feedback/mine/", None),
        (cast.careers_leader, "/opportunities/feedback/school/", None),
        (cast.hub_manager, "/opportunities/reviews/moderation/", None),
        (cast.hub_manager, f"/opportunities/reviews/{pending.pk}/moderate/", {"decision": "reject"}),
        (cast.employer_contact, f"/opportunities/reviews/{published[1].pk}/reply/", {"reply": ""}),
        (cast.employer_contact, f"/opportunities/reviews/employers/{cast.employer.pk}/", None),
        (cast.young_person, f"/opportunities/reviews/employers/{cast.other_employer.pk}/", None),
        (cast.employer_contact, f"/opportunities/feedback/application/{started.pk}/new/", {"body": ""}),
    ]
    failures = {}
    for user, url, errors in visits:
        sign_in_context(page, live_server, user)
        response = page.goto(url)
        assert response.status == 200, url
        violations = axe(page)
        if violations:
            failures[url] = violations
        if errors is not None:  # the same form with its errors shown
            page.locator("main form button[type=submit]").click()
            page.wait_for_load_state()
            assert page.locator(".govuk-error-summary").count() == 1, url
            violations = axe(page)
            if violations:
                failures[f"{url} with errors"] = violations
    assert failures == {}
