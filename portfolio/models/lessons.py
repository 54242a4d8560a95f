"""Lessons learned (lærdommer), gathered in bydelsforum and prosjektforum. Every report to
the board carries «lærdommer så langt»: the lessons since the board's last decision."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portfolio.models.projects import LONG_TEXT

SEARCH_CONFIG = "norwegian"


class Lesson(models.Model):
    class Arena(models.TextChoices):
        DISTRICT_FORUM = "bydelsforum", _("Bydelsforum")
        PROJECT_FORUM = "prosjektforum", _("Prosjektforum")
        OTHER = "annet", _("Other")

    class Status(models.TextChoices):
        NEW = "ny", _("New")
        CONSIDERED = "vurdert", _("Considered")
        ADOPTED = "tatt_inn_i_drift", _("Taken into ordinary operations")

    title = models.CharField(_("title"), max_length=200)
    what_happened = models.TextField(_("what happened"), validators=[MaxLengthValidator(LONG_TEXT)])
    learned = models.TextField(_("what we learned"), validators=[MaxLengthValidator(LONG_TEXT)])
    recommendation = models.TextField(
        _("recommendation"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    project = models.ForeignKey(
        "portfolio.Project",
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lessons",
    )
    area = models.ForeignKey(
        "portfolio.Area", verbose_name=_("area"), on_delete=models.PROTECT, null=True, blank=True
    )
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, null=True, blank=True
    )
    goal = models.ForeignKey(
        "portfolio.Goal", verbose_name=_("goal"), on_delete=models.PROTECT, null=True, blank=True
    )
    level = models.ForeignKey(
        "portfolio.Level", verbose_name=_("level"), on_delete=models.PROTECT, null=True, blank=True
    )
    arena = models.CharField(_("arena"), max_length=20, choices=Arena.choices)
    tags = ArrayField(
        models.CharField(max_length=50), verbose_name=_("tags"), default=list, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    date = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # What full-text search reads: the title weighted A, the rest B, in Norwegian. Kept
    # current by a database trigger on every insert and update (migration 0005), so it is
    # right whichever code writes the row; searching, counting and ranking use it and its
    # GIN index, and nothing computes `to_tsvector` per row.
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")
        ordering = ["-date", "-pk"]
        indexes = [
            GinIndex(fields=["search_vector"], name="lesson_search_vector"),
            # The list's default order.
            models.Index(fields=["-date", "-id"], name="lesson_newest_first"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portfolio:lesson", args=[self.pk])
