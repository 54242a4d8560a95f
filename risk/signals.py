"""What the risk registers do when something beneath them changes (risk sits above
portfolio and benefits, so it listens to them; they never know about risk):

- a new area gets its risk register at once (the register list makes none on GET);
- an approved measurement of an indicator that is some risk's early warning is checked
  against the threshold once the transaction commits (`warnings_check`).
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from benefits.models import Measurement
from portfolio.models import Area


@receiver(post_save, sender=Area, dispatch_uid="risk_area_register")
def _area_register(sender, instance, created, raw=False, **kwargs):
    if raw or not instance.is_active:
        return
    from risk.models import Matrix
    from risk.services import area_register

    if Matrix.default() is None:
        return  # while the migrations run: risk's own data migration makes the registers
    area_register(instance)


@receiver(post_save, sender=Measurement, dispatch_uid="risk_early_warning")
def _early_warning(sender, instance, raw=False, **kwargs):
    if raw or instance.state != Measurement.State.APPROVED:
        return
    from risk.models import Risk
    from risk.services.reminders import warnings_check

    indicator_id = instance.indicator_id
    if Risk.objects.filter(warning_indicator_id=indicator_id).exists():
        transaction.on_commit(lambda: warnings_check(indicator_ids=[indicator_id]))
