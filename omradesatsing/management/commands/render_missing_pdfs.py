"""`manage.py render_missing_pdfs`: make the PDFs that should exist but do not yet, e.g.
for versions approved before PDFs were stored, or made while the server lacked WeasyPrint's
libraries. Safe to run again: what exists is left alone."""

from django.core.management.base import BaseCommand, CommandError

from core.pdf import PdfUnavailable
from portfolio.services import plans


class Command(BaseCommand):
    help = "Render and store every PDF that is missing (approved action plans)."

    def handle(self, *args, **options):
        made = 0
        try:
            for submission in plans.plan_pdfs_missing():
                plans.plan_pdf_render(submission_id=submission.pk)
                made += 1
                self.stdout.write(f"  {plans.plan_pdf_filename(submission)}")
        except PdfUnavailable as error:
            raise CommandError(str(PdfUnavailable.message)) from error
        self.stdout.write(self.style.SUCCESS(f"{made} PDF(s) made."))
