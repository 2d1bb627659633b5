"""The allocation benchmark still runs (on a small instance; no timing is asserted here)."""
import allocation


def test_the_allocation_benchmark_runs(capsys):
    assert allocation.main(["--sizes", "400", "--repeat", "1", "--matching-repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "run 1 (load" in out and "whole process: median" in out and "indexing + solving" in out


def test_generated_instances_follow_the_seed():
    first = allocation.generate_instance(200, 40, seed=5)
    assert first == allocation.generate_instance(200, 40, seed=5)
    assert first != allocation.generate_instance(200, 40, seed=6)
    assert all(len(set(s["choices"])) == 5 for s in first["students"])
    assert all(1 <= p["capacity"] <= 8 for p in first["placements"])
    assert sum(len(p["ranking"]) for p in first["placements"]) == 200 * 5
