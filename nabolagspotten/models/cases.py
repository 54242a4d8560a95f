"""What a case gathers on its way to a decision: the timeline, messages with the applicant,
handlers' internal comments, habilitet, assessments, decisions (enkeltvedtak) and appeals
(klager)."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.formatting import kroner
from nabolagspotten.models.applications import Application
from nabolagspotten.models.common import SHORT_TEXT, long_text_field, readable_date


def _application_field(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name=related_name,
    )


class CaseEvent(models.Model):
    """The case's timeline (append-only): every status change and every step worth
    remembering, with who: a handler (`actor`), or, when `actor` is empty, the applicant,
    except for the steps only the system takes (`SYSTEM_KINDS`: letters, reminders,
    e-mailed links, repayment claims, anonymisation)."""

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
        EMAIL = "epost", _("E-mail address")

    # Steps without an actor that the system takes, not the applicant.
    SYSTEM_KINDS = {
        Kind.LINK_SENT,
        Kind.LETTER_SENT,
        Kind.REMINDER,
        Kind.REPAYMENT,
        Kind.ANONYMISED,
    }

    application = _application_field("events")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the applicant or the system took the step."),
    )
    from_status = models.CharField(
        _("from status"), max_length=30, blank=True, choices=Application.Status.choices
    )
    to_status = models.CharField(
        _("to status"), max_length=30, blank=True, choices=Application.Status.choices
    )
    note = models.TextField(_("note"), blank=True)
    visible_to_applicant = models.BooleanField(_("shown to the applicant"), default=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        indexes = [models.Index(fields=["application", "kind"], name="caseevent_kind")]

    def __str__(self):
        what = self.get_kind_display()
        if self.to_status:
            what = f"{what}: {Application.Status(self.to_status).label}"
        return f"{self.application.reference}: {what} ({readable_date(self.at)})"

    @property
    def by_applicant(self) -> bool:
        return self.actor_id is None and self.kind not in self.SYSTEM_KINDS

    @property
    def by_system(self) -> bool:
        return self.actor_id is None and self.kind in self.SYSTEM_KINDS


class Message(models.Model):
    """A message between the handler and the applicant, e.g. a request for more
    information and the applicant's answer. Shown on both sides."""

    class Direction(models.TextChoices):
        TO_APPLICANT = "til_soker", _("To the applicant")
        FROM_APPLICANT = "fra_soker", _("From the applicant")

    application = _application_field("messages")
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The handler; empty for the applicant."),
    )
    body = long_text_field(verbose_name=_("message"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        text = (
            _("%(reference)s: message to the applicant, %(date)s")
            if self.direction == self.Direction.TO_APPLICANT
            else _("%(reference)s: message from the applicant, %(date)s")
        )
        return text % {"reference": self.application.reference, "date": readable_date(self.sent_at)}


class InternalComment(models.Model):
    """A note between handlers, never shown to the applicant."""

    application = _application_field("comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = long_text_field(verbose_name=_("comment"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("internal comment")
        verbose_name_plural = _("internal comments")

    def __str__(self):
        return _("%(reference)s: internal comment by %(author)s") % {
            "reference": self.application.reference,
            "author": self.author,
        }


class ImpartialityDeclaration(models.Model):
    """A handler's declaration of habilitet (forvaltningsloven § 6) for one application,
    given before they may assess or decide it. A handler who is not impartial
    (inhabil) is kept out of the case."""

    application = _application_field("declarations")
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case handler"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    impartial = models.BooleanField(_("I am impartial in this case"))
    note = models.TextField(_("note"), blank=True, validators=[MaxLengthValidator(SHORT_TEXT)])
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("impartiality declaration")
        verbose_name_plural = _("impartiality declarations")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "handler"], name="one_declaration_per_handler"
            )
        ]

    def __str__(self):
        text = (
            _("%(reference)s: %(handler)s is impartial")
            if self.impartial
            else _("%(reference)s: %(handler)s is not impartial")
        )
        return text % {"reference": self.application.reference, "handler": self.handler}


