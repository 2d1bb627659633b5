import datetime

import factory
from django.utils import timezone

from careershub.cohorts import models
from careershub.network.tests.factories import EmployerFactory, PartnershipFactory, SchoolFactory
from careershub.young_people.tests.factories import YoungPersonFactory


def today():
    return timezone.localdate()


class CohortFactory(factory.django.DjangoModelFactory):
    """A cohort for years 9 to 10 taking applications today."""

    class Meta:
        model = models.Cohort

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Engineering and manufacturing ambassadors {n}")
    theme = models.Cohort.Theme.ENGINEERING
    description = "Two years of workplace visits, masterclasses and projects with engineering employers."
    year_group_from = 9
    year_group_to = 10
    places = 10
    applications_open_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=10))
    applications_close_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=10))
    starts_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=700))
    status = models.Cohort.Status.OPEN


class CohortSchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CohortSchool

    cohort = factory.SubFactory(CohortFactory)
    school = factory.SubFactory(SchoolFactory, partnership=factory.SelfAttribute("..cohort.partnership"))
    employer = factory.SubFactory(EmployerFactory, partnership=factory.SelfAttribute("..cohort.partnership"))


class CohortApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CohortApplication

    cohort = factory.SubFactory(CohortFactory)
    young_person = factory.SubFactory(YoungPersonFactory)
    statement = "I have built a go-kart with my grandad and want to see how real factories work."


class PanelMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PanelMember

    cohort = factory.SubFactory(CohortFactory)


class CohortActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CohortActivity

    cohort = factory.SubFactory(CohortFactory)
    title = "Visit to the forge"
    occurs_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=1))
    kind = models.CohortActivity.Kind.WORKPLACE_VISIT
    description = "A morning at the forge, with the apprentices."


def cohort_for(cast, **kwargs):
    """A cohort with cast.school (senior employer cast.employer) and cast.other_school (cast.other_employer),
    cast.employer_contact on the panel, Amira applied and Ben applied."""
    cohort = CohortFactory(partnership=cast.partnership, **kwargs)
    CohortSchoolFactory(cohort=cohort, school=cast.school, employer=cast.employer)
    CohortSchoolFactory(cohort=cohort, school=cast.other_school, employer=cast.other_employer)
    return cohort


def pool_for(cast, **kwargs):
    """cohort_for, with cast.employer_contact on the panel and applications from Amira and Ben."""
    cohort = cohort_for(cast, **kwargs)
    PanelMemberFactory(cohort=cohort, user=cast.employer_contact)
    amira = CohortApplicationFactory(cohort=cohort, young_person=cast.young_person_record)
    ben = CohortApplicationFactory(cohort=cohort, young_person=cast.other_young_person_record)
    return cohort, amira, ben
