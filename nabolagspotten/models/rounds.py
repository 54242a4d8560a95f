"""Rounds (søknadsrunder) and each area's share of a round's budget."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.formatting import kroner
from nabolagspotten.models.common import long_text_field


class RoundQuerySet(models.QuerySet):
    def open(self, on=None):
        """Rounds taking applications on the day (today in Oslo by default)."""
        on = on or timezone.localdate()
        return self.filter(opens_on__lte=on).filter(
            Q(closes_on__isnull=True) | Q(closes_on__gte=on)
        )


class Round(models.Model):
    """A søknadsrunde: dates (or rolling intake), criteria, and the largest single grant.
    Its budget is split per area in `RoundArea`."""

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(
        _("closes"), null=True, blank=True, help_text=_("Leave empty for rolling intake.")
    )
    max_grant = models.PositiveIntegerField(
        _("largest grant to one application (kr)"), validators=[MinValueValidator(1)]
    )
    criteria = long_text_field(verbose_name=_("criteria"))
    accept_within_days = models.PositiveSmallIntegerField(
        _("days the applicant has to accept a grant"), default=21
    )
    report_within_days = models.PositiveSmallIntegerField(
        _("days after the activity ends until the final report is due"), default=60
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-opens_on", "pk"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(closes_on__gte=models.F("opens_on")),
                name="round_closes_after_opening",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("nabolagspotten:round", args=[self.pk])

    @property
    def is_rolling(self) -> bool:
        return self.closes_on is None

    def is_open(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.opens_on <= on and (self.closes_on is None or on <= self.closes_on)


class RoundArea(models.Model):
    """One area's share of a round's budget. Its row is the lock every grant takes, so two
    decisions in the same area at the same moment are serialised (services/ledger.py)."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="areas"
    )
    area = models.ForeignKey(
        "portfolio.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    budget = models.PositiveIntegerField(_("budget (kr)"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["area__name"]
        verbose_name = _("area budget")
        verbose_name_plural = _("area budgets")
        constraints = [
            models.UniqueConstraint(fields=["round", "area"], name="one_budget_per_round_area")
        ]

    def __str__(self):
        return _("%(round)s – %(area)s: %(budget)s") % {
            "round": self.round,
            "area": self.area,
            "budget": kroner(self.budget),
        }
