"""The seam for counted figures (counted.py): one function per measure, None until records exist."""
import inspect

from careershub.benchmarks import counted
from careershub.benchmarks.models import Criterion


def test_every_measure_has_a_function_taking_the_school_and_the_academic_year():
    for measure in Criterion.Measure.values:
        function = getattr(counted, measure)
        assert list(inspect.signature(function).parameters) == ["school_id", "academic_year"], measure


def test_without_records_every_measure_gives_none():
    assert counted.figures_for(1, 2026, Criterion.Measure.values) == {m: None for m in Criterion.Measure.values}


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
