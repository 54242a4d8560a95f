"""Which measurements are due (benefits/services/due.py) and the daily reminder of overdue
ones: once per indicator and period, to the indicator's owners."""

import datetime

import pytest

from benefits.models import Baseline, Indicator, MeasurementReminder
from benefits.services import benefits as services
from benefits.services.due import due_measurements, followed_up, period_end_after
from benefits.services.reminders import reminders_send_overdue
from benefits.tasks import send_overdue_reminders
from portfolio.models import Goal
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    ("frequency", "day", "expected"),
    [
        ("maaned", D(2026, 1, 15), D(2026, 1, 31)),
        ("maaned", D(2026, 1, 31), D(2026, 2, 28)),
        ("maaned", D(2026, 12, 31), D(2027, 1, 31)),
        ("kvartal", D(2026, 2, 1), D(2026, 3, 31)),
        ("kvartal", D(2026, 3, 31), D(2026, 6, 30)),
        ("kvartal", D(2026, 12, 31), D(2027, 3, 31)),
        ("aar", D(2022, 6, 1), D(2022, 12, 31)),
        ("aar", D(2025, 12, 31), D(2026, 12, 31)),
    ],
)
def test_the_next_period_ends_after_the_day(frequency, day, expected):
    assert period_end_after(frequency, day) == expected


@pytest.fixture
def benefit(people):
    owner = people["change_leader"]
    project = ProjectFactory(
        owner_unit=owner.unit, project_leader=people["project_leader"], created_by=owner
    )
    return services.benefit_create(
        by=owner,
        title="Økt opplevd trygghet i Lademoen",
        description="Flere føler seg trygge.",
        dfo_class="kvalitet",
        goal=Goal.objects.first(),
        owner_unit=owner.unit,
        contributions=[(project, "direkte")],
    )


JUNE_2025 = D(2025, 6, 1)


def _indicator(benefit, frequency="kvartal", baseline=JUNE_2025, **extra):
    indicator = Indicator.objects.create(
        benefit=benefit, name="Andel trygge", unit="prosent", frequency=frequency, **extra
    )
    if baseline:
        Baseline.objects.create(indicator=indicator, value=40, measured_on=baseline, source="x")
    return indicator


def test_a_measurement_is_due_when_its_period_has_ended(benefit, people):
    indicator = _indicator(benefit)
    (due,) = due_measurements(Indicator.objects.all(), today=D(2025, 7, 1))
    assert (due.indicator_id, due.period_end, due.due_on) == (
        indicator.pk,
        D(2025, 6, 30),
        D(2025, 7, 30),
    )
    assert not due.is_overdue(D(2025, 7, 30)) and due.is_overdue(D(2025, 7, 31))
    assert due_measurements(Indicator.objects.all(), today=D(2025, 6, 29)) == []
    services.measurement_record(
        indicator=indicator, by=people["change_leader"], period_end=D(2025, 6, 30), value=41
    )
    (due,) = due_measurements(Indicator.objects.all(), today=D(2025, 10, 1))
    assert due.period_end == D(2025, 9, 30)  # the next quarter
    assert due_measurements(Indicator.objects.all(), today=D(2025, 9, 29)) == []


def test_an_indicator_without_baseline_starts_at_the_benefits_registration(benefit):
    _indicator(benefit, frequency="aar", baseline=None)
    registered = benefit.created_at.date()
    (due,) = due_measurements(Indicator.objects.all(), today=D(registered.year + 1, 1, 1))
    assert due.period_end == D(registered.year, 12, 31)


def test_a_benefit_not_realised_is_no_longer_followed_up(benefit, people):
    _indicator(benefit)
    services.benefit_abandon(benefit=benefit, by=people["change_leader"], reason="Ingen effekt")
    assert due_measurements(followed_up(), today=D(2026, 1, 1)) == []


def test_due_measurements_take_one_query(benefit, django_assert_num_queries):
    for _i in range(5):
        _indicator(benefit)
    with django_assert_num_queries(1):
        assert len(due_measurements(Indicator.objects.all(), today=D(2026, 1, 1))) == 5


def _run(today, callbacks):
    with callbacks(execute=True):
        return reminders_send_overdue(today=today)


def test_the_owners_are_reminded_once_per_period(
    benefit, people, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://omr.test"
    measurer = UserFactory(full_name="Mona Måler")
    indicator = _indicator(benefit, measured_by=measurer)
    assert _run(D(2025, 7, 30), django_capture_on_commit_callbacks) == 0  # due, not overdue
    assert _run(D(2025, 7, 31), django_capture_on_commit_callbacks) == 1
    assert _run(D(2025, 8, 1), django_capture_on_commit_callbacks) == 0  # never twice
    recipients = sorted(address for message in mailoutbox for address in message.to)
    assert recipients == sorted([people["change_leader"].email, measurer.email])
    message = mailoutbox[0]
    assert "forsinket" in message.subject
    assert "Andel trygge" in message.body and "30. juni 2025" in message.body
    assert (
        f"https://omr.test/gevinster/{benefit.pk}/indikatorer/{indicator.pk}/maling/"
        in message.body
    )
    assert MeasurementReminder.objects.get().period_end == D(2025, 6, 30)
    # the next quarter is a new period: one more reminder
    assert _run(D(2025, 11, 1), django_capture_on_commit_callbacks) == 1
    assert MeasurementReminder.objects.count() == 2


def test_a_recorded_measurement_stops_the_reminders(
    benefit, people, mailoutbox, django_capture_on_commit_callbacks
):
    indicator = _indicator(benefit)
    services.measurement_record(
        indicator=indicator,
        by=people["project_leader"],
        period_end=D(2025, 6, 30),
        value=41,
        awaiting=True,  # waiting for approval still counts as recorded
    )
    assert _run(D(2025, 8, 15), django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


def test_one_email_per_person_lists_all_their_overdue_indicators(
    benefit, people, mailoutbox, django_capture_on_commit_callbacks
):
    _indicator(benefit)
    other = Indicator.objects.create(
        benefit=benefit, name="Deltakere på kurs", unit="antall", frequency="aar"
    )
    Baseline.objects.create(indicator=other, value=10, measured_on=D(2024, 1, 1), source="x")
    assert _run(D(2025, 8, 15), django_capture_on_commit_callbacks) == 2
    (message,) = mailoutbox
    assert "Andel trygge" in message.body and "Deltakere på kurs" in message.body


def test_the_task_runs_the_service(benefit, mailoutbox):
    _indicator(benefit, baseline=D(2020, 1, 1))
    assert send_overdue_reminders.delay().get() == 1
    assert MeasurementReminder.objects.count() == 1


def test_the_beat_schedule_exists():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.select_related("crontab").get(
        task="benefits.tasks.send_overdue_reminders"
    )
    assert task.enabled and str(task.crontab.timezone) == "Europe/Oslo"
    assert (task.crontab.hour, task.crontab.day_of_week) == ("7", "*")
