"""The two kinds of file the applicant and the handler download: an uploaded attachment and
the decision letter. Always as a download, never rendered by the browser: `nosniff`, and
a sandboxing Content Security Policy. The callers check who may see the file; these only
build the answer."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.files import file_download
from core.pdf import PdfUnavailable, pdf_libraries_missing
from nabolagspotten.models import Attachment, Decision
from nabolagspotten.services.letters import letter_filename


def attachment_response(attachment: Attachment) -> FileResponse:
    try:
        handle = attachment.file.open("rb")
    except (OSError, ValueError):  # the file is gone, or the row has none
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


def letter_response(request: HttpRequest, decision: Decision, *, back_url: str) -> HttpResponse:
    """The stored letter, made once by the background task that sent it (never rendered
    here). Until it exists, the page that says «PDF-en lages» and picks it up when ready."""
    if decision.letter_pdf and not request.htmx:
        return file_download(
            decision.letter_pdf, filename=letter_filename(decision), content_type="application/pdf"
        )
    unavailable = pdf_libraries_missing()
    context = {
        "ready": bool(decision.letter_pdf),
        "back_url": back_url,
        "back_text": _("Back to the case"),
        "message": PdfUnavailable.message if unavailable else "",
        "download_url": request.path,
    }
    if request.htmx:  # the waiting page asks again: ready, or still being made
        return render(request, "pdf_pending.html#status", context)
    return render(request, "pdf_pending.html", context, status=503 if unavailable else 202)
