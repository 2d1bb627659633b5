"""Notifying people: a notification on the platform for each, and an email sent through the task
queue to those with an email address, so a publish that notifies thousands returns at once."""
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from .models import Notification

try:
    from django_tasks import task
except ImportError:  # pragma: no cover
    from django.tasks import task


def notify(users, *, subject: str, body: str = "", url: str = "") -> int:
    """Notify each of ``users`` (an iterable of User). Returns how many were notified."""
    users = [u for u in users if u is not None]
    Notification.objects.bulk_create(
        [Notification(user=u, subject=subject[:200], body=body, url=url[:300]) for u in users], batch_size=1000
    )
    recipients = sorted({u.email for u in users if u.email})
    if recipients:
        text = f"{body}\n\n{url}".strip()
        transaction.on_commit(
            lambda: send_notification_emails.enqueue(recipients=recipients, subject=subject, body=text)
        )
    return len(users)


@task()
def send_notification_emails(*, recipients: list[str], subject: str, body: str) -> int:
    sent = 0
    for recipient in recipients:
        sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient], fail_silently=True)
    return sent
