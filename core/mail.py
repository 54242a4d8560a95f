"""Sending e-mail. Every message goes through a Celery task queued after the current
transaction commits, so a rolled-back change never sends mail and a slow mail server
never slows a page."""

from django.db import transaction

from core.tasks import send_email


def queue_email(*, to: list[str], subject_template: str, body_template: str, context: dict) -> None:
    """Render and send a message once the transaction commits. `context` must be JSON-able."""
    transaction.on_commit(
        lambda: send_email.delay(
            to=to,
            subject_template=subject_template,
            body_template=body_template,
            context=context,
        )
    )