class Assessment(models.Model):
    """A handler's assessment against the round's criteria."""

    class Recommendation(models.TextChoices):
        GRANT = "innvilge", _("Grant")
        PARTLY = "delvis", _("Grant in part")
        REFUSE = "avslaa", _("Refuse")

    application = _application_field("assessments")
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case handler"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    notes = long_text_field(verbose_name=_("assessment against the criteria"))
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices
    )
    suggested_amount = models.PositiveIntegerField(
        _("suggested amount (kr)"), null=True, blank=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["updated_at", "pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "handler"], name="one_assessment_per_handler"
            )
        ]

    def __str__(self):
        return _("%(reference)s: assessment by %(handler)s, «%(recommendation)s»") % {
            "reference": self.application.reference,
            "handler": self.handler,
            "recommendation": self.get_recommendation_display(),
        }


class Decision(models.Model):
    """An enkeltvedtak. An application has one decision at a time; an upheld appeal makes
    a new one and the earlier is kept (`superseded_at`)."""

    class Outcome(models.TextChoices):
        GRANTED = "innvilget", _("Granted")
        PARTLY_GRANTED = "delvis_innvilget", _("Partly granted")
        REFUSED = "avslatt", _("Refused")

    application = _application_field("decisions")
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    amount = models.PositiveIntegerField(_("amount granted (kr)"), default=0)
    reasons = long_text_field(verbose_name=_("reasons"))
    conditions = long_text_field(verbose_name=_("conditions"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)
    letter_sent_at = models.DateTimeField(_("letter sent"), null=True, blank=True)
    appeal_deadline = models.DateField(_("appeal deadline"), null=True, blank=True)
    letter_pdf = models.FileField(
        _("decision letter (PDF)"),
        upload_to="vedtaksbrev/",
        blank=True,
        editable=False,
        help_text=_("Made once by a background task when the letter goes out."),
    )
    accept_deadline = models.DateField(_("accept by"), null=True, blank=True)
    responded_at = models.DateTimeField(_("accepted or declined"), null=True, blank=True)
    superseded_at = models.DateTimeField(
        _("superseded"),
        null=True,
        blank=True,
        help_text=_("Set when a new decision replaces this one after an upheld appeal."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(superseded_at__isnull=True),
                name="one_current_decision",
            )
        ]

    def __str__(self):
        values = {"reference": self.application.reference, "amount": kroner(self.amount)}
        if self.outcome == self.Outcome.GRANTED:
            return _("%(reference)s: Decision granted %(amount)s") % values
        if self.outcome == self.Outcome.PARTLY_GRANTED:
            return _("%(reference)s: Decision partly granted %(amount)s") % values
        return _("%(reference)s: Decision refused") % values


class Appeal(models.Model):
    """A klage on a decision, handled as its own case: the handler either upholds it (the
    application goes back for a new decision) or sends it to the appeal body, whose
    result is recorded."""

    class Status(models.TextChoices):
        RECEIVED = "mottatt", _("Received")
        UPHELD = "tatt_til_folge", _("Upheld: the decision is reconsidered")
        FORWARDED = "oversendt", _("Sent to the appeal body")
        DECIDED = "avgjort", _("Decided by the appeal body")

    application = _application_field("appeals")
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision appealed"),
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    grounds = long_text_field(verbose_name=_("grounds for the appeal"))
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    within_deadline = models.BooleanField(_("received within the deadline"), default=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    outcome = long_text_field(verbose_name=_("outcome"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self):
        return _("%(reference)s: appeal of %(date)s, «%(status)s»") % {
            "reference": self.application.reference,
            "date": readable_date(self.received_at),
            "status": self.get_status_display(),
        }

    def get_absolute_url(self):
        return reverse("nabolagspotten:case_appeal", args=[self.application.reference, self.pk])
