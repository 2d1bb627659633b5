import factory

from careershub.advisers import models
from careershub.network.tests.factories import EmployerFactory, PartnershipFactory


class EnterpriseAdviserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.EnterpriseAdviser

    partnership = factory.SubFactory(PartnershipFactory)
    employer = factory.SubFactory(EmployerFactory, partnership=factory.SelfAttribute("..partnership"))
    name = factory.Sequence(lambda n: f"Adviser {n}")
    email = factory.Sequence(lambda n: f"adviser{n}@example.org")
