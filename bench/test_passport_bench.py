"""The passport benchmark still runs (on a small demo city; no timing is asserted here)."""
import re

import pytest

import passport
from careershub.demo import city as demo_city
from careershub.passport.models import Evidence


@pytest.mark.django_db
def test_the_passport_benchmark_runs(capsys):
    demo_city.build(size="small", seed=2026)
    passport.main(["--people", "50", "--busy", "10", "--requests", "2", "--pdf-requests", "1"])
    out = capsys.readouterr().out
    measured = re.search(r"the measured passport has (\d+) pieces", out)
    assert "load average at the start:" in out and measured and int(measured.group(1)) >= 10  # 10 seeded, plus the demo's
    for variant in ("passport (young person)", "passport (hub manager)", "passport API", "endorser's queue",
                    "shared page", "passport PDF"):
        assert f"\n{variant} " in out, variant
    assert not Evidence.objects.filter(title__startswith="Bench: ").exists()
