from careershub.core.matrix import endpoint, page

# Amira (cast.young_person_record) is at cast.school in area hub North, which cast.provider serves.
WHO_SEES_AMIRA = ["hub_manager", "enterprise_coordinator", "careers_leader", "teacher", "young_person", "parent_carer",
                  "careers_adviser"]
WHO_SEES_BEN = ["hub_manager", "other_careers_leader"]
# Staff with a list of young people; analysts, employers and everyone else get none.
WHO_LISTS = ["hub_manager", "enterprise_coordinator", "careers_leader", "teacher", "other_careers_leader", "careers_adviser"]
WHO_LISTS_AMIRAS_SCHOOL = ["hub_manager", "enterprise_coordinator", "careers_leader", "teacher", "careers_adviser"]

ROWS = [
    page("young_people:school_list", lambda cast: "/young-people/", WHO_LISTS),
    page("young_people:school_list", lambda cast: "/young-people/?year_group=10&send=any&pupil_premium=no&q=khan", WHO_LISTS),
    page("young_people:school_list", lambda cast: f"/young-people/schools/{cast.school.pk}/", WHO_LISTS_AMIRAS_SCHOOL,
         note="one school's list, linked from its page; the other school's careers leader gets 404"),
    page("young_people:detail", lambda cast: f"/young-people/{cast.young_person_record.pk}/", WHO_SEES_AMIRA),
    page("young_people:my_record", lambda cast: "/young-people/me/", ["young_person"]),
    page("young_people:my_children", lambda cast: "/young-people/my-children/", ["parent_carer"], ok=302,
         note="a parent with one child goes straight to the child's record"),
    endpoint("GET /api/young-people/", lambda cast: "/api/young-people/", WHO_LISTS),
    endpoint("GET /api/young-people/", lambda cast: "/api/young-people/?year_group=10&send=N&page=1", WHO_LISTS),
    endpoint("GET /api/young-people/{young_person_id}",
             lambda cast: f"/api/young-people/{cast.young_person_record.pk}", WHO_SEES_AMIRA),
    endpoint("GET /api/young-people/{young_person_id}",
             lambda cast: f"/api/young-people/{cast.other_young_person_record.pk}", WHO_SEES_BEN,
             note="the other school's young person"),
]

from .matrix_parents import ROWS as PARENT_ROWS  # noqa: E402

ROWS += PARENT_ROWS

# Everything held: the young person; a parent only while the child is under 13 (Amira is 15), so
# staff who see the record are refused (403) and everyone else gets 404.
ROWS += [
    page("young_people:everything_json", lambda cast: f"/young-people/{cast.young_person_record.pk}/everything.json",
         ["young_person"]),
    page("young_people:everything_pdf", lambda cast: f"/young-people/{cast.young_person_record.pk}/everything.pdf",
         ["young_person"]),
]
