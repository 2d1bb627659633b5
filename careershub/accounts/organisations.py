"""The organisations a role is held within, offered as one grouped choice in forms.

A choice's value names the kind and the primary key ("school:12"), so one field covers the partnership,
area hubs, schools and colleges, employers and providers. Which kind a role needs is ROLE_SCOPE's.
"""
from careershub.network.models import AreaHub, Employer, Partnership, Provider, School

KINDS = {
    "partnership": Partnership,
    "area_hub": AreaHub,
    "school": School,
    "employer": Employer,
    "provider": Provider,
}
GROUP_LABELS = {
    "area_hub": "Area hubs",
    "school": "Schools and colleges",
    "employer": "Employers",
    "provider": "Providers",
}


def kind_of(organisation) -> str:
    for kind, model in KINDS.items():
        if isinstance(organisation, model):
            return kind
    raise TypeError(f"{organisation!r} is not an organisation a role is held within")


def value_of(organisation) -> str:
    return f"{kind_of(organisation)}:{organisation.pk}"


def partnership_of(organisation) -> Partnership:
    return organisation if isinstance(organisation, Partnership) else organisation.partnership


def choices(partnership_ids, *, blank: str = "Choose an organisation") -> list:
    """Grouped choices for every organisation of the partnerships: the partnership itself first, then
    area hubs, schools and colleges, employers and providers, each by name. Five queries."""
    groups: list = [("", blank)] if blank else []
    partnerships = list(Partnership.objects.filter(pk__in=partnership_ids).order_by("name"))
    groups.append(("The partnership", [(value_of(p), f"{p.name} (the whole partnership)") for p in partnerships]))
    for kind, label in GROUP_LABELS.items():
        model = KINDS[kind]
        rows = model.objects.filter(partnership_id__in=partnership_ids).order_by("name").values_list("pk", "name")
        options = [(f"{kind}:{pk}", name) for pk, name in rows]
        if options:
            groups.append((label, options))
    return groups


def lookup(value: str, partnership_ids):
    """The organisation a choice value names, if it belongs to one of the partnerships; else None."""
    kind, _, pk = (value or "").partition(":")
    model = KINDS.get(kind)
    if model is None or not pk.isdigit():
        return None
    if model is Partnership:
        return Partnership.objects.filter(pk=pk, pk__in=partnership_ids).first()
    return model.objects.select_related("partnership").filter(pk=pk, partnership_id__in=partnership_ids).first()
