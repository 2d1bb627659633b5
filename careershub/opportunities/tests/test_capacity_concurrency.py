"""Accepting never gives more places than an opportunity has, even when the host's contacts accept at
the same moment: the opportunity's row is locked while accepted applications are counted.

Only PostgreSQL has row locks and concurrent writers; SQLite runs one writer at a time, so the test is
skipped there.
"""
import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from careershub.opportunities import application_services as services
from careershub.opportunities.models import Application, Placement
from careershub.opportunities.tests.factories import ApplicationFactory, OpportunityFactory

APPLICANTS = 12
CAPACITY = 3


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


pytestmark = [
    pytest.mark.skipif(not on_postgresql(), reason="row locks and concurrent writers need PostgreSQL; SQLite has one writer"),
    pytest.mark.django_db(transaction=True),
]


def test_concurrent_acceptances_never_exceed_the_places(cast):
    starts_on = timezone.localdate() + timedelta(days=30)
    opportunity = OpportunityFactory(employer=cast.employer, partnership=cast.partnership, capacity=CAPACITY,
                                     starts_on=starts_on, ends_on=starts_on + timedelta(days=4))
    applications = ApplicationFactory.create_batch(APPLICANTS, opportunity=opportunity)
    host = cast.employer_contact
    start = threading.Barrier(APPLICANTS)
    accepted, refused, failed = [], [], []

    def accept(application):
        try:
            start.wait()
            services.application_accept(acting_user=host, application=application)
            accepted.append(application.pk)
        except ValidationError as error:
            refused.append(" ".join(error.messages))
        except Exception as error:  # noqa: BLE001 - reported below
            failed.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert failed == []
    assert len(accepted) == CAPACITY
    assert refused == [f"All {CAPACITY} places are taken"] * (APPLICANTS - CAPACITY)
    assert Application.objects.filter(opportunity=opportunity, status=Application.Status.ACCEPTED).count() == CAPACITY
    assert Placement.objects.filter(application__opportunity=opportunity).count() == CAPACITY
