"""The demo load benchmark still runs (at small size; no timing is asserted here)."""
import demo_load


def test_the_demo_load_benchmark_runs_into_a_scratch_database(capsys):
    assert demo_load.main(["--size", "small", "--repeat", "1", "--budget", "600"]) == 0
    out = capsys.readouterr().out
    assert "run 1:" in out and "median" in out and "within the budget" in out
