"""Files the app made (PDFs) or was given (attachments), stored under MEDIA_ROOT (which no
URL serves) and handed out only by a view that has checked who asks."""

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
