import datetime

import factory
from django.utils import timezone

from careershub.mentoring import models
from careershub.young_people.tests.factories import YoungPersonFactory

NOTE_TEXT = "Spoke about arguments at home; she seemed withdrawn and tired."


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Referral

    young_person = factory.SubFactory(YoungPersonFactory)
    referred_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=40))
    reason = models.Referral.Reason.LOW_CONFIDENCE


def consent(referral, user, capacity):
    return models.Consent.objects.create(referral=referral, given_by=user, capacity=capacity, given_at=timezone.now())


def amira_referral(cast, *, consented=True, mentor=True):
    """Amira (15, so her parent's consent is needed too) referred to Open Doors Mentoring by her
    careers leader; by default both have consented and cast.mentor has taken her on."""
    referral = ReferralFactory(young_person=cast.young_person_record, provider=cast.provider, referred_by=cast.careers_leader,
                               reason=models.Referral.Reason.NO_IDEA_NEXT, details="Bright but unsure about sixth form")
    if consented:
        consent(referral, cast.young_person, models.Consent.Capacity.YOUNG_PERSON)
        consent(referral, cast.parent_carer, models.Consent.Capacity.PARENT)
    if mentor:
        referral.status, referral.mentor = models.Referral.Status.ACTIVE, cast.mentor
        referral.accepted_by, referral.accepted_on = cast.mentor, timezone.localdate() - datetime.timedelta(days=30)
        referral.save()
    return referral


def session_with(cast, referrals, *, days_from_today=-3, kind=None, mentor=None, status=None, attendance="attended"):
    day = timezone.localdate() + datetime.timedelta(days=days_from_today)
    referrals = list(referrals)
    session = models.MentoringSession.objects.create(
        provider=referrals[0].provider, mentor=mentor or cast.mentor,
        kind=kind or (models.MentoringSession.Kind.GROUP if len(referrals) > 1 else models.MentoringSession.Kind.ONE_TO_ONE),
        date=day, starts_at=datetime.time(15, 30), ends_at=datetime.time(16, 30),
        where=models.MentoringSession.Where.AT_SCHOOL, place="Library", aims="Looking at sixth-form options",
        status=status or (models.MentoringSession.Status.HELD if days_from_today < 0 else models.MentoringSession.Status.SCHEDULED),
    )
    for referral in referrals:
        models.SessionAttendee.objects.create(
            session=session, referral=referral,
            attendance=attendance if days_from_today < 0 else models.SessionAttendee.Attendance.EXPECTED)
    return session


def note_on(session, referral, *, author, body=NOTE_TEXT, concern=True):
    return models.SessionNote.objects.create(session=session, referral=referral, author=author, body=body,
                                             safeguarding_concern=concern, written_at=timezone.now())
