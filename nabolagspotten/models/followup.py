"""Money after the decision: payments (utbetalinger), the final report (sluttrapport) and
repayments (tilbakebetalinger)."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.formatting import kroner
from nabolagspotten.models.applications import Application
from nabolagspotten.models.common import SHORT_TEXT, long_text_field, readable_date


class Payment(models.Model):
    """A payment (utbetaling) registered by a handler, for the finance system's export."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    amount = models.PositiveIntegerField(_("amount (kr)"), validators=[MinValueValidator(1)])
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("reference"), max_length=100)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["paid_on", "pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        # The payments list's order (views/followup.py `_payments`).
        indexes = [models.Index(fields=["-paid_on", "-id"], name="payment_sort")]

    def __str__(self):
        return _("%(reference)s: payment of %(amount)s on %(date)s") % {
            "reference": self.application.reference,
            "amount": kroner(self.amount),
            "date": readable_date(self.paid_on),
        }


class FinalReport(models.Model):
    """The sluttrapport: what happened, who came, and the money used against the money
    granted. Unused money becomes a `Repayment`."""

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="final_report",
    )
    what_happened = long_text_field(verbose_name=_("what happened"))
    participants = models.PositiveIntegerField(_("participants"))
    volunteer_hours = models.PositiveIntegerField(_("volunteer hours"), null=True, blank=True)
    money_used = models.PositiveIntegerField(_("money used (kr)"))
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    due_on = models.DateField(_("due"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("final report")
        verbose_name_plural = _("final reports")

    def __str__(self):
        return _("%(reference)s: final report of %(date)s") % {
            "reference": self.application.reference,
            "date": readable_date(self.submitted_at),
        }


class Repayment(models.Model):
    """Money granted but not used, to be paid back."""

    class Status(models.TextChoices):
        CLAIMED = "krevd", _("Claimed")
        PAID = "betalt", _("Paid back")
        WAIVED = "frafalt", _("Waived")

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="repayments",
    )
    amount = models.PositiveIntegerField(_("amount (kr)"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CLAIMED
    )
    settled_on = models.DateField(_("settled on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, validators=[MaxLengthValidator(SHORT_TEXT)])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("repayment")
        verbose_name_plural = _("repayments")

    def __str__(self):
        return _("%(reference)s: repayment of %(amount)s, «%(status)s»") % {
            "reference": self.application.reference,
            "amount": kroner(self.amount),
            "status": self.get_status_display(),
        }
