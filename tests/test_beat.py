"""core.beat: the daily schedules every app's migration creates, and removes again."""

import pytest
from django.apps import apps
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from core.beat import schedule_operations

pytestmark = pytest.mark.django_db

JOBS = [
    ("Test: morgenjobb", "tests.morning", "6", "5"),
    ("Test: kveldsjobb", "tests.evening", "21", "55"),
]


def test_the_forward_step_schedules_each_job_daily_in_oslo_time_and_can_run_twice():
    create, _remove = schedule_operations(JOBS)
    create(apps, None)
    create(apps, None)  # a migration run again changes nothing
    tasks = PeriodicTask.objects.filter(name__in=[name for name, *_ in JOBS])
    assert tasks.count() == 2
    morning = tasks.select_related("crontab").get(task="tests.morning")
    assert (morning.crontab.hour, morning.crontab.minute) == ("6", "5")
    assert morning.crontab.day_of_week == "*" and morning.enabled
    assert str(morning.crontab.timezone) == "Europe/Oslo"


def test_the_backward_step_removes_the_tasks_and_only_the_crontabs_no_one_else_uses():
    create, remove = schedule_operations(JOBS)
    create(apps, None)
    shared = CrontabSchedule.objects.get(hour="21", minute="55", timezone="Europe/Oslo")
    PeriodicTask.objects.create(name="Test: en annen", task="tests.other", crontab=shared)
    remove(apps, None)
    assert not PeriodicTask.objects.filter(name__in=[name for name, *_ in JOBS]).exists()
    assert not CrontabSchedule.objects.filter(hour="6", minute="5").exists()
    assert CrontabSchedule.objects.filter(pk=shared.pk).exists()  # still used by another task
