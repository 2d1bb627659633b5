"""Who reaches each Gatsby Benchmarks page and endpoint.

cast.school (area hub North, the coordinator's) has cast.enterprise_adviser_record, from cast.employer,
as its adviser: the enterprise adviser and cast.employer_contact read its scores, never its answers.
Rows that need assessments build them as they ask (inside each test's transaction, once however many
rows ask): a submitted one for last term and, where a row needs one, this term's in progress.
"""
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from datetime import timedelta

from django.utils import timezone

from careershub.benchmarks import services
from careershub.benchmarks.models import Action, Answer, Assessment, BenchmarkScore
from careershub.benchmarks.tests import factories as f
from careershub.core.matrix import endpoint, page
from careershub.network.models import Employer

SCORES = ["hub_manager", "enterprise_coordinator", "analyst", "careers_leader", "teacher", "employer_contact",
          "enterprise_adviser"]
EVIDENCE = ["hub_manager", "enterprise_coordinator", "careers_leader", "teacher"]
# Everyone holding a role that reads scores, whether or not they see any school's.
READERS = SCORES + ["other_careers_leader", "other_employer_contact"]
LEADER = ["careers_leader"]
GAPS = ["hub_manager", "enterprise_coordinator", "analyst"]
HUB_STAFF = ["hub_manager", "enterprise_coordinator"]
# Who sees the hub action serving cast.school and owned by cast.employer.
ACTION_SEERS = SCORES
PROGRESS = ["hub_manager", "enterprise_coordinator", "employer_contact"]
EVIDENCE_FILE = "benchmarks/evidence/permission-matrix/programme.pdf"


def submitted(cast):
    """Last term's submitted assessment at cast.school (made once, however many rows ask for it)."""
    existing = Assessment.objects.filter(school=cast.school, period=f.this_term().previous().period).first()
    return existing or f.submitted(cast.school, cast.careers_leader, f.this_term().previous(), met_share={6: 1})


def draft(cast):
    """This term's assessment at cast.school, in progress (made once)."""
    existing = Assessment.objects.filter(school=cast.school, period=f.this_term().period).first()
    return existing or f.draft(cast.school, cast.careers_leader)


def answered_draft(cast):
    assessment = draft(cast)
    f.answer(assessment, cast.careers_leader)
    return assessment


def answer_with_file(cast):
    """An answer with an evidence file (one small file kept in storage for every run of the matrix)."""
    assessment = submitted(cast)
    if not default_storage.exists(EVIDENCE_FILE):
        default_storage.save(EVIDENCE_FILE, ContentFile(b"%PDF-1.7\nThe careers programme"))
    answer = Answer.objects.filter(assessment=assessment).first()
    Answer.objects.filter(pk=answer.pk).update(evidence_file=EVIDENCE_FILE, evidence_file_name="Programme.pdf")
    return answer


def hub_action(cast):
    """A hub action serving cast.school (North), owned by cast.employer as a cornerstone employer (made once):
    the employer's contact reports progress on it; the North coordinator and the hub manager manage it."""
    existing = Action.objects.filter(title="Work experience week for year 10").first()
    if existing:
        return existing
    Employer.objects.filter(pk=cast.employer.pk).update(is_cornerstone=True)
    cast.employer.is_cornerstone = True
    return services.action_create(
        acting_user=cast.hub_manager, partnership=cast.partnership, title="Work experience week for year 10",
        benchmark_number=6, owner=services.Owner.of(cast.employer), due_on=timezone.localdate() + timedelta(days=60),
        schools=[cast.school],
    )


def gap_on_6(cast):
    """Benchmark 6 a gap at cast.school, whichever rows made its latest self-assessment before this one: a
    school's own action is raised against one of its gaps."""
    latest = Assessment.objects.filter(school=cast.school, status="submitted").order_by("-period").first()
    if latest is not None:
        BenchmarkScore.objects.filter(assessment=latest, number=6).update(met=2, percent="66.67", achieved=False)


def school_action(cast):
    """One of cast.school's own actions, raised by its careers leader (made once)."""
    existing = Action.objects.filter(title="Guidance interviews before options").first()
    if existing:
        return existing
    gap_on_6(cast)
    return services.school_action_create(
        acting_user=cast.careers_leader, school=cast.school, title="Guidance interviews before options",
        benchmark_number=6, due_on=timezone.localdate() + timedelta(days=30),
    )


def hub_action_data(cast):
    return {"title": "Employer encounters in year 8", "benchmark_number": "5", "owner": f"employer:{cast.employer.pk}",
            "due_on": (timezone.localdate() + timedelta(days=90)).strftime("%d/%m/%Y"), "schools": [cast.school.pk]}


def hub_action_json(cast):
    return {"title": "Employer encounters in year 8", "benchmark_number": 5, "owner_kind": "employer",
            "owner_id": cast.employer.pk, "due_on": (timezone.localdate() + timedelta(days=90)).isoformat(),
            "school_ids": [cast.school.pk]}


