"""The routes shipped with the platform (the partnership can change them). Wording written for young
people and their parents."""
from django.db import migrations

AFTER_16 = [
    ("A levels", "Level 3", "Usually three subjects studied for two years at a school sixth form, a sixth-form "
     "college or a further education college. The most common route to university."),
    ("T Levels", "Level 3", "A two-year technical course in one area of work, such as engineering or health, "
     "with an industry placement of at least 45 days. Worth the same UCAS points as three A levels."),
    ("Vocational or technical qualification", "Levels 1 to 3", "A college or training provider course in a "
     "subject linked to work, such as construction, hair and beauty or IT."),
    ("Intermediate apprenticeship", "Level 2", "A paid job with training: you work for an employer and study "
     "part of the time, and finish with a qualification equal to five GCSEs."),
    ("Advanced apprenticeship", "Level 3", "A paid job with training at the level of A levels."),
    ("Foundation apprenticeship", "Level 2", "A paid first step into a named sector for 16 to 21-year-olds, "
     "with support to move on to a full apprenticeship."),
    ("Supported internship", "", "A study programme based mainly at an employer, with a job coach, for young "
     "people aged 16 to 24 with an education, health and care plan. It aims at paid work."),
    ("Employment with training", "", "A job of 20 hours or more a week with part-time training towards a "
     "qualification. It counts as staying in education or training until 18."),
    ("Another study programme", "", "A course to build skills and confidence first, such as a pre-vocational "
     "programme or English for speakers of other languages."),
    ("Not decided yet", "", "That is fine: your careers adviser can help you look at the options."),
]
AFTER_18 = [
    ("University degree", "Level 6", "A bachelor's degree, usually three or four years, applied for through UCAS."),
    ("Degree apprenticeship", "Levels 6 to 7", "A paid job where you earn a full degree without paying fees."),
    ("Higher apprenticeship", "Levels 4 to 5", "A paid job with training above A-level standard."),
    ("Higher technical qualification", "Levels 4 to 5", "A college course such as an HNC, HND or foundation "
     "degree, built with employers."),
    ("Employment", "", "Going straight into work, with or without further training."),
    ("Gap year", "", "A planned year out to work, volunteer or travel before the next step."),
    ("Further study at level 3", "Level 3", "More study at A-level standard before the next step."),
    ("Not decided yet", "", "That is fine: your careers adviser can help you look at the options."),
]


def add_routes(apps, schema_editor):
    Route = apps.get_model("plans", "Route")
    for stage, routes in (("after_16", AFTER_16), ("after_18", AFTER_18)):
        for order, (name, level, description) in enumerate(routes, start=1):
            Route.objects.get_or_create(stage=stage, name=name,
                                        defaults={"level": level, "description": description, "order": order})


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_career_plans")]
    operations = [migrations.RunPython(add_routes, migrations.RunPython.noop)]
