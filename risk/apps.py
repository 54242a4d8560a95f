from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RiskConfig(AppConfig):
    name = "risk"
    verbose_name = _("Risk and vulnerability (ROS)")

    def ready(self):
        from risk import signals  # noqa: F401  (connects the receivers)
