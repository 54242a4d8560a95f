"""The two kinds of file the applicant and the handler download: an uploaded attachment and
the decision letter. Always as a download, never rendered by the browser: `nosniff`, and
the attachment with a sandboxing Content Security Policy. The callers check who may see
the file; these only build the answer."""

from django.http import FileResponse, Http404, HttpResponse

from nabolagspotten.models import Attachment, Decision
from nabolagspotten.services.letters import letter_filename, render_letter_pdf


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


def letter_response(decision: Decision) -> HttpResponse:
    response = HttpResponse(render_letter_pdf(decision), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter_filename(decision)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
