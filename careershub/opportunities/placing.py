"""What happens when a place is given, whoever gives it (the host accepting an application, or an
allocation round being published): a Placement waiting for safeguarding checks for kinds that need
them. Called inside the caller's transaction."""
from .models import Application, Placement


def placement_for(application: Application) -> Placement | None:
    """The application's placement, created if its opportunity needs safeguarding; else None."""
    if not application.opportunity.needs_safeguarding:
        return None
    placement, _ = Placement.objects.get_or_create(
        application=application,
        defaults={"supervisor_name": application.opportunity.supervisor_name,
                  "plan": application.opportunity.daily_plan},
    )
    return placement
