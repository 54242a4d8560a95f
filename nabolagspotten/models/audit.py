"""The log of staff access to applicants' personal data."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from nabolagspotten.models.applications import Application


class PersonalDataAccess(models.Model):
    """Who on the staff opened an applicant's personal data, and when (the log the
    privacy page promises). Append-only."""

    class What(models.TextChoices):
        CASE = "sak", _("Opened the case")
        ATTACHMENT = "vedlegg", _("Downloaded an attachment")
        EXPORT = "eksport", _("Exported payments")
        LETTER = "vedtaksbrev", _("Opened the decision letter")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for an export of several cases."),
    )
    what = models.CharField(_("what"), max_length=20, choices=What.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access to personal data")
        verbose_name_plural = _("accesses to personal data")
        indexes = [models.Index(fields=["application", "at"], name="personaldataaccess_app")]

    def __str__(self):
        what = self.get_what_display()
        if self.application_id:
            what = f"{what} {self.application.reference}"
        at = date_format(timezone.localtime(self.at), "j. F Y H:i")
        return f"{self.user}: {what} ({at})"
