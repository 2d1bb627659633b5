import datetime

import factory

from careershub.network.tests.factories import SchoolFactory
from careershub.young_people import models


class YoungPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.YoungPerson

    school = factory.SubFactory(SchoolFactory)
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    year_group = 10
    date_of_birth = datetime.date(2011, 3, 14)
    upn = factory.Sequence(lambda n: f"A{n:012d}")
