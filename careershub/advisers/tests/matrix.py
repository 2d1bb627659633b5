"""Who reaches each page and endpoint of the enterprise adviser network.

cast.school (area hub North, the coordinator's) has cast.enterprise_adviser_record as its adviser;
cast.other_school (South) has none. Rows that need more build it as they ask (inside each test's
transaction): a North school without an adviser, and advisers with spare capacity.
"""
from careershub.advisers.models import AdviserMatch
from careershub.advisers.tests.factories import EnterpriseAdviserFactory
from careershub.core.matrix import endpoint, page
from careershub.network.tests.factories import SchoolFactory

HUB = ["hub_manager", "enterprise_coordinator"]
READERS = HUB + ["analyst", "admin"]


def spare_adviser(cast, hub=None):
    return EnterpriseAdviserFactory(
        partnership=cast.partnership, employer=cast.other_employer, area_hub=hub or cast.area_hub, capacity=2,
    )


def north_school_without_adviser(cast):
    return SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub, name="Moorside College")


def current_match(cast):
    return AdviserMatch.objects.get(school=cast.school, ended_on__isnull=True)


def match_url(cast, school):
    return f"/advisers/schools/{school.pk}/match/{spare_adviser(cast).pk}/"


def api_match_url(cast, school):
    return f"/api/advisers/schools/{school.pk}/candidates/{spare_adviser(cast).pk}/match"


ROWS = [
    page("advisers:list", lambda cast: "/advisers/", READERS),
    page("advisers:list", lambda cast: "/advisers/?matched=yes&active=yes", READERS, note="filtered"),
    page("advisers:create", lambda cast: "/advisers/new/", HUB),
    page("advisers:detail", lambda cast: f"/advisers/{cast.enterprise_adviser_record.pk}/", READERS),
    page("advisers:edit", lambda cast: f"/advisers/{cast.enterprise_adviser_record.pk}/edit/", HUB),
    page("advisers:edit", lambda cast: f"/advisers/{spare_adviser(cast, cast.other_area_hub).pk}/edit/", ["hub_manager"],
         note="an adviser based in South, outside the coordinator's area hub"),
    page("advisers:deactivate", lambda cast: f"/advisers/{cast.enterprise_adviser_record.pk}/deactivate/", HUB),
    page("advisers:deactivate", lambda cast: f"/advisers/{cast.enterprise_adviser_record.pk}/deactivate/", HUB,
         method="post", data={"reason": "Moved to a job outside the area"}, ok=302),
    page("advisers:unmatched_schools", lambda cast: "/advisers/schools-without-an-adviser/", HUB),
    page("advisers:school_matching", lambda cast: f"/advisers/schools/{cast.school.pk}/", HUB,
         note="a school with an adviser"),
    page("advisers:school_matching", lambda cast: f"/advisers/schools/{cast.other_school.pk}/", ["hub_manager"],
         note="a South school without an adviser: candidates"),
    page("advisers:match_create", lambda cast: match_url(cast, north_school_without_adviser(cast)), HUB,
         method="post", ok=302),
    page("advisers:match_create", lambda cast: match_url(cast, cast.other_school), ["hub_manager"],
         method="post", ok=302, note="a South school"),
    page("advisers:match_end", lambda cast: f"/advisers/matches/{current_match(cast).pk}/end/", HUB),
    page("advisers:match_end", lambda cast: f"/advisers/matches/{current_match(cast).pk}/end/", HUB,
         method="post", data={"reason": "The adviser changed jobs"}, ok=302),
    page("advisers:my_schools", lambda cast: "/advisers/my-schools/", ["enterprise_adviser"]),
    endpoint("GET /api/advisers", lambda cast: "/api/advisers/", READERS),
    endpoint("GET /api/advisers", lambda cast: f"/api/advisers/?area_hub_id={cast.area_hub.pk}&matched=true", READERS,
             note="filtered"),
    endpoint("GET /api/advisers/{adviser_id}", lambda cast: f"/api/advisers/{cast.enterprise_adviser_record.pk}", READERS),
    endpoint("GET /api/advisers/schools/{school_id}/candidates",
             lambda cast: f"/api/advisers/schools/{cast.school.pk}/candidates", HUB),
    endpoint("GET /api/advisers/schools/{school_id}/candidates",
             lambda cast: f"/api/advisers/schools/{cast.other_school.pk}/candidates", ["hub_manager"], note="a South school"),
    endpoint("POST /api/advisers/schools/{school_id}/candidates/{adviser_id}/match",
             lambda cast: api_match_url(cast, north_school_without_adviser(cast)), HUB, method="post", ok=201),
    endpoint("POST /api/advisers/schools/{school_id}/candidates/{adviser_id}/match",
             lambda cast: api_match_url(cast, cast.other_school), ["hub_manager"], method="post", ok=201,
             note="a South school"),
    endpoint("POST /api/advisers/matches/{match_id}/end",
             lambda cast: f"/api/advisers/matches/{current_match(cast).pk}/end", HUB, method="post",
             data={"reason": "The school asked for a different adviser"}),
]
