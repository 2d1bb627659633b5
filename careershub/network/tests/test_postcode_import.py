"""careershub import postcodes: postcode locations for travel distances, all or nothing."""
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from careershub.core.models import AuditEntry
from careershub.network.models import PostcodeLocation

pytestmark = pytest.mark.django_db


def run(path):
    out, err = io.StringIO(), io.StringIO()
    call_command("import", "postcodes", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def locations():
    return sorted(PostcodeLocation.objects.values_list("postcode", "latitude", "longitude"))


def test_postcodes_are_loaded_normalised_and_a_second_import_updates(tmp_path):
    path = tmp_path / "postcodes.csv"
    path.write_text("postcode,latitude,longitude\nst42rs,53.0027,-2.1794\nST5 1AA,53.0109,-2.2278\n", encoding="utf-8")
    out, _ = run(path)
    assert out == "Imported postcode locations: 2 added, 0 updated, 0 unchanged\n"
    assert locations() == [("ST4 2RS", 53.0027, -2.1794), ("ST5 1AA", 53.0109, -2.2278)]
    path.write_text("Postcode,Latitude,Longitude\nST4 2RS,53.0030,-2.1794\nst5 1aa,53.0109,-2.2278\n", encoding="utf-8")
    out, _ = run(path)
    assert out == "Imported postcode locations: 0 added, 1 updated, 1 unchanged\n"
    assert PostcodeLocation.objects.count() == 2
    assert PostcodeLocation.objects.get(postcode="ST4 2RS").latitude == 53.0030
    assert AuditEntry.objects.filter(action="import", subject_type="network.postcodelocation", via="command").count() == 2


def test_a_bad_row_names_its_row_and_column_and_nothing_is_imported(tmp_path):
    path = tmp_path / "postcodes.csv"
    path.write_text("postcode,latitude,longitude\nST4 2RS,53.0027,-2.1794\nnot a postcode,53.1,-2.2\n"
                    "ST5 1AA,north,-2.2278\nM1 1AE,53.48,-200\nst42rs,53.0,-2.1\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"^Nothing imported: 4 problems in postcodes.csv$"):
        call_command("import", "postcodes", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "row 3, column postcode: “not a postcode” is not a UK postcode. Enter one like ST4 1AB",
        "row 4, column latitude: “north” is not a latitude. Enter it in decimal degrees, like 53.0027",
        "row 5, column longitude: -200 is not a longitude: it must be from -180 to 180",
        "row 6, column postcode: postcode “st42rs” is also on row 2. Each postcode can be in the file only once",
    ]
    assert PostcodeLocation.objects.count() == 0


def test_the_national_directory_file_is_read_by_its_pcds_lat_and_long_columns(tmp_path):
    path = tmp_path / "ONSPD.csv"
    path.write_text(
        "pcd,pcd2,pcds,dointr,doterm,lat,long,oseast1m\n"
        "ST4 2RS,ST4  2RS,ST4 2RS,198001,,53.0027,-2.1794,388000\n"
        "ZZ991ZZ,ZZ99 1ZZ,ZZ99 1ZZ,198001,,99.999999,0.000000,\n"
        "ST5 1AA,ST5  1AA,ST5 1AA,198001,,53.0109,-2.2278,384000\n", encoding="utf-8")
    out, _ = run(path)
    assert out == ("Imported postcode locations: 2 added, 0 updated, 0 unchanged; "
                   "1 postcode without a location left out\n")
    assert [p for p, _, _ in locations()] == ["ST4 2RS", "ST5 1AA"]


def test_the_national_directory_file_keeps_its_row_numbers_in_problems(tmp_path):
    path = tmp_path / "ONSPD.csv"
    path.write_text("pcds,lat,long\nST4 2RS,53.0027,-2.1794\nZZ99 1ZZ,99.999999,0.000000\nST5 1AA,53.0109,\n",
                    encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "postcodes", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().splitlines() == ["row 4, column long: Enter a longitude"]


def test_a_file_with_the_wrong_columns_is_refused(tmp_path):
    path = tmp_path / "postcodes.csv"
    path.write_text("postcode,lat\nST4 2RS,53.0\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "postcodes", str(path), stdout=io.StringIO(), stderr=err)
    assert "row 1, column lat: lat is not a column of this file" in err.getvalue()
