"""Sections other apps add to a young person's record page.

The record page belongs to this app, but what a young person has done lives in apps above it
(encounters and placements, the passport, the career plan). Each of those registers a function
here when it starts; the record page calls each with the person looking and the record, and shows
what comes back: a dict with "title", "template" and "context", or None to show nothing.
"""
from collections.abc import Callable

_SECTIONS: list[Callable] = []


def register(section: Callable) -> None:
    if section not in _SECTIONS:
        _SECTIONS.append(section)


def sections_for(user, young_person) -> list[dict]:
    shown = []
    for section in _SECTIONS:
        result = section(user, young_person)
        if result is not None:
            shown.append(result)
    return shown
