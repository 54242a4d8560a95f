from celery import shared_task


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(self, *, to, subject_template, body_template, context):
    """Render a message in Norwegian and send it (core.mail.send_email_now)."""
    from core.mail import send_email_now

    send_email_now(
        to=to, subject_template=subject_template, body_template=body_template, context=context
    )
