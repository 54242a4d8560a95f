"""Checking an uploaded file before it is stored: PDF, JPEG or PNG only, judged by its
content (magic bytes) AND its file name's extension (which must match the content) AND its
size (settings.NABOLAGSPOTTEN_MAX_UPLOAD_MB). A JPEG or PNG whose first kilobyte holds HTML
or script markup is refused, so a polyglot file can never be served as a page.

    content_type = check_upload(uploaded_file)   # raises ValidationError (Norwegian)

Used for application attachments (applicant) and final-report photos (follow-up).
"""

import os
import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"

MAGIC = [
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
]
EXTENSIONS = {".pdf": PDF, ".jpg": JPEG, ".jpeg": JPEG, ".png": PNG}
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
# What browsers sniff as HTML (WHATWG MIME sniffing), plus SVG and script URLs. Attribute
# patterns such as `onload=` are left out: camera metadata (XMP) is full of `...on=`.
MARKUP = re.compile(
    rb"<(script|html|head|body|iframe|svg|object|embed|style|title|table|div|font|meta"
    rb"|a|b|br|p|h1)[\s/>]|<!doctype|<!--|javascript:",
    re.IGNORECASE,
)
NAME_LENGTH = 200


def max_upload_bytes() -> int:
    return settings.NABOLAGSPOTTEN_MAX_UPLOAD_MB * 1024 * 1024


def _head(uploaded_file, size: int = 1024) -> bytes:
    uploaded_file.seek(0)
    head = uploaded_file.read(size)
    uploaded_file.seek(0)
    return head or b""


def check_upload(uploaded_file) -> str:
    """The file's content type (PDF, JPEG or PNG) if it may be stored; ValidationError with
    a clear Norwegian message otherwise."""
    if uploaded_file is None:
        raise ValidationError(_("Choose a file."), code="required")
    size = getattr(uploaded_file, "size", None) or 0
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > max_upload_bytes():
        raise ValidationError(
            _("The file is too big. The largest size is %(mb)s MB."),
            code="too_big",
            params={"mb": settings.NABOLAGSPOTTEN_MAX_UPLOAD_MB},
        )
    extension = os.path.splitext(uploaded_file.name or "")[1].lower()
    expected = EXTENSIONS.get(extension)
    if expected is None:
        raise ValidationError(_("Only PDF, JPG and PNG files can be uploaded."), code="file_type")
    head = _head(uploaded_file)
    content_type = next((kind for magic, kind in MAGIC if head.startswith(magic)), None)
    if content_type is None:
        raise ValidationError(
            _("The file is not a real PDF, JPG or PNG file."), code="file_content"
        )
    if content_type != expected:
        raise ValidationError(
            _("The file's name does not match its content. Check that it is the right file."),
            code="file_mismatch",
        )
    if content_type in (JPEG, PNG) and MARKUP.search(head):
        raise ValidationError(
            _("The file is not a real PDF, JPG or PNG file."), code="file_content"
        )
    return content_type


def clean_name(name: str) -> str:
    """The original file name, safe to show and to put in a download header: no path, no
    control characters, at most 200 characters with the extension kept."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r'[<>:"/|?*]', "_", name).strip(" .") or "vedlegg"
    if len(name) > NAME_LENGTH:
        stem, extension = os.path.splitext(name)
        name = stem[: NAME_LENGTH - len(extension)] + extension
    return name
