"""Files the app made (PDFs) or was given (attachments), stored under MEDIA_ROOT (which no
URL serves) and handed out only by a view that has checked who asks."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse


def file_download(field_file, *, filename: str, content_type: str) -> FileResponse:
    """The stored file as a download: never shown inline, never sniffed, never cached."""
    response = FileResponse(
        field_file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def store_once(obj, field: str, *, filename: str, content: bytes):
    """Store `content` as the object's file `field` unless another process stored it first
    (the row is locked while it looks), and return the row as stored. Made PDFs show a
    version that never changes, so the first one stored is the one kept; no history user
    (a background task stores it)."""
    with transaction.atomic():
        locked = type(obj).objects.select_for_update(of=("self",)).get(pk=obj.pk)
        if not getattr(locked, field):
            getattr(locked, field).save(filename, ContentFile(content), save=False)
            locked._history_user = None
            locked.save(update_fields=[field])
    return locked


def pdf_download_or_waiting(request, field_file, *, filename: str, back_url: str, back_text: str):
    """A PDF a background task makes: the stored file once it exists, and until then the
    page that says it is being made (`pdf_pending.html`, 202) and asks again every two
    seconds (htmx; without JavaScript, reload), or that this server cannot make PDFs (503).
    Never renders a PDF in the request. The caller has checked who asks."""
    from django.shortcuts import render

    from core.pdf import PdfUnavailable, pdf_libraries_missing

    if field_file and not request.htmx:
        return file_download(field_file, filename=filename, content_type="application/pdf")
    unavailable = pdf_libraries_missing()
    context = {
        "ready": bool(field_file),
        "back_url": back_url,
        "back_text": back_text,
        "message": PdfUnavailable.message if unavailable else "",
        "download_url": request.path,
    }
    if request.htmx:  # the waiting page asks again: ready, or still being made
        return render(request, "pdf_pending.html#status", context)
    return render(request, "pdf_pending.html", context, status=503 if unavailable else 202)
