from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OmradesatsingConfig(AppConfig):
    name = "omradesatsing"
    verbose_name = _("Områdesatsing")

    def ready(self):
        # The benefit page shows the risks linked to it; benefits never imports risk.
        from benefits import page_sections
        from omradesatsing import checks  # noqa: F401  (registers the system checks)
        from risk.benefits import benefit_page_section

        page_sections.register(benefit_page_section)
