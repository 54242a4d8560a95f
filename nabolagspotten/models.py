"""Nabolagspotten's data: rounds with a budget per area, applications from residents and
local groups (who have no account), and everything a case gathers on its way from draft
to decision, payment, final report and closing.

Words: a *round* is a søknadsrunde; *granted* is innvilget; a *decision* is an
enkeltvedtak; an *appeal* is a klage; *habilitet* is the handler's impartiality.

Money is whole kroner (integers). Every model that a person changes keeps its history
(simple-history); `CaseEvent` is itself the append-only timeline of a case.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

LONG_TEXT = 10_000  # characters; a clear message beyond it
SHORT_TEXT = 2_000


def _long(**kwargs):
    return models.TextField(validators=[MaxLengthValidator(LONG_TEXT)], **kwargs)


class RoundQuerySet(models.QuerySet):
    def open(self, on=None):
        """Rounds taking applications on the day (today in Oslo by default)."""
        on = on or timezone.localdate()
        return self.filter(opens_on__lte=on).filter(
            Q(closes_on__isnull=True) | Q(closes_on__gte=on)
        )


class Round(models.Model):
    """A søknadsrunde: dates (or rolling intake), criteria, and the largest single grant.
    Its budget is split per area in `RoundArea`."""

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(
        _("closes"), null=True, blank=True, help_text=_("Leave empty for rolling intake.")
    )
    max_grant = models.PositiveIntegerField(
        _("largest grant to one application (kr)"), validators=[MinValueValidator(1)]
    )
    criteria = _long(verbose_name=_("criteria"))
    accept_within_days = models.PositiveSmallIntegerField(
        _("days the applicant has to accept a grant"), default=21
    )
    report_within_days = models.PositiveSmallIntegerField(
        _("days after the activity ends until the final report is due"), default=60
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-opens_on", "pk"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(closes_on__gte=models.F("opens_on")),
                name="round_closes_after_opening",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_rolling(self) -> bool:
        return self.closes_on is None

    def is_open(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.opens_on <= on and (self.closes_on is None or on <= self.closes_on)


class RoundArea(models.Model):
    """One area's share of a round's budget. Its row is the lock every grant takes, so two
    decisions in the same area at the same moment are serialised (services/ledger.py)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="areas")
    area = models.ForeignKey("portfolio.Area", on_delete=models.PROTECT, related_name="+")
    budget = models.PositiveIntegerField(_("budget (kr)"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["area__name"]
        verbose_name = _("area budget")
        verbose_name_plural = _("area budgets")
        constraints = [
            models.UniqueConstraint(fields=["round", "area"], name="one_budget_per_round_area")
        ]

    def __str__(self):
        return f"{self.round} – {self.area}"


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
    ]
    # The applicant may change the application's text only in these.
    EDITABLE_STATUSES = [Status.DRAFT, Status.INFO_REQUESTED]

    reference = models.CharField(_("case number"), max_length=20, unique=True)
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="applications")
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
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    # What for.
    title = models.CharField(_("title of the activity"), max_length=200, blank=True)
    location = models.CharField(_("where in the area"), max_length=300, blank=True)
    description = _long(verbose_name=_("what you want to do"), blank=True)
    target_group = _long(verbose_name=_("who it is for"), blank=True)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    expected_participants = models.PositiveIntegerField(
        _("expected participants"), null=True, blank=True
    )
    resident_involvement = _long(
        verbose_name=_("how residents take part and what they contribute"), blank=True
    )
    volunteer_hours = models.PositiveIntegerField(
        _("volunteer hours"),
        null=True,
        blank=True,
        help_text=_("The hours residents and volunteers put in: the neighbourhood's own effort."),
    )
    partners = _long(verbose_name=_("partners"), blank=True)
    own_contribution = models.PositiveIntegerField(
        _("own contribution (kr)"), default=0, help_text=_("Money you bring yourselves.")
    )
    amount_requested = models.PositiveIntegerField(
        _("amount applied for (kr)"),
        default=0,
        help_text=_("The sum of the budget lines."),
    )

    # Consent and openness (offentleglova): applications are public documents.
    consent_privacy = models.BooleanField(_("consents to the privacy statement"), default=False)
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

    version = models.PositiveIntegerField(default=1)
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
        ]

    def __str__(self):
        return f"{self.reference} {self.title}".strip()

    @property
    def is_editable_by_applicant(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    @property
    def is_open_case(self) -> bool:
        return self.status in self.OPEN_STATUSES


class ApplicationBudgetLine(models.Model):
    """What the money applied for is for; the lines sum to `amount_requested`."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines"
    )
    description = models.CharField(_("what"), max_length=200)
    amount = models.PositiveIntegerField(_("amount (kr)"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self):
        return f"{self.description}: {self.amount} kr"


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
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.APPLICATION)
    token = models.CharField(max_length=40, unique=True)
    file = models.FileField(upload_to=_attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class AccessLink(models.Model):
    """A personal link to one application. The token is signed and carries its expiry;
    only its SHA-256 is stored, so a copy of the database gives no working links. A link
    can be revoked, and the applicant can ask for a new one by e-mail (access.py)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="access_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.application_id} ({self.created_at:%Y-%m-%d})"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class CaseEvent(models.Model):
    """The case's timeline (append-only): every status change and every step worth
    remembering, with who (a handler, or the applicant when `actor` is empty)."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Status changed")
        MESSAGE = "melding", _("Message")
        LINK_SENT = "lenke", _("Personal link sent")
        LETTER_SENT = "vedtaksbrev", _("Decision letter sent")
        REMINDER = "paminnelse", _("Reminder sent")
        APPEAL = "klage", _("Appeal")
        PAYMENT = "utbetaling", _("Payment")
        REPAYMENT = "tilbakebetaling", _("Repayment")
        ANONYMISED = "anonymisert", _("Personal data removed")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30, blank=True)
    note = models.TextField(blank=True)
    visible_to_applicant = models.BooleanField(default=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["application", "kind"], name="caseevent_kind")]

    def __str__(self):
        return f"{self.application_id} {self.kind} {self.to_status}"


class Message(models.Model):
    """A message between the handler and the applicant, e.g. a request for more
    information and the applicant's answer. Shown on both sides."""

    class Direction(models.TextChoices):
        TO_APPLICANT = "til_soker", _("To the applicant")
        FROM_APPLICANT = "fra_soker", _("From the applicant")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=20, choices=Direction.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    body = _long(verbose_name=_("message"))
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]

    def __str__(self):
        return f"{self.application_id} {self.direction} {self.sent_at:%Y-%m-%d}"


