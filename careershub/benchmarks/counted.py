"""Figures for counted criteria, computed from records the platform holds.

A counted criterion asks for a percentage of a cohort ("% of year 11 who had a guidance interview").
Until the platform records encounters, experiences of workplaces and guidance interviews, the careers
leader enters the figure; once it does, the figure computed from those records is shown beside the
entered one. Each measure has one function here, taking the school and the academic year and
returning a whole percentage, or None when the platform holds no records to compute it from. Today
none exist, so every function returns None; the opportunities work fills them in.

Pages and the API read figures through ``figures_for``, which asks ``provider``: this module unless
something else is put in its place (tests put in a fake with the same functions).
"""
import sys

from .models import Criterion

Measure = Criterion.Measure


def employer_encounters_per_student_year(school_id: int, academic_year: int) -> int | None:
    """% of young people in years 7 to 13 with at least one meaningful encounter with an employer in
    the academic year. No encounter records yet."""
    return None


def workplace_experience_by_16(school_id: int, academic_year: int) -> int | None:
    """% of year 11 with at least one experience of a workplace. No placement records yet."""
    return None


def workplace_experience_by_18(school_id: int, academic_year: int) -> int | None:
    """% of year 13 with a further experience of a workplace since 16. No placement records yet."""
    return None


def fe_he_encounters(school_id: int, academic_year: int) -> int | None:
    """% of year 11 who have met providers of the full range of learning. No encounter records yet."""
    return None


def guidance_interview_by_16(school_id: int, academic_year: int) -> int | None:
    """% of year 11 with a guidance interview. No interview records yet."""
    return None


def guidance_interview_by_18(school_id: int, academic_year: int) -> int | None:
    """% of year 13 with a further guidance interview since 16. No interview records yet."""
    return None


# The function for each measure is looked up by the measure's key, so every measure needs one here.
MEASURES = tuple(Measure.values)

provider = sys.modules[__name__]


def figures_for(school_id: int, academic_year: int, measures) -> dict[str, int | None]:
    """The computed figure for each of ``measures`` (keys), None where the platform has no records."""
    figures = {}
    for measure in dict.fromkeys(m for m in measures if m):
        figure = getattr(provider, measure)(school_id, academic_year)
        figures[measure] = None if figure is None else max(0, min(100, int(figure)))
    return figures
