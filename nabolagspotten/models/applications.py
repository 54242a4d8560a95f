"""Applications (søknader) and what the applicant adds to them: budget lines, attachments,
and the personal links by which they reach their case without an account."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.formatting import kroner
from nabolagspotten.models.common import SHORT_TEXT, long_text_field, readable_date
from nabolagspotten.models.rounds import Round


class Application(models.Model):
    """A søknad. The applicant is a registered organisation (with an organisation number)
    or an informal group of residents (with a named contact person); either way they have
    no account and reach their case through a personal link (`AccessLink`)."""

    class ApplicantKind(models.TextChoices):
        ORGANISATION = "organisasjon", _("Registered organisation")
        GROUP = "gruppe", _("Informal group of residents")

    class Status(models.TextChoices):
        DRAFT = "utkast", _("Draft")
        SUBMITTED = "sendt_inn", _("Submitted")
        IN_REVIEW = "under_behandling", _("Under review")
        INFO_REQUESTED = "mer_info_etterspurt", _("More information requested")
        RESUBMITTED = "sendt_inn_igjen", _("Resubmitted")
        ANSWERED = "svar_mottatt", _("Answer received")
        GRANTED = "innvilget", _("Granted")
        PARTLY_GRANTED = "delvis_innvilget", _("Partly granted")
        REFUSED = "avslatt", _("Refused")
        ACCEPTED = "akseptert", _("Accepted")
        DECLINED = "avslatt_av_soker", _("Declined by the applicant")
        PAID = "utbetalt", _("Paid")
        REPORTED = "sluttrapport_levert", _("Final report submitted")
        CLOSED = "avsluttet", _("Closed")
        WITHDRAWN = "trukket", _("Withdrawn")

    # States in which the granted amount binds the area's budget.
    COMMITTED_STATUSES = [
        Status.GRANTED,
        Status.PARTLY_GRANTED,
        Status.ACCEPTED,
        Status.PAID,
        Status.REPORTED,
        Status.CLOSED,
    ]
    # States a handler still works on before a decision.
    OPEN_STATUSES = [
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.INFO_REQUESTED,
        Status.RESUBMITTED,
        Status.ANSWERED,
    ]
    # The applicant may change the application's text only in these (after answering a
    # request, until the handler takes the case into review again).
    EDITABLE_STATUSES = [Status.DRAFT, Status.INFO_REQUESTED, Status.ANSWERED]

    reference = models.CharField(_("case number"), max_length=20, unique=True)
    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="applications"
    )
    area = models.ForeignKey(
        "portfolio.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.DRAFT
    )

    # Who applies. Personal data: blanked by the anonymisation job (services/privacy.py).
    applicant_kind = models.CharField(
        _("who applies"), max_length=20, choices=ApplicantKind.choices
    )
    organisation_number = models.CharField(_("organisation number"), max_length=9, blank=True)
    applicant_name = models.CharField(
        _("name of the organisation or group"),
        max_length=200,
        help_text=_("Published on the list of grants."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    # A new address the applicant asked for: it takes effect when confirmed through the
    # link sent to it (services/applications.email_change_confirm); until then every letter
    # goes to `email`.
    pending_email = models.EmailField(_("new e-mail address, not yet confirmed"), blank=True)
    pending_email_at = models.DateTimeField(
        _("new e-mail address asked for"), null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    # What for.
    title = models.CharField(_("title of the activity"), max_length=200, blank=True)
    location = models.CharField(_("where in the area"), max_length=300, blank=True)
    description = long_text_field(verbose_name=_("what you want to do"), blank=True)
    target_group = long_text_field(verbose_name=_("who it is for"), blank=True)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    expected_participants = models.PositiveIntegerField(
        _("expected participants"), null=True, blank=True
    )
    resident_involvement = long_text_field(
        verbose_name=_("how residents take part and what they contribute"), blank=True
    )
    volunteer_hours = models.PositiveIntegerField(
        _("volunteer hours"),
        null=True,
        blank=True,
        help_text=_("The hours residents and volunteers put in: the neighbourhood's own effort."),
    )
    partners = long_text_field(verbose_name=_("partners"), blank=True)
    own_contribution = models.PositiveIntegerField(
        _("own contribution (kr)"), default=0, help_text=_("Money you bring yourselves.")
    )
    amount_requested = models.PositiveIntegerField(
        _("amount applied for (kr)"),
        default=0,
        help_text=_("The sum of the budget lines."),
    )

    # The privacy notice and openness (offentleglova): applications are public documents.
    # The legal basis is the municipality's public task (GDPR art. 6(1)(e)), not consent:
    # the applicant confirms having read the notice.
    read_privacy_notice = models.BooleanField(_("has read the privacy notice"), default=False)
    understands_public = models.BooleanField(
        _("understands that applications are public documents"), default=False
    )
    exemption_request = models.TextField(
        _("parts asked to be exempt from public access, and why"),
        blank=True,
        validators=[MaxLengthValidator(SHORT_TEXT)],
    )

    first_time = models.BooleanField(
        _("first-time applicant"),
        null=True,
        blank=True,
        help_text=_(
            "Set on submission: no earlier submitted application with the same "
            "organisation number or e-mail address."
        ),
    )
    amount_granted = models.PositiveIntegerField(_("amount granted (kr)"), null=True, blank=True)

    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Counts the application's status changes.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            models.Index(fields=["round", "area", "status"], name="application_round_area"),
            models.Index(fields=["status", "closed_at"], name="application_closed"),
            # The handler's list's default order (services/cases.py `case_list`).
            models.Index(
                F("submitted_at").desc(nulls_last=True), F("id").desc(), name="application_sort"
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.title}" if self.title else self.reference

    def get_absolute_url(self):
        """The case handler's page of the case."""
        return reverse("nabolagspotten:case", args=[self.reference])

    def get_applicant_url(self):
        """The applicant's own page (it opens only for a session that came by their link)."""
        return reverse("nabolagspotten:applicant_page", args=[self.reference])

    @property
    def is_editable_by_applicant(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    @property
    def is_open_case(self) -> bool:
        return self.status in self.OPEN_STATUSES


class ApplicationBudgetLine(models.Model):
    """What the money applied for is for; the lines sum to `amount_requested`."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    description = models.CharField(_("what"), max_length=200)
    amount = models.PositiveIntegerField(_("amount (kr)"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self):
        return f"{self.application.reference}: {self.description}, {kroner(self.amount)}"


def _attachment_path(instance, filename):
    # Random, never the applicant's file name: the name is kept in `original_name`.
    return f"nabolagspotten/{instance.application_id}/{instance.token}"


class Attachment(models.Model):
    """A PDF, JPEG or PNG uploaded by the applicant, checked by content, name and size
    (forms/uploads.py). Stored under MEDIA_ROOT, which no URL serves; read only through
    the permission-checked download view."""

    class Purpose(models.TextChoices):
        APPLICATION = "soknad", _("Application")
        REPORT = "sluttrapport", _("Final report")

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    purpose = models.CharField(
        _("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.APPLICATION
    )
    token = models.CharField(
        _("token"),
        max_length=40,
        unique=True,
        help_text=_("Random; names the stored file and the download address."),
    )
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return _("%(reference)s: attachment «%(name)s»") % {
            "reference": self.application.reference,
            "name": self.original_name,
        }


class AccessLink(models.Model):
    """A personal link to one application. The token is signed and carries its expiry;
    only its SHA-256 is stored, so a copy of the database gives no working links. A link
    opens once (`used_at`): the browser session it opened carries the access from then on,
    for as long as the link is not revoked. Issuing a new link revokes the earlier links
    nobody has opened, so one case has at most one link that still opens (access.py)."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="access_links",
    )
    token_hash = models.CharField(
        _("SHA-256 of the token"),
        max_length=64,
        unique=True,
        help_text=_("The token itself is never stored."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    used_at = models.DateTimeField(
        _("opened"),
        null=True,
        blank=True,
        help_text=_("A link opens once; the browser session it opened keeps the access."),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")

    def __str__(self):
        return _("%(reference)s: personal link of %(date)s") % {
            "reference": self.application.reference,
            "date": readable_date(self.created_at),
        }

    @property
    def can_be_opened(self) -> bool:
        """Neither opened before, nor revoked, nor expired."""
        return self.used_at is None and self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def keeps_session(self) -> bool:
        """The browser session this link opened may still see the application."""
        return self.revoked_at is None
