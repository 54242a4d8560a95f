from django.conf import settings
from django.db.backends.postgresql import base

from core import embedded_db


class DatabaseWrapper(base.DatabaseWrapper):
    """Django's PostgreSQL backend, connecting through the embedded server's socket."""

    def get_connection_params(self):
        params = super().get_connection_params()
        embedded_db.start(settings.EMBEDDED_POSTGRES_DIR, self.settings_dict["NAME"] or "postgres")
        params["host"] = str(embedded_db.socket_dir())
        params.pop("port", None)
        return params
