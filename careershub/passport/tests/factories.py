"""Builders for passport tests: the approved framework, an attended placement at an employer, and
evidence at each stage (recorded, sent to the employer or the adviser, endorsed with its credential)."""
import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from careershub.opportunities.kinds import Kind
from careershub.opportunities.models import Application, Encounter, Placement
from careershub.opportunities.tests.factories import ApplicationFactory, EncounterFactory, OpportunityFactory
from careershub.passport import services
from careershub.passport.models import Evidence, SkillLevel
from careershub.passport.shipped import ensure_demo_framework

PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def framework(partnership, approved_by=None):
    """The partnership's approved framework (the demo framework, made once)."""
    return ensure_demo_framework(partnership, approved_by)


def level(partnership, skill: str = "Teamwork", number: int = 3) -> SkillLevel:
    approved = framework(partnership)
    return SkillLevel.objects.select_related("skill__framework__partnership").get(
        skill__framework=approved, skill__name=skill, level=number)


def attended_placement(young_person, employer, *, title="Engineering week at the machine shop"):
    """A completed work experience placement at ``employer`` with its attendance encounter."""
    opportunity = OpportunityFactory(employer=employer, partnership=employer.partnership, title=title,
                                     starts_on=datetime.date(2026, 2, 9), ends_on=datetime.date(2026, 2, 13))
    application = ApplicationFactory(opportunity=opportunity, young_person=young_person,
                                     status=Application.Status.ACCEPTED)
    placement = Placement.objects.create(application=application, status=Placement.Status.COMPLETED)
    encounter = EncounterFactory(young_person=young_person, opportunity=opportunity, employer=employer,
                                 kind=Kind.WORK_EXPERIENCE, title=title, occurred_on=datetime.date(2026, 2, 13),
                                 source=Encounter.Source.ATTENDANCE)
    return placement, encounter


def pdf_upload(name="certificate.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def recorded(cast, *, skill="Teamwork", number=3, with_encounter=True, upload=None, title="Helped run the stores"):
    young_person = cast.young_person_record
    encounter = None
    if with_encounter:
        encounter = (Encounter.objects.filter(young_person=young_person, employer=cast.employer).first()
                     or attended_placement(young_person, cast.employer)[1])
    return services.evidence_record(
        acting_user=cast.young_person, young_person=young_person, skill_level=level(cast.partnership, skill, number),
        title=title, description="I checked deliveries against the order list with two apprentices.",
        reflection="I learned to ask when I was unsure, and to split the work fairly.",
        occurred_on=datetime.date(2026, 2, 12), encounter=encounter, upload=upload,
    )


def sent_to_employer(cast, **kwargs) -> Evidence:
    evidence = recorded(cast, **kwargs)
    return services.evidence_submit(acting_user=cast.young_person, evidence=evidence,
                                    endorser=f"employer:{cast.employer.pk}")


def sent_to_adviser(cast, **kwargs) -> Evidence:
    evidence = recorded(cast, with_encounter=False, **kwargs)
    return services.evidence_submit(acting_user=cast.young_person, evidence=evidence,
                                    endorser=f"adviser:{cast.enterprise_adviser_record.pk}")


def endorsed(cast, **kwargs) -> Evidence:
    evidence = sent_to_employer(cast, **kwargs)
    services.evidence_endorse(acting_user=cast.employer_contact, evidence=evidence, comment="Reliable and careful.")
    evidence.refresh_from_db()
    return evidence
