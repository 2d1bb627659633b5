"""The gap analysis benchmark still runs (on a small demo city; no timing is asserted here)."""
import pytest

import gap_analysis
from careershub.demo import city as demo_city


@pytest.mark.django_db
def test_the_gap_analysis_benchmark_runs(capsys):
    demo_city.build(size="small", seed=2026)
    gap_analysis.main(["--requests", "2", "--pdf-requests", "1"])
    out = capsys.readouterr().out
    assert "load average at the start:" in out and "12 schools" in out
    for variant in ("page", "filtered", "csv", "api", "actions", "hub pdf", "school pdf"):
        assert f"\n{variant} " in out, variant
