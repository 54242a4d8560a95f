from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OmradesatsingConfig(AppConfig):
    name = "omradesatsing"
    verbose_name = _("Områdesatsing")

    def ready(self):
        from omradesatsing import checks  # noqa: F401  (registers the system checks)
