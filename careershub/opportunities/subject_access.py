"""What the opportunities app holds about a young person, for their subject access export."""
from careershub.young_people.subject_access import Section

from .models import Application, Encounter, HostFeedback, Message, Placement, Review

SECTIONS = (
    Section("Applications", lambda yp: Application.objects.filter(young_person=yp).order_by("created_at", "pk"), (
        ("Opportunity", "opportunity__title"), ("Applied", "created_at"), ("Status", "status"),
        ("Why you were interested", "interest"), ("Availability", "availability"), ("What you shared", "shared"),
        ("Reason given", "decision_reason"), ("Decided", "decided_at"),
    )),
    Section("Messages about your applications",
            lambda yp: Message.objects.filter(application__young_person=yp).order_by("sent_at", "pk"), (
                ("Opportunity", "application__opportunity__title"), ("Sent", "sent_at"), ("Message", "body"),
            )),
    Section("Placements and their safeguarding checks",
            lambda yp: Placement.objects.filter(application__young_person=yp).order_by("created_at", "pk"), (
                ("Opportunity", "application__opportunity__title"), ("Status", "status"),
                ("Parental consent given", "parental_consent_at"), ("Supervisor", "supervisor_name"),
                ("Emergency contact", "emergency_contact_name"), ("Emergency contact phone", "emergency_contact_phone"),
                ("Plan of the days", "plan"), ("You agreed the plan", "plan_agreed_by_young_person_at"),
                ("Confirmed", "confirmed_at"), ("Reason cancelled", "cancelled_reason"),
            )),
    Section("Encounters and experiences", lambda yp: Encounter.objects.filter(young_person=yp).order_by("occurred_on", "pk"), (
        ("Date", "occurred_on"), ("What", "title"), ("Kind", "kind"), ("Counts as", "counts_as"),
        ("Employer", "employer__name"), ("College, university or provider", "provider__name"), ("Recorded by", "source"),
    )),
    Section("Your reviews", lambda yp: Review.objects.filter(application__young_person=yp).order_by("created_at", "pk"), (
        ("Opportunity", "application__opportunity__title"), ("Rating", "rating"), ("Review", "body"),
        ("Status", "status"), ("Reason not published", "moderation_reason"), ("The host's reply", "reply"),
    )),
    Section("Feedback from hosts", lambda yp: HostFeedback.objects.filter(application__young_person=yp).order_by("created_at", "pk"), (
        ("Opportunity", "application__opportunity__title"), ("Feedback", "body"), ("Given", "created_at"),
    )),
)
