"""What happens when a place is given, whoever gives it (the host accepting an application, or an
allocation round being published): a Placement waiting for safeguarding checks for kinds that need
them. Called inside the caller's transaction."""
from .models import Application, Placement


def _new_placement(application: Application) -> Placement:
    return Placement(application=application, supervisor_name=application.opportunity.supervisor_name,
                     plan=application.opportunity.daily_plan)


def placement_for(application: Application) -> Placement | None:
    """The application's placement, created if its opportunity needs safeguarding; else None."""
    if not application.opportunity.needs_safeguarding:
        return None
    existing = Placement.objects.filter(application=application).first()
    if existing is not None:
        return existing
    placement = _new_placement(application)
    placement.save()
    return placement


def placements_for(applications: list[Application], *, batch_size: int = 1000) -> list[Placement]:
    """placement_for for many applications at once (each with its opportunity loaded): the missing
    placements are created in bulk, so thousands of places take a few queries."""
    needing = [a for a in applications if a.opportunity.needs_safeguarding]
    have = set(Placement.objects.filter(application__in=[a.pk for a in needing]).values_list("application_id", flat=True))
    return Placement.objects.bulk_create([_new_placement(a) for a in needing if a.pk not in have], batch_size=batch_size)
