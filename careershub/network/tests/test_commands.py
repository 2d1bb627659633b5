"""careershub import … and careershub export …"""
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from careershub.core.models import AuditEntry
from careershub.network.models import Employer, School
from careershub.network.tests.factories import PartnershipFactory

HEADER = "urn,name,phase,type,area_hub,status,postcode,website\n"
CONSOLE_SCRIPT = Path(sys.executable).with_name("careershub")


def run(*args, stdin=None):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_import_prints_the_counts(cast, tmp_path):
    path = tmp_path / "schools.csv"
    path.write_text(HEADER + "140001,Burslem Studio School,secondary,mainstream,North,engaged,,\n", encoding="utf-8")
    out, err = run("import", "schools", str(path))
    assert out == "Imported schools into Test Careers Partnership: 1 added, 0 updated, 0 unchanged\n"
    assert err == ""
    entry = AuditEntry.objects.get(action="import")
    assert (entry.actor, entry.via) == (None, "command")


@pytest.mark.django_db
def test_import_with_problems_prints_each_and_writes_nothing(cast, tmp_path):
    path = tmp_path / "schools.csv"
    path.write_text(HEADER + "140001,Burslem Studio School,secondary,mainstream,North,engaged,,\n"
                             "1400,Tunstall High,secondary,mainstream,Nowhere,target,,\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"^Nothing imported: 2 problems in schools.csv$"):
        call_command("import", "schools", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "row 3, column urn: A URN is six digits, like 124567",
        "row 3, column area_hub: There is no area hub called “Nowhere”. The area hubs are: North, South",
    ]
    assert not School.objects.filter(urn="140001").exists()


@pytest.mark.django_db
def test_export_writes_the_import_format_to_standard_output(cast):
    out, _ = run("export", "employers")
    assert out == (
        "name,sic_section,size_band,cornerstone,postcode,website\r\n"
        "Kiln Logistics Ltd,C,medium,no,,\r\n"
        "Potteries Precision Ltd,C,medium,no,,\r\n"
    )
    assert AuditEntry.objects.get(action="export").via == "command"


@pytest.mark.django_db
def test_with_several_partnerships_one_must_be_named(cast, tmp_path):
    PartnershipFactory(slug="riverford", name="Riverford Careers Hub")
    with pytest.raises(CommandError, match="There are several partnerships: say which with --partnership"):
        run("export", "schools")
    with pytest.raises(CommandError, match="There is no partnership nowhere. The partnerships are: riverford, test"):
        run("export", "schools", "--partnership", "nowhere")
    out, _ = run("export", "schools", "--partnership", "riverford")
    assert out == HEADER.replace("\n", "\r\n")


@pytest.mark.django_db
def test_a_missing_file_is_reported(cast, tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*missing.csv: No such file or directory"):
        run("import", "employers", str(tmp_path / "missing.csv"))


@pytest.mark.django_db
def test_an_employers_round_trip_through_the_command_line(cast, tmp_path):
    out, _ = run("export", "employers")
    path = tmp_path / "employers.csv"
    path.write_text(out.replace("Kiln Logistics Ltd,C,medium,no", "Kiln Logistics Ltd,H,large,yes"), encoding="utf-8")
    out, _ = run("import", "employers", str(path))
    assert out.endswith(": 0 added, 1 updated, 1 unchanged\n")
    assert Employer.objects.get(name="Kiln Logistics Ltd").sic_section == "H"


def test_the_console_script_exits_non_zero_and_prints_the_problems(tmp_path):
    """The real command line, end to end, on its own SQLite file."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["CAREERSHUB_SQLITE"] = str(tmp_path / "careershub.sqlite3")

    def careershub(*args):
        return subprocess.run([str(CONSOLE_SCRIPT), *args], env=env, capture_output=True, text=True, timeout=120)

    assert careershub("migrate", "-v0").returncode == 0
    setup = careershub("shell", "-c", (
        "from careershub.network.models import Partnership, AreaHub;"
        "p = Partnership.objects.create(name='Riverford Careers Hub', slug='riverford');"
        "AreaHub.objects.create(partnership=p, name='Northmoor')"
    ))
    assert setup.returncode == 0, setup.stderr

    bad = tmp_path / "bad.csv"
    bad.write_bytes((HEADER + "140001,Burslem Studio School,secondary,mainstream,Northmoor,engaged,,\n"
                              "140002,Tunstall High,secondary,mainstream,Northmoor,closed,,\n").encode("utf-8-sig"))
    refused = careershub("import", "schools", str(bad))
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[0] == (
        "row 3, column status: “closed” is not a status. Use one of: target, engaged, declined"
    )
    assert "Nothing imported: 1 problem in bad.csv" in refused.stderr

    good = tmp_path / "good.csv"
    good.write_text(HEADER + "140001,Burslem Studio School,secondary,mainstream,Northmoor,engaged,,\n", encoding="utf-8")
    imported = careershub("import", "schools", str(good))
    assert (imported.returncode, imported.stdout) == (
        0, "Imported schools into Riverford Careers Hub: 1 added, 0 updated, 0 unchanged\n"
    )
    exported = careershub("export", "schools")
    assert exported.returncode == 0
    assert exported.stdout.splitlines() == good.read_text().splitlines()
    (tmp_path / "exported.csv").write_text(exported.stdout, encoding="utf-8")
    again = careershub("import", "schools", str(tmp_path / "exported.csv"), "--partnership", "riverford")
    assert again.stdout.endswith(": 0 added, 0 updated, 1 unchanged\n")
