"""What the daily reminder job has sent: one row per indicator and period, so the owners of
an overdue measurement are never reminded twice for the same period."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benefits.models.indicators import Indicator


class MeasurementReminder(models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="reminders"
    )
    period_end = models.DateField(_("period (last day)"))
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("measurement reminder")
        verbose_name_plural = _("measurement reminders")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_end"], name="measurement_reminder_once_per_period"
            )
        ]

    def __str__(self):
        return f"{self.indicator}: {self.period_end}"
