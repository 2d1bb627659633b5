"""What mentoring holds about a young person. Session notes are not in the self-service export: they
may hold safeguarding information about the young person or others, so the data protection lead
reviews them before they are disclosed on request."""
from careershub.young_people.subject_access import Section

from .models import Consent, Goal, Referral, SessionAttendee

WITHHELD = ("Mentors' session notes: ask the partnership's data protection lead, who reviews them before "
            "disclosing, because they can hold safeguarding information about you or other people.")

SECTIONS = (
    Section("Mentoring referrals", lambda yp: Referral.objects.filter(young_person=yp).order_by("referred_on", "pk"), (
        ("Referred", "referred_on"), ("To", "provider__name"), ("Reason", "reason"), ("Details", "details"),
        ("Status", "status"), ("What motivates you", "motivations"), ("Interests", "interests"),
        ("Skills and strengths", "strengths"), ("Ended", "closed_on"), ("Outcome", "outcome"),
    )),
    Section("Consents to mentoring", lambda yp: Consent.objects.filter(referral__young_person=yp).order_by("given_at", "pk"), (
        ("Given as", "capacity"), ("Given", "given_at"), ("Withdrawn", "withdrawn_at"),
    )),
    Section("Mentoring sessions", lambda yp: SessionAttendee.objects.filter(referral__young_person=yp)
            .order_by("session__date", "pk"), (
                ("Date", "session__date"), ("Kind", "session__kind"), ("What it worked on", "session__aims"),
                ("Attendance", "attendance"),
            )),
    Section("Mentoring goals", lambda yp: Goal.objects.filter(referral__young_person=yp).order_by("agreed_on", "pk"), (
        ("Agreed", "agreed_on"), ("Goal", "text"), ("By", "target_on"), ("Progress", "progress"),
    )),
)
