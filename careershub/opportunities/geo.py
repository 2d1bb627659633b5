"""Travel distances on the menu: how far an opportunity is from a young person's school.

Plain functions on latitudes and longitudes in degrees (no Django import), so the rules are tested on
their own. Distances are as the crow flies, in miles, over a spherical Earth (the haversine formula):
good to well under one per cent at the distances the menu offers.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_MILES = 3958.8
# The distances a young person or their school may search within, in miles.
DISTANCE_CHOICES = (2, 5, 10, 20)


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Box:
    """A latitude and longitude box holding every point within a distance of a centre."""

    min_latitude: float
    max_latitude: float
    min_longitude: float
    max_longitude: float

    def contains(self, point: Point) -> bool:
        return (self.min_latitude <= point.latitude <= self.max_latitude
                and self.min_longitude <= point.longitude <= self.max_longitude)


def haversine_miles(a: Point, b: Point) -> float:
    """The great-circle distance between two points, in miles."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    d_lat = lat2 - lat1
    d_lon = math.radians(b.longitude - a.longitude)
    h = math.sin(d_lat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(d_lon / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(h)))


def box_around(centre: Point, miles: float) -> Box:
    """A box certain to hold every point within ``miles`` of ``centre`` (a little more, at its corners),
    so a database can narrow the candidates with plain comparisons before the exact distance is worked out.
    Near the poles the box spans every longitude."""
    d_lat = math.degrees(miles / EARTH_RADIUS_MILES)
    cos_lat = math.cos(math.radians(centre.latitude))
    if cos_lat < 1e-6 or miles / EARTH_RADIUS_MILES >= math.pi / 2:
        d_lon = 180.0
    else:
        d_lon = min(180.0, math.degrees(miles / (EARTH_RADIUS_MILES * cos_lat)))
    return Box(
        min_latitude=max(-90.0, centre.latitude - d_lat),
        max_latitude=min(90.0, centre.latitude + d_lat),
        min_longitude=centre.longitude - d_lon if d_lon < 180 else -180.0,
        max_longitude=centre.longitude + d_lon if d_lon < 180 else 180.0,
    )


def within(centre: Point, candidates: dict, miles: float) -> dict:
    """Of ``candidates`` ({key: Point}), those within ``miles`` of ``centre``, with their distances
    ({key: miles}, rounded to one decimal place for showing)."""
    found = {}
    for key, point in candidates.items():
        distance = haversine_miles(centre, point)
        if distance <= miles:
            found[key] = round(distance, 1)
    return found
