"""`careershub allocate`: files in and out, exit codes and messages, as a user runs it."""
import json
import random
import subprocess
import sys
import warnings
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from .reference import reference_allocation

PROJECT = Path(__file__).resolve().parents[3]

INSTANCE = {
    "students": [
        {"id": "s1", "choices": ["p3", "p1"]},
        {"id": "s2", "choices": ["p3"]},
        {"id": "s3", "choices": ["p1", "p3"], "priority_group": "risk_of_neet"},
        {"id": "s4", "choices": ["p1"]},
    ],
    "placements": [
        {"id": "p1", "capacity": 1},
        {"id": "p3", "capacity": 1, "ranking": ["s2", "s1", "s3"]},
    ],
}


def careershub(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "careershub", *args], cwd=PROJECT, input=stdin, text=True,
                          capture_output=True, timeout=120)


def write(path: Path, data) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_it_writes_the_result_file(tmp_path):
    source = write(tmp_path / "instance.json", INSTANCE)
    done = careershub("allocate", str(source), "--output", str(tmp_path / "result.json"))
    assert done.returncode == 0, done.stderr
    result = json.loads((tmp_path / "result.json").read_text())
    # p1 has no ranking: the default policy puts s3, in a priority group, before s1 and s4.
    assert result["assignments"] == {"s1": None, "s2": "p3", "s3": "p1", "s4": None}
    assert result["assignments"] == reference_allocation(INSTANCE)
    assert result["summary"] == {
        "students": 4, "matched": 2, "unmatched": 2, "first_choice": 2, "first_choice_share": 0.5,
        "by_choice": {"1": 2},
        "by_priority_group": {
            "risk_of_neet": {"students": 1, "matched": 1, "unmatched": 0, "first_choice": 1,
                             "first_choice_share": 1.0},
            "none": {"students": 3, "matched": 1, "unmatched": 2, "first_choice": 1,
                     "first_choice_share": 0.3333},
        },
    }
    assert done.stdout == ""
    assert "4 students: 2 placed (50.0%), 2 with their first choice" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["instance.json", "result.json"]


def test_standard_input_to_standard_output():
    done = careershub("allocate", "-", "-v", "0", stdin=json.dumps(INSTANCE))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["assignments"]["s3"] == "p1"
    assert done.stderr == ""


def test_a_bad_instance_exits_non_zero_naming_the_field_and_writes_nothing(tmp_path):
    bad = json.loads(json.dumps(INSTANCE))
    bad["students"][3]["choices"] = ["p1", "p7"]
    source = write(tmp_path / "bad.json", bad)
    result = write(tmp_path / "result.json", "earlier result")
    done = careershub("allocate", str(source), "--output", str(result))
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f'CommandError: {source}: students[3] ("s4").choices[1]: unknown placement id "p7"')
    assert result.read_text() == "earlier result"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json", "result.json"]


@pytest.mark.parametrize(("text", "message"), [
    ('{"students": [], "placements": [}', "not valid JSON: Expecting value at line 1, column 33"),
    ('{"students": [], "placements": [{"id": "p1", "capacity": -2}]}',
     'placements[0] ("p1").capacity: must not be negative, got -2'),
    ('{"students": [{"id": "a", "choices": []}, {"id": "a", "choices": []}], "placements": []}',
     'students[1] ("a").id: duplicate student id "a" (also students[0])'),
    ('{"students": [{"id": "a", "choices": []}], "placements": [{"id": "p", "capacity": 1, "ranking": ["b"]}]}',
     'placements[0] ("p").ranking[0]: unknown student id "b"'),
])
def test_messages_for_bad_files(tmp_path, text, message):
    source = write(tmp_path / "instance.json", text)
    done = careershub("allocate", str(source), "--output", str(tmp_path / "out.json"))
    assert done.returncode == 1
    assert done.stderr.strip() == f"CommandError: {source}: {message}"
    assert not (tmp_path / "out.json").exists()


def test_a_missing_file_and_an_unwritable_output(tmp_path):
    done = careershub("allocate", str(tmp_path / "absent.json"))
    assert done.returncode == 1
    assert done.stderr.strip() == f"CommandError: cannot read {tmp_path / 'absent.json'}: No such file or directory"
    source = write(tmp_path / "instance.json", INSTANCE)
    done = careershub("allocate", str(source), "--output", str(tmp_path / "no-such-folder" / "out.json"))
    assert done.returncode == 1
    assert "CommandError: cannot write" in done.stderr


