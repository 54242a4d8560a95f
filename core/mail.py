"""Sending e-mail. Every message goes through a Celery task queued after the current
transaction commits, so a rolled-back change never sends mail and a slow mail server
never slows a page. A message with attachments (a PDF letter) is sent at once by the
Celery task that made it: `send_email_now`."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

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


def send_email_now(
    *,
    to: list[str],
    subject_template: str,
    body_template: str,
    context: dict,
    attachments: tuple = (),
) -> None:
    """Render a message in Norwegian and send it now, with `attachments` as
    (file name, content, MIME type). For code that runs in a Celery task already."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = "".join(render_to_string(subject_template, context).splitlines())
        body = render_to_string(body_template, context)
    message = EmailMessage(subject=subject, body=body, to=to)
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
