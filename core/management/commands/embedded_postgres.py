from django.conf import settings
from django.core.management.base import BaseCommand

from core import embedded_db


class Command(BaseCommand):
    help = "Show the status of the embedded PostgreSQL (used without DATABASE_URL), or stop it."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["status", "stop"])

    def handle(self, *args, action, **options):
        pgdata = settings.EMBEDDED_POSTGRES_DIR
        if action == "stop":
            stopped = embedded_db.stop(pgdata)
            self.stdout.write("Stopped." if stopped else "It was not running.")
            return
        info = embedded_db.status(pgdata)
        self.stdout.write(f"data folder: {pgdata}")
        for key, value in info.items():
            self.stdout.write(f"{key}: {value}")
