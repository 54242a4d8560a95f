"""WSGI entry point for gunicorn.

Gunicorn does not run Django's system checks, so the configuration checks run here: a
production start with a missing or bad setting stops with a message that names it.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omradesatsing.settings")

application = get_wsgi_application()

from omradesatsing.checks import raise_on_configuration_errors  # noqa: E402

raise_on_configuration_errors()
