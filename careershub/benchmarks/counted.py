"""Figures for counted criteria, computed from records the platform holds.

A counted criterion asks for a percentage of a cohort ("% of year 11 who had a guidance interview").
The careers leader enters the figure; where the platform holds records to compute it from, the figure
computed from them is shown beside the entered one. Each measure has one function here, taking the
school and the academic year and returning a whole percentage (rounded down, so 100 means everyone),
or None when the platform holds no records to compute it from.

Encounters (attendance recorded by hosts, whole-group encounters logged by schools) are read through
``opportunities.encounter_selectors``, never from the opportunities app's models directly:

- a school with no encounter records at all gets None for every measure, so the entered figure
  stands alone rather than beside a misleading 0%;
- cohorts are by year group as the school's records hold it now; for a past academic year the year
  groups shift back by the years since (year 11 in 2025/26 is year 12 in 2026/27);
- guidance interviews (benchmark 8) are read through ``plans.selectors`` the same way: None for a
  school with no interview records at all.

One query to see whether the school has records, and one to count the cohort, per measure.

Pages and the API read figures through ``figures_for``, which asks ``provider``: this module unless
something else is put in its place (tests put in a fake with the same functions).
"""
import sys
from datetime import date

from careershub.core.calendar import academic_year_of
from careershub.opportunities import encounter_selectors
from careershub.opportunities.kinds import Counts
from careershub.plans import selectors as guidance_selectors

from .models import Criterion

Measure = Criterion.Measure


def _now_year_groups(year_groups, academic_year: int) -> list[int]:
    """The year groups young people who were in ``year_groups`` in ``academic_year`` are in now."""
    shift = academic_year_of(date.today()) - academic_year
    return [y + shift for y in year_groups]


def _share(school_id: int, academic_year: int, *, year_groups, counts_as, academic_years=None,
           up_to_academic_year=None) -> int | None:
    if not encounter_selectors.school_has_encounters(school_id):
        return None
    return encounter_selectors.cohort_share(
        school_id, year_groups=_now_year_groups(year_groups, academic_year), counts_as=counts_as,
        academic_years=academic_years, up_to_academic_year=up_to_academic_year,
    )


def employer_encounters_per_student_year(school_id: int, academic_year: int) -> int | None:
    """% of young people in years 7 to 13 with at least one meaningful encounter with an employer in
    the academic year (an experience of a workplace is an encounter with an employer too)."""
    return _share(school_id, academic_year, year_groups=range(7, 14),
                  counts_as=(Counts.EMPLOYER_ENCOUNTER, Counts.WORKPLACE_EXPERIENCE), academic_years=[academic_year])


def workplace_experience_by_16(school_id: int, academic_year: int) -> int | None:
    """% of year 11 with at least one experience of a workplace, by the end of the academic year."""
    return _share(school_id, academic_year, year_groups=[11], counts_as=(Counts.WORKPLACE_EXPERIENCE,),
                  up_to_academic_year=academic_year)


def workplace_experience_by_18(school_id: int, academic_year: int) -> int | None:
    """% of year 13 with a further experience of a workplace since the start of year 12."""
    return _share(school_id, academic_year, year_groups=[13], counts_as=(Counts.WORKPLACE_EXPERIENCE,),
                  academic_years=[academic_year - 1, academic_year])


def fe_he_encounters(school_id: int, academic_year: int) -> int | None:
    """% of year 11 who have met a college, university or training provider, by the end of the year."""
    return _share(school_id, academic_year, year_groups=[11], counts_as=(Counts.EDUCATION_ENCOUNTER,),
                  up_to_academic_year=academic_year)


def _interview_share(school_id: int, academic_year: int, *, year_groups, academic_years=None,
                     up_to_academic_year=None) -> int | None:
    if not guidance_selectors.school_has_interviews(school_id):
        return None
    return guidance_selectors.interview_share(
        school_id, year_groups=_now_year_groups(year_groups, academic_year), academic_years=academic_years,
        up_to_academic_year=up_to_academic_year,
    )


def guidance_interview_by_16(school_id: int, academic_year: int) -> int | None:
    """% of year 11 with a guidance interview by the end of the academic year."""
    return _interview_share(school_id, academic_year, year_groups=[11], up_to_academic_year=academic_year)


def guidance_interview_by_18(school_id: int, academic_year: int) -> int | None:
    """% of year 13 with a further guidance interview since the start of year 12."""
    return _interview_share(school_id, academic_year, year_groups=[13], academic_years=[academic_year - 1, academic_year])


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
