"""Indicators of a benefit, their baselines (nullpunkt: the 2022 and 2025 place analyses),
targets and measurements, and the status rule (docs/benefits.md)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from benefits.models.benefits import LONG_TEXT, Benefit


class Indicator(models.Model):
    class Unit(models.TextChoices):
        COUNT = "antall", _("Count")
        PERCENT = "prosent", _("Percent")
        KRONER = "kroner", _("Kroner")
        SCALE = "skala", _("Scale 1–5")
        TEXT = "tekst", _("Text (qualitative findings)")

    class Direction(models.TextChoices):
        UP = "opp", _("Up")
        DOWN = "ned", _("Down")
        STABLE = "stabil", _("Stable")

    class Frequency(models.TextChoices):
        MONTHLY = "maaned", _("Monthly")
        QUARTERLY = "kvartal", _("Quarterly")
        YEARLY = "aar", _("Yearly")

    class Judgement(models.TextChoices):
        """The owner's judgement of a qualitative indicator (and the computed status)."""

        ON_TRACK = "paa_sporet", _("On track")
        AT_RISK = "risiko", _("At risk")
        OFF_TRACK = "utenfor_sporet", _("Off track")

    benefit = models.ForeignKey(
        Benefit, verbose_name=_("benefit"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(
        _("definition"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    unit = models.CharField(_("unit of measure"), max_length=20, choices=Unit.choices)
    direction = models.CharField(
        _("desired direction"), max_length=10, choices=Direction.choices, default=Direction.UP
    )
    source = models.CharField(
        _("data source and method"),
        max_length=300,
        blank=True,
        help_text=_("E.g. «Sosiokulturell stedsanalyse», a unit's own register, a survey."),
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.YEARLY
    )
    measured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who measures"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    area = models.ForeignKey(
        "portfolio.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="benefit_indicators",
        help_text=_(
            "For perceived change: the area a survey result is for (e.g. the share of residents "
            "of Lademoen who feel safe). Empty for an indicator of the whole benefit."
        ),
    )
    owner_judgement = models.CharField(
        _("owner's judgement"),
        max_length=20,
        choices=Judgement.choices,
        blank=True,
        help_text=_("The status of a qualitative indicator, as the benefit owner judges it."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["benefit", "name", "id"]

    def __str__(self):
        return self.name

    @property
    def is_qualitative(self) -> bool:
        return self.unit == self.Unit.TEXT

    def check_value(self, value, text, field="value"):
        """The same checks for baselines, targets and measurements: a number for numeric
        indicators (1–5 on a scale, 0–100 for a percentage), text for qualitative ones."""
        if self.is_qualitative:
            if not (text or "").strip():
                raise ValidationError(
                    {"text": _("Write the finding: this indicator is qualitative.")}
                )
            return
        if value is None:
            raise ValidationError(
                {field: _("Enter a number: this indicator is measured in numbers.")}
            )
        if self.unit == self.Unit.SCALE and not (Decimal(1) <= value <= Decimal(5)):
            raise ValidationError(
                {
                    field: _("The value %(value)s is outside the scale: use a value from 1 to 5.")
                    % {"value": value}
                }
            )
        if self.unit == self.Unit.PERCENT and not (Decimal(0) <= value <= Decimal(100)):
            raise ValidationError({field: _("A percentage lies between 0 and 100.")})
        if self.unit in (self.Unit.COUNT, self.Unit.KRONER) and value < 0:
            raise ValidationError({field: _("The value cannot be negative.")})


class _Value(models.Model):
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(
        _("qualitative text"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )

    class Meta:
        abstract = True

    def clean(self):
        if self.indicator_id:
            self.indicator.check_value(self.value, self.text)


class Baseline(_Value):
    """A zero point (nullpunkt): more than one per indicator, e.g. the 2022 and 2025 analyses."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="baselines"
    )
    measured_on = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("baseline")
        verbose_name_plural = _("baselines")
        ordering = ["measured_on", "id"]

    def __str__(self):
        return f"{self.indicator}: {self.measured_on:%Y}"

    def clean(self):
        super().clean()
        if self.indicator_id and self.measured_on:
            later = self.indicator.targets.filter(target_date__lt=self.measured_on)
            if later.exists():
                raise ValidationError(
                    {
                        "measured_on": _(
                            "The baseline date is after a target date of this indicator."
                        )
                    }
                )


class Target(_Value):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    target_date = models.DateField(_("target date"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["target_date", "id"]

    def __str__(self):
        return f"{self.indicator}: {self.target_date}"

    def clean(self):
        super().clean()
        if self.indicator_id and self.target_date:
            later = self.indicator.baselines.filter(measured_on__gt=self.target_date)
            if later.exists():
                raise ValidationError(
                    {"target_date": _("The target date is before a baseline of this indicator.")}
                )


class Measurement(_Value):
    class State(models.TextChoices):
        AWAITING = "venter", _("Awaiting approval")
        APPROVED = "godkjent", _("Approved")

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    period_end = models.DateField(_("period (last day)"))
    comment = models.TextField(_("comment"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)])
    evidence = models.FileField(
        _("evidence"), upload_to="benefits/evidence/%Y/", max_length=300, blank=True
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.APPROVED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["period_end", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_end"], name="measurement_once_per_period"
            )
        ]

    def __str__(self):
        return f"{self.indicator}: {self.period_end}"

    def clean(self):
        super().clean()
        if self.period_end and self.period_end > timezone.localdate():
            raise ValidationError({"period_end": _("The period cannot end in the future.")})
