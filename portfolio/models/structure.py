"""The programme's structure, as data: areas come and go, goals and strategies are revised.

Seeded with the wording of the programme document by migration 0002 and maintained by the
programme leader in the admin. Every change is kept in the history (simple-history).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Area(models.Model):
    """An area of the programme: a levekårssone such as Lademoen."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Goal(models.Model):
    """One of the programme's goals (mål), e.g. «Mål 1 Stedsutvikling»."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    statement = models.CharField(
        _("goal statement"), max_length=300, help_text=_("The goal as the programme states it.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["number"]

    def __str__(self):
        return _("Goal %(number)s %(name)s") % {"number": self.number, "name": self.name}


class Strategy(models.Model):
    """A strategy (strategi) under a goal."""

    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.PROTECT, related_name="strategies"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["goal__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "number"], name="strategy_number_per_goal")
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def code(self) -> str:
        return f"{self.goal.number}.{self.number}"


class FocusArea(models.Model):
    """A focus area (innsatsområde) of the state agreement with KDD."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number} {self.name}"


class Level(models.Model):
    """A level (nivå) the work happens on: neighbourhood, organisation or system."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    subtitle = models.CharField(_("subtitle"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class SelectionCriterion(models.Model):
    """One of the five criteria a project must meet to enter the portfolio (7.6)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    text = models.CharField(_("criterion"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("selection criterion")
        verbose_name_plural = _("selection criteria")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.text}"
