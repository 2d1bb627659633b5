import datetime

import factory

from careershub.network.tests.factories import EmployerFactory
from careershub.opportunities import models
from careershub.opportunities.kinds import Kind, rules_for
from careershub.young_people.tests.factories import YoungPersonFactory


class OpportunityFactory(factory.django.DjangoModelFactory):
    """An approved work experience placement for years 10 and 11 (needs safeguarding)."""

    class Meta:
        model = models.Opportunity

    employer = factory.SubFactory(EmployerFactory)
    partnership = factory.SelfAttribute("employer.partnership")
    kind = Kind.WORK_EXPERIENCE
    title = factory.Sequence(lambda n: f"Engineering week {n}")
    summary = "A week in our machine shop, working alongside apprentices."
    benchmarks = factory.LazyAttribute(lambda o: list(rules_for(o.kind).benchmarks))
    sic_section = "C"
    year_group_from = 10
    year_group_to = 11
    capacity = 4
    starts_on = datetime.date(2027, 2, 15)
    ends_on = datetime.date(2027, 2, 19)
    daily_times = "9am to 3pm"
    postcode = "ST4 2RS"
    address = "Unit 4, Kiln Lane, Stoke-on-Trent"
    daily_plan = "Monday: safety induction. Tuesday to Thursday: shadowing an apprentice. Friday: a small project."
    what_to_bring = "Packed lunch; safety boots are provided."
    supervision = "Jo Patel, apprentice manager, supervises all week."
    supervisor_name = "Jo Patel"
    status = models.Opportunity.Status.APPROVED


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Application

    opportunity = factory.SubFactory(OpportunityFactory)
    young_person = factory.SubFactory(YoungPersonFactory)
    interest = "I want to be an engineer and I like making things."
    availability = ""
    shared = factory.LazyFunction(lambda: ["school", "year_group"])


class EncounterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Encounter

    young_person = factory.SubFactory(YoungPersonFactory)
    kind = Kind.CAREERS_TALK
    counts_as = factory.LazyAttribute(lambda o: rules_for(o.kind).counts_as)
    title = "Careers talk: life as an engineer"
    occurred_on = datetime.date(2026, 10, 1)
    source = models.Encounter.Source.MANUAL
