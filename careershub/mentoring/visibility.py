"""What mentoring adds to who may open a young person's record: a mentor, the young people on their
own caseload whose consent is complete today, and nobody else."""
from django.db.models import Q
from django.utils import timezone

from careershub.accounts.roles import Role


def mentor_caseload_rule(user, assignment):
    """Registered with young_people.selectors.register_visibility_rule."""
    if assignment.role != Role.MENTOR or not assignment.provider_id:
        return None
    from .models import Referral
    from .selectors import consent_complete_q

    caseload = Referral.objects.filter(
        mentor_id=user.pk, provider_id=assignment.provider_id, status=Referral.Status.ACTIVE,
    ).filter(consent_complete_q(timezone.localdate()))
    return Q(pk__in=caseload.values("young_person_id"))
