"""Travel distances: the haversine formula and the box that narrows candidates."""
import pytest

from careershub.opportunities import geo

STOKE = geo.Point(53.0027, -2.1794)
NEWCASTLE_UNDER_LYME = geo.Point(53.0109, -2.2278)
MANCHESTER = geo.Point(53.4808, -2.2426)


def test_a_point_is_no_distance_from_itself():
    assert geo.haversine_miles(STOKE, STOKE) == 0


def test_known_distances():
    assert geo.haversine_miles(STOKE, NEWCASTLE_UNDER_LYME) == pytest.approx(2.07, abs=0.05)
    assert geo.haversine_miles(STOKE, MANCHESTER) == pytest.approx(33.1, abs=0.3)
    assert geo.haversine_miles(STOKE, MANCHESTER) == geo.haversine_miles(MANCHESTER, STOKE)


@pytest.mark.parametrize("miles", geo.DISTANCE_CHOICES)
def test_the_box_holds_every_point_within_the_distance(miles):
    box = geo.box_around(STOKE, miles)
    for bearing_lat, bearing_lon in ((1, 0), (-1, 0), (0, 1), (0, -1), (0.7, 0.7), (-0.7, -0.7)):
        step = 0.0005
        point = STOKE
        while geo.haversine_miles(STOKE, point) < miles:
            point = geo.Point(point.latitude + bearing_lat * step, point.longitude + bearing_lon * step)
        inside = geo.Point(point.latitude - bearing_lat * step, point.longitude - bearing_lon * step)
        assert box.contains(inside)


def test_within_keeps_those_in_range_with_rounded_distances():
    found = geo.within(STOKE, {1: NEWCASTLE_UNDER_LYME, 2: MANCHESTER}, 5)
    assert found == {1: 2.1}
    assert geo.within(STOKE, {1: NEWCASTLE_UNDER_LYME, 2: MANCHESTER}, 2) == {}


def test_near_the_poles_the_box_spans_every_longitude():
    box = geo.box_around(geo.Point(89.99, 10), 20)
    assert (box.min_longitude, box.max_longitude) == (-180.0, 180.0)
