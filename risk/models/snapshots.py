"""Board snapshots: the programme leader freezes every register's open and changed risks for
a board meeting. A snapshot is numbered and never changed; its content is plain JSON, so a
later change to a risk (or to the matrix) does not rewrite what the board saw."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Snapshot(models.Model):
    number = models.PositiveIntegerField(_("number"), unique=True, editable=False)
    taken_at = models.DateTimeField(_("taken at"), default=timezone.now, editable=False)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("meeting"), max_length=200, blank=True)
    data = models.JSONField(_("content"), editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("board snapshot")
        verbose_name_plural = _("board snapshots")
        ordering = ["-number"]

    def __str__(self):
        return str(_("Snapshot %(number)s") % {"number": self.number})

    def get_absolute_url(self):
        return reverse("risk:snapshot", kwargs={"number": self.number})
