"""Registers at three levels (programme, area, project) and the risks in them, with their
actions (tiltak), reviews (gjennomganger), acceptances and a timeline of what happened."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from risk.models.matrices import SCORE_VALIDATORS, Matrix, RosArea

LONG_TEXT = 10_000  # characters; enough for a page of text, and a clear message beyond it


class Register(models.Model):
    class Level(models.TextChoices):
        PROGRAMME = "programme", _("Programme")
        AREA = "area", _("Area")
        PROJECT = "project", _("Project")

    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    area = models.OneToOneField(
        "portfolio.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risk_register",
    )
    project = models.OneToOneField(
        "portfolio.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risk_register",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("register above"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    matrix = models.ForeignKey(
        Matrix, verbose_name=_("matrix"), on_delete=models.PROTECT, related_name="registers"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk register")
        verbose_name_plural = _("risk registers")
        ordering = ["level", "area__name", "project__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["level"],
                condition=models.Q(level="programme"),
                name="risk_one_programme_register",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(level="programme", area__isnull=True, project__isnull=True)
                    | models.Q(level="area", area__isnull=False, project__isnull=True)
                    | models.Q(level="project", area__isnull=True, project__isnull=False)
                ),
                name="risk_register_level_matches_owner",
            ),
        ]

    def __str__(self):
        if self.level == self.Level.AREA:
            return str(_("Risk register for %(area)s") % {"area": self.area})
        if self.level == self.Level.PROJECT:
            return str(_("Risk register for %(project)s") % {"project": self.project})
        return str(_("Programme risk register"))

    def get_absolute_url(self):
        return reverse("risk:register", kwargs={"pk": self.pk})


class Risk(models.Model):
    class Kind(models.TextChoices):
        THREAT = "threat", _("Threat")
        OPPORTUNITY = "opportunity", _("Opportunity")

    class Uncertainty(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    class Response(models.TextChoices):
        AVOID = "avoid", _("Avoid")
        REDUCE = "reduce", _("Reduce")
        TRANSFER = "transfer", _("Transfer or share")
        EXPLOIT = "exploit", _("Exploit")
        ENHANCE = "enhance", _("Enhance")
        SHARE = "share", _("Share")
        ACCEPT = "accept", _("Accept")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        MATERIALISED = "materialised", _("Materialised")

    RESPONSES_FOR = {
        Kind.THREAT: {Response.AVOID, Response.REDUCE, Response.TRANSFER, Response.ACCEPT},
        Kind.OPPORTUNITY: {Response.EXPLOIT, Response.ENHANCE, Response.SHARE, Response.ACCEPT},
    }

    register = models.ForeignKey(
        Register, verbose_name=_("register"), on_delete=models.PROTECT, related_name="risks"
    )
    number = models.PositiveIntegerField(_("number"), editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.THREAT)
    ros_area = models.ForeignKey(
        RosArea, verbose_name=_("ROS area"), on_delete=models.PROTECT, related_name="risks"
    )
    title = models.CharField(_("title"), max_length=200)
    cause = models.TextField(_("cause"), validators=[MaxLengthValidator(LONG_TEXT)])
    event = models.TextField(_("event"), validators=[MaxLengthValidator(LONG_TEXT)])
    effect = models.TextField(_("effect"), validators=[MaxLengthValidator(LONG_TEXT)])

    # What it threatens or serves.
    goal = models.ForeignKey(
        "portfolio.Goal",
        verbose_name=_("goal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risks",
    )
    strategy = models.ForeignKey(
        "portfolio.Strategy",
        verbose_name=_("strategy"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risks",
    )
    project = models.ForeignKey(
        "portfolio.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risks",
    )
    benefit = models.ForeignKey(
        "benefits.Benefit",
        verbose_name=_("benefit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risks",
    )
    indicator = models.ForeignKey(
        "benefits.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risks",
        help_text=_("The indicator this risk threatens or serves."),
    )
    partners = models.ManyToManyField(
        "portfolio.ExternalPartner",
        verbose_name=_("local actors concerned"),
        blank=True,
        related_name="risks",
    )
    actor_groups = models.CharField(
        _("other groups concerned"),
        max_length=300,
        blank=True,
        help_text=_("Named groups of residents or actors, e.g. «beboerforeningen»."),
    )

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_risks",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        on_delete=models.PROTECT,
        related_name="raised_risks",
    )
    raised_on = models.DateField(_("raised on"), default=datetime.date.today)

    inherent_likelihood = models.PositiveSmallIntegerField(
        _("inherent likelihood"), validators=SCORE_VALIDATORS
    )
    inherent_consequence = models.PositiveSmallIntegerField(
        _("inherent consequence"), validators=SCORE_VALIDATORS
    )
    current_likelihood = models.PositiveSmallIntegerField(
        _("current likelihood"), validators=SCORE_VALIDATORS
    )
    current_consequence = models.PositiveSmallIntegerField(
        _("current consequence"), validators=SCORE_VALIDATORS
    )
    forecast_likelihood = models.PositiveSmallIntegerField(
        _("likelihood after actions"), validators=SCORE_VALIDATORS, null=True, blank=True
    )
    forecast_consequence = models.PositiveSmallIntegerField(
        _("consequence after actions"), validators=SCORE_VALIDATORS, null=True, blank=True
    )
    target_likelihood = models.PositiveSmallIntegerField(
        _("target likelihood"), validators=SCORE_VALIDATORS, null=True, blank=True
    )
    target_consequence = models.PositiveSmallIntegerField(
        _("target consequence"), validators=SCORE_VALIDATORS, null=True, blank=True
    )
    target_justification = models.TextField(
        _("why the target is above the inherent level"),
        blank=True,
        validators=[MaxLengthValidator(LONG_TEXT)],
    )
    uncertainty = models.CharField(
        _("uncertainty"),
        max_length=10,
        choices=Uncertainty.choices,
        default=Uncertainty.MEDIUM,
        help_text=_("How well we know this risk."),
    )
    proximity_date = models.DateField(_("may occur by"), null=True, blank=True)
    proximity_phase = models.CharField(
        _("may occur in phase"),
        max_length=100,
        blank=True,
        help_text=_("E.g. «ved programslutt 2031»."),
    )
    response = models.CharField(_("response"), max_length=20, choices=Response.choices)
    response_justification = models.TextField(
        _("justification of the response"), validators=[MaxLengthValidator(LONG_TEXT)]
    )
    early_warning_indicator = models.CharField(
        _("early-warning indicator"), max_length=200, blank=True
    )
    early_warning_threshold = models.CharField(
        _("threshold of the early-warning indicator"), max_length=100, blank=True
    )
    warning_indicator = models.ForeignKey(
        "benefits.Indicator",
        verbose_name=_("measured early-warning indicator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="warned_risks",
        help_text=_("An indicator of the benefits register whose measurements warn of this risk."),
    )
    warning_when = models.CharField(
        _("warn when a measurement is"),
        max_length=10,
        choices=[("below", _("below the threshold")), ("above", _("above the threshold"))],
        blank=True,
    )
    warning_value = models.DecimalField(
        _("warning threshold"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    status_note = models.TextField(
        _("what was done"),
        blank=True,
        validators=[MaxLengthValidator(LONG_TEXT)],
        help_text=_("For a closed or materialised risk: what happened and what was done."),
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)

    exempt_from_public = models.BooleanField(_("exempt from public access"), default=False)
    exemption_basis = models.CharField(
        _("legal basis for the exemption"),
        max_length=200,
        blank=True,
        help_text=_("E.g. «offentleglova § 24 tredje ledd»."),
    )

    review_interval_days = models.PositiveSmallIntegerField(_("review interval (days)"))
    next_review_on = models.DateField(_("next review"))

    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["register", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "number"], name="risk_one_number_per_register"
            )
        ]
        indexes = [models.Index(fields=["status", "next_review_on"])]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("risk:risk", kwargs={"pk": self.pk})

    @property
    def reference(self) -> str:
        return f"R-{self.number:03d}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def review_is_overdue(self) -> bool:
        return self.is_open and self.next_review_on < timezone.localdate()

    def score(self, tier: str) -> int | None:
        likelihood = getattr(self, f"{tier}_likelihood")
        consequence = getattr(self, f"{tier}_consequence")
        if likelihood is None or consequence is None:
            return None
        return likelihood * consequence

    def clean(self):
        errors = {}
        if self.kind and self.response and self.response not in self.RESPONSES_FOR[self.kind]:
            errors["response"] = _("This response does not fit a %(kind)s.") % {
                "kind": self.get_kind_display().lower()
            }
        for tier in ("forecast", "target"):
            pair = (getattr(self, f"{tier}_likelihood"), getattr(self, f"{tier}_consequence"))
            if (pair[0] is None) != (pair[1] is None):
                missing = f"{tier}_consequence" if pair[1] is None else f"{tier}_likelihood"
                errors[missing] = _("Give both likelihood and consequence, or neither.")
        target, inherent = self.score("target"), self.score("inherent")
        if (
            self.kind == self.Kind.THREAT
            and target is not None
            and inherent is not None
            and target > inherent
            and not self.target_justification.strip()
        ):
            errors["target_justification"] = _(
                "The target is above the inherent level. Say why, or lower the target."
            )
        warning = (self.warning_indicator_id, self.warning_when, self.warning_value)
        if any(part not in (None, "") for part in warning) and any(
            part in (None, "") for part in warning
        ):
            for name, part in zip(
                ("warning_indicator", "warning_when", "warning_value"), warning, strict=True
            ):
                if part in (None, ""):
                    errors[name] = _(
                        "Give the indicator, the direction and the threshold, or none of them."
                    )
        if self.indicator_id and self.benefit_id and self.indicator.benefit_id != self.benefit_id:
            errors["indicator"] = _("The indicator belongs to another benefit.")
        if self.exempt_from_public and not self.exemption_basis.strip():
            errors["exemption_basis"] = _(
                "Give the legal basis for exempting this risk from public access."
            )
        if errors:
            raise ValidationError(errors)


class Action(models.Model):
    """A tiltak: what is done about a risk, by whom and by when."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    risk = models.ForeignKey(
        Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="actions"
    )
    description = models.TextField(_("description"), validators=[MaxLengthValidator(LONG_TEXT)])
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="risk_actions",
    )
    due_on = models.DateField(_("due date"))
    cost_estimate = models.PositiveIntegerField(_("cost estimate (NOK)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.description[:80]

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in (self.Status.PLANNED, self.Status.IN_PROGRESS)
            and self.due_on < timezone.localdate()
        )


class Review(models.Model):
    """A gjennomgang: who looked at the risk, when, the scores they gave and what they said."""

    risk = models.ForeignKey(
        Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        related_name="risk_reviews",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), default=timezone.now)
    likelihood = models.PositiveSmallIntegerField(_("likelihood"), validators=SCORE_VALIDATORS)
    consequence = models.PositiveSmallIntegerField(_("consequence"), validators=SCORE_VALIDATORS)
    previous_likelihood = models.PositiveSmallIntegerField(_("likelihood before"))
    previous_consequence = models.PositiveSmallIntegerField(_("consequence before"))
    comment = models.TextField(_("comment"), validators=[MaxLengthValidator(LONG_TEXT)])
    next_review_on = models.DateField(_("next review"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-reviewed_at", "-pk"]

    def __str__(self):
        return f"{self.risk.reference} {self.reviewed_at:%Y-%m-%d}"


class Acceptance(models.Model):
    """The board or the programme leader accepts a risk whose response is «akseptere»."""

    risk = models.ForeignKey(
        Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="acceptances"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.PROTECT,
        related_name="risk_acceptances",
    )
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)
    justification = models.TextField(_("justification"), validators=[MaxLengthValidator(LONG_TEXT)])
    expires_on = models.DateField(_("expires on"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("acceptance")
        verbose_name_plural = _("acceptances")
        ordering = ["-accepted_at", "-pk"]

    def __str__(self):
        return f"{self.risk.reference} {self.expires_on}"

    @property
    def is_expired(self) -> bool:
        return self.expires_on < timezone.localdate()


class Reminder(models.Model):
    """An e-mail that went out about a risk: an overdue review (once per due date) or an
    early-warning measurement past its threshold (once per measurement)."""

    class Kind(models.TextChoices):
        REVIEW = "review", _("Overdue review")
        WARNING = "warning", _("Early warning")

    risk = models.ForeignKey(
        Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    key = models.CharField(
        _("what it was about"), max_length=40, help_text=_("The due date or the measurement.")
    )
    sent_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent to"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk reminder")
        verbose_name_plural = _("risk reminders")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["risk", "kind", "key"], name="risk_reminder_once")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.key}"


class RegisterPdf(models.Model):
    """A PDF of a register (or its roll-up) with its heat map and table, made by a Celery
    task (never in a request) and stored; each request for one makes a new file."""

    register = models.ForeignKey(
        Register, verbose_name=_("register"), on_delete=models.CASCADE, related_name="pdfs"
    )
    rolled_up = models.BooleanField(_("with the registers beneath"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now, editable=False)
    pdf = models.FileField(_("PDF"), upload_to="risk/pdf/%Y/", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("register PDF")
        verbose_name_plural = _("register PDFs")
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.register} {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def filename(self) -> str:
        return f"risiko-{self.register_id}-{self.requested_at:%Y-%m-%d}-{self.pk}.pdf"


class RiskEvent(models.Model):
    """The risk's timeline: created, escalated, delegated, closed, materialised, accepted."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Registered")
        UPDATED = "updated", _("Changed")
        ESCALATED = "escalated", _("Escalated")
        WARNED = "warned", _("Early warning")
        DELEGATED = "delegated", _("Delegated")
        REVIEWED = "reviewed", _("Reviewed")
        CLOSED = "closed", _("Closed")
        MATERIALISED = "materialised", _("Materialised")
        ACCEPTED = "accepted", _("Accepted")

    risk = models.ForeignKey(
        Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk event")
        verbose_name_plural = _("risk events")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"
