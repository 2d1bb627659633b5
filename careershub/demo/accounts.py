"""The demo accounts: one per role, all signing in with one shared password.

The start page lists them in demo mode (settings.DEMO_MODE). It reads them from the database, not
from the process that built the city: the server runs in another process.
"""
from django.db.models import Prefetch

from .generate import ROLES, demo_username

DEMO_PASSWORD = "demo-careers-2026"
DEMO_USERNAMES = {role: demo_username(role) for role in ROLES}


def listed_accounts() -> list[dict]:
    """The demo accounts in role order, each with a one-line description of who they are:
    role, role_label, username, password, name and description. Empty when no demo city is loaded."""
    from careershub.accounts.models import RoleAssignment, User
    from careershub.accounts.roles import Role
    from careershub.advisers.models import AdviserMatch
    from careershub.young_people.models import ParentLink, YoungPerson

    assignments = RoleAssignment.objects.select_related("partnership", "area_hub", "school", "employer", "provider")
    users = {
        user.username: user
        for user in User.objects.filter(username__in=DEMO_USERNAMES.values(), is_active=True)
        .prefetch_related(Prefetch("role_assignments", queryset=assignments))
    }
    if not users:
        return []
    ids = [user.pk for user in users.values()]
    adviser_school = {
        m.adviser.user_id: m.school.name
        for m in AdviserMatch.objects.filter(adviser__user_id__in=ids, ended_on__isnull=True).select_related("adviser", "school")
    }
    own_record = {yp.user_id: yp for yp in YoungPerson.objects.filter(user_id__in=ids).select_related("school")}
    children: dict[int, list[str]] = {}
    for link in ParentLink.objects.filter(parent_id__in=ids).select_related("young_person").order_by("young_person__first_name"):
        children.setdefault(link.parent_id, []).append(link.young_person.full_name)

    listed = []
    for role in ROLES:
        user = users.get(DEMO_USERNAMES[role])
        if user is None:
            continue
        held = [a for a in user.role_assignments.all() if a.role == role]
        if not held:
            continue
        assignment = held[0]
        listed.append({
            "role": role,
            "role_label": Role(role).label,
            "username": user.username,
            "password": DEMO_PASSWORD,
            "name": user.get_full_name(),
            "description": _describe(role, user, assignment, adviser_school, own_record, children),
        })
    return listed


def _describe(role, user, assignment, adviser_school, own_record, children) -> str:
    name = user.get_full_name() or user.username
    organisation = assignment.organisation
    if role == "hub_manager":
        return f"{name}, careers hub manager at {assignment.partnership.local_authority or assignment.partnership}"
    if role == "enterprise_coordinator":
        return f"{name}, enterprise coordinator for the {organisation} area hub"
    if role in ("careers_leader", "teacher", "mentor", "careers_adviser"):
        title = {"careers_leader": "careers leader", "teacher": "teacher of science", "mentor": "mentor",
                 "careers_adviser": "careers adviser"}[role]
        return f"{name}, {title} at {organisation}"
    if role == "employer_contact":
        kind = "a cornerstone employer" if getattr(organisation, "is_cornerstone", False) else "an employer in the network"
        return f"{name}, early careers manager at {organisation}, {kind}"
    if role == "enterprise_adviser":
        school = adviser_school.get(user.pk)
        return f"{name} from {organisation}, enterprise adviser to {school}" if school else f"{name} from {organisation}, enterprise adviser"
    if role == "young_person":
        record = own_record.get(user.pk)
        return f"{name}, year {record.year_group} at {record.school}" if record else f"{name}, a young person at {organisation}"
    if role == "parent_carer":
        linked = children.get(user.pk)
        return f"{name}, parent of {' and '.join(linked)}" if linked else f"{name}, a parent"
    if role == "analyst":
        return f"{name}, analyst in the council's data and insight team"
    return f"{name}, administrator of the platform for {assignment.partnership}"
