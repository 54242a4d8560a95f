"""Benefit-realisation plans (gevinstrealiseringsplaner), one per project and one per goal.

A plan is drafted, sent to the programme board, and approved or sent back with comments,
through the same machinery as the annual action plan (`portfolio.models.BoardPlan`,
`portfolio.services.board`): each submission freezes a numbered snapshot of the plan.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from benefits.models.benefits import LONG_TEXT
from portfolio.models import BoardCommentBase, BoardPlan, BoardSubmission


class BenefitPlan(BoardPlan):
    project = models.OneToOneField(
        "portfolio.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="benefit_plan",
    )
    goal = models.OneToOneField(
        "portfolio.Goal",
        verbose_name=_("goal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="benefit_plan",
    )
    milestones = models.TextField(
        _("milestones"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    responsibilities = models.TextField(
        _("who is responsible"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    into_operations = models.TextField(
        _("how the benefits are taken into ordinary operations"),
        blank=True,
        validators=[MaxLengthValidator(LONG_TEXT)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("benefit-realisation plan")
        verbose_name_plural = _("benefit-realisation plans")
        ordering = ["goal__number", "project__title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(project__isnull=False, goal__isnull=True)
                | models.Q(project__isnull=True, goal__isnull=False),
                name="benefit_plan_for_a_project_or_a_goal",
            )
        ]

    def __str__(self):
        if self.project_id:
            return _("Benefit-realisation plan for %(project)s") % {"project": self.project}
        return _("Benefit-realisation plan for %(goal)s") % {"goal": self.goal}

    def get_absolute_url(self):
        return reverse("benefits:plan", args=[self.pk])

    def benefits(self):
        """The benefits the plan covers: those the project contributes to, or the goal's."""
        from benefits.models.benefits import Benefit

        if self.project_id:
            return Benefit.objects.filter(contributions__project_id=self.project_id)
        return Benefit.objects.filter(goal_id=self.goal_id)


class BenefitPlanSubmission(BoardSubmission):
    plan = models.ForeignKey(
        BenefitPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="submissions"
    )
    pdf = models.FileField(
        _("PDF of the approved plan"),
        upload_to="gevinstplaner/",
        blank=True,
        editable=False,
        help_text=_("Made once by a background task when the board approves the version."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("benefit plan submission")
        verbose_name_plural = _("benefit plan submissions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="benefit_plan_submission_number"
            )
        ]

    def __str__(self):
        return _("%(plan)s, version %(number)s") % {"plan": self.plan, "number": self.number}

    def get_absolute_url(self):
        return reverse("benefits:plan_submission", args=[self.plan_id, self.number])


class BenefitPlanComment(BoardCommentBase):
    submission = models.ForeignKey(
        BenefitPlanSubmission,
        verbose_name=_("submission"),
        on_delete=models.CASCADE,
        related_name="comments",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("board comment on a benefit plan")
        verbose_name_plural = _("board comments on benefit plans")
        ordering = ["created_at", "pk"]
