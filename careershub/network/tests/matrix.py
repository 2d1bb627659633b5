from careershub.core.matrix import EVERYONE, endpoint, page

HUB = ["hub_manager", "enterprise_coordinator"]
SEES_SCHOOL = HUB + ["analyst", "admin", "careers_leader", "teacher", "young_person", "enterprise_adviser"]
SEES_EMPLOYER = HUB + ["analyst", "admin", "employer_contact", "enterprise_adviser"]
SEES_PROVIDER = HUB + ["analyst", "admin", "mentor", "careers_adviser"]

ROWS = [
    page("network:hub_dashboard", lambda cast: "/network/dashboard/", HUB + ["analyst"]),
    page("network:hub_dashboard", lambda cast: "/network/dashboard/?format=csv&figure=engagement", HUB + ["analyst"],
         note="a figure's table as CSV"),
    page("network:school_detail", lambda cast: f"/network/schools/{cast.school.pk}/", SEES_SCHOOL),
    page("network:employer_detail", lambda cast: f"/network/employers/{cast.employer.pk}/", SEES_EMPLOYER),
    page("network:provider_detail", lambda cast: f"/network/providers/{cast.provider.pk}/", SEES_PROVIDER),
    page("network:my_school", lambda cast: "/network/my-school/", ["careers_leader", "teacher", "other_careers_leader"], ok=302),
    page("network:my_employer", lambda cast: "/network/my-employer/", ["employer_contact", "other_employer_contact"], ok=302),
    page("network:my_provider", lambda cast: "/network/my-organisation/", ["mentor", "careers_adviser"], ok=302),
    endpoint("GET /api/network/dashboard", lambda cast: "/api/network/dashboard", HUB + ["analyst"]),
    endpoint("GET /api/network/schools", lambda cast: "/api/network/schools", [
        "hub_manager", "enterprise_coordinator", "careers_leader", "teacher", "employer_contact", "enterprise_adviser",
        "mentor", "careers_adviser", "young_person", "parent_carer", "analyst", "admin", "other_careers_leader",
        "other_employer_contact", "outsider"]),
]


# The directory: schools and colleges, employers, providers, area hubs and growth sectors ------------
DIRECTORY = HUB + ["analyst", "admin"]
MANAGER = ["hub_manager"]
SIGNED_IN = list(EVERYONE)


def _contact(cast):
    """The cast has no employer contacts: this row's URL adds one inside the test's transaction."""
    from careershub.network.models import EmployerContact

    contact, _ = EmployerContact.objects.get_or_create(
        employer=cast.employer, email="sam.patel@potteries.example", defaults={"name": "Sam Patel"}
    )
    return contact


def _growth_sector(cast):
    """The cast has no growth sectors: this row's URL adds one inside the test's transaction."""
    from careershub.network.models import GrowthSector

    GrowthSector.objects.get_or_create(partnership=cast.partnership, sic_section="C",
                                       defaults={"label": "Advanced manufacturing"})
    return "C"


NEW_SCHOOL = {"urn": "199001", "name": "Matrix Studio School", "phase": "secondary", "school_type": "mainstream",
              "status": "target"}
NEW_EMPLOYER = {"name": "Matrix Ceramics Ltd", "sic_section": "C", "size_band": "small"}

