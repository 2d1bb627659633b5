"""Round pages: what each person sees and may do, allowed and denied."""
import pytest

from careershub.allocation.models import AllocationRound, RoundChoice
from careershub.allocation.tests.matrix import closed_round, first_run, host_entry, open_round, published_round, round_data

pytestmark = pytest.mark.django_db


def test_hub_staff_set_up_a_round_with_the_policy_preselected(cast, client_for):
    client = client_for(cast.hub_manager)
    page = client.get("/allocation/rounds/new/?policy=fewest_first&year_group_from=10&year_group_to=11")
    assert page.status_code == 200
    assert 'value="fewest_first" checked' in page.content.decode()
    response = client.post("/allocation/rounds/new/", round_data(cast))
    created = AllocationRound.objects.get(name="Spring taster days")
    assert response.status_code == 302 and created.policy_order == ["fewest_experiences", "priority_group"]
    assert client_for(cast.careers_leader).get("/allocation/rounds/new/").status_code == 403


def test_round_detail_compares_runs_side_by_side(cast, client_for, django_assert_max_num_queries):
    allocation_round = closed_round(cast)
    client = client_for(cast.hub_manager)
    client.post(f"/allocation/rounds/{allocation_round.pk}/run/")
    with django_assert_max_num_queries(16):
        page = client.get(f"/allocation/rounds/{allocation_round.pk}/")
    text = page.content.decode()
    assert "Runs compared side by side" in text and "Run 1" in text and "Run 2" in text
    assert "Choices per place" in text and "Publish<span" in text
    assert client_for(cast.young_person).get(f"/allocation/rounds/{allocation_round.pk}/").status_code == 403
    assert client_for(cast.outsider).get(f"/allocation/rounds/{allocation_round.pk}/").status_code == 403


def test_young_person_ranks_choices_with_errors_beside_duplicates(cast, client_for):
    allocation_round = open_round(cast)
    entry = host_entry(cast)
    client = client_for(cast.young_person)
    page = client.get(f"/allocation/rounds/{allocation_round.pk}/my-choices/")
    assert "1st choice" in page.content.decode() and "3rd choice" in page.content.decode()
    response = client.post(f"/allocation/rounds/{allocation_round.pk}/my-choices/",
                           {"choice_1": entry.opportunity_id, "choice_2": entry.opportunity_id})
    assert response.status_code == 400
    assert "You have already chosen this as your 1st choice" in response.content.decode()
    response = client.post(f"/allocation/rounds/{allocation_round.pk}/my-choices/", {"choice_1": entry.opportunity_id})
    assert response.status_code == 302
    assert RoundChoice.objects.filter(young_person=cast.young_person_record).count() == 1
    assert client_for(cast.parent_carer).get(f"/allocation/rounds/{allocation_round.pk}/my-choices/").status_code == 403


def test_young_person_sees_their_result_and_why(cast, client_for):
    allocation_round = open_round(cast)
    # Amira ranks only the other employer's week; Ben chose it too, and has fewer experiences.
    from careershub.allocation import services
    from careershub.opportunities.tests.factories import EncounterFactory

    theirs = allocation_round.round_opportunities.exclude(pk=host_entry(cast).pk).get()
    services.choices_set(acting_user=cast.young_person, round=allocation_round, young_person=cast.young_person_record,
                         opportunity_ids=[theirs.opportunity_id])
    EncounterFactory(young_person=cast.young_person_record, kind="work_experience")
    services.round_close(acting_user=cast.hub_manager, round=allocation_round)
    run = services.run_round(acting_user=cast.hub_manager, round=allocation_round)
    services.publish_run(acting_user=cast.hub_manager, run=run)
    page = client_for(cast.young_person).get(f"/allocation/rounds/{allocation_round.pk}/my-result/")
    text = page.content.decode()
    assert "You did not get a place in this round" in text
    assert ("Your 1st choice, Warehouse week at Kiln Logistics Ltd, had 1 place. It was full: places went first to "
            "young people with fewer experiences of a workplace so far. You had 1; the last person offered a place had 0."
            ) in text
    assert "Ben" not in text and "Lowe" not in text


def test_host_ranks_only_their_own_opportunitys_choosers(cast, client_for):
    entry = host_entry(cast)
    page = client_for(cast.employer_contact).get(f"/allocation/entries/{entry.pk}/ranking/")
    text = page.content.decode()
    assert "Amira K., Northfield Academy, year 10" in text and "Khan" not in text
    assert client_for(cast.other_employer_contact).get(f"/allocation/entries/{entry.pk}/ranking/").status_code == 404
    response = client_for(cast.employer_contact).post(f"/allocation/entries/{entry.pk}/ranking/",
                                                      {f"position_{cast.young_person_record.pk}": "0"})
    assert response.status_code == 400


def test_outcomes_paginated_csv_and_careers_leaders_only_their_pupils(cast, client_for, django_assert_max_num_queries):
    run = first_run(cast)
    client = client_for(cast.hub_manager)
    with django_assert_max_num_queries(12):
        page = client.get(f"/allocation/runs/{run.pk}/outcomes/")
    assert "Amira Khan" in page.content.decode() and "Ben Lowe" in page.content.decode()
    csv_text = client_for(cast.hub_manager).get(f"/allocation/runs/{run.pk}/outcomes/?format=csv").content.decode()
    assert csv_text.startswith("Young person,School")
    assert client_for(cast.careers_leader).get(f"/allocation/runs/{run.pk}/outcomes/").status_code == 404
    published_round(cast)
    text = client_for(cast.careers_leader).get(f"/allocation/runs/{run.pk}/outcomes/").content.decode()
    assert "Amira Khan" in text and "Ben Lowe" not in text


def test_round_list_for_each_person(cast, client_for):
    open_round(cast)
    assert "Make your choices" not in client_for(cast.hub_manager).get("/allocation/rounds/").content.decode()
    text = client_for(cast.young_person).get("/allocation/rounds/").content.decode()
    assert "Change your choices" in text
    assert "Rank the young people who chose" in client_for(cast.employer_contact).get("/allocation/rounds/").content.decode()
    assert client_for(cast.parent_carer).get("/allocation/rounds/").status_code == 403


def test_publish_needs_confirmation(cast, client_for):
    allocation_round = closed_round(cast)
    run = first_run(cast)
    client = client_for(cast.hub_manager)
    page = client.get(f"/allocation/rounds/{allocation_round.pk}/publish/?run={run.pk}")
    assert "A round is published once" in page.content.decode()
    assert client.post(f"/allocation/rounds/{allocation_round.pk}/publish/", {"run": run.pk}).status_code == 302
    assert client.post(f"/allocation/rounds/{allocation_round.pk}/publish/", {"run": run.pk}).status_code == 400


def test_api_choices_and_result(cast, client_for):
    allocation_round = open_round(cast)
    client = client_for(cast.young_person)
    response = client.put(f"/api/allocation/rounds/{allocation_round.pk}/my-choices",
                          data={"opportunity_ids": [host_entry(cast).opportunity_id] * 2}, content_type="application/json")
    assert response.status_code == 422
    allocation_round = published_round(cast)
    result = client.get(f"/api/allocation/rounds/{allocation_round.pk}/my-result").json()
    assert result["published"] and result["headline"].startswith("You got your 1st choice")
