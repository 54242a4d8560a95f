"""A register (or its roll-up) as a PDF with the heat map and the table: asked for on the
register page (`register_pdf_request`), made by the Celery task `risk.tasks.render_register_pdf`
with WeasyPrint (never in a request) and stored once (`core.files.store_once`)."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.files import store_once
from core.pdf import render_pdf
from risk.models import Register, RegisterPdf
from risk.services.listing import Filters, register_listing


def register_pdf_request(*, register: Register, by, rolled_up: bool = False) -> RegisterPdf:
    from risk.tasks import render_register_pdf

    pdf = RegisterPdf.objects.create(register=register, rolled_up=rolled_up, requested_by=by)
    transaction.on_commit(lambda: render_register_pdf.delay(pdf.pk))
    return pdf


def register_pdf_render(*, pdf_id: int) -> RegisterPdf | None:
    """Render and store the PDF unless it is stored already. Raises core.pdf.PdfUnavailable
    on a server without WeasyPrint's libraries."""
    pdf = (
        RegisterPdf.objects.select_related(
            "register__area", "register__project", "register__matrix"
        )
        .filter(pk=pdf_id)
        .first()
    )
    if pdf is None or pdf.pdf:
        return pdf
    filters = Filters(rolled_up=pdf.rolled_up)
    listing = register_listing(pdf.register, filters)
    context = {
        "register": pdf.register,
        "rolled_up": pdf.rolled_up,
        "heat": listing["heat"],
        "risks": listing["risks"],
        "snapshot": listing["snapshot"],
        "made_at": timezone.localtime(pdf.requested_at),
        # The levels' colours as the programme leader set them (#rrggbb, validated).
        "levels": list(pdf.register.matrix.levels.all()),
    }
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("risk/pdf.html", context)
    return store_once(pdf, "pdf", filename=pdf.filename, content=render_pdf(html))