class InternalComment(models.Model):
    """A note between handlers, never shown to the applicant."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = _long(verbose_name=_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.application_id} {self.author_id}"


class ImpartialityDeclaration(models.Model):
    """A handler's declaration of habilitet (forvaltningsloven § 6) for one application,
    given before they may assess or decide it. A handler who is not impartial
    (inhabil) is kept out of the case."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="declarations"
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    impartial = models.BooleanField(_("I am impartial in this case"))
    note = models.TextField(_("note"), blank=True, validators=[MaxLengthValidator(SHORT_TEXT)])
    declared_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "handler"], name="one_declaration_per_handler"
            )
        ]

    def __str__(self):
        return f"{self.application_id} {self.handler_id} {self.impartial}"


class Assessment(models.Model):
    """A handler's assessment against the round's criteria."""

    class Recommendation(models.TextChoices):
        GRANT = "innvilge", _("Grant")
        PARTLY = "delvis", _("Grant in part")
        REFUSE = "avslaa", _("Refuse")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assessments"
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notes = _long(verbose_name=_("assessment against the criteria"))
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices
    )
    suggested_amount = models.PositiveIntegerField(
        _("suggested amount (kr)"), null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["updated_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "handler"], name="one_assessment_per_handler"
            )
        ]

    def __str__(self):
        return f"{self.application_id} {self.handler_id} {self.recommendation}"


