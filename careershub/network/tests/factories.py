import factory

from careershub.network import models


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Partnership
        django_get_or_create = ("slug",)

    name = "Test Careers Partnership"
    slug = "test"
    local_authority = "Test City Council"


class AreaHubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AreaHub

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Area hub {n}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.School

    partnership = factory.SubFactory(PartnershipFactory)
    area_hub = factory.SubFactory(AreaHubFactory, partnership=factory.SelfAttribute("..partnership"))
    urn = factory.Sequence(lambda n: f"{100000 + n}")
    name = factory.Sequence(lambda n: f"School {n} Academy")
    status = models.School.Status.ENGAGED


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Employer

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Employer {n} Ltd")
    sic_section = "C"
    size_band = models.Employer.SizeBand.MEDIUM


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Provider

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Provider {n}")
    kind = models.Provider.Kind.COMMUNITY_ORGANISATION
