"""The hub dashboard's figures for a known partnership, its CSV downloads, its JSON and its queries."""
import csv
import io

import pytest

from careershub.advisers.models import AdviserMatch
from careershub.advisers.tests.factories import EnterpriseAdviserFactory
from careershub.network import dashboard
from careershub.network.models import School
from careershub.network.tests.factories import EmployerFactory, SchoolFactory

pytestmark = pytest.mark.django_db

ENGAGED, TARGET, DECLINED = School.Status.ENGAGED, School.Status.TARGET, School.Status.DECLINED


@pytest.fixture
def known(cast):
    """On top of the cast (Northfield: North, engaged, with an adviser; Southgate: South, engaged,
    without one):

    North: +2 engaged (one with a current adviser, one whose match ended), 1 target, 1 declined
    South: +1 engaged with an adviser, 2 target
    no area hub: 1 engaged
    Employers: the cast's two manufacturers (medium) plus four, three of them cornerstone.
    """
    p, north, south = cast.partnership, cast.area_hub, cast.other_area_hub
    nhs = EmployerFactory(partnership=p, name="Riverside NHS Trust", sic_section="Q", size_band="large", is_cornerstone=True)
    club = EmployerFactory(partnership=p, name="Port Vale FC", sic_section="R", size_band="medium", is_cornerstone=True)
    EmployerFactory(partnership=p, name="=Danger Builders", sic_section="F", size_band="small", is_cornerstone=True)
    EmployerFactory(partnership=p, name="Tiny Tech", sic_section="J", size_band="micro")

    matched = SchoolFactory(partnership=p, area_hub=north, status=ENGAGED, name="North Matched")
    formerly = SchoolFactory(partnership=p, area_hub=north, status=ENGAGED, name="North Formerly")
    SchoolFactory(partnership=p, area_hub=north, status=TARGET)
    SchoolFactory(partnership=p, area_hub=north, status=DECLINED)
    south_matched = SchoolFactory(partnership=p, area_hub=south, status=ENGAGED)
    SchoolFactory(partnership=p, area_hub=south, status=TARGET)
    SchoolFactory(partnership=p, area_hub=south, status=TARGET)
    SchoolFactory(partnership=p, area_hub=None, status=ENGAGED, name="Hubless College")

    busy = EnterpriseAdviserFactory(partnership=p, employer=club, area_hub=south, capacity=3)
    AdviserMatch.objects.create(adviser=busy, school=matched, started_on="2026-09-01")
    AdviserMatch.objects.create(adviser=busy, school=south_matched, started_on="2026-09-01")
    AdviserMatch.objects.create(adviser=busy, school=formerly, started_on="2025-09-01", ended_on="2026-07-01")
    EnterpriseAdviserFactory(partnership=p, employer=nhs, is_active=False)
    return cast


def rows(table):
    return {row[0]: row[1:] for row in table.rows}


def test_the_figures_for_the_whole_partnership(known):
    d = dashboard.figures_for(known.hub_manager)
    assert (d.overall.engaged, d.overall.total, d.overall.target, d.overall.declined) == (6, 10, 3, 1)
    assert d.overall.with_adviser == 3
    assert [r.label for r in d.by_area_hub] == ["North", "South", "No area hub"]
    assert rows(d.tables["engagement"]) == {
        "North": (3, 1, 1, 5, "3 of 5"),
        "South": (2, 2, 0, 4, "2 of 4"),
        "No area hub": (1, 0, 0, 1, "1 of 1"),
        "All area hubs": (6, 3, 1, 10, "6 of 10"),
    }
    assert rows(d.tables["advisers"]) == {
        "North": (3, 2, 1, "2 of 3"),
        "South": (2, 1, 1, "1 of 2"),
        "No area hub": (1, 0, 1, "0 of 1"),
        "All area hubs": (6, 3, 3, "3 of 6"),
    }
    assert d.tables["cornerstone"].rows == [
        ("=Danger Builders", "Construction", "Small (10–49)"),
        ("Port Vale FC", "Arts, entertainment and recreation", "Medium (50–249)"),
        ("Riverside NHS Trust", "Human health and social work activities", "Large (250 or more)"),
    ]
    assert d.tables["sectors"].rows == [
        ("Manufacturing", 2),
        ("Arts, entertainment and recreation", 1),
        ("Construction", 1),
        ("Human health and social work activities", 1),
        ("Information and communication", 1),
    ]
    assert d.tables["sizes"].rows == [
        ("Micro (0–9 employees)", 1), ("Small (10–49)", 1), ("Medium (50–249)", 3), ("Large (250 or more)", 1),
    ]
    assert d.employers_total == 6
    # Active advisers only: the cast's adviser and the club's; the NHS adviser is inactive.
    assert (d.active_advisers, d.adviser_employers) == (2, 2)
    assert [b.percent_of_largest for b in d.by_size] == [33, 33, 100, 33]


def test_an_enterprise_coordinator_sees_their_area_hub(known):
    d = dashboard.figures_for(known.enterprise_coordinator)
    assert [r.label for r in d.by_area_hub] == ["North"]
    assert (d.overall.engaged, d.overall.total, d.overall.with_adviser) == (3, 5, 2)
    assert d.scope_label == "North" and not d.whole_partnership
    assert d.employers_total == 6  # employers are partnership-wide


def test_an_analyst_sees_the_whole_partnership(known):
    d = dashboard.figures_for(known.analyst)
    assert (d.overall.engaged, d.overall.total) == (6, 10)


