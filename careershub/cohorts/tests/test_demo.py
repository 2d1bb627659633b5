"""The demo city's ambassador cohorts, built on the small demo city: two cohorts with schools and
senior employers, an imbalance in applications the selection partly corrects, activities with
attendance, withdrawals with reasons, and the same cohorts from the same seed."""
import random
from datetime import date

import pytest
from django.test import override_settings

from careershub.cohorts.demo import load_demo_cohorts
from careershub.cohorts.models import ActivityAttendance, Cohort, CohortApplication
from careershub.demo import city as demo_city
from careershub.network.models import Partnership

AS_OF = date(2026, 11, 25)
pytestmark = pytest.mark.django_db


def describe() -> list[tuple]:
    return list(CohortApplication.objects.order_by("cohort__title", "young_person__upn").values_list(
        "cohort__title", "young_person__upn", "status", "withdrawal_reason", "statement"))


def share(applications, sex) -> float:
    return sum(1 for a in applications if a.young_person.sex == sex) / len(applications)


@pytest.fixture
def partnership():
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        demo_city.build(size="small", seed=2026, as_of=AS_OF)
    return Partnership.objects.get(slug=demo_city.DEMO_SLUG)


def test_two_realistic_cohorts_from_the_same_seed_every_time(partnership):
    # The demo city loads its cohorts; load them again from the same seed to see they are the same.
    Cohort.objects.all().delete()
    made = load_demo_cohorts(partnership=partnership, today=AS_OF, rng=random.Random("cohorts/2026"))
    assert len(made) == 2
    engineering, health = (Cohort.objects.get(theme=t) for t in ("engineering_manufacturing", "health_care"))
    assert engineering.status == "running" and health.status == "selecting"
    for cohort, majority in ((engineering, "M"), (health, "F")):
        assert cohort.cohort_schools.count() >= 2 and cohort.panel.exists()
        applications = list(cohort.applications.select_related("young_person"))
        schools = {a.young_person.school_id for a in applications}
        assert len(schools) >= 2
        selected = [a for a in applications if a.status == "selected"]
        assert share(applications, majority) > 0.6
        assert share(selected, majority) < share(applications, majority)
        assert cohort.applications.filter(status="withdrawn").exclude(withdrawal_reason="").exists()
        assert cohort.activities.count() >= 6
    assert ActivityAttendance.objects.filter(activity__cohort=engineering).exists()
    assert engineering.applications.filter(status="withdrawn").count() == 2

    first = describe()
    Cohort.objects.all().delete()
    load_demo_cohorts(partnership=partnership, today=AS_OF, rng=random.Random("cohorts/2026"))
    assert describe() == first
