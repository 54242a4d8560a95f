"""No personal-link token reaches a log: Django's request log, the development server's
access log, and gunicorn's access log (gunicorn.conf.py) all mask anything shaped like a
signed token (core/logfilters.py). The browser test
tests/browser/test_nabolagspotten_links.py runs gunicorn for real."""

import io
import logging

import pytest
from django.core import signing

from core.logfilters import MASK, MaskTokens, mask
from nabolagspotten import access
from tests.nabolagspotten.factories import ApplicationFactory

TOKEN = signing.dumps({"a": 12, "n": "x" * 22}, salt="test", compress=True)


def test_a_signed_token_is_masked_wherever_it_stands():
    for line in [
        f"GET /nabolagspotten/lenke/{TOKEN}/ HTTP/1.1",
        f"GET /nabolagspotten/lenke/?kode={TOKEN} HTTP/1.1",
        f"GET /x/{TOKEN.replace(':', '%3A')}/ HTTP/1.1",
        f'"https://omr.example/nabolagspotten/lenke/#{TOKEN}"',
        f"unsigned-only:{signing.Signer(salt='x').signature('abcdefgh')}",
    ]:
        masked = mask(line)
        assert MASK in masked and TOKEN not in masked, line
        assert TOKEN.split(":")[-1] not in masked, line


def test_ordinary_lines_are_left_alone():
    for line in [
        '127.0.0.1 - - [01/Jan/2026:12:30:00 +0100] "GET /nabolagspotten/ HTTP/1.1" 200 5120',
        "Not Found: /nabolagspotten/soknad/NP-2026-00042/",
        "2026-01-31T12:30:00.123456+01:00 [::1]:8000 fe80::1:2:3",
        "sha256:0123456789abcdef0123456789abcdef",
    ]:
        assert mask(line) == line


def test_the_filter_rewrites_a_record_with_arguments():
    record = logging.LogRecord(
        "gunicorn.access",
        logging.INFO,
        __file__,
        1,
        '"%(r)s" %(s)s',
        ({"r": f"GET /nabolagspotten/lenke/{TOKEN}/ HTTP/1.1", "s": 404},),
        None,
    )
    assert MaskTokens().filter(record) is True
    assert record.getMessage() == f'"GET /nabolagspotten/lenke/{MASK}/ HTTP/1.1" 404'


@pytest.mark.django_db
def test_djangos_request_log_never_holds_a_token(client, caplog):
    token = access.issue_link(ApplicationFactory())
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(f"/nabolagspotten/lenke/{token}/")
    assert response.status_code == 404
    assert "Not Found: /nabolagspotten/lenke/" in caplog.text
    assert token not in caplog.text and token.split(":")[-1] not in caplog.text
    assert MASK in caplog.text


def test_the_development_servers_access_log_never_holds_a_token():
    server_log = logging.getLogger("django.server")
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    server_log.addHandler(handler)
    try:
        # What django.core.servers.basehttp.WSGIRequestHandler.log_message writes.
        server_log.info(
            '"%s" %s %s',
            f"GET /nabolagspotten/lenke/{TOKEN}/ HTTP/1.1",
            "404",
            "179",
            extra={"status_code": 404},
        )
    finally:
        server_log.removeHandler(handler)
    assert "/nabolagspotten/lenke/" in written.getvalue()
    assert TOKEN not in written.getvalue() and MASK in written.getvalue()


def test_gunicorns_access_log_has_the_filter():
    import runpy

    from tests.helpers import ROOT

    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["accesslog"] == "-"
    access_log = logging.getLogger("gunicorn.access")
    assert any(isinstance(item, MaskTokens) for item in access_log.filters)
    record = access_log.makeRecord(
        "gunicorn.access",
        logging.INFO,
        __file__,
        1,
        "%(r)s",
        ({"r": f"GET /nabolagspotten/lenke/{TOKEN}/ HTTP/1.1"},),
        None,
    )
    assert access_log.filter(record)
    assert TOKEN not in record.getMessage()