def school_action_data(cast):
    gap_on_6(cast)
    return {"title": "Placements for year 12", "benchmark_number": "6",
            "due_on": (timezone.localdate() + timedelta(days=40)).strftime("%d/%m/%Y")}


def settings_data(cast):
    return {"framework_version": f.framework().pk, "target_5": "100", "target_6": "100"}


ROWS = [
    page("benchmarks:school_list", lambda cast: "/benchmarks/", READERS,
         note="each sees the schools whose scores they may (none for the other employer's contact)"),
    page("benchmarks:school_list", lambda cast: f"/benchmarks/?area_hub={cast.area_hub.pk}&below_target=on&page=2",
         READERS, note="filtered, past the last page; the area hub filter only for hub staff and analysts"),
    page("benchmarks:my_school", lambda cast: "/benchmarks/my-school/", ["careers_leader", "teacher", "other_careers_leader"],
         ok=302),
    page("benchmarks:hub", lambda cast: (submitted(cast), "/benchmarks/hub/")[1], READERS),
    page("benchmarks:settings", lambda cast: "/benchmarks/settings/", ["hub_manager"]),
    page("benchmarks:settings", lambda cast: "/benchmarks/settings/", ["hub_manager"], method="post", data=settings_data,
         ok=302),
    page("benchmarks:settings", lambda cast: "/benchmarks/settings/", ["hub_manager"], method="post",
         data={"target_5": "120"}, ok=400, note="no version chosen and a target over 100: shown again with errors"),
    page("benchmarks:school_overview", lambda cast: (submitted(cast), f"/benchmarks/schools/{cast.school.pk}/")[1],
         SCORES, note="the adviser's and the employer's matched school: scores"),
    page("benchmarks:school_overview", lambda cast: f"/benchmarks/schools/{cast.other_school.pk}/",
         ["hub_manager", "analyst", "other_careers_leader"], note="a South school, outside the coordinator's area hub"),
    page("benchmarks:assessment_start", lambda cast: f"/benchmarks/schools/{cast.school.pk}/start/", LEADER,
         method="post", ok=302),
    page("benchmarks:assessment_detail", lambda cast: f"/benchmarks/assessments/{submitted(cast).pk}/", EVIDENCE,
         note="answers and evidence: never advisers, employers or analysts"),
    page("benchmarks:assessment_detail", lambda cast: f"/benchmarks/assessments/{draft(cast).pk}/", EVIDENCE,
         note="in progress: the careers leader's task list"),
    page("benchmarks:assessment_benchmark", lambda cast: f"/benchmarks/assessments/{draft(cast).pk}/benchmarks/5/",
         LEADER),
    page("benchmarks:assessment_benchmark", lambda cast: f"/benchmarks/assessments/{draft(cast).pk}/benchmarks/5/",
         LEADER, method="post", data={"action": "save"}, ok=302, note="saved as a draft, part-answered"),
    page("benchmarks:assessment_check", lambda cast: f"/benchmarks/assessments/{draft(cast).pk}/check/", LEADER),
    page("benchmarks:assessment_check", lambda cast: f"/benchmarks/assessments/{answered_draft(cast).pk}/check/",
         LEADER, method="post", ok=302, note="submitted"),
    page("benchmarks:assessment_check", lambda cast: f"/benchmarks/assessments/{draft(cast).pk}/check/",
         LEADER, method="post", ok=400, note="not every criterion answered: refused"),
    page("benchmarks:assessment_reopen", lambda cast: f"/benchmarks/assessments/{submitted(cast).pk}/reopen/",
         ["careers_leader", "enterprise_coordinator"]),
    page("benchmarks:assessment_reopen", lambda cast: f"/benchmarks/assessments/{submitted(cast).pk}/reopen/",
         ["careers_leader", "enterprise_coordinator"], method="post", data={"reason": "New evidence from the fair"},
         ok=302),
    page("benchmarks:evidence_file", lambda cast: f"/benchmarks/evidence/{answer_with_file(cast).pk}/", EVIDENCE),
    endpoint("GET /api/benchmarks/frameworks", lambda cast: "/api/benchmarks/frameworks", READERS),
    endpoint("GET /api/benchmarks/schools", lambda cast: (submitted(cast), "/api/benchmarks/schools")[1], READERS),
    endpoint("GET /api/benchmarks/schools", lambda cast: "/api/benchmarks/schools?below_target=true&limit=10", READERS,
             note="filtered"),
    endpoint("GET /api/benchmarks/schools/{school_id}/assessments",
             lambda cast: (submitted(cast), f"/api/benchmarks/schools/{cast.school.pk}/assessments")[1], SCORES),
    endpoint("GET /api/benchmarks/assessments/{assessment_id}",
             lambda cast: f"/api/benchmarks/assessments/{submitted(cast).pk}", EVIDENCE),
    endpoint("GET /api/benchmarks/hub", lambda cast: "/api/benchmarks/hub", READERS),
    # The gap analysis and the reports.
    page("benchmarks:gap_analysis", lambda cast: (submitted(cast), hub_action(cast), "/benchmarks/gaps/")[2], GAPS),
    page("benchmarks:gap_analysis",
         lambda cast: f"/benchmarks/gaps/?area_hub={cast.area_hub.pk}&school_type=mainstream&threshold=80&sort=overall&need=6",
         ["hub_manager", "enterprise_coordinator", "analyst"], note="filtered, with the schools in need on benchmark 6"),
    page("benchmarks:gap_analysis", lambda cast: (submitted(cast), "/benchmarks/gaps/?format=csv")[1], GAPS,
         note="the heatmap as CSV"),
    page("benchmarks:hub_report", lambda cast: (submitted(cast), hub_action(cast), "/benchmarks/gaps/report.pdf")[2],
         GAPS, note="PDF"),
    page("benchmarks:school_report",
         lambda cast: (submitted(cast), hub_action(cast), f"/benchmarks/schools/{cast.school.pk}/report.pdf")[2], SCORES,
         note="PDF, for everyone who reads the school's scores"),
    endpoint("GET /api/benchmarks/gaps", lambda cast: (submitted(cast), "/api/benchmarks/gaps")[1], GAPS),
    endpoint("GET /api/benchmarks/gaps", lambda cast: "/api/benchmarks/gaps?school_type=mainstream&threshold=80",
             GAPS, note="filtered"),
    # Action plans.
    page("benchmarks:action_list", lambda cast: (hub_action(cast), school_action(cast), "/benchmarks/actions/")[2],
         READERS, note="each sees the actions they may (none for the other employer's contact)"),
    page("benchmarks:action_list", lambda cast: "/benchmarks/actions/?benchmark=6&status=overdue&level=hub", READERS,
         note="filtered"),
    page("benchmarks:action_create", lambda cast: f"/benchmarks/actions/new/?benchmark=6&school={cast.school.pk}",
         HUB_STAFF),
    page("benchmarks:action_create", lambda cast: (hub_action(cast), "/benchmarks/actions/new/")[1], HUB_STAFF,
         method="post", data=hub_action_data, ok=302),
    page("benchmarks:action_detail", lambda cast: f"/benchmarks/actions/{hub_action(cast).pk}/", ACTION_SEERS,
         note="a hub action serving cast.school, owned by cast.employer"),
    page("benchmarks:action_detail", lambda cast: f"/benchmarks/actions/{school_action(cast).pk}/",
         ["hub_manager", "enterprise_coordinator", "analyst", "careers_leader", "teacher", "enterprise_adviser"],
         note="cast.school's own action: not for employers"),
    page("benchmarks:action_edit", lambda cast: f"/benchmarks/actions/{hub_action(cast).pk}/edit/", HUB_STAFF),
    page("benchmarks:action_edit", lambda cast: f"/benchmarks/actions/{hub_action(cast).pk}/edit/", HUB_STAFF,
         method="post", data=lambda cast: {**hub_action_data(cast), "title": "Work experience week for year 10"}, ok=302),
    page("benchmarks:action_edit", lambda cast: f"/benchmarks/actions/{school_action(cast).pk}/edit/",
         ["hub_manager", "enterprise_coordinator", "careers_leader"], note="a school action: its careers leader too"),
    page("benchmarks:action_progress", lambda cast: f"/benchmarks/actions/{hub_action(cast).pk}/progress/",
         PROGRESS, note="the owner employer's contact and the managers"),
    page("benchmarks:action_progress", lambda cast: f"/benchmarks/actions/{hub_action(cast).pk}/progress/",
         PROGRESS, method="post", data={"text": "Twelve placements confirmed", "status": "in_progress"}, ok=302),
    page("benchmarks:school_action_create", lambda cast: (submitted(cast), f"/benchmarks/schools/{cast.school.pk}/actions/new/")[1],
         ["hub_manager", "enterprise_coordinator", "careers_leader"]),
    page("benchmarks:school_action_create", lambda cast: f"/benchmarks/schools/{cast.school.pk}/actions/new/",
         ["hub_manager", "enterprise_coordinator", "careers_leader"], method="post", data=school_action_data, ok=302),
    endpoint("GET /api/benchmarks/actions", lambda cast: (hub_action(cast), "/api/benchmarks/actions")[1], READERS),
    endpoint("GET /api/benchmarks/actions/{action_id}", lambda cast: f"/api/benchmarks/actions/{hub_action(cast).pk}",
             ACTION_SEERS),
    endpoint("POST /api/benchmarks/actions", lambda cast: (hub_action(cast), "/api/benchmarks/actions")[1], HUB_STAFF,
             method="post", data=hub_action_json, ok=201),
    endpoint("PATCH /api/benchmarks/actions/{action_id}", lambda cast: f"/api/benchmarks/actions/{hub_action(cast).pk}",
             HUB_STAFF, method="patch", data={"description": "Placements in the week before half term"}),
    endpoint("POST /api/benchmarks/actions/{action_id}/notes",
             lambda cast: f"/api/benchmarks/actions/{hub_action(cast).pk}/notes", PROGRESS, method="post",
             data={"text": "Eight employers have offered places"}, ok=201),
]