ROWS += [
    page("network:directory", lambda cast: "/network/", DIRECTORY),
    page("network:school_list", lambda cast: "/network/schools/", DIRECTORY),
    page("network:school_list", lambda cast: "/network/schools/?status=engaged&q=north&page=2", DIRECTORY,
         note="filtered, past the last page"),
    page("network:school_create", lambda cast: "/network/schools/add/", HUB),
    page("network:school_create", lambda cast: "/network/schools/add/", HUB, method="post", data={},
         note="an empty form is shown again with its errors"),
    page("network:school_edit", lambda cast: f"/network/schools/{cast.school.pk}/edit/", HUB),
    page("network:school_edit", lambda cast: f"/network/schools/{cast.school.pk}/edit/", HUB, method="post",
         data={}, note="an empty form is shown again with its errors"),
    page("network:school_edit", lambda cast: f"/network/schools/{cast.other_school.pk}/edit/", MANAGER,
         note="a school outside the coordinator's area hub"),
    page("network:school_import", lambda cast: "/network/schools/import/", HUB),
    page("network:school_import", lambda cast: "/network/schools/import/", HUB, method="post", data={},
         note="no file chosen"),
    page("network:school_export", lambda cast: "/network/schools/export/?status=engaged", DIRECTORY),
    page("network:employer_list", lambda cast: "/network/employers/", DIRECTORY),
    page("network:employer_list", lambda cast: "/network/employers/?growth_sector=yes&cornerstone=no", DIRECTORY,
         note="filtered"),
    page("network:employer_create", lambda cast: "/network/employers/add/", MANAGER),
    page("network:employer_create", lambda cast: "/network/employers/add/", MANAGER, method="post", data={},
         note="an empty form is shown again with its errors"),
    page("network:employer_edit", lambda cast: f"/network/employers/{cast.employer.pk}/edit/", MANAGER),
    page("network:employer_import", lambda cast: "/network/employers/import/", MANAGER),
    page("network:employer_import", lambda cast: "/network/employers/import/", MANAGER, method="post", data={},
         note="no file chosen"),
    page("network:employer_export", lambda cast: "/network/employers/export/", DIRECTORY),
    page("network:contact_create", lambda cast: f"/network/employers/{cast.employer.pk}/contacts/add/", MANAGER),
    page("network:contact_create", lambda cast: f"/network/employers/{cast.employer.pk}/contacts/add/", MANAGER,
         method="post", data={}, note="an empty form is shown again with its errors"),
    page("network:contact_edit",
         lambda cast: f"/network/employers/{cast.employer.pk}/contacts/{_contact(cast).pk}/edit/", MANAGER),
    page("network:contact_remove",
         lambda cast: f"/network/employers/{cast.employer.pk}/contacts/{_contact(cast).pk}/remove/", MANAGER),
    page("network:contact_remove",
         lambda cast: f"/network/employers/{cast.employer.pk}/contacts/{_contact(cast).pk}/remove/", MANAGER,
         method="post", ok=302),
    page("network:provider_list", lambda cast: "/network/providers/?kind=community_organisation", DIRECTORY),
    page("network:provider_create", lambda cast: "/network/providers/add/", MANAGER),
    page("network:provider_create", lambda cast: "/network/providers/add/", MANAGER, method="post", data={},
         note="an empty form is shown again with its errors"),
    page("network:provider_edit", lambda cast: f"/network/providers/{cast.provider.pk}/edit/", MANAGER),
    page("network:provider_schools", lambda cast: f"/network/providers/{cast.provider.pk}/schools/", MANAGER),
    page("network:provider_schools", lambda cast: f"/network/providers/{cast.provider.pk}/schools/", MANAGER,
         method="post", data=lambda cast: {"schools": [cast.school.pk]}, ok=302),
    page("network:area_hub_list", lambda cast: "/network/area-hubs/", DIRECTORY),
    page("network:area_hub_create", lambda cast: "/network/area-hubs/add/", MANAGER),
    page("network:area_hub_create", lambda cast: "/network/area-hubs/add/", MANAGER, method="post",
         data={"name": "East"}, ok=302),
    page("network:area_hub_edit", lambda cast: f"/network/area-hubs/{cast.area_hub.pk}/edit/", MANAGER),
    page("network:growth_sectors", lambda cast: "/network/growth-sectors/", DIRECTORY),
    page("network:growth_sectors", lambda cast: "/network/growth-sectors/", MANAGER, method="post", ok=302,
         data={"action": "add", "sic_section": "F", "label": "Modern methods of construction"}),
    page("network:growth_sector_edit", lambda cast: f"/network/growth-sectors/{_growth_sector(cast)}/edit/", MANAGER),
    endpoint("GET /api/network/schools/{school_id}", lambda cast: f"/api/network/schools/{cast.school.pk}", SEES_SCHOOL),
    endpoint("POST /api/network/schools", lambda cast: "/api/network/schools", HUB, method="post", data=NEW_SCHOOL,
             ok=201, note="a coordinator covering one area hub gets it by default"),
    endpoint("PATCH /api/network/schools/{school_id}", lambda cast: f"/api/network/schools/{cast.school.pk}", HUB,
             method="patch", data={"postcode": "st4 1ab"}),
    endpoint("PATCH /api/network/schools/{school_id}", lambda cast: f"/api/network/schools/{cast.other_school.pk}",
             MANAGER, method="patch", data={"postcode": "st4 1ab"}, note="outside the coordinator's area hub"),
    endpoint("GET /api/network/employers", lambda cast: "/api/network/employers?growth_sector=false", SIGNED_IN,
             note="each sees the employers they may (none for most)"),
    endpoint("GET /api/network/employers/{employer_id}", lambda cast: f"/api/network/employers/{cast.employer.pk}",
             SEES_EMPLOYER),
    endpoint("POST /api/network/employers", lambda cast: "/api/network/employers", MANAGER, method="post",
             data=NEW_EMPLOYER, ok=201),
    endpoint("PATCH /api/network/employers/{employer_id}", lambda cast: f"/api/network/employers/{cast.employer.pk}",
             MANAGER, method="patch", data={"is_cornerstone": True}),
    endpoint("GET /api/network/providers", lambda cast: "/api/network/providers", SIGNED_IN),
    endpoint("GET /api/network/providers/{provider_id}", lambda cast: f"/api/network/providers/{cast.provider.pk}",
             SEES_PROVIDER),
    endpoint("GET /api/network/area-hubs", lambda cast: "/api/network/area-hubs", SIGNED_IN),
    endpoint("GET /api/network/area-hubs/{area_hub_id}", lambda cast: f"/api/network/area-hubs/{cast.area_hub.pk}",
             DIRECTORY),
]
