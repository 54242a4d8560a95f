from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from omradesatsing.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create or refresh demo users (one per role) and units. Refused when DEBUG is off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo data is for development only and is refused when DEBUG is off: "
                "demo users have a published password."
            )
        users = seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Demo logins:"))
        for user in users:
            roles = ", ".join(role.value for role in user.roles) or "no role"
            self.stdout.write(f"  {user.email:<30} {roles}")
        self.stdout.write(f"  Password for all of them: {DEMO_PASSWORD}")
