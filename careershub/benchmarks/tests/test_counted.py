"""The seam for counted figures (counted.py): one function per measure, computed from encounter
records through opportunities.encounter_selectors, None where the platform holds no records."""
import datetime
import inspect

import pytest

from careershub.benchmarks import counted
from careershub.benchmarks.models import Criterion
from careershub.core.calendar import academic_year_of
from careershub.network.tests.factories import SchoolFactory
from careershub.opportunities.kinds import Kind
from careershub.opportunities.tests.factories import EncounterFactory
from careershub.plans.tests.factories import GuidanceInterviewFactory
from careershub.young_people.tests.factories import YoungPersonFactory

NOW = academic_year_of(datetime.date.today())


def in_year(academic_year: int, month: int = 11) -> datetime.date:
    return datetime.date(academic_year if month >= 9 else academic_year + 1, month, 15)


def test_every_measure_has_a_function_taking_the_school_and_the_academic_year():
    for measure in Criterion.Measure.values:
        function = getattr(counted, measure)
        assert list(inspect.signature(function).parameters) == ["school_id", "academic_year"], measure


@pytest.mark.django_db
def test_without_records_every_measure_gives_none():
    school = SchoolFactory()
    YoungPersonFactory(school=school, year_group=11)
    assert counted.figures_for(school.pk, NOW, Criterion.Measure.values) == {m: None for m in Criterion.Measure.values}


@pytest.fixture
def school(db):
    return SchoolFactory()


def pupils(school, year_group, count):
    return [YoungPersonFactory(school=school, year_group=year_group) for _ in range(count)]


def test_employer_encounters_count_years_7_to_13_in_the_academic_year(school):
    year8, year12, post_school = pupils(school, 8, 4), pupils(school, 12, 4), pupils(school, 14, 2)
    EncounterFactory(young_person=year8[0], kind=Kind.CAREERS_TALK, occurred_on=in_year(NOW))
    EncounterFactory(young_person=year8[0], kind=Kind.CAREERS_FAIR, occurred_on=in_year(NOW, 3))  # counted once
    EncounterFactory(young_person=year8[1], kind=Kind.WORK_EXPERIENCE, occurred_on=in_year(NOW, 6))  # a workplace counts
    EncounterFactory(young_person=year12[0], kind=Kind.EDUCATION_ENCOUNTER, occurred_on=in_year(NOW))  # not an employer
    EncounterFactory(young_person=year12[1], kind=Kind.CAREERS_TALK, occurred_on=in_year(NOW - 1))  # last year
    EncounterFactory(young_person=post_school[0], kind=Kind.CAREERS_TALK, occurred_on=in_year(NOW))  # not in 7-13
    assert counted.employer_encounters_per_student_year(school.pk, NOW) == 25  # 2 of 8
    # Last year, today's year 12 were year 11 and today's post-school were year 13: 1 of the 10 then in 7-13.
    assert counted.employer_encounters_per_student_year(school.pk, NOW - 1) == 10


def test_workplace_experience_by_16_is_year_11_ever(school):
    year11 = pupils(school, 11, 3)
    EncounterFactory(young_person=year11[0], kind=Kind.WORKPLACE_VISIT, occurred_on=in_year(NOW - 2))
    EncounterFactory(young_person=year11[1], kind=Kind.CAREERS_TALK, occurred_on=in_year(NOW))
    assert counted.workplace_experience_by_16(school.pk, NOW) == 33
    assert counted.fe_he_encounters(school.pk, NOW) == 0


def test_a_past_year_looks_at_who_was_in_year_11_then(school):
    then_year11 = pupils(school, 12, 2)  # year 11 last year
    pupils(school, 11, 2)
    EncounterFactory(young_person=then_year11[0], kind=Kind.WORK_TASTER, occurred_on=in_year(NOW - 1))
    EncounterFactory(young_person=then_year11[1], kind=Kind.WORK_TASTER, occurred_on=in_year(NOW))  # after that year
    assert counted.workplace_experience_by_16(school.pk, NOW - 1) == 50
    assert counted.workplace_experience_by_16(school.pk, NOW) == 0