class Decision(models.Model):
    """An enkeltvedtak. An application has one decision at a time; an upheld appeal makes
    a new one and the earlier is kept (`superseded_at`)."""

    class Outcome(models.TextChoices):
        GRANTED = "innvilget", _("Granted")
        PARTLY_GRANTED = "delvis_innvilget", _("Partly granted")
        REFUSED = "avslatt", _("Refused")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    amount = models.PositiveIntegerField(_("amount granted (kr)"), default=0)
    reasons = _long(verbose_name=_("reasons"))
    conditions = _long(verbose_name=_("conditions"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    letter_sent_at = models.DateTimeField(_("letter sent"), null=True, blank=True)
    appeal_deadline = models.DateField(_("appeal deadline"), null=True, blank=True)
    accept_deadline = models.DateField(_("accept by"), null=True, blank=True)
    responded_at = models.DateTimeField(_("accepted or declined"), null=True, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(superseded_at__isnull=True),
                name="one_current_decision",
            )
        ]

    def __str__(self):
        return f"{self.application_id} {self.outcome} {self.amount} kr"


class Appeal(models.Model):
    """A klage on a decision, handled as its own case: the handler either upholds it (the
    application goes back for a new decision) or sends it to the appeal body, whose
    result is recorded."""

    class Status(models.TextChoices):
        RECEIVED = "mottatt", _("Received")
        UPHELD = "tatt_til_folge", _("Upheld: the decision is reconsidered")
        FORWARDED = "oversendt", _("Sent to the appeal body")
        DECIDED = "avgjort", _("Decided by the appeal body")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="appeals")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="appeals")
    grounds = _long(verbose_name=_("grounds for the appeal"))
    received_at = models.DateTimeField(default=timezone.now)
    within_deadline = models.BooleanField(default=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    outcome = _long(verbose_name=_("outcome"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at", "-pk"]

    def __str__(self):
        return f"{self.application_id} {self.status}"


class Payment(models.Model):
    """A payment (utbetaling) registered by a handler, for the finance system's export."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="payments")
    amount = models.PositiveIntegerField(_("amount (kr)"), validators=[MinValueValidator(1)])
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("reference"), max_length=100)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["paid_on", "pk"]

    def __str__(self):
        return f"{self.application_id} {self.amount} kr {self.paid_on}"


class FinalReport(models.Model):
    """The sluttrapport: what happened, who came, and the money used against the money
    granted. Unused money becomes a `Repayment`."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="final_report"
    )
    what_happened = _long(verbose_name=_("what happened"))
    participants = models.PositiveIntegerField(_("participants"))
    volunteer_hours = models.PositiveIntegerField(_("volunteer hours"), null=True, blank=True)
    money_used = models.PositiveIntegerField(_("money used (kr)"))
    submitted_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(_("due"), null=True, blank=True)

    history = HistoricalRecords()

    def __str__(self):
        return f"{self.application_id}"


class Repayment(models.Model):
    """Money granted but not used, to be paid back."""

    class Status(models.TextChoices):
        CLAIMED = "krevd", _("Claimed")
        PAID = "betalt", _("Paid back")
        WAIVED = "frafalt", _("Waived")

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="repayments"
    )
    amount = models.PositiveIntegerField(_("amount (kr)"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CLAIMED)
    settled_on = models.DateField(_("settled on"), null=True, blank=True)
    note = models.TextField(blank=True, validators=[MaxLengthValidator(SHORT_TEXT)])
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.application_id} {self.amount} kr {self.status}"


class PersonalDataAccess(models.Model):
    """Who on the staff opened an applicant's personal data, and when (the log the
    privacy page promises). Append-only."""

    class What(models.TextChoices):
        CASE = "sak", _("Opened the case")
        ATTACHMENT = "vedlegg", _("Downloaded an attachment")
        EXPORT = "eksport", _("Exported payments")
        LETTER = "vedtaksbrev", _("Opened the decision letter")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    what = models.CharField(max_length=20, choices=What.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["application", "at"], name="personaldataaccess_app")]

    def __str__(self):
        return f"{self.user_id} {self.what} {self.application_id}"
