"""Who reaches each Gatsby Benchmarks page and endpoint.

cast.school (area hub North, the coordinator's) has cast.enterprise_adviser_record, from cast.employer,
as its adviser: the enterprise adviser and cast.employer_contact read its scores, never its answers.
Rows that need assessments build them as they ask (inside each test's transaction, once however many
rows ask): a submitted one for last term and, where a row needs one, this term's in progress.
"""
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from careershub.benchmarks.models import Answer, Assessment
from careershub.benchmarks.tests import factories as f
from careershub.core.matrix import endpoint, page

SCORES = ["hub_manager", "enterprise_coordinator", "analyst", "careers_leader", "teacher", "employer_contact",
          "enterprise_adviser"]
EVIDENCE = ["hub_manager", "enterprise_coordinator", "careers_leader", "teacher"]
# Everyone holding a role that reads scores, whether or not they see any school's.
READERS = SCORES + ["other_careers_leader", "other_employer_contact"]
LEADER = ["careers_leader"]
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
]
