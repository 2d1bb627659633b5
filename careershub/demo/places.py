"""Where the demo city's postcodes are, so travel distances work in the demo.

The demo's postcodes are made up, so they are not in the national postcode directory. Each postcode
district gets a centre within about 15 km of the city centre (the same district, the same centre),
and each postcode a point within about 1 km of its district's centre, both from a hash of the text:
the same postcode is always in the same place. No Django here.
"""
from __future__ import annotations

import math
from hashlib import blake2b

CITY_CENTRE = (53.0027, -2.1794)
KM_PER_DEGREE_LATITUDE = 111.2
DISTRICT_RADIUS_KM = 15.0
POSTCODE_RADIUS_KM = 1.0


def _unit_pair(text: str) -> tuple[float, float]:
    digest = blake2b(text.encode(), digest_size=8).digest()
    return int.from_bytes(digest[:4], "big") / 2**32, int.from_bytes(digest[4:], "big") / 2**32


def _offset(origin: tuple[float, float], text: str, radius_km: float) -> tuple[float, float]:
    turn, reach = _unit_pair(text)
    distance = radius_km * math.sqrt(reach)  # spread evenly over the disc, not bunched at the centre
    angle = 2 * math.pi * turn
    latitude = origin[0] + distance * math.cos(angle) / KM_PER_DEGREE_LATITUDE
    longitude = origin[1] + distance * math.sin(angle) / (KM_PER_DEGREE_LATITUDE * math.cos(math.radians(origin[0])))
    return round(latitude, 6), round(longitude, 6)


def coordinates(postcode: str) -> tuple[float, float]:
    """(latitude, longitude) of a demo postcode such as "ST4 2RS"."""
    district = postcode.split()[0] if " " in postcode else postcode[:-3]
    return _offset(_offset(CITY_CENTRE, district, DISTRICT_RADIUS_KM), postcode, POSTCODE_RADIUS_KM)
