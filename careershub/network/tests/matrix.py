from careershub.core.matrix import endpoint, page

HUB = ["hub_manager", "enterprise_coordinator"]
SEES_SCHOOL = HUB + ["analyst", "admin", "careers_leader", "teacher", "young_person", "enterprise_adviser"]
SEES_EMPLOYER = HUB + ["analyst", "admin", "employer_contact", "enterprise_adviser"]
SEES_PROVIDER = HUB + ["analyst", "admin", "mentor", "careers_adviser"]

ROWS = [
    page("network:hub_dashboard", lambda cast: "/network/dashboard/", HUB + ["analyst"]),
    page("network:school_detail", lambda cast: f"/network/schools/{cast.school.pk}/", SEES_SCHOOL),
    page("network:employer_detail", lambda cast: f"/network/employers/{cast.employer.pk}/", SEES_EMPLOYER),
    page("network:provider_detail", lambda cast: f"/network/providers/{cast.provider.pk}/", SEES_PROVIDER),
    page("network:my_school", lambda cast: "/network/my-school/", ["careers_leader", "teacher", "other_careers_leader"], ok=302),
    page("network:my_employer", lambda cast: "/network/my-employer/", ["employer_contact", "other_employer_contact"], ok=302),
    page("network:my_provider", lambda cast: "/network/my-organisation/", ["mentor", "careers_adviser"], ok=302),
    endpoint("GET /api/network/schools", lambda cast: "/api/network/schools", [
        "hub_manager", "enterprise_coordinator", "careers_leader", "teacher", "employer_contact", "enterprise_adviser",
        "mentor", "careers_adviser", "young_person", "parent_carer", "analyst", "admin", "other_careers_leader",
        "other_employer_contact", "outsider"]),
]
