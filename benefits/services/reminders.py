"""The daily reminder of overdue measurements (the Celery beat task
`benefits.tasks.send_overdue_reminders`).

Every indicator with an overdue measurement (`services.due`) gets one reminder for the
latest overdue period, unless it has had one for that period: its owners receive one
e-mail each listing all their overdue indicators. The owners are the indicator's «who
measures», the benefit's accountable line leader and the change leaders of the owning unit
(active users only). A `MeasurementReminder` row per indicator and period records that it
was sent, so no period is ever reminded twice, even if the job runs again the same day.
"""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from accounts.roles import Role
from benefits.models import Indicator, MeasurementReminder
from benefits.services.due import due_measurements, followed_up, grace_days
from core.mail import queue_email


def _owners(dues) -> dict[int, set]:
    """For each overdue indicator, the users to remind."""
    indicators = Indicator.objects.filter(pk__in=[d.indicator_id for d in dues]).values_list(
        "pk", "measured_by_id", "benefit__accountable_id", "benefit__owner_unit_id"
    )
    User = get_user_model()
    change_leaders = defaultdict(set)
    for pk, unit_id in User.objects.filter(
        groups__name=Role.CHANGE_LEADER.value,
        is_active=True,
        unit_id__in={d.owner_unit_id for d in dues},
    ).values_list("pk", "unit_id"):
        change_leaders[unit_id].add(pk)
    owners = {}
    for pk, measured_by, accountable, unit_id in indicators:
        people = set(change_leaders[unit_id]) | {measured_by, accountable}
        owners[pk] = {person for person in people if person}
    return owners


def reminders_send_overdue(*, today=None) -> int:
    """Send today's reminders; returns the number of indicators reminded of."""
    today = today or timezone.localdate()
    sent = set(MeasurementReminder.objects.values_list("indicator_id", "period_end").order_by())
    dues = [
        d
        for d in due_measurements(followed_up(), today=today)
        if d.last_overdue and (d.indicator_id, d.last_overdue) not in sent
    ]
    if not dues:
        return 0
    owners = _owners(dues)
    users = get_user_model().objects.filter(
        pk__in={person for people in owners.values() for person in people}, is_active=True
    )
    users = {user.pk: user for user in users}
    per_user = defaultdict(list)
    reminded = 0
    for due in dues:
        try:
            with transaction.atomic():
                MeasurementReminder.objects.create(
                    indicator_id=due.indicator_id,
                    period_end=due.last_overdue,
                    recipients=len(owners.get(due.indicator_id, ())),
                )
        except IntegrityError:
            continue  # another run sent it meanwhile
        reminded += 1
        for person in owners.get(due.indicator_id, ()):
            if person in users:
                per_user[person].append(due)
    for person, items in per_user.items():
        user = users[person]
        queue_email(
            to=[user.email],
            subject_template="benefits/email/overdue_subject.txt",
            body_template="benefits/email/overdue_body.txt",
            context={
                "full_name": user.full_name or user.email,
                "count": len(items),
                "items": [
                    {
                        "indicator": d.indicator,
                        "benefit": d.benefit,
                        "period": date_format(d.last_overdue, "j. F Y"),
                        "due": date_format(d.last_overdue + timedelta(days=grace_days()), "j. F Y"),
                        "url": settings.SITE_URL + d.url,
                    }
                    for d in items
                ],
            },
        )
    return reminded
