"""What the network's commands share: the kinds of record they import and export, and which
partnership they act for."""
from collections.abc import Callable
from dataclasses import dataclass

from django.core.management.base import CommandError

from careershub.core.csv_import import CsvFormat


@dataclass(frozen=True)
class CsvKind:
    csv_format: type[CsvFormat]
    run_import: Callable  # (acting_user, partnership, content, file_name, via) -> ImportResult
    records: Callable  # (partnership) -> the records to export, in order


def kinds() -> dict[str, CsvKind]:
    from careershub.network import services
    from careershub.network.csv_formats import EmployerCsv, SchoolCsv, employers_for_export, schools_for_export
    from careershub.network.models import Employer, School

    return {
        "schools": CsvKind(
            SchoolCsv, services.schools_import,
            lambda partnership: schools_for_export(School.objects.filter(partnership=partnership)),
        ),
        "employers": CsvKind(
            EmployerCsv, services.employers_import,
            lambda partnership: employers_for_export(Employer.objects.filter(partnership=partnership)),
        ),
    }


def partnership_from(slug: str | None):
    """The partnership named by slug; without one, the only partnership there is."""
    from careershub.network.models import Partnership

    if slug:
        try:
            return Partnership.objects.get(slug=slug)
        except Partnership.DoesNotExist:
            known = ", ".join(Partnership.objects.order_by("slug").values_list("slug", flat=True)) or "none"
            raise CommandError(f"There is no partnership {slug}. The partnerships are: {known}") from None
    partnerships = list(Partnership.objects.order_by("slug")[:2])
    if not partnerships:
        raise CommandError("There is no partnership yet")
    if len(partnerships) > 1:
        known = ", ".join(Partnership.objects.order_by("slug").values_list("slug", flat=True))
        raise CommandError(f"There are several partnerships: say which with --partnership ({known})")
    return partnerships[0]
