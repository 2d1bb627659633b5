import datetime

import factory

from careershub.plans import models
from careershub.young_people.tests.factories import YoungPersonFactory


class GuidanceInterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.GuidanceInterview

    young_person = factory.SubFactory(YoungPersonFactory)
    held_on = datetime.date(2026, 11, 3)
    format = models.GuidanceInterview.Format.IN_PERSON
    discussed = "Interested in engineering; we looked at T Levels and apprenticeships."
