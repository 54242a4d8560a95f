"""Matrices as data: the likelihood and consequence scales, the levels and the grid that maps
each cell to a level. Seeded by migration 0002 and editable by the programme leader in the
admin. A register keeps the matrix it was assessed on."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
SCORES = range(1, 6)


class Matrix(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_default = models.BooleanField(_("default for new registers"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk matrix")
        verbose_name_plural = _("risk matrices")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def default(cls) -> "Matrix":
        return cls.objects.filter(is_default=True).first() or cls.objects.first()

    def grid(self) -> dict[tuple[int, int], "Level"]:
        """(likelihood, consequence) → level, in two queries."""
        return {
            (cell.likelihood, cell.consequence): cell.level
            for cell in self.cells.select_related("level")
        }


class ScaleStep(models.Model):
    """One step of a scale: «3 Middels» on the likelihood axis, with what it means here."""

    class Axis(models.TextChoices):
        LIKELIHOOD = "likelihood", _("Likelihood")
        CONSEQUENCE = "consequence", _("Consequence")

    matrix = models.ForeignKey(
        Matrix, verbose_name=_("matrix"), on_delete=models.CASCADE, related_name="steps"
    )
    axis = models.CharField(_("axis"), max_length=20, choices=Axis.choices)
    score = models.PositiveSmallIntegerField(_("score"), validators=SCORE_VALIDATORS)
    label = models.CharField(_("label"), max_length=50)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scale step")
        verbose_name_plural = _("scale steps")
        ordering = ["matrix", "axis", "score"]
        constraints = [
            models.UniqueConstraint(
                fields=["matrix", "axis", "score"], name="risk_one_step_per_score"
            )
        ]

    def __str__(self):
        return f"{self.score} {self.label}"


class Level(models.Model):
    """A risk level (lav, middels, høy) with its colour and how often such a risk is reviewed."""

    matrix = models.ForeignKey(
        Matrix, verbose_name=_("matrix"), on_delete=models.CASCADE, related_name="levels"
    )
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("1 is the lowest level."))
    name = models.CharField(_("name"), max_length=50)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Write the colour as #rrggbb."))],
    )
    review_interval_days = models.PositiveSmallIntegerField(
        _("review interval (days)"), help_text=_("How often a risk at this level is reviewed.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk level")
        verbose_name_plural = _("risk levels")
        ordering = ["matrix", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["matrix", "rank"], name="risk_one_level_per_rank")
        ]

    def __str__(self):
        return self.name

    @property
    def css_class(self) -> str:
        """The rank's class (the stylesheet's colours) and the level's own, which the
        stylesheet made from the levels (`risk:level_styles`) colours as the programme
        leader set it."""
        return f"risk-level-{self.rank} risk-level-id-{self.pk}"

    @property
    def text_colour(self) -> str:
        """Dark text on a light colour, white on a dark one: whichever contrasts more
        (WCAG 2.1 contrast ratio; a level's colour is #rrggbb)."""
        return (
            "#1a1a1a"
            if contrast(self.colour, "#1a1a1a") >= contrast(self.colour, "#ffffff")
            else "#ffffff"
        )


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """The WCAG 2.1 contrast ratio of two #rrggbb colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


class Cell(models.Model):
    matrix = models.ForeignKey(
        Matrix, verbose_name=_("matrix"), on_delete=models.CASCADE, related_name="cells"
    )
    likelihood = models.PositiveSmallIntegerField(_("likelihood"), validators=SCORE_VALIDATORS)
    consequence = models.PositiveSmallIntegerField(_("consequence"), validators=SCORE_VALIDATORS)
    level = models.ForeignKey(
        Level, verbose_name=_("level"), on_delete=models.PROTECT, related_name="cells"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("matrix cell")
        verbose_name_plural = _("matrix cells")
        ordering = ["matrix", "-likelihood", "consequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["matrix", "likelihood", "consequence"], name="risk_one_cell_per_score"
            )
        ]

    def __str__(self):
        return f"{self.likelihood}×{self.consequence}: {self.level}"


class RosArea(models.Model):
    """One of the four ROS areas of the programme document (7.5)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ROS area")
        verbose_name_plural = _("ROS areas")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name
