"""Starting, answering, submitting and reopening a self-assessment: the rules, who may, and the audit."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from careershub.accounts.roles import Role
from careershub.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from careershub.benchmarks import scoring, services
from careershub.benchmarks.models import (
    Answer,
    Assessment,
    AssessmentEvent,
    BenchmarkScore,
    BenchmarkTarget,
    PartnershipBenchmarkSettings,
)
from careershub.benchmarks.terms import Term
from careershub.benchmarks.tests import factories as f
from careershub.core.models import AuditEntry

pytestmark = pytest.mark.django_db
AUTUMN = Term.named(2026, "autumn")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def start(cast, term=AUTUMN):
    f.framework()
    return services.assessment_start(acting_user=cast.careers_leader, school=cast.school, today=f.day_in(term))


# Starting --------------------------------------------------------------------------------------
def test_the_careers_leader_starts_the_terms_assessment_with_a_blank_answer_per_criterion(cast):
    assessment = start(cast)
    assert (assessment.academic_year, assessment.term, assessment.status) == (2026, "autumn", "draft")
    assert assessment.framework_version.key == f.REFRESH
    assert assessment.period == AUTUMN.period
    answers = Answer.objects.filter(assessment=assessment)
    assert answers.count() == 23 and not answers.exclude(status="").exists()
    assert AssessmentEvent.objects.get(assessment=assessment).action == "started"
    entry = AuditEntry.objects.get(subject_type="benchmarks.assessment", subject_id=str(assessment.pk))
    assert entry.actor == cast.careers_leader and entry.action == "create"
    assert entry.summary == "Started the Gatsby 2024/25 refresh self-assessment for Northfield Academy, Autumn 2026"


def test_one_assessment_per_school_per_term(cast):
    start(cast)
    with pytest.raises(ValidationError) as refused:
        start(cast)
    assert refused.value.code == "assessment_exists"
    assert "Northfield Academy already has a self-assessment for Autumn 2026" in refused.value.messages[0]
    assert start(cast, AUTUMN.next()).term == "spring"


@pytest.mark.parametrize("who", ["teacher", "enterprise_coordinator", "hub_manager", "other_careers_leader", "enterprise_adviser"])
def test_only_the_schools_own_careers_leader_starts_it(cast, who):
    f.framework()
    with pytest.raises(PermissionDenied):
        services.assessment_start(acting_user=cast.users[who], school=cast.school, today=f.day_in(AUTUMN))
    assert not Assessment.objects.exists()


def test_an_assessment_is_made_under_the_version_the_partnership_chose_and_keeps_it(cast):
    f.assess_under(cast.partnership, f.ORIGINAL)
    first = start(cast, AUTUMN.previous())
    f.answer(first, cast.careers_leader)
    services.assessment_submit(acting_user=cast.careers_leader, assessment=first)
    f.assess_under(cast.partnership, f.REFRESH)
    second = start(cast)
    assert first.framework_version.key == f.ORIGINAL and second.framework_version.key == f.REFRESH
    # Reopened and submitted again after the change: still under the version it was started under.
    services.assessment_reopen(acting_user=cast.careers_leader, assessment=first, reason="A late change")
    services.assessment_submit(acting_user=cast.careers_leader, assessment=first)
    first.refresh_from_db()
    assert first.framework_version.key == f.ORIGINAL
    assert set(BenchmarkScore.objects.filter(assessment=first).values_list("benchmark__version__key", flat=True)) == {f.ORIGINAL}
    assert Answer.objects.filter(assessment=first).count() == 19  # the 2014 version's criteria


def test_without_a_chosen_version_the_latest_in_force_is_used(cast):
    f.framework()
    PartnershipBenchmarkSettings.objects.filter(partnership=cast.partnership).delete()
    before_refresh = services.assessment_start(acting_user=cast.careers_leader, school=cast.school,
                                               today=f.day_in(Term.named(2024, "summer")))
    assert before_refresh.framework_version.key == f.ORIGINAL
    assert start(cast).framework_version.key == f.REFRESH


# Answering -------------------------------------------------------------------------------------
def criterion_of(assessment, number, order):
    return Answer.objects.select_related("criterion").get(
        assessment=assessment, criterion__benchmark__number=number, criterion__order=order,
    ).criterion


def test_answers_are_saved_as_a_draft_and_a_counted_criterion_is_answered_by_its_figure(cast):
    assessment = start(cast)
    encounters, meaningful = criterion_of(assessment, 5, 1), criterion_of(assessment, 5, 2)
    assert encounters.is_counted and not meaningful.is_counted
    services.answers_save(acting_user=cast.careers_leader, assessment=assessment, changes=[
        services.AnswerChange(criterion_id=encounters.pk, figure=87, evidence_note="  Logged by year group  "),
        services.AnswerChange(criterion_id=meaningful.pk, status=scoring.MET),
    ])
    saved = {a.criterion_id: a for a in Answer.objects.filter(assessment=assessment, criterion__benchmark__number=5)}
    assert (saved[encounters.pk].status, saved[encounters.pk].figure) == (scoring.PARTLY_MET, 87)
    assert saved[encounters.pk].evidence_note == "Logged by year group"
    assert saved[encounters.pk].updated_by == cast.careers_leader
    assert saved[meaningful.pk].status == scoring.MET
    assessment.refresh_from_db()
    assert assessment.status == "draft"
    assert AuditEntry.objects.filter(summary="Saved answers to benchmark 5 for Northfield Academy, Autumn 2026").exists()


def test_does_not_apply_is_only_for_criteria_about_students_over_16(cast):
    assessment = start(cast)
    by_18 = criterion_of(assessment, 6, 2)
    every_school = criterion_of(assessment, 1, 1)
    assert by_18.post_16_only and not every_school.post_16_only
    services.answers_save(acting_user=cast.careers_leader, assessment=assessment, changes=[
        services.AnswerChange(criterion_id=by_18.pk, not_applicable=True)])
    assert Answer.objects.get(assessment=assessment, criterion=by_18).status == scoring.NOT_APPLICABLE
    with pytest.raises(ValidationError) as refused:
        services.answers_save(acting_user=cast.careers_leader, assessment=assessment, changes=[
            services.AnswerChange(criterion_id=every_school.pk, status=scoring.NOT_APPLICABLE)])
    assert refused.value.message_dict == {f"{every_school.pk}-status": ["This criterion applies to every school"]}


def test_an_evidence_file_is_checked_stored_under_a_new_name_and_replaced(cast, settings):
    assessment = start(cast)
    criterion = criterion_of(assessment, 1, 2)
    pdf = SimpleUploadedFile("Careers programme.pdf", b"%PDF-1.7\nprogramme", content_type="application/pdf")
    services.answers_save(acting_user=cast.careers_leader, assessment=assessment, changes=[
        services.AnswerChange(criterion_id=criterion.pk, status=scoring.MET, evidence_file=pdf)])
    answer = Answer.objects.get(assessment=assessment, criterion=criterion)
    assert answer.evidence_file_name == "Careers programme.pdf"
    assert answer.evidence_file.name.startswith(f"benchmarks/evidence/{cast.school.pk}/{assessment.pk}/")
    assert answer.evidence_file.name.endswith(".pdf") and "Careers" not in answer.evidence_file.name
    first = settings.MEDIA_ROOT / answer.evidence_file.name
    assert first.read_bytes() == b"%PDF-1.7\nprogramme"

    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError) as refused:
        services.answers_save(acting_user=cast.careers_leader, assessment=assessment, changes=[
            services.AnswerChange(criterion_id=criterion.pk, status=scoring.MET, evidence_file=fake)])
    assert "not a real PDF file" in refused.value.message_dict[f"{criterion.pk}-evidence_file"][0]
    assert first.exists()

    services.answers_save(acting_user=cast.careers_leader, assessment=assessment, changes=[
        services.AnswerChange(criterion_id=criterion.pk, status=scoring.MET, remove_file=True)])
    answer.refresh_from_db()
    assert not answer.evidence_file and answer.evidence_file_name == ""


def test_a_submitted_assessment_cannot_be_changed_until_reopened(cast):
    assessment = f.submitted(cast.school, cast.careers_leader, AUTUMN)
    criterion = criterion_of(assessment, 1, 1)
    change = services.AnswerChange(criterion_id=criterion.pk, status=scoring.NOT_MET)
    with pytest.raises(ValidationError) as refused:
        services.answers_save(acting_user=cast.careers_leader, assessment=assessment, changes=[change])
    assert refused.value.code == "not_editable"
    services.assessment_reopen(acting_user=cast.careers_leader, assessment=assessment, reason="New evidence")
    services.answers_save(acting_user=cast.careers_leader, assessment=assessment, changes=[change])
    assert Answer.objects.get(assessment=assessment, criterion=criterion).status == scoring.NOT_MET


@pytest.mark.parametrize("who", ["teacher", "enterprise_coordinator", "hub_manager", "other_careers_leader"])
def test_only_the_careers_leader_answers(cast, who):
    assessment = start(cast)
    change = services.AnswerChange(criterion_id=criterion_of(assessment, 1, 1).pk, status=scoring.MET)
    with pytest.raises(PermissionDenied):
        services.answers_save(acting_user=cast.users[who], assessment=assessment, changes=[change])


def test_a_criterion_of_another_version_is_refused(cast):
    assessment = start(cast)
    other = f.framework(f.ORIGINAL).benchmarks.get(number=1).criteria.first()
    with pytest.raises(ValidationError) as refused:
        services.answers_save(acting_user=cast.careers_leader, assessment=assessment, changes=[
            services.AnswerChange(criterion_id=other.pk, status=scoring.MET)])
    assert refused.value.code == "unknown_criterion"


# Submitting ------------------------------------------------------------------------------------
def test_submitting_needs_every_criterion_answered(cast):
    assessment = start(cast)
    f.answer(assessment, cast.careers_leader)
    counted = criterion_of(assessment, 8, 1)
    services.answers_save(acting_user=cast.careers_leader, assessment=assessment, changes=[
        services.AnswerChange(criterion_id=counted.pk, figure=None),
        services.AnswerChange(criterion_id=criterion_of(assessment, 2, 1).pk, status=""),
    ])
    with pytest.raises(ValidationError) as refused:
        services.assessment_submit(acting_user=cast.careers_leader, assessment=assessment)
    assert refused.value.code == "incomplete"
    assert refused.value.messages == ["Answer every criterion before you submit: 2 are not answered yet"]
    assert not BenchmarkScore.objects.exists()


def test_submitting_stores_the_scores_as_a_snapshot_and_is_audited(cast):
    assessment = start(cast)
    f.answer(assessment, cast.careers_leader, met_share={6: 1, 8: 2})
    result = services.assessment_submit(acting_user=cast.careers_leader, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.status == "submitted" and assessment.submitted_by == cast.careers_leader
    assert assessment.submitted_at is not None
    scores = {s.number: s for s in BenchmarkScore.objects.filter(assessment=assessment)}
    assert sorted(scores) == list(range(1, 9))
    assert (scores[6].met, scores[6].applicable, str(scores[6].percent), scores[6].achieved) == (1, 3, "33.33", False)
    assert (scores[8].met, scores[8].applicable, str(scores[8].percent)) == (2, 3, "66.67")
    assert scores[1].achieved and str(scores[1].percent) == "100.00"
    assert assessment.benchmarks_achieved == result.achieved_count == 6
    assert str(assessment.overall_percent) == "87.50"  # (6 × 100 + 33.3 + 66.7) / 8
    assert [e.action for e in assessment.events.order_by("at", "pk")] == ["started", "submitted"]
    assert AuditEntry.objects.filter(
        summary="Submitted the self-assessment for Northfield Academy, Autumn 2026: 6 of 8 benchmarks fully achieved, 88% overall"
    ).exists()
    with pytest.raises(ValidationError) as again:
        services.assessment_submit(acting_user=cast.careers_leader, assessment=assessment)
    assert again.value.code == "not_editable"


def test_a_school_without_a_sixth_form_is_scored_on_the_criteria_that_apply(cast):
    assessment = start(cast)
    f.answer(assessment, cast.careers_leader)
    post_16 = Answer.objects.filter(assessment=assessment, criterion__post_16_only=True).select_related("criterion")
    services.answers_save(acting_user=cast.careers_leader, assessment=assessment, changes=[
        services.AnswerChange(criterion_id=a.criterion_id, not_applicable=a.criterion.is_counted,
                              status="" if a.criterion.is_counted else scoring.NOT_APPLICABLE)
        for a in post_16
    ])
    services.assessment_submit(acting_user=cast.careers_leader, assessment=assessment)
    scores = {s.number: s for s in BenchmarkScore.objects.filter(assessment=assessment)}
    assert (scores[6].met, scores[6].applicable, scores[6].achieved) == (2, 2, True)
    assert (scores[8].met, scores[8].applicable) == (2, 2)
    assessment.refresh_from_db()
    assert assessment.benchmarks_achieved == 8


@pytest.mark.parametrize("who", ["teacher", "enterprise_coordinator", "hub_manager"])
def test_only_the_careers_leader_submits(cast, who):
    assessment = start(cast)
    f.answer(assessment, cast.careers_leader)
    with pytest.raises(PermissionDenied):
        services.assessment_submit(acting_user=cast.users[who], assessment=assessment)


# Reopening -------------------------------------------------------------------------------------
@pytest.mark.parametrize("who", ["careers_leader", "enterprise_coordinator"])
def test_the_careers_leader_or_the_area_hubs_coordinator_reopens_with_a_reason(cast, who):
    assessment = f.submitted(cast.school, cast.careers_leader, AUTUMN)
    services.assessment_reopen(acting_user=cast.users[who], assessment=assessment, reason="  Missed the employer fair  ")
    assessment.refresh_from_db()
    assert assessment.status == "reopened"
    event = assessment.events.get(action="reopened")
    assert (event.by, event.reason) == (cast.users[who], "Missed the employer fair")
    assert BenchmarkScore.objects.filter(assessment=assessment).count() == 8, "the last snapshot stays until resubmitted"
    assert AuditEntry.objects.filter(
        actor=cast.users[who], summary="Reopened the self-assessment for Northfield Academy, Autumn 2026: Missed the employer fair"
    ).exists()


@pytest.mark.parametrize("who", ["teacher", "hub_manager", "other_careers_leader", "enterprise_adviser", "analyst"])
def test_nobody_else_reopens(cast, who):
    assessment = f.submitted(cast.school, cast.careers_leader, AUTUMN)
    with pytest.raises(PermissionDenied):
        services.assessment_reopen(acting_user=cast.users[who], assessment=assessment, reason="Because")


def test_a_coordinator_of_another_area_hub_cannot_reopen(cast):
    other = UserFactory(username="south_coordinator")
    RoleAssignmentFactory(user=other, role=Role.ENTERPRISE_COORDINATOR, partnership=cast.partnership, area_hub=cast.other_area_hub)
    assessment = f.submitted(cast.school, cast.careers_leader, AUTUMN)
    with pytest.raises(PermissionDenied):
        services.assessment_reopen(acting_user=other, assessment=assessment, reason="Because")


def test_reopening_needs_a_reason_and_a_submitted_assessment(cast):
    assessment = f.submitted(cast.school, cast.careers_leader, AUTUMN)
    with pytest.raises(ValidationError) as refused:
        services.assessment_reopen(acting_user=cast.careers_leader, assessment=assessment, reason="   ")
    assert refused.value.message_dict == {"reason": ["Enter why the self-assessment is being reopened"]}
    services.assessment_reopen(acting_user=cast.careers_leader, assessment=assessment, reason="Once")
    with pytest.raises(ValidationError) as twice:
        services.assessment_reopen(acting_user=cast.careers_leader, assessment=assessment, reason="Twice")
    assert twice.value.code == "not_submitted"


def test_resubmitting_replaces_the_stored_scores(cast):
    assessment = f.submitted(cast.school, cast.careers_leader, AUTUMN, met_share={6: 1})
    services.assessment_reopen(acting_user=cast.careers_leader, assessment=assessment, reason="Placements confirmed")
    f.answer(assessment, cast.careers_leader)
    services.assessment_submit(acting_user=cast.careers_leader, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.status == "submitted" and assessment.benchmarks_achieved == 8
    assert BenchmarkScore.objects.filter(assessment=assessment).count() == 8
    assert BenchmarkScore.objects.get(assessment=assessment, number=6).achieved
    assert [e.action for e in assessment.events.order_by("at", "pk")] == ["started", "submitted", "reopened", "submitted"]


# Settings --------------------------------------------------------------------------------------
def test_the_hub_manager_chooses_the_version_and_sets_targets(cast):
    original = f.framework(f.ORIGINAL)
    services.benchmark_settings_update(acting_user=cast.hub_manager, partnership=cast.partnership,
                                       framework_version=original, targets={5: 100, 6: 100, 7: None})
    assert PartnershipBenchmarkSettings.objects.get(partnership=cast.partnership).framework_version == original
    assert dict(BenchmarkTarget.objects.values_list("number", "minimum_percent")) == {5: 100, 6: 100}
    services.benchmark_settings_update(acting_user=cast.hub_manager, partnership=cast.partnership,
                                       framework_version=original, targets={5: 80, 6: None})
    assert dict(BenchmarkTarget.objects.values_list("number", "minimum_percent")) == {5: 80}
    assert AuditEntry.objects.filter(summary="Benchmark settings: Gatsby 2014; targets 5: 80%").exists()
    with pytest.raises(ValidationError):
        services.benchmark_settings_update(acting_user=cast.hub_manager, partnership=cast.partnership,
                                           framework_version=original, targets={5: 101})


@pytest.mark.parametrize("who", ["enterprise_coordinator", "analyst", "admin", "careers_leader"])
def test_only_the_hub_manager_changes_the_settings(cast, who):
    with pytest.raises(PermissionDenied):
        services.benchmark_settings_update(acting_user=cast.users[who], partnership=cast.partnership,
                                           framework_version=f.framework(), targets={})
