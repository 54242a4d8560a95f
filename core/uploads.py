"""Checking an uploaded file before it is stored: PDF, JPEG or PNG only, judged by its
content (magic bytes) AND its file name's extension (which must match the content) AND its
size (settings.NABOLAGSPOTTEN_MAX_UPLOAD_MB). A JPEG or PNG whose first kilobyte holds HTML
or script markup is refused, so a polyglot file can never be served as a page.

A PDF with **active content** is refused, not cleaned: JavaScript (`/JS`, `/JavaScript`),
actions that start programs, fetch or send data (`/Launch`, `/SubmitForm`, `/ImportData`,
`/GoToR`, `/GoToE`, `/RichMediaExecute`, also as the `/OpenAction` run on opening),
triggers (`/AA`), embedded files (`/EmbeddedFile(s)`, `/EF`, file-attachment annotations),
`/RichMedia` and XFA forms (`/XFA`). The file is read with pypdf, so every object is seen
with its names decoded (`/J#61vaScript` is `/JavaScript`), also the objects packed in
compressed object streams, which a search of the raw bytes would miss (and a search of
compressed bytes would match by chance). Refusing keeps the applicant's document as they
sent it (a case document is not altered by us) and tells them what to do: save or print
it as a new PDF. A PDF that cannot be read, or that is locked with a password, is refused
for the same reason: what cannot be read cannot be checked.

    content_type = check_upload(uploaded_file)   # raises ValidationError (Norwegian)

Used for Nabolagspotten's application attachments (applicant) and final-report photos
(follow-up), and for the evidence file of a measurement in the benefits register. (Moved
here from nabolagspotten/forms/uploads.py, which still offers the same names.)
"""

import io
import logging
import os
import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

logger = logging.getLogger(__name__)

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

# PDF names that make a document active (see the module's description).
ACTIVE_KEYS = {
    "/JS",
    "/JavaScript",
    "/AA",
    "/EmbeddedFiles",
    "/EmbeddedFile",
    "/EF",
    "/RichMedia",
    "/RichMediaContent",
    "/RichMediaSettings",
    "/XFA",
}
ACTIVE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/GoToR",
    "/GoToE",
    "/RichMediaExecute",
}
ACTIVE_TYPES = {"/EmbeddedFile", "/RichMedia", "/FileAttachment"}
MAX_PDF_OBJECTS = 200_000
MAX_DEPTH = 60


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
    if content_type == PDF:
        _check_pdf(uploaded_file)
    return content_type


class _Unreadable(Exception):
    pass


def _is_active(dictionary: DictionaryObject) -> bool:
    if ACTIVE_KEYS.intersection(dictionary.keys()):
        return True
    if str(dictionary.get("/S", "")) in ACTIVE_ACTIONS:
        return True
    kinds = {str(dictionary.get("/Type", "")), str(dictionary.get("/Subtype", ""))}
    return bool(kinds & ACTIVE_TYPES)


def _has_active_content(value, depth: int = 0) -> bool:
    """Walks one object and what it holds directly (indirect objects are walked on their
    own, see `_pdf_is_active`)."""
    if depth > MAX_DEPTH:
        raise _Unreadable
    if isinstance(value, IndirectObject):
        return False
    if isinstance(value, DictionaryObject):  # streams too: their dictionary
        if _is_active(value):
            return True
        return any(_has_active_content(item, depth + 1) for item in value.values())
    if isinstance(value, ArrayObject):
        return any(_has_active_content(item, depth + 1) for item in value)
    return False


def _pdf_is_active(data: bytes) -> bool:
    """True when the PDF holds active content; _Unreadable when it cannot be checked."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _Unreadable
        numbers = {
            (number, generation)
            for generation, numbers in reader.xref.items()
            for number in numbers
        }
        numbers.update((number, 0) for number in reader.xref_objStm)
        if len(numbers) > MAX_PDF_OBJECTS:
            raise _Unreadable
        if _has_active_content(reader.trailer):
            return True
        for number, generation in sorted(numbers):
            item = reader.get_object(IndirectObject(number, generation, reader))
            if _has_active_content(item):
                return True
    except _Unreadable:
        raise
    except Exception as error:  # pypdf's many ways of saying «not a PDF I can read»
        logger.info("An uploaded PDF could not be read: %s", type(error).__name__)
        raise _Unreadable from None
    return False


def _check_pdf(uploaded_file) -> None:
    uploaded_file.seek(0)
    data = uploaded_file.read()
    uploaded_file.seek(0)
    try:
        active = _pdf_is_active(data)
    except _Unreadable:
        raise ValidationError(
            _(
                "We cannot read this PDF file, or it is locked with a password. Save or "
                "print it as a new PDF and try again."
            ),
            code="pdf_unreadable",
        ) from None
    if active:
        raise ValidationError(
            _(
                "The PDF file contains active content (JavaScript, actions or embedded "
                "files), which we do not accept. Save or print it as a new PDF and try again."
            ),
            code="pdf_active",
        )


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