def test_the_page_shows_each_figure_with_its_chart_table_and_download(known, client_for):
    page = client_for(known.hub_manager).get("/network/dashboard/").content.decode()
    assert "6 of 10" in page and "schools and colleges engaged" in page
    assert "3 target only, 1 declined" in page
    assert "3 of 6" in page and "engaged schools have an enterprise adviser" in page
    assert 'href="/advisers/schools-without-an-adviser/">3 without an adviser</a>' in page
    assert page.count('class="ch-chart" aria-hidden="true"') == 4
    assert page.count('<table class="govuk-table">') == 5
    for figure in dashboard.FIGURES:
        assert f'href="?format=csv&amp;figure={figure}"' in page
    assert "Riverside NHS Trust" in page and "2 active enterprise advisers from 2 employers" in page


def test_analysts_are_not_sent_to_matching(known, client_for):
    page = client_for(known.analyst).get("/network/dashboard/").content.decode()
    assert "/advisers/schools-without-an-adviser/" not in page


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_each_figure_downloads_as_the_table_beside_its_chart(known, client_for):
    client = client_for(known.hub_manager)
    response = client.get("/network/dashboard/?format=csv&figure=engagement")
    assert response["Content-Disposition"] == 'attachment; filename="hub-dashboard-engagement.csv"'
    assert read_csv(response) == [
        ["Area hub", "Engaged", "Target only", "Declined", "All schools", "Engaged of all"],
        ["North", "3", "1", "1", "5", "3 of 5"],
        ["South", "2", "2", "0", "4", "2 of 4"],
        ["No area hub", "1", "0", "0", "1", "1 of 1"],
        ["All area hubs", "6", "3", "1", "10", "6 of 10"],
    ]
    assert read_csv(client.get("/network/dashboard/?format=csv&figure=advisers"))[-1] == [
        "All area hubs", "6", "3", "3", "3 of 6"]
    assert read_csv(client.get("/network/dashboard/?format=csv&figure=sizes"))[1:] == [
        ["Micro (0–9 employees)", "1"], ["Small (10–49)", "1"], ["Medium (50–249)", "3"], ["Large (250 or more)", "1"]]
    assert read_csv(client.get("/network/dashboard/?format=csv&figure=sectors"))[1] == ["Manufacturing", "2"]


def test_a_name_that_looks_like_a_formula_is_defused_in_the_csv(known, client_for):
    table = read_csv(client_for(known.hub_manager).get("/network/dashboard/?format=csv&figure=cornerstone"))
    assert table[0] == ["Employer", "Sector", "Size"]
    assert table[1] == ["'=Danger Builders", "Construction", "Small (10–49)"]


def test_an_unknown_figure_is_a_clear_error(known, client_for):
    response = client_for(known.hub_manager).get("/network/dashboard/?format=csv&figure=everything")
    assert response.status_code == 400
    assert response.content.decode() == (
        "There is no figure called ‘everything’. Choose one of: engagement, advisers, cornerstone, sectors, sizes."
    )
    missing = client_for(known.hub_manager).get("/network/dashboard/?format=csv")
    assert missing.status_code == 400 and missing.content.decode().startswith("Say which figure to download.")


def test_a_coordinators_csv_is_scoped_like_their_page(known, client_for):
    table = read_csv(client_for(known.enterprise_coordinator).get("/network/dashboard/?format=csv&figure=engagement"))
    assert [row[0] for row in table[1:]] == ["North", "Your area hubs"]


def test_the_api_serves_the_same_figures(known, client_for):
    data = client_for(known.hub_manager).get("/api/network/dashboard").json()
    assert data["schools"] == {"engaged": 6, "target_only": 3, "declined": 1, "total": 10, "engaged_with_adviser": 3}
    assert data["employers"] == {"total": 6, "cornerstone": 3, "with_active_advisers": 2, "active_advisers": 2}
    assert data["figures"]["engagement"]["rows"][-1] == ["All area hubs", 6, 3, 1, 10, "6 of 10"]
    assert set(data["figures"]) == set(dashboard.FIGURES)


def test_an_empty_partnership_shows_zeros_not_errors(db, client_for):
    from careershub.accounts.roles import Role
    from careershub.accounts.tests.factories import RoleAssignmentFactory, UserFactory
    from careershub.network.tests.factories import PartnershipFactory

    manager = UserFactory(username="new_manager")
    RoleAssignmentFactory(user=manager, role=Role.HUB_MANAGER, partnership=PartnershipFactory(slug="new", name="New Hub"))
    response = client_for(manager).get("/network/dashboard/")
    page = response.content.decode()
    assert response.status_code == 200 and "0 of 0" in page and "None yet." in page


def add_schools(cast, n):
    for i in range(n):
        school = SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub if i % 2 else cast.other_area_hub,
                               status=[ENGAGED, TARGET, DECLINED][i % 3])
        employer = EmployerFactory(partnership=cast.partnership, sic_section="CFJQR"[i % 5], is_cornerstone=i % 4 == 0)
        if i % 3 == 0:
            adviser = EnterpriseAdviserFactory(partnership=cast.partnership, employer=employer)
            AdviserMatch.objects.create(adviser=adviser, school=school, started_on="2026-09-01")


@pytest.mark.parametrize("schools", [3, 40])
def test_the_dashboard_uses_the_same_queries_however_many_schools(cast, client_for, django_assert_max_num_queries, schools):
    add_schools(cast, schools)
    client = client_for(cast.hub_manager)
    with django_assert_max_num_queries(10):  # the nine figures and the action plan's summary
        assert client.get("/network/dashboard/").status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get("/network/dashboard/?format=csv&figure=sectors").status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get("/api/network/dashboard").status_code == 200

