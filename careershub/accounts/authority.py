"""Who may manage whose account, and who may give which role where.

- Hub managers and administrators manage the people holding a role in their partnership, and give
  any role there, except that only an administrator gives (or removes) the administrator role and
  manages an administrator's account.
- A careers leader adds teachers at their own school.

Services enforce these rules; pages use them to offer only what the person may do.
"""
from . import organisations
from .roles import PEOPLE_MANAGERS, ROLE_SCOPE, SCOPE_NOUNS, Role


def managed_partnership_ids(user) -> set[int]:
    """The partnerships in which this person manages people (hub managers and administrators)."""
    if user is None or not user.is_authenticated:
        return set()
    return {a.partnership_id for a in user._assignments() if a.role in PEOPLE_MANAGERS}


def is_admin_of(user, partnership_id: int) -> bool:
    return any(a.role == Role.ADMIN and a.partnership_id == partnership_id for a in user._assignments())


def is_admin_anywhere(user) -> bool:
    return any(a.role == Role.ADMIN for a in user._assignments())


def may_manage(acting_user, person) -> bool:
    """Whether acting_user may change person's account (roles, activation, lockout, password email).
    Uses person.role_assignments.all(), so a prefetched person costs no query."""
    managed = managed_partnership_ids(acting_user)
    held = list(person.role_assignments.all())
    if not any(a.partnership_id in managed for a in held):
        return False
    admin_partnerships = {a.partnership_id for a in held if a.role == Role.ADMIN}
    return all(is_admin_of(acting_user, p) for p in admin_partnerships)


def grant_refusal(acting_user, role: str, organisation) -> str | None:
    """Why acting_user may not give this role in this organisation, or None when they may.
    ``acting_user=None`` is the platform itself."""
    if acting_user is None:
        return None
    partnership_id = organisations.partnership_of(organisation).pk
    if partnership_id in managed_partnership_ids(acting_user):
        if role == Role.ADMIN and not is_admin_of(acting_user, partnership_id):
            return "Only an administrator can give someone the administrator role."
        return None
    if role == Role.TEACHER and organisations.kind_of(organisation) == "school" and any(
        a.role == Role.CAREERS_LEADER and a.school_id == organisation.pk for a in acting_user._assignments()
    ):
        return None
    return "You cannot give this role in that organisation."


def grantable_roles(acting_user) -> list[Role]:
    """The roles people management offers this person (before the organisation is known)."""
    from .roles import GRANTED_BY_PEOPLE_MANAGERS

    if not managed_partnership_ids(acting_user):
        return []
    if is_admin_anywhere(acting_user):
        return list(GRANTED_BY_PEOPLE_MANAGERS)
    return [r for r in GRANTED_BY_PEOPLE_MANAGERS if r != Role.ADMIN]


def scope_error(role: str, organisation) -> str | None:
    """The message when the organisation is not the kind the role is held within, else None."""
    scope = ROLE_SCOPE[Role(role)]
    kind = organisations.kind_of(organisation)
    if kind == scope:
        return None
    label = Role(role).label.lower()
    article = "An" if label[0] in "aeiou" else "A"
    if scope == "partnership":
        return f"{article} {label} holds their role in the whole partnership. Choose the partnership, not {SCOPE_NOUNS[kind]}."
    noun = SCOPE_NOUNS[scope]
    return f"{article} {label} holds their role in {noun}. Choose {noun}, not {SCOPE_NOUNS[kind]}."


def may_send_password_link(acting_user, person) -> bool:
    """People managers, for the people they manage; a careers leader, for the teachers at their
    school (who they added)."""
    if may_manage(acting_user, person):
        return True
    led = {a.school_id for a in acting_user._assignments() if a.role == Role.CAREERS_LEADER}
    return bool(led) and any(a.role == Role.TEACHER and a.school_id in led for a in person.role_assignments.all())
