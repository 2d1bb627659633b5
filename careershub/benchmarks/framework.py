"""Installing the shipped framework (shipped.py) into the database.

``install_versions`` takes the models as arguments so that migration 0002 can run it with its
historical models. A version already installed (by key) is left as it is, with any corrections a
partnership has made to its wording.
"""
from . import shipped


def install_versions(FrameworkVersion, Benchmark, Criterion, versions=shipped.VERSIONS) -> list:
    installed = []
    existing = set(FrameworkVersion.objects.values_list("key", flat=True))
    for data in versions:
        if data["key"] in existing:
            continue
        version = FrameworkVersion.objects.create(
            key=data["key"], name=data["name"], description=data["description"], effective_from=data["effective_from"],
        )
        for number, name, summary, criteria in data["benchmarks"]:
            benchmark = Benchmark.objects.create(version=version, number=number, name=name, summary=summary)
            Criterion.objects.bulk_create([
                Criterion(benchmark=benchmark, order=order, **fields) for order, fields in enumerate(criteria, start=1)
            ])
        installed.append(version)
    return installed


def ensure_shipped_framework() -> None:
    """Install any shipped version missing from the database: the migration installs them, but tests
    that empty the database (browser tests) and the demo city call this to be sure."""
    from .models import Benchmark, Criterion, FrameworkVersion

    if FrameworkVersion.objects.filter(key__in=[v["key"] for v in shipped.VERSIONS]).count() < len(shipped.VERSIONS):
        install_versions(FrameworkVersion, Benchmark, Criterion)
