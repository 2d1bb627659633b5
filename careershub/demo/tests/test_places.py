from careershub.demo.places import CITY_CENTRE, coordinates
from careershub.opportunities.geo import Point, haversine_miles


def test_the_same_postcode_is_always_in_the_same_place():
    assert coordinates("ST4 2RS") == coordinates("ST4 2RS")
    assert coordinates("ST4 2RS") != coordinates("ST4 2RT")


def test_postcodes_sit_near_their_district_and_within_reach_of_the_city():
    a, b, far = (Point(*coordinates(code)) for code in ("ST4 2RS", "ST4 7QB", "ST19 1AA"))
    assert haversine_miles(a, b) < 1.5  # the same district: within about a kilometre of its centre each
    for point in (a, b, far):
        assert haversine_miles(Point(*CITY_CENTRE), point) < 11  # 16 km
