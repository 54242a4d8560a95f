"""PDF files for the upload tests: a plain one, and ones with each kind of active content
the upload check refuses (forms/uploads.py), one of them with the JavaScript only inside a
compressed object stream, where the raw bytes never show the word."""

import io
import zlib

from pypdf import PdfWriter
from pypdf.actions import JavaScript


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def plain() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    return _written(writer)


def _assembled(objects: list[bytes]) -> bytes:
    """A PDF with these objects (1 is the catalogue) and a classic xref table."""
    out = b"%PDF-1.7\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


PAGES = [
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
]


def open_action_javascript() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_open_action(JavaScript("app.alert('Hei');"))
    return _written(writer)


def javascript_with_escaped_names() -> bytes:
    """`/J#61vaScript` and `/J#53` are `/JavaScript` and `/JS` to a PDF reader."""
    return _assembled(
        [
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
            *PAGES,
            b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>",
        ]
    )


def launch_action() -> bytes:
    return _assembled(
        [b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /Launch /F (calc.exe) >> >>", *PAGES]
    )


def embedded_file() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_attachment("program.exe", b"MZ")
    return _written(writer)


def additional_actions() -> bytes:
    return _assembled(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            PAGES[0],
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /AA << /O 4 0 R >> >>",
            b"<< /S /GoTo /D [3 0 R /Fit] >>",
        ]
    )


def xfa_form() -> bytes:
    return _assembled(
        [
            b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] /XFA 4 0 R >> >>",
            *PAGES,
            b"<< /Length 0 >>\nstream\n\nendstream",
        ]
    )


def rich_media() -> bytes:
    return _assembled(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            PAGES[0],
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R] >>",
            b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 10 10] >>",
        ]
    )


def web_link() -> bytes:
    """A link to a web page and an open action that only shows page 1: not active."""
    return _assembled(
        [
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>",
            PAGES[0],
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R] >>",
            b"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10]"
            b" /A << /S /URI /URI (https://www.trondheim.kommune.no/) >> >>",
        ]
    )


def javascript_in_object_stream() -> bytes:
    """The JavaScript action is object 4, packed in a Flate-compressed object stream (5)
    and found through a compressed cross-reference stream (6), as PDF 1.5 writers do."""
    header = b"4 0 "
    packed = zlib.compress(header + b"<< /S /JavaScript /JS (app.alert(1)) >>")
    out = b"%PDF-1.7\n"
    offsets = []
    for number, body in enumerate(
        [b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>", *PAGES], 1
    ):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    stream_at = len(out)
    out += (
        b"5 0 obj\n<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\n"
        b"stream\n" % (len(header), len(packed)) + packed + b"\nendstream\nendobj\n"
    )
    xref_at = len(out)

    def row(kind, field, generation=0):
        return bytes([kind]) + field.to_bytes(4, "big") + generation.to_bytes(2, "big")

    rows = row(0, 0, 255) + b"".join(row(1, offset) for offset in offsets)
    rows += row(2, 5) + row(1, stream_at) + row(1, xref_at)
    table = zlib.compress(rows)
    out += (
        b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode"
        b" /Length %d >>\nstream\n" % len(table) + table + b"\nendstream\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return out


ACTIVE = {
    "open_action_javascript": open_action_javascript,
    "javascript_with_escaped_names": javascript_with_escaped_names,
    "javascript_in_object_stream": javascript_in_object_stream,
    "launch_action": launch_action,
    "embedded_file": embedded_file,
    "additional_actions": additional_actions,
    "xfa_form": xfa_form,
    "rich_media": rich_media,
}
