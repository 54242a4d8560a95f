"""Projects and measures (prosjekter og tiltak), from proposal through the five-criteria
gate into the portfolio, with their money, status reports and timeline."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

LONG_TEXT = 10_000  # characters; enough for a page of text, and a clear message beyond it


class Project(models.Model):
    class Kind(models.TextChoices):
        PROJECT = "prosjekt", _("Project")
        PROCESS = "prosess", _("Process")
        MEASURE = "tiltak", _("Measure")
        PARTNER = "partnerprosjekt", _("Partner project")
        EXTERNALLY_FUNDED = "eksternt_finansiert", _("Externally funded project")

    class Status(models.TextChoices):
        PROPOSAL = "forslag", _("Proposal")
        ASSESSED = "vurdert", _("Assessed")
        IN_PORTFOLIO = "i_portefoljen", _("In the portfolio")
        HANDED_OVER = "overfort_til_drift", _("Handed over to ordinary operations")
        CLOSED = "avsluttet", _("Closed")
        REJECTED = "avvist", _("Rejected")
        STOPPED = "stanset", _("Stopped")

    FINAL_STATUSES = [Status.HANDED_OVER, Status.CLOSED, Status.REJECTED, Status.STOPPED]

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), validators=[MaxLengthValidator(LONG_TEXT)])
    lasting_change = models.TextField(
        _("the lasting change sought"),
        validators=[MaxLengthValidator(LONG_TEXT)],
        help_text=_("Success is lasting change, not delivery on time and cost."),
    )
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices, default=Kind.PROJECT)
    areas = models.ManyToManyField(
        "portfolio.Area", verbose_name=_("areas"), related_name="projects"
    )
    goals = models.ManyToManyField(
        "portfolio.Goal", verbose_name=_("goals"), related_name="projects"
    )
    strategies = models.ManyToManyField(
        "portfolio.Strategy", verbose_name=_("strategies"), related_name="projects", blank=True
    )
    focus_areas = models.ManyToManyField(
        "portfolio.FocusArea", verbose_name=_("focus areas"), related_name="projects", blank=True
    )
    levels = models.ManyToManyField(
        "portfolio.Level", verbose_name=_("levels"), related_name="projects", blank=True
    )
    owner_unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("owning unit in the line"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_projects",
        help_text=_(
            "The unit that lives with the result after the programme. Required for admission."
        ),
    )
    change_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("change leader"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    project_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("project or process leader"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    participating_units = models.ManyToManyField(
        "accounts.Unit",
        verbose_name=_("participating units"),
        related_name="participating_projects",
        blank=True,
        help_text=_("Other units taking part: the cross-service work."),
    )
    local_resources = models.TextField(
        _("local resources mobilised"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.PROPOSAL
    )
    ownership_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ownership accepted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ownership_accepted_at = models.DateTimeField(_("ownership accepted at"), null=True, blank=True)

    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Counts saves; used to detect conflicting edits.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(
        m2m_fields=[areas, goals, strategies, focus_areas, levels, participating_units]
    )

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["title"]
        indexes = [models.Index(fields=["title", "id"], name="project_title_order")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="project_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portfolio:project", args=[self.pk])

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL_STATUSES


class ExternalPartner(models.Model):
    class Kind(models.TextChoices):
        VOLUNTARY = "frivillighet", _("Voluntary sector")
        BUSINESS = "naeringsliv", _("Business")
        PUBLIC = "offentlig", _("Public sector")
        RESEARCH = "forskning", _("Research")
        ANCHOR = "ankerinstitusjon", _("Anchor institution")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("external partner")
        verbose_name_plural = _("external partners")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProjectEvent(models.Model):
    """One line of a project's timeline: who did what, when and why."""

    class Kind(models.TextChoices):
        CREATED = "opprettet", _("Created")
        STATUS = "status", _("Status changed")
        ASSESSED = "vurdering", _("Criterion assessed")
        OWNERSHIP = "eierskap", _("Ownership accepted")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    from_status = models.CharField(
        _("from"), max_length=30, choices=Project.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=30, choices=Project.Status.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("project event")
        verbose_name_plural = _("project events")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.project}: {self.get_kind_display()}"


class CriterionAssessment(models.Model):
    """The programme leader's assessment of one project against one selection criterion."""

    class Result(models.TextChoices):
        MET = "oppfylt", _("Met")
        PARTLY = "delvis", _("Partly met")
        NOT_MET = "ikke_oppfylt", _("Not met")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="assessments"
    )
    criterion = models.ForeignKey(
        "portfolio.SelectionCriterion", verbose_name=_("criterion"), on_delete=models.PROTECT
    )
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)
    justification = models.TextField(_("justification"), validators=[MaxLengthValidator(LONG_TEXT)])
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assessed_on = models.DateField(_("assessed on"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion assessment")
        verbose_name_plural = _("criterion assessments")
        ordering = ["criterion__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "criterion"], name="one_assessment_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.project}: {self.criterion_id} {self.get_result_display()}"


class BudgetLine(models.Model):
    """Money for one project, one year and one funding source, planned and spent (kroner)."""

    class Source(models.TextChoices):
        KDD = "kdd", _("KDD")
        HUSBANKEN = "husbanken", _("Husbanken")
        MUNICIPAL = "kommunal", _("Municipal share (HØP)")
        EXTERNAL = "ekstern", _("External funding")

    class Category(models.TextChoices):
        PHYSICAL = "fysisk_investering", _("Physical investment")
        SERVICE_INNOVATION = "tjenesteinnovasjon", _("Service innovation")
        PROCESS = "prosess_og_samskaping", _("Process and co-creation")
        OTHER = "annet", _("Other")
        ORDINARY_OPERATIONS = "ordinaer_drift", _("Ordinary operations")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("funding source"), max_length=20, choices=Source.choices)
    funder = models.CharField(
        _("funder"),
        max_length=200,
        blank=True,
        help_text=_("For external funding: who pays, e.g. an EU project."),
    )
    category = models.CharField(_("spending category"), max_length=30, choices=Category.choices)
    planned = models.PositiveBigIntegerField(_("planned (kr)"))
    spent = models.PositiveBigIntegerField(_("spent (kr)"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["year", "source", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(category="ordinaer_drift"),
                name="budget_line_not_ordinary_operations",
            ),
            models.CheckConstraint(
                condition=~models.Q(source="ekstern") | ~models.Q(funder=""),
                name="external_funding_names_funder",
            ),
        ]

    def __str__(self):
        return f"{self.project} {self.year} {self.get_source_display()}"

    def clean(self):
        errors = {}
        if self.category == self.Category.ORDINARY_OPERATIONS:
            errors["category"] = _(
                "The programme must not fund ordinary operations. Programme money goes to "
                "physical investments and service innovation; the unit pays for ordinary "
                "operations."
            )
        if self.source == self.Source.EXTERNAL and not self.funder.strip():
            errors["funder"] = _("Name the funder of external money, e.g. the EU project.")
        if errors:
            raise ValidationError(errors)


class StatusReport(models.Model):
    class Rag(models.TextChoices):
        ON_TRACK = "gronn", _("On track")
        AT_RISK = "gul", _("At risk")
        OFF_TRACK = "rod", _("Off track")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="status_reports"
    )
    date = models.DateField(_("date"))
    rag = models.CharField(_("status"), max_length=10, choices=Rag.choices)
    summary = models.TextField(_("summary"), validators=[MaxLengthValidator(LONG_TEXT)])
    next_steps = models.TextField(
        _("next steps"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["project", "-date"], name="status_report_latest")]

    def __str__(self):
        return f"{self.project} {self.date}"
