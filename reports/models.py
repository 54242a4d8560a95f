"""A report is a stored, numbered version of the annual report (årsrapport) or of the board's
report pack (styrerapport) for one meeting: who ordered it and when, its period, its state
(bestilt → bygges → ferdig, or feilet with the reason), its progress, the data it was built
from frozen as JSON (`snapshot`, so it reads the same in five years), the programme leader's
summary texts, and its files. A published annual report never changes; a correction is a
new version."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    class Kind(models.TextChoices):
        ANNUAL = "arsrapport", _("Annual report")
        BOARD = "styrerapport", _("Board report pack")

    class Status(models.TextChoices):
        ORDERED = "bestilt", _("Ordered")
        BUILDING = "bygges", _("Being built")
        DONE = "ferdig", _("Ready")
        FAILED = "feilet", _("Failed")

    BUSY_STATUSES = [Status.ORDERED, Status.BUILDING]

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    meeting_date = models.DateField(_("board meeting"), null=True, blank=True)
    number = models.PositiveIntegerField(_("version"), editable=False)
    since = models.DateField(_("from"))
    until = models.DateField(_("to"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ORDERED
    )
    progress = models.PositiveSmallIntegerField(_("share done (%)"), default=0)
    current_section = models.CharField(_("section being built"), max_length=100, blank=True)
    failure_reason = models.TextField(_("why it failed"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    snapshot = models.JSONField(_("the data it was built from"), default=dict, editable=False)
    summaries = models.JSONField(_("summary per section"), default=dict, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="reports/", blank=True, editable=False)
    public_pdf = models.FileField(
        _("public PDF"), upload_to="reports/public/", blank=True, editable=False
    )
    public_pdf_failure = models.TextField(_("why the public PDF could not be made"), blank=True)
    xlsx = models.FileField(_("workbook"), upload_to="reports/", blank=True, editable=False)
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ordered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    ordered_at = models.DateTimeField(_("ordered"), default=timezone.now, editable=False)
    started_at = models.DateTimeField(_("build started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("ready"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-ordered_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "number"], name="report_unique_version"
            ),
            # One build at a time per report: ordering again while it builds finds this one.
            models.UniqueConstraint(
                fields=["kind", "year", "meeting_date"],
                condition=models.Q(status__in=["bestilt", "bygges"]),
                nulls_distinct=False,
                name="report_one_build_at_a_time",
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.BOARD:
            return str(
                _("Board report pack %(date)s, version %(number)s")
                % {"date": self.meeting_date.strftime("%d.%m.%Y"), "number": self.number}
            )
        return str(
            _("Annual report %(year)s, version %(number)s")
            % {"year": self.year, "number": self.number}
        )

    def get_absolute_url(self):
        return reverse("reports:report", kwargs={"pk": self.pk})

    @property
    def is_busy(self) -> bool:
        return self.status in self.BUSY_STATUSES

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def public_pdf_failed(self) -> bool:
        """Published, but the publish task gave up making the public PDF."""
        return self.is_published and not self.public_pdf and bool(self.public_pdf_failure)

    @property
    def is_annual(self) -> bool:
        return self.kind == self.Kind.ANNUAL