def test_explain_prints_one_line_per_student(tmp_path):
    source = write(tmp_path / "instance.json", INSTANCE)
    done = careershub("allocate", str(source), "-o", str(tmp_path / "r.json"), "--explain", "s3", "--explain", "s1")
    assert done.returncode == 0, done.stderr
    s3, s1 = (json.loads(line) for line in done.stdout.splitlines())
    assert s3 == {"student": "s3", "placement": "p1", "choice": 1, "higher_choices": []}
    assert s1["placement"] is None and s1["choice"] is None
    by_placement, by_policy = s1["higher_choices"]
    assert by_placement == {"choice": 1, "placement": "p3", "outcome": "full", "ranked_by": "placement",
                            "capacity": 1, "position": 2, "last_admitted": "s2", "last_admitted_position": 1}
    assert by_policy["placement"] == "p1" and by_policy["ranked_by"] == "policy"
    assert by_policy["last_admitted"] == "s3" and by_policy["last_admitted_position"] == 1
    assert by_policy["position"] in (2, 3)
    assert by_policy["priority"]["priority_group"] is None
    assert by_policy["last_admitted_priority"]["priority_group"] == "risk_of_neet"

    done = careershub("allocate", str(source), "-o", str(tmp_path / "r.json"), "--explain", "s9")
    assert done.returncode == 1 and 'no student "s9" in this instance' in done.stderr
    done = careershub("allocate", str(source), "--explain", "s1")
    assert done.returncode == 1 and "--explain prints to standard output" in done.stderr


def test_the_seed_option_replaces_the_policy_seed(tmp_path):
    data = {"students": [{"id": f"s{n}", "choices": ["p"]} for n in range(30)],
            "placements": [{"id": "p", "capacity": 1}], "policy": {"seed": 1}}
    source = write(tmp_path / "instance.json", data)
    winners = set()
    for seed in ("1", "2", "3", "4"):
        out = StringIO()
        call_command("allocate", str(source), "--seed", seed, "-v", "0", stdout=out)
        winners.add(next(s for s, p in json.loads(out.getvalue())["assignments"].items() if p))
    out = StringIO()
    call_command("allocate", str(source), "-v", "0", stdout=out)
    assert next(s for s, p in json.loads(out.getvalue())["assignments"].items() if p) == reference_winner(data)
    assert len(winners) > 1


def reference_winner(data):
    return next(s for s, p in reference_allocation(data).items() if p)


def test_through_django_as_any_other_command(tmp_path):
    """The same command under Django's own command runner (apps loaded), as the Django side will call it."""
    source = write(tmp_path / "instance.json", INSTANCE)
    call_command("allocate", str(source), output=str(tmp_path / "r.json"), verbosity=0)
    assert json.loads((tmp_path / "r.json").read_text())["assignments"] == reference_allocation(INSTANCE)
    with pytest.raises(CommandError, match=r'students\[1\] \("s2"\): missing "choices"'):
        write(source, {"students": [{"id": "s1", "choices": []}, {"id": "s2"}], "placements": []})
        call_command("allocate", str(source), output=str(tmp_path / "r.json"), verbosity=0)


def test_the_same_answer_as_the_matching_package(tmp_path):
    """The `matching` package's resident-optimal HospitalResident solution (a benchmark-only
    dependency: skipped where it is not installed)."""
    pytest.importorskip("matching")
    from matching.games import HospitalResident

    rng = random.Random(11)
    placement_ids = [f"p{n}" for n in range(40)]
    students = [{"id": f"s{n}", "choices": rng.sample(placement_ids, 5)} for n in range(150)]
    placements = []
    for placement_id in placement_ids:
        applicants = [s["id"] for s in students if placement_id in s["choices"]]
        rng.shuffle(applicants)
        placements.append({"id": placement_id, "capacity": rng.randint(1, 8), "ranking": applicants})
    data = {"students": students, "placements": placements}
    source = write(tmp_path / "instance.json", data)
    done = careershub("allocate", str(source), "-o", str(tmp_path / "r.json"))
    assert done.returncode == 0, done.stderr
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(
            {s["id"]: s["choices"] for s in students},
            {p["id"]: p["ranking"] for p in placements},
            {p["id"]: p["capacity"] for p in placements},
        )
        solution = game.solve(optimal="resident")
    theirs = {s["id"]: None for s in students}
    for hospital, residents in solution.items():
        for resident in residents:
            theirs[resident.name] = hospital.name
    assert json.loads((tmp_path / "r.json").read_text())["assignments"] == theirs
