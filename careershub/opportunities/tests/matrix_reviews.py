"""Who reaches each review and host feedback page.

Amira (cast.young_person_record) had a place on a workplace visit at cast.employer that is over; her
review of it waits for moderation or is published, as each row needs. The rows build what they need
as they ask (inside each test's transaction).
"""
from datetime import timedelta

from django.utils import timezone

from careershub.core.matrix import EXTRA_KEYS, ROLE_KEYS, page
from careershub.opportunities.kinds import Kind
from careershub.opportunities.models import Application, Review
from careershub.opportunities.tests.factories import ApplicationFactory, OpportunityFactory

HUB_STAFF = ["hub_manager", "enterprise_coordinator"]
HOST = ["employer_contact"]
# Everyone holding a role in the partnership (the outsider holds none).
PARTNERSHIP = [*ROLE_KEYS, *(key for key in EXTRA_KEYS if key != "outsider")]


def place(cast, *, young_person=None, employer=None, days_ago: int = 30, length: int = 0, kind=Kind.WORKPLACE_VISIT,
          title: str = "A day at the machine shop") -> Application:
    """An accepted place on an opportunity that started ``days_ago`` days ago and lasted ``length`` more days."""
    today = timezone.localdate()
    starts = today - timedelta(days=days_ago)
    opportunity = OpportunityFactory(
        employer=employer or cast.employer, kind=kind, title=title, starts_on=starts, ends_on=starts + timedelta(days=length),
    )
    return ApplicationFactory(opportunity=opportunity, young_person=young_person or cast.young_person_record,
                              status=Application.Status.ACCEPTED)


def review(cast, status=Review.Status.PENDING, *, rating: int = 4, **place_kwargs) -> Review:
    return Review.objects.create(
        application=place(cast, **place_kwargs), rating=rating, status=status,
        body="We used the lathe and I learned how apprentices are trained.",
        moderated_at=timezone.now() if status != Review.Status.PENDING else None,
    )


ROWS = [
    page("opportunities:review_new", lambda cast: f"/opportunities/reviews/application/{place(cast).pk}/new/", ["young_person"]),
    page("opportunities:review_new", lambda cast: f"/opportunities/reviews/application/{place(cast).pk}/new/", ["young_person"],
         method="post", data={"rating": "5", "body": "Brilliant: I made a bracket on the mill."}, ok=302),
    page("opportunities:moderation_queue", lambda cast: "/opportunities/reviews/moderation/", HUB_STAFF),
    page("opportunities:review_moderate", lambda cast: f"/opportunities/reviews/{review(cast).pk}/moderate/", HUB_STAFF),
    page("opportunities:review_moderate", lambda cast: f"/opportunities/reviews/{review(cast).pk}/moderate/", HUB_STAFF,
         method="post", data={"decision": "publish"}, ok=302),
    page("opportunities:review_reply",
         lambda cast: f"/opportunities/reviews/{review(cast, Review.Status.PUBLISHED).pk}/reply/", HOST,
         note="the other employer's contact gets 404"),
    page("opportunities:review_reply",
         lambda cast: f"/opportunities/reviews/{review(cast, Review.Status.PUBLISHED).pk}/reply/", HOST,
         method="post", data={"reply": "Thank you, Amira: come back in the summer."}, ok=302),
    page("opportunities:employer_reviews", lambda cast: f"/opportunities/reviews/employers/{review(cast, 'published').application.opportunity.employer_id}/",
         PARTNERSHIP, note="everyone in the partnership; the outsider gets 404"),
    page("opportunities:feedback_new", lambda cast: f"/opportunities/feedback/application/{place(cast, days_ago=1, length=3).pk}/new/",
         HOST, note="the other employer's contact gets 404"),
    page("opportunities:feedback_new", lambda cast: f"/opportunities/feedback/application/{place(cast, days_ago=1, length=3).pk}/new/",
         HOST, method="post", data={"body": "Amira asked good questions and was safe on the shop floor."}, ok=302),
    page("opportunities:my_feedback", lambda cast: "/opportunities/feedback/mine/", ["young_person", "parent_carer"]),
    page("opportunities:school_feedback", lambda cast: "/opportunities/feedback/school/", ["careers_leader", "other_careers_leader"]),
]
