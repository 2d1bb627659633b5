"""The demo's mentoring, loaded on a small demo city."""
import random

import pytest
from django.utils import timezone

from careershub.accounts.models import User
from careershub.demo import city as demo_city
from careershub.mentoring import selectors
from careershub.mentoring.demo import load_demo_mentoring
from careershub.mentoring.models import Goal, MentoringSession, Referral, SessionNote
from careershub.network.models import Partnership
from careershub.young_people.selectors import young_people_visible_to


def _build(today) -> dict:
    """Build the small city; the demo loader loads the mentoring (or, where it does not yet, load it
    here). Returns the mentoring rows' counts."""
    demo_city.build(size="small", seed=2026, as_of=today)
    if not Referral.objects.exists():
        load_demo_mentoring(partnership=Partnership.objects.get(slug="demo-riverford"), today=today,
                            rng=random.Random(2026))
    return {model.__name__: model.objects.count() for model in (Referral, MentoringSession, SessionNote, Goal)}


@pytest.mark.django_db
def test_the_demo_mentor_has_a_caseload_with_a_few_not_seen_lately_and_it_repeats():
    today = timezone.localdate()
    made = _build(today)
    mentor = User.objects.get(username="demo.mentor")
    caseload = selectors.caseload(mentor, today=today)
    assert 13 <= caseload.count() <= 16
    assert 2 <= selectors.not_seen_since(caseload, today=today, days=21).count() <= 5
    assert set(young_people_visible_to(mentor)) == {r.young_person for r in caseload}
    # Group and one-to-one sessions, some after school, some still to come.
    sessions = MentoringSession.objects.filter(mentor=mentor)
    assert sessions.filter(kind="group").exists() and sessions.filter(kind="one_to_one").exists()
    assert any(s.after_school for s in sessions) and sessions.filter(date__gt=today, status="scheduled").exists()
    # Every state a dashboard shows, and one flagged note the school's safeguarding lead can read.
    providers = selectors.mentor_provider_ids(mentor)
    assert selectors.waiting_for_mentor(providers, today=today).exists()
    assert selectors.waiting_for_consent(providers, today=today)
    assert selectors.paused_count(today=today, provider_ids=providers) >= 1
    concern = SessionNote.objects.get(safeguarding_concern=True)
    dsl = User.objects.get(username="demo.mentoring.dsl")
    assert selectors.concerns_for(dsl).filter(pk=concern.pk).exists()
    assert not selectors.notes_visible_to(User.objects.get(username="demo.careers.leader")).exists()
    # The demo young person is mentored too, with goals.
    own = Referral.objects.get(young_person__user__username="demo.young.person")
    assert own.mentor == mentor and own.goals.exists()
    # The same city, seed and day give the same rows; rebuilding the city clears them.
    assert _build(today) == made
