"""Who reaches the pledge dashboard and the list of young people short of the target."""
from careershub.core.matrix import page

# Aggregates: hub manager and analysts (the partnership), the coordinator (North), school staff (their school).
DASHBOARD = ["hub_manager", "enterprise_coordinator", "careers_leader", "teacher", "analyst", "other_careers_leader"]
SHORT_LIST = ["careers_leader", "teacher", "other_careers_leader"]

ROWS = [
    page("opportunities:pledge", lambda cast: "/opportunities/pledge/", DASHBOARD),
    page("opportunities:pledge", lambda cast: f"/opportunities/pledge/?school={cast.school.pk}", DASHBOARD,
         note="a school filter; ignored by those who see one school"),
    page("opportunities:pledge", lambda cast: "/opportunities/pledge/?format=csv", DASHBOARD, note="CSV"),
    page("opportunities:pledge_short", lambda cast: "/opportunities/pledge/short/", SHORT_LIST),
]
