"""The skills passport section of a young person's record page."""
from . import selectors


def passport_section(user, young_person):
    return {
        "title": "Skills passport",
        "template": "passport/record_section.html",
        "context": {"summary": selectors.passport_summary(young_person), "young_person": young_person,
                    "is_self": selectors.is_the_young_person(user, young_person)},
    }
