"""The annual action plan (årlig handlingsplan) and the board's decisions on it.

Each submission to the board freezes an immutable, numbered snapshot of the plan, so the
board decides on exactly what it saw; the plan itself can then change into the next version.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portfolio.models.projects import LONG_TEXT


class BoardPlan(models.Model):
    """A plan the programme board decides on: drafted, sent, approved or sent back.

    The annual action plan and the benefit-realisation plans (benefits.BenefitPlan) share
    it, and `portfolio.services.board` sends and decides any of them. A concrete plan has
    a `submissions` relation to its BoardSubmission subclass.
    """

    class Status(models.TextChoices):
        DRAFT = "utkast", _("Draft")
        SUBMITTED = "sendt", _("Submitted to the programme board")
        APPROVED = "godkjent", _("Approved")
        APPROVED_WITH_CONDITIONS = "godkjent_med_vilkar", _("Approved with conditions")
        SENT_BACK = "sendt_tilbake", _("Sent back")

    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SENT_BACK)


class ActionPlan(BoardPlan):
    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2024)]
    )
    introduction = models.TextField(_("introduction"), validators=[MaxLengthValidator(LONG_TEXT)])
    projects = models.ManyToManyField(
        "portfolio.Project", verbose_name=_("projects"), related_name="action_plans", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[projects])

    class Meta:
        verbose_name = _("annual action plan")
        verbose_name_plural = _("annual action plans")
        ordering = ["-year"]

    def __str__(self):
        return _("Action plan %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("portfolio:plan", args=[self.year])


class ActionPlanPriority(models.Model):
    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="priorities"
    )
    goal = models.ForeignKey("portfolio.Goal", verbose_name=_("goal"), on_delete=models.PROTECT)
    text = models.TextField(_("priorities"), validators=[MaxLengthValidator(LONG_TEXT)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["goal__number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "goal"], name="one_priority_text_per_goal")
        ]

    def __str__(self):
        return f"{self.plan} {self.goal}"


class BoardSubmission(models.Model):
    """A numbered, frozen version of a plan as sent to the board, and the board's decision.

    Abstract: a concrete submission adds `plan`, a foreign key with related_name
    "submissions" to its BoardPlan, and a unique (plan, number) constraint.
    """

    class Decision(models.TextChoices):
        APPROVED = "godkjent", _("Approved")
        APPROVED_WITH_CONDITIONS = "godkjent_med_vilkar", _("Approved with conditions")
        SENT_BACK = "sendt_tilbake", _("Sent back")

    number = models.PositiveIntegerField(_("version number"))
    content = models.JSONField(_("content as submitted"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)

    decision = models.CharField(_("decision"), max_length=30, choices=Decision.choices, blank=True)
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    decision_text = models.TextField(
        _("decision"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    conditions = models.TextField(
        _("conditions"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decision recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decision recorded"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_approved(self) -> bool:
        return self.decision in (self.Decision.APPROVED, self.Decision.APPROVED_WITH_CONDITIONS)


class PlanSubmission(BoardSubmission):
    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="submissions"
    )
    pdf = models.FileField(
        _("PDF of the approved plan"),
        upload_to="handlingsplaner/",
        blank=True,
        editable=False,
        help_text=_("Made once by a background task when the board approves the version."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan submission")
        verbose_name_plural = _("plan submissions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="submission_number_per_plan")
        ]

    def __str__(self):
        return _("%(plan)s, version %(number)s") % {"plan": self.plan, "number": self.number}

    def get_absolute_url(self):
        return reverse("portfolio:submission", args=[self.plan.year, self.number])


class BoardCommentBase(models.Model):
    """A board member's comment on a submission. Abstract: a concrete comment adds
    `submission`, a foreign key with related_name "comments"."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("comment"), validators=[MaxLengthValidator(LONG_TEXT)])
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.submission}: {self.author}"


class BoardComment(BoardCommentBase):
    submission = models.ForeignKey(
        PlanSubmission,
        verbose_name=_("submission"),
        on_delete=models.CASCADE,
        related_name="comments",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("board comment")
        verbose_name_plural = _("board comments")
        ordering = ["created_at", "pk"]
