"""The Celery app. Broker: REDIS_URL; without it, tasks run eagerly (see settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omradesatsing.settings")

app = Celery("omradesatsing")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
