"""`manage.py render_missing_pdfs`: make the PDFs that should exist but do not yet, e.g.
for versions approved before PDFs were stored, or made while the server lacked WeasyPrint's
libraries. Safe to run again: what exists is left alone."""

from django.core.management.base import BaseCommand, CommandError

from core.pdf import PdfUnavailable
from omradesatsing.pdfs import pdfs_render_missing


class Command(BaseCommand):
    help = (
        "Render and store every PDF that is missing (approved action plans, sent decision letters)."
    )

    def handle(self, *args, **options):
        made = 0
        try:
            for filename in pdfs_render_missing():
                made += 1
                self.stdout.write(f"  {filename}")
        except PdfUnavailable as error:
            raise CommandError(str(PdfUnavailable.message)) from error
        self.stdout.write(self.style.SUCCESS(f"{made} PDF(s) made."))
