"""The framework as shipped (migration 0002): two versions, eight benchmarks each, editable data."""
import ast
from pathlib import Path

import pytest

from careershub.benchmarks import shipped
from careershub.benchmarks.framework import ensure_shipped_framework, install_versions
from careershub.benchmarks.models import Benchmark, Criterion, FrameworkVersion
from careershub.benchmarks.tests.factories import ORIGINAL, REFRESH, framework

pytestmark = pytest.mark.django_db


def test_both_versions_are_shipped_with_eight_benchmarks_and_a_few_criteria_each():
    framework()
    assert list(FrameworkVersion.objects.order_by("effective_from").values_list("key", "name")) == [
        (ORIGINAL, "Gatsby 2014"), (REFRESH, "Gatsby 2024/25 refresh"),
    ]
    for version in FrameworkVersion.objects.all():
        numbers = list(version.benchmarks.order_by("number").values_list("number", flat=True))
        assert numbers == list(range(1, 9))
        for benchmark in version.benchmarks.all():
            assert 2 <= benchmark.criteria.count() <= 3, benchmark
            assert not all(c.post_16_only for c in benchmark.criteria.all()), "every benchmark applies to every school"


def test_the_refresh_renames_benchmark_3_and_keeps_the_others():
    framework()
    names = {
        key: dict(Benchmark.objects.filter(version__key=key).values_list("number", "name")) for key in (ORIGINAL, REFRESH)
    }
    assert names[ORIGINAL][3] == "Addressing the needs of each pupil"
    assert names[REFRESH][3] == "Addressing the needs of each young person"
    assert {n: v for n, v in names[ORIGINAL].items() if n != 3} == {n: v for n, v in names[REFRESH].items() if n != 3}


def test_counted_criteria_are_about_students_in_benchmarks_5_to_8_with_a_threshold():
    framework()
    counted = Criterion.objects.exclude(measure="")
    assert set(counted.values_list("benchmark__number", flat=True)) == {5, 6, 7, 8}
    assert set(counted.values_list("measure", flat=True)) == set(Criterion.Measure.values)
    assert all(c.threshold == 100 and c.figure_question for c in counted)
    assert not Criterion.objects.filter(measure="", threshold__isnull=False).exists()


def test_installing_again_leaves_corrected_wording_alone():
    version = framework(REFRESH)
    criterion = Criterion.objects.filter(benchmark__version=version).first()
    criterion.text = "Corrected by the partnership"
    criterion.save()
    assert install_versions(FrameworkVersion, Benchmark, Criterion) == []
    ensure_shipped_framework()
    criterion.refresh_from_db()
    assert criterion.text == "Corrected by the partnership"
    assert FrameworkVersion.objects.count() == 2


def test_the_pure_modules_do_not_import_django():
    folder = Path(__file__).resolve().parent.parent
    for name in ("scoring.py", "terms.py", "evidence.py", "shipped.py"):
        tree = ast.parse((folder / name).read_text())
        imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert not [m for m in imported if m.startswith("django")], name


def test_the_shipped_data_matches_what_the_models_allow():
    measures = set(Criterion.Measure.values)
    for version in shipped.VERSIONS:
        for number, name, summary, criteria in version["benchmarks"]:
            assert 1 <= number <= 8 and name and summary
            for c in criteria:
                assert not c["measure"] or c["measure"] in measures
