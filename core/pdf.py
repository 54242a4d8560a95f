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


def _object_number(reference) -> int:
    return int(bytes(reference).split()[0])


def _finish_tagged_pdf(link_texts: dict[str, str]):
    """What WeasyPrint's PDF/UA-1 variant leaves out, added to the PDF before it is written
    (a WeasyPrint `finisher`, working on its pydyf objects):

    - every table header cell (`TH`) gets its `/Scope`: `/Column` in a `THead`, else
      `/Row` (our tables put `scope="col"` headers in `<thead>` and `scope="row"` headers
      first in the body's rows). WeasyPrint links the data cells to their headers with
      `/Headers` and `/ID`, but gives the header cells no scope, which PDF/UA checkers
      report (Matterhorn 15-003; a row header's column header is otherwise not linked);
    - every link annotation gets the Print flag (`/F 4`), so print and screen agree;
    - an internal link's `/Contents` (its alternate description, which WeasyPrint sets to
      the anchor's name, e.g. «del-money») becomes `link_texts[anchor]` when given.
    """
    import pydyf

    def finish(document, pdf) -> None:
        objects = pdf.objects
        for obj in objects:
            if not isinstance(obj, pydyf.Dictionary):
                continue
            if obj.get("S") == "/TH" and "P" in obj:
                row = objects[_object_number(obj["P"])]
                group = objects[_object_number(row["P"])] if "P" in row else {}
                attributes = obj.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
                attributes["Scope"] = "/Column" if group.get("S") == "/THead" else "/Row"
            elif obj.get("Type") == "/Annot" and obj.get("Subtype") == "/Link":
                obj["F"] = 4
                target = getattr(obj.get("Dest"), "string", obj.get("Dest"))
                text = link_texts.get(target) if isinstance(target, str) else None
                if text:
                    obj["Contents"] = pydyf.String(text)

    return finish


def render_pdf(
    html: str, *, variant: str | None = None, link_texts: dict[str, str] | None = None
) -> bytes:
    """`variant` is one of WeasyPrint's PDF variants, e.g. "pdf/ua-1" for a tagged,
    accessible PDF (the reports use it; `_finish_tagged_pdf` adds what WeasyPrint leaves
    out, and `link_texts` gives internal links, by anchor, their alternate text)."""
    try:
        from weasyprint import HTML
    except OSError as error:
        raise PdfUnavailable from error
    options = {"pdf_variant": variant} if variant else {}
    if variant and variant.startswith("pdf/ua"):
        options["finisher"] = _finish_tagged_pdf(link_texts or {})
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf(**options)
