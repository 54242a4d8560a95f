from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NabolagspottenConfig(AppConfig):
    name = "nabolagspotten"
    verbose_name = _("Nabolagspotten (the neighbourhood grant pot)")
