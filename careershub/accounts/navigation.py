"""The links in the service navigation, by role. Each app adds its own through NAVIGATION."""
from django.urls import NoReverseMatch, reverse

from .roles import Role

# (url name, label, roles that see the link) in display order.
NAVIGATION: list[tuple[str, str, tuple[str, ...]]] = [
    ("accounts:home", "Home", tuple(Role)),
    ("network:directory", "Network", (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.ANALYST, Role.ADMIN)),
    ("advisers:list", "Enterprise advisers", (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.ANALYST, Role.ADMIN)),
    ("young_people:school_list", "Young people",
     (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.CAREERS_LEADER, Role.TEACHER)),
    ("benchmarks:my_school", "Gatsby Benchmarks", (Role.CAREERS_LEADER, Role.TEACHER)),
    ("benchmarks:school_list", "Gatsby Benchmarks",
     (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.ANALYST, Role.EMPLOYER_CONTACT, Role.ENTERPRISE_ADVISER)),
    ("opportunities:list", "Opportunities", tuple(Role)),
    ("opportunities:my_applications", "My applications", (Role.YOUNG_PERSON, Role.PARENT_CARER)),
    ("opportunities:hosted", "Our opportunities", (Role.EMPLOYER_CONTACT,)),
    ("opportunities:review_queue", "Approvals", (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR)),
    ("allocation:round_list", "Allocation rounds",
     (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.CAREERS_LEADER, Role.YOUNG_PERSON)),
    ("opportunities:school_applications", "Applications", (Role.CAREERS_LEADER, Role.TEACHER)),
    ("opportunities:placements", "Placements",
     (Role.CAREERS_LEADER, Role.TEACHER, Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.EMPLOYER_CONTACT)),
    ("opportunities:group_encounters", "Group encounters", (Role.CAREERS_LEADER, Role.TEACHER)),
    ("opportunities:pledge", "Pledge",
     (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.CAREERS_LEADER, Role.TEACHER, Role.ANALYST)),
    ("plans:adviser_home", "Personal guidance", (Role.CAREERS_ADVISER,)),
    ("mentoring:caseload", "Mentoring", (Role.MENTOR,)),
    ("mentoring:school_referrals", "Mentoring", (Role.CAREERS_LEADER, Role.TEACHER)),
    ("mentoring:safeguarding_leads", "Safeguarding leads", (Role.HUB_MANAGER, Role.CAREERS_LEADER)),
    ("plans:my_plan", "Career plan", (Role.YOUNG_PERSON,)),
    ("passport:mine", "Skills passport", (Role.YOUNG_PERSON,)),
    ("cohorts:list", "Ambassador cohorts",
     (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.CAREERS_LEADER, Role.EMPLOYER_CONTACT, Role.YOUNG_PERSON)),
    ("young_people:children_overview", "Overview", (Role.PARENT_CARER,)),
    ("passport:queue", "Endorsements", (Role.EMPLOYER_CONTACT, Role.ENTERPRISE_ADVISER)),
    ("passport:framework_list", "Skills framework", (Role.HUB_MANAGER,)),
    ("accounts:school_staff", "Staff", (Role.CAREERS_LEADER,)),
    ("accounts:people", "People", (Role.HUB_MANAGER, Role.ADMIN)),
    ("accounts:audit_log", "Audit log", (Role.HUB_MANAGER, Role.ADMIN)),
]


def links_for(user) -> list[dict]:
    links = []
    for url_name, label, allowed in NAVIGATION:
        if any(link["label"] == label for link in links):
            continue  # one link per label, for people whose roles reach the same section two ways
        if user.has_any_role(allowed):
            try:
                links.append({"url": reverse(url_name), "label": label})
            except NoReverseMatch:
                continue
    return links
