from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(self, *, to, subject_template, body_template, context):
    """Render a message in Norwegian and send it."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = "".join(render_to_string(subject_template, context).splitlines())
        body = render_to_string(body_template, context)
    EmailMessage(subject=subject, body=body, to=to).send()
