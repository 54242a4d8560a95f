"""Benefits (gevinster): the lasting change a project contributes to, its owner in the line,
its place in the programme's structure, its status and its timeline (chapter 10)."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

LONG_TEXT = 10_000  # characters, as in the portfolio


class Benefit(models.Model):
    class Kind(models.TextChoices):
        BENEFIT = "gevinst", _("Benefit")
        DISBENEFIT = "ulempe", _("Dis-benefit")

    class Measurability(models.TextChoices):
        QUANTITATIVE = "kvantitativ", _("Quantitative")
        QUALITATIVE = "kvalitativ", _("Qualitative")

    class DfoClass(models.TextChoices):
        EFFICIENCY = "effektivisering", _("Efficiency")
        QUALITY = "kvalitet", _("Quality")
        OTHERS = "andre_aktorer", _("Benefits for other parties")

    class Status(models.TextChoices):
        IDENTIFIED = "identifisert", _("Identified")
        PLANNED = "planlagt", _("Planned")
        REALISING = "under_realisering", _("Being realised")
        REALISED = "realisert", _("Realised")
        HANDED_OVER = "overfort_til_drift", _("Handed over to ordinary operations")
        NOT_REALISED = "ikke_realisert", _("Not realised")

    FINAL_STATUSES = [Status.HANDED_OVER, Status.NOT_REALISED]

    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("Name the change, e.g. «Increased perceived safety in Lademoen»."),
    )
    description = models.TextField(_("description"), validators=[MaxLengthValidator(LONG_TEXT)])
    observable_outcome = models.TextField(
        _("observable outcome"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.BENEFIT)
    measurability = models.CharField(
        _("measurable as"),
        max_length=20,
        choices=Measurability.choices,
        default=Measurability.QUANTITATIVE,
    )
    dfo_class = models.CharField(_("DFØ class"), max_length=20, choices=DfoClass.choices)
    goal = models.ForeignKey(
        "portfolio.Goal", verbose_name=_("goal"), on_delete=models.PROTECT, related_name="benefits"
    )
    strategies = models.ManyToManyField(
        "portfolio.Strategy", verbose_name=_("strategies"), related_name="benefits", blank=True
    )
    areas = models.ManyToManyField(
        "portfolio.Area", verbose_name=_("areas"), related_name="benefits", blank=True
    )
    focus_areas = models.ManyToManyField(
        "portfolio.FocusArea", verbose_name=_("focus areas"), related_name="benefits", blank=True
    )
    levels = models.ManyToManyField(
        "portfolio.Level", verbose_name=_("levels"), related_name="benefits", blank=True
    )
    projects = models.ManyToManyField(
        "portfolio.Project",
        verbose_name=_("contributing projects"),
        through="benefits.BenefitContribution",
        related_name="benefits",
        blank=True,
    )
    accountable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accountable line leader"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The gevinstansvarlig."),
    )
    owner_unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("owning unit"),
        on_delete=models.PROTECT,
        related_name="owned_benefits",
    )
    assumptions = models.TextField(
        _("assumptions and dependencies"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    planned_realisation = models.DateField(_("planned realisation date"), null=True, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (highest) to 5, set by the programme board."),
    )
    unplanned = models.BooleanField(_("not planned"), default=False)
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.IDENTIFIED
    )
    not_realised_reason = models.TextField(
        _("why it was not realised"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    # Handover to ordinary operations (overført til drift)
    receiving_unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("receiving unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_benefits",
        help_text=_("The unit that takes the benefit into its ordinary operations."),
    )
    hop_reference = models.CharField(
        _("HØP reference"),
        max_length=100,
        blank=True,
        help_text=_("The budget line in Handlings- og økonomiplanen that carries it on."),
    )
    handed_over_on = models.DateField(_("handed over on"), null=True, blank=True)
    follow_up = models.TextField(
        _("follow-up measurements after the project"),
        blank=True,
        validators=[MaxLengthValidator(LONG_TEXT)],
        help_text=_("Which indicators go on being measured, by whom, after the project closes."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[strategies, areas, focus_areas, levels])

    class Meta:
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(priority__isnull=True)
                | models.Q(priority__gte=1, priority__lte=5),
                name="benefit_priority_1_to_5",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("benefits:benefit", args=[self.pk])

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL_STATUSES


class BenefitContribution(models.Model):
    """A project contributing to a benefit, directly or indirectly."""

    class Kind(models.TextChoices):
        DIRECT = "direkte", _("Direct")
        INDIRECT = "indirekte", _("Indirect")

    benefit = models.ForeignKey(
        Benefit, verbose_name=_("benefit"), on_delete=models.CASCADE, related_name="contributions"
    )
    project = models.ForeignKey(
        "portfolio.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="benefit_contributions",
    )
    kind = models.CharField(
        _("contribution"), max_length=20, choices=Kind.choices, default=Kind.DIRECT
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contributing project")
        verbose_name_plural = _("contributing projects")
        ordering = ["project__title"]
        constraints = [
            models.UniqueConstraint(fields=["benefit", "project"], name="benefit_contribution_once")
        ]

    def __str__(self):
        return f"{self.project} → {self.benefit} ({self.get_kind_display()})"


class BenefitEvent(models.Model):
    """One line of a benefit's timeline."""

    class Kind(models.TextChoices):
        CREATED = "opprettet", _("Created")
        STATUS = "status", _("Status changed")
        PRIORITY = "prioritet", _("Priority set")
        MEASUREMENT = "maling", _("Measurement recorded")
        APPROVED = "godkjent", _("Measurement approved")

    benefit = models.ForeignKey(
        Benefit, verbose_name=_("benefit"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    from_status = models.CharField(
        _("from"), max_length=30, choices=Benefit.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=30, choices=Benefit.Status.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("benefit event")
        verbose_name_plural = _("benefit events")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.benefit}: {self.get_kind_display()}"
