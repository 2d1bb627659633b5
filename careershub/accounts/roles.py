"""The roles people hold in the partnership, and what each role's scope is attached to."""
from django.db import models


class Role(models.TextChoices):
    HUB_MANAGER = "hub_manager", "Hub manager"
    ENTERPRISE_COORDINATOR = "enterprise_coordinator", "Enterprise coordinator"
    CAREERS_LEADER = "careers_leader", "Careers leader"
    TEACHER = "teacher", "Teacher"
    EMPLOYER_CONTACT = "employer_contact", "Employer contact"
    ENTERPRISE_ADVISER = "enterprise_adviser", "Enterprise adviser"
    MENTOR = "mentor", "Mentor"
    CAREERS_ADVISER = "careers_adviser", "Careers adviser"
    YOUNG_PERSON = "young_person", "Young person"
    PARENT_CARER = "parent_carer", "Parent or carer"
    ANALYST = "analyst", "Analyst"
    ADMIN = "admin", "Administrator"


# The kind of organisation each role is held within (the RoleAssignment field that must be set).
ROLE_SCOPE = {
    Role.HUB_MANAGER: "partnership",
    Role.ANALYST: "partnership",
    Role.ADMIN: "partnership",
    Role.ENTERPRISE_COORDINATOR: "area_hub",
    Role.CAREERS_LEADER: "school",
    Role.TEACHER: "school",
    Role.YOUNG_PERSON: "school",
    Role.PARENT_CARER: "partnership",
    Role.EMPLOYER_CONTACT: "employer",
    Role.ENTERPRISE_ADVISER: "employer",
    Role.MENTOR: "provider",
    Role.CAREERS_ADVISER: "provider",
}

# How each kind of organisation is named in sentences ("held within a school or college").
SCOPE_NOUNS = {
    "partnership": "the partnership",
    "area_hub": "an area hub",
    "school": "a school or college",
    "employer": "an employer",
    "provider": "a provider",
}

HUB_STAFF = (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR)
SCHOOL_STAFF = (Role.CAREERS_LEADER, Role.TEACHER)
# People who manage accounts and roles across a partnership.
PEOPLE_MANAGERS = (Role.HUB_MANAGER, Role.ADMIN)
# Roles given through people management. Young people's and parents' accounts belong to a record,
# so their school sets them up when it links the account to the young person.
GRANTED_BY_PEOPLE_MANAGERS = tuple(r for r in Role if r not in (Role.YOUNG_PERSON, Role.PARENT_CARER))
