"""Install the Gatsby Benchmarks as shipped: the 2014 version and the 2024/25 refresh (shipped.py).

From here on the framework is data: wording corrected in the database stays corrected. Installing is
by key, so a version is never installed twice; a newly shipped version comes with a migration of its
own calling ``install_versions`` with just that version.
"""
from django.db import migrations

from careershub.benchmarks import shipped
from careershub.benchmarks.framework import install_versions


def install(apps, schema_editor):
    install_versions(
        apps.get_model("benchmarks", "FrameworkVersion"),
        apps.get_model("benchmarks", "Benchmark"),
        apps.get_model("benchmarks", "Criterion"),
        versions=(shipped.GATSBY_2014, shipped.GATSBY_2024),
    )


def remove(apps, schema_editor):
    FrameworkVersion = apps.get_model("benchmarks", "FrameworkVersion")
    FrameworkVersion.objects.filter(key__in=[shipped.GATSBY_2014["key"], shipped.GATSBY_2024["key"]]).delete()


class Migration(migrations.Migration):
    dependencies = [("benchmarks", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
