"""What allocation rounds hold about a young person: their choices and their published results."""
from django.db.models import F

from careershub.young_people.subject_access import Section

from .models import RoundChoice, RoundOutcome

SECTIONS = (
    Section("Your choices in allocation rounds",
            lambda yp: RoundChoice.objects.filter(young_person=yp).order_by("round_id", "rank"), (
                ("Round", "round__name"), ("Choice", "rank"), ("Opportunity", "opportunity__title"),
            )),
    Section("Your allocation results",
            lambda yp: RoundOutcome.objects.filter(young_person=yp, run__round__published_run_id=F("run_id")).order_by("pk"), (
                ("Round", "run__round__name"), ("Place given", "opportunity__title"), ("Which choice", "choice_number"),
                ("Experiences counted", "experiences"), ("Priority group", "priority_group"),
            ),
            note="Only the published result of each round; earlier trial runs were never shown to anyone."),
)
