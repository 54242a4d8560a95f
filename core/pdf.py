"""PDFs from HTML with WeasyPrint, and what to say when this server cannot make them.

WeasyPrint needs the Pango and HarfBuzz libraries of the operating system (and a font such
as DejaVu). A development machine may lack them: the app still runs, a page that makes a
PDF says in Norwegian what the server lacks (`PdfUnavailable`), and `manage.py check` warns
(omradesatsing/checks.py).

    pdf = render_pdf(html)        # bytes, or PdfUnavailable
"""

import ctypes.util

from django.utils.translation import gettext_lazy as _

INSTALL_HINT = (
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
)


class PdfUnavailable(Exception):
    """This server cannot make PDFs; `message` says so in the user's language."""

    message = _(
        "This server cannot make PDF files: it lacks the Pango and HarfBuzz libraries that "
        "PDFs are made with. Ask the people who run the server to install them (see the "
        "README)."
    )


# The shared libraries WeasyPrint opens (its `text/ffi.py`).
LIBRARIES = ["gobject-2.0", "pango-1.0", "pangoft2-1.0", "harfbuzz", "fontconfig"]


def pdf_libraries_missing() -> str | None:
    """None when the libraries WeasyPrint needs are on this machine; otherwise which are
    not (for the system check). Looks them up without importing WeasyPrint, which would
    load its style sheets on every management command."""
    missing = [name for name in LIBRARIES if ctypes.util.find_library(name) is None]
    return ", ".join(f"lib{name}" for name in missing) if missing else None


def _no_fetching(url, *args, **kwargs):
    """A PDF of ours fetches nothing: no images, fonts or style sheets from anywhere."""
    raise ValueError(f"A PDF of Områdesatsing does not load {url}")


def render_pdf(html: str, *, variant: str | None = None) -> bytes:
    """`variant` is one of WeasyPrint's PDF variants, e.g. "pdf/ua-1" for a tagged,
    accessible PDF (the reports use it)."""
    try:
        from weasyprint import HTML
    except OSError as error:
        raise PdfUnavailable from error
    options = {"pdf_variant": variant} if variant else {}
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf(**options)
