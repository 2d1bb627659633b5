"""The personal guidance section of a young person's record page."""
from . import selectors


def guidance_section(user, young_person):
    return {
        "title": "Personal guidance",
        "template": "plans/record_guidance.html",
        "context": {
            "interviews": list(selectors.interviews_of(young_person)),
            "may_record": selectors.may_record_interview(user, young_person),
            "young_person": young_person,
        },
    }


def plan_section(user, young_person):
    plans = selectors.plans_of(young_person)
    return {
        "title": "Career plan",
        "template": "plans/record_plan.html",
        "context": {"plan": plans[0] if plans else None, "young_person": young_person,
                    "is_self": young_person.user_id == user.pk},
    }
