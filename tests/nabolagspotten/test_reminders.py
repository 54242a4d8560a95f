"""Final report reminders: one before the due date, one after it, never twice."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nabolagspotten import access
from nabolagspotten.models import Application, CaseEvent, FinalReport
from nabolagspotten.services.followup import report_due_on
from nabolagspotten.services.reminders import reminders_send_due
from nabolagspotten.tasks import send_report_reminders
from tests.nabolagspotten.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _days(settings):
    settings.NABOLAGSPOTTEN_REMIND_DAYS_BEFORE = 14
    settings.NABOLAGSPOTTEN_REMIND_DAYS_AFTER = 7
    settings.SITE_URL = "https://omr.test"


def _paid(**kwargs):
    return ApplicationFactory(status=Application.Status.PAID, amount_granted=5_000, **kwargs)


def _run(today, callbacks):
    with callbacks(execute=True):
        return reminders_send_due(today=today)


def test_before_then_after_then_nothing(mailoutbox, django_capture_on_commit_callbacks):
    application = _paid()
    due = report_due_on(application)
    assert _run(due - timedelta(days=15), django_capture_on_commit_callbacks) == 0
    assert _run(due - timedelta(days=14), django_capture_on_commit_callbacks) == 1
    assert _run(due - timedelta(days=13), django_capture_on_commit_callbacks) == 0
    assert _run(due, django_capture_on_commit_callbacks) == 0
    assert _run(due + timedelta(days=6), django_capture_on_commit_callbacks) == 0
    assert _run(due + timedelta(days=7), django_capture_on_commit_callbacks) == 1
    assert _run(due + timedelta(days=30), django_capture_on_commit_callbacks) == 0
    before, after = mailoutbox
    assert application.reference in before.body and application.reference in after.subject
    assert before.to == [application.email]
    assert "https://omr.test/nabolagspotten/lenke/" in before.body
    notes = list(
        application.events.filter(kind=CaseEvent.Kind.REMINDER).values_list("note", flat=True)
    )
    assert notes == ["before", "after"]
    assert application.access_links.count() == 2


def test_the_link_in_the_reminder_works(mailoutbox, django_capture_on_commit_callbacks):
    application = _paid()
    _run(report_due_on(application), django_capture_on_commit_callbacks)
    url = next(line for line in mailoutbox[0].body.splitlines() if "/lenke/" in line)
    token = url.strip().split("#", 1)[1]  # the token is in the link's fragment
    assert access.open_link(token).application == application


def test_a_late_job_still_sends_the_before_reminder_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    application = _paid()
    due = report_due_on(application)
    assert _run(due - timedelta(days=3), django_capture_on_commit_callbacks) == 1
    assert _run(due - timedelta(days=2), django_capture_on_commit_callbacks) == 0
    assert len(mailoutbox) == 1


def test_no_reminder_when_reported_or_not_paid(mailoutbox, django_capture_on_commit_callbacks):
    reported = _paid()
    FinalReport.objects.create(
        application=reported, what_happened="x", participants=1, money_used=1
    )
    ApplicationFactory(status=Application.Status.ACCEPTED, amount_granted=5_000)
    anonymised = _paid(email="", anonymised_at=timezone.now())
    today = report_due_on(reported)
    assert report_due_on(anonymised) == today
    assert _run(today, django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


def test_the_task_runs_the_service(mailoutbox):
    application = _paid(ends_on=timezone.localdate() - timedelta(days=60))
    assert report_due_on(application) == timezone.localdate()
    assert send_report_reminders.delay().get() == 1
    assert application.events.filter(kind=CaseEvent.Kind.REMINDER, note="before").exists()


def test_beat_schedules_exist():
    from django_celery_beat.models import PeriodicTask

    tasks = {task.task: task for task in PeriodicTask.objects.select_related("crontab")}
    for name in (
        "nabolagspotten.tasks.send_report_reminders",
        "nabolagspotten.tasks.anonymise_closed_cases",
    ):
        assert tasks[name].enabled
        assert str(tasks[name].crontab.timezone) == "Europe/Oslo"
        assert tasks[name].crontab.day_of_week == "*"
