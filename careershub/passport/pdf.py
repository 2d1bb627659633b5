"""The skills passport as a PDF: the young person's endorsed evidence by skill, drawn by WeasyPrint
from an HTML template, A4, tagged PDF/UA-1 (headings, tables and reading order for screen readers)."""
from django.template.loader import render_to_string
from django.utils import timezone

from careershub.core.pdf import render_pdf

from . import selectors

def passport_html(young_person, *, today=None) -> str:
    today = today or timezone.localdate()
    passport = selectors.passport_of(young_person, endorsed_only=True)
    return render_to_string("passport/pdf.html", {
        "passport": passport, "young_person": young_person, "partnership": young_person.school.partnership,
        "rows": [row for row in passport.rows if row.endorsed], "today_label": f"{today.day} {today:%B %Y}",
        "title": f"Skills passport: {young_person.full_name}", "footer": young_person.school.partnership.name,
    })


def passport_pdf(young_person) -> bytes:
    return render_pdf(passport_html(young_person))
