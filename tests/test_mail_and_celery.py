"""E-mail goes through a Celery task queued after commit; a real worker picks it up from
the broker (Redis in CI, where REDIS_URL is set)."""

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import transaction

from core.mail import queue_email
from omradesatsing.celery import app

MESSAGE = {
    "to": ["kari@test.example"],
    "subject_template": "registration/password_reset_subject.txt",
    "body_template": "registration/password_reset_email.txt",
    "context": {
        "protocol": "https",
        "domain": "test.example",
        "uid": "MQ",
        "token": "t",
        "full_name": "Kari",
    },
}


@pytest.mark.django_db
def test_no_mail_is_sent_when_the_transaction_rolls_back(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                queue_email(**MESSAGE)
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass
    assert mailoutbox == []


@pytest.mark.django_db
def test_mail_is_sent_once_the_transaction_commits(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(**MESSAGE)
        assert mailoutbox == [], "nothing before the commit"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "[Områdesatsing] Nytt passord til Områdesatsing".removeprefix(
        "[Områdesatsing] "
    )


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_mail_through_the_broker(mailoutbox):
    # The configured broker: Redis when REDIS_URL is set (always in CI), otherwise Celery's
    # in-memory transport, so the worker path runs on a machine without Redis too.
    if os.environ.get("REDIS_URL"):
        assert app.conf.broker_url.startswith("redis://")
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            with transaction.atomic():
                queue_email(**MESSAGE)
            deadline = time.monotonic() + 20
            while not mailoutbox and time.monotonic() < deadline:
                time.sleep(0.1)
    finally:
        app.conf.task_always_eager = True
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["kari@test.example"]