def test_workplace_experience_by_18_is_year_13_since_the_start_of_year_12(school):
    year13 = pupils(school, 13, 4)
    EncounterFactory(young_person=year13[0], kind=Kind.WORK_EXPERIENCE, occurred_on=in_year(NOW - 1))  # in year 12
    EncounterFactory(young_person=year13[1], kind=Kind.WORK_EXPERIENCE, occurred_on=in_year(NOW, 4))  # in year 13
    EncounterFactory(young_person=year13[2], kind=Kind.WORK_EXPERIENCE, occurred_on=in_year(NOW - 2))  # in year 11
    assert counted.workplace_experience_by_18(school.pk, NOW) == 50


def test_fe_he_encounters_is_year_11_with_an_education_encounter(school):
    year11 = pupils(school, 11, 4)
    for pupil in year11[:3]:
        EncounterFactory(young_person=pupil, kind=Kind.EDUCATION_ENCOUNTER, occurred_on=in_year(NOW - 1))
    assert counted.fe_he_encounters(school.pk, NOW) == 75


def test_a_cohort_with_nobody_in_it_gives_none_and_no_interview_records_give_none(school):
    EncounterFactory(young_person=pupils(school, 9, 1)[0], occurred_on=in_year(NOW))
    assert counted.workplace_experience_by_18(school.pk, NOW) is None
    assert counted.guidance_interview_by_16(school.pk, NOW) is None
    assert counted.guidance_interview_by_18(school.pk, NOW) is None


def test_guidance_interviews_count_for_benchmark_8(school):
    year11 = pupils(school, 11, 4)
    year13 = pupils(school, 13, 2)
    for pupil in year11[:3]:
        GuidanceInterviewFactory(young_person=pupil, held_on=in_year(NOW - 1))
    GuidanceInterviewFactory(young_person=year13[0], held_on=in_year(NOW - 3))  # in year 10: not since 16
    assert counted.guidance_interview_by_16(school.pk, NOW) == 75
    assert counted.guidance_interview_by_18(school.pk, NOW) == 0
    GuidanceInterviewFactory(young_person=year13[1], held_on=in_year(NOW - 1, month=5))  # in year 12
    assert counted.guidance_interview_by_18(school.pk, NOW) == 50
    # Last year's year 11 are this year's year 12, and the school has none.
    assert counted.guidance_interview_by_16(school.pk, NOW - 1) is None


def test_another_schools_encounters_do_not_count(school):
    pupils(school, 11, 2)
    other = SchoolFactory(partnership=school.partnership)
    EncounterFactory(young_person=YoungPersonFactory(school=other, year_group=11), kind=Kind.WORKPLACE_VISIT)
    assert counted.workplace_experience_by_16(school.pk, NOW) is None
    assert counted.workplace_experience_by_16(other.pk, NOW) == 100


def test_each_measure_takes_two_queries_whatever_the_number_of_students(school, django_assert_num_queries):
    for pupil in pupils(school, 11, 5):
        EncounterFactory(young_person=pupil, kind=Kind.WORK_EXPERIENCE, occurred_on=in_year(NOW))
        GuidanceInterviewFactory(young_person=pupil, held_on=in_year(NOW))
    with django_assert_num_queries(2):
        assert counted.workplace_experience_by_16(school.pk, NOW) == 100
    with django_assert_num_queries(2):
        assert counted.guidance_interview_by_16(school.pk, NOW) == 100
    with django_assert_num_queries(12):  # six measures, two queries each
        counted.figures_for(school.pk, NOW, Criterion.Measure.values)


class FakeProvider:
    def __init__(self, figures):
        self.figures, self.calls = figures, []

    def __getattr__(self, measure):
        def figure(school_id, academic_year):
            self.calls.append((measure, school_id, academic_year))
            return self.figures.get(measure)
        return figure


def test_figures_come_from_the_provider_once_per_measure_within_0_to_100(monkeypatch):
    fake = FakeProvider({"workplace_experience_by_16": 72.6, "guidance_interview_by_16": -5, "fe_he_encounters": 250})
    monkeypatch.setattr(counted, "provider", fake)
    figures = counted.figures_for(7, 2025, ["workplace_experience_by_16", "", "guidance_interview_by_16",
                                            "workplace_experience_by_16", "fe_he_encounters", "guidance_interview_by_18"])
    assert figures == {"workplace_experience_by_16": 72, "guidance_interview_by_16": 0, "fe_he_encounters": 100,
                       "guidance_interview_by_18": None}
    assert [c[0] for c in fake.calls] == ["workplace_experience_by_16", "guidance_interview_by_16", "fe_he_encounters",
                                          "guidance_interview_by_18"]
    assert all(c[1:] == (7, 2025) for c in fake.calls)
