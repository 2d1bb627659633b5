from careershub.core.matrix import endpoint, page

# Amira (cast.young_person_record) is at cast.school in area hub North.
WHO_SEES_AMIRA = ["hub_manager", "enterprise_coordinator", "careers_leader", "teacher", "young_person", "parent_carer"]
WHO_SEES_BEN = ["hub_manager", "other_careers_leader"]

ROWS = [
    page("young_people:detail", lambda cast: f"/young-people/{cast.young_person_record.pk}/", WHO_SEES_AMIRA),
    page("young_people:my_record", lambda cast: "/young-people/me/", ["young_person"]),
    page("young_people:my_children", lambda cast: "/young-people/my-children/", ["parent_carer"], ok=302,
         note="a parent with one child goes straight to the child's record"),
    endpoint("GET /api/young-people/{young_person_id}",
             lambda cast: f"/api/young-people/{cast.young_person_record.pk}", WHO_SEES_AMIRA),
    endpoint("GET /api/young-people/{young_person_id}",
             lambda cast: f"/api/young-people/{cast.other_young_person_record.pk}", WHO_SEES_BEN,
             note="the other school's young person"),
]
