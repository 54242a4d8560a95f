"""The personal link in a real browser and behind the real server: the e-mailed address
`/nabolagspotten/lenke/#<token>` is opened in Chromium against gunicorn (started with the
project's gunicorn.conf.py), the page's script posts the token, and afterwards gunicorn's
access log and Django's own log, read back from the process's output, hold no token.
The link pages pass axe at 375 and 1280 px, also without JavaScript and for a used link."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings

from core.database_url import database_url
from nabolagspotten import access
from nabolagspotten.models import AccessLink
from tests.browser.conftest import WIDTHS, assert_page_is_sound
from tests.helpers import PROJECT_VARIABLES, ROOT
from tests.nabolagspotten.factories import ApplicationFactory
from tests.portfolio.helpers import nb

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def gunicorn(tmp_path):
    """gunicorn serving the project on a free port; yields (base URL, log file)."""
    port = _free_port()
    log = tmp_path / "gunicorn.log"
    env = {k: v for k, v in os.environ.items() if k not in PROJECT_VARIABLES + ["REDIS_URL"]}
    env.update({"DEBUG": "true", "DATABASE_URL": database_url(), "DATA_DIR": str(tmp_path)})
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "omradesatsing.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/nabolagspotten/lenke/", timeout=2)  # noqa: S310
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"gunicorn stopped:\n{log.read_text()}")
                time.sleep(0.2)
        else:
            pytest.fail(f"gunicorn did not answer:\n{log.read_text()}")
        yield base, log
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_the_emailed_link_opens_the_application_and_no_token_reaches_a_log(new_page, gunicorn):
    base, log = gunicorn
    application = ApplicationFactory()
    token = access.issue_link(application)
    emailed = access.link_url(token).replace(settings.SITE_URL, base)
    assert emailed == f"{base}/nabolagspotten/lenke/#{token}"

    page = new_page(WIDTHS["phone"])
    page.goto(emailed)
    page.wait_for_url(f"{base}/nabolagspotten/soknad/{application.reference}/")
    assert page.get_by_role(
        "heading", name=nb("Your application %(reference)s", reference=application.reference)
    ).is_visible()
    assert "#" not in page.url
    assert AccessLink.objects.get(application=application).used_at is not None

    # The same link again, in another browser: used, said so, with the form for a new one.
    other = new_page(WIDTHS["desktop"])
    other.goto(emailed)
    other.wait_for_load_state("load")
    assert other.get_by_role("heading", name=nb("The link has already been used")).is_visible()
    assert other.get_by_role("button", name=nb("Send me a new link")).is_visible()

    # A token typed into the path or the query string by hand: logged, but masked.
    for address in [f"{base}/nabolagspotten/lenke/{token}/", f"{base}/?kode={token}"]:
        with contextlib.suppress(urllib.error.HTTPError):
            urllib.request.urlopen(address, timeout=5)  # noqa: S310

    time.sleep(0.5)  # let gunicorn write its last lines
    written = log.read_text()
    assert "GET /nabolagspotten/lenke/ HTTP/1.1" in written
    assert "POST /nabolagspotten/lenke/ HTTP/1.1" in written
    assert "Not Found: /nabolagspotten/lenke/[token]/" in written  # Django's own log
    assert "GET /nabolagspotten/lenke/[token]/ HTTP/1.1" in written
    assert "/?kode=[token]" in written
    for part in [token, *token.split(":")]:
        assert part not in written, f"a part of the token is in gunicorn's output: {part}"


@pytest.mark.parametrize("width", [WIDTHS["phone"], WIDTHS["desktop"]], ids=["phone", "desktop"])
def test_the_link_pages_are_sound(new_page, live_server, width):
    application = ApplicationFactory()
    page = new_page(width)
    # Without a token (or without JavaScript): the form to paste the link.
    page.goto(f"{live_server.url}/nabolagspotten/lenke/")
    assert page.get_by_label(nb("The link or the code from the e-mail")).is_visible()
    assert_page_is_sound(page)
    # Pasted by hand.
    token = access.issue_link(application)
    page.get_by_label(nb("The link or the code from the e-mail")).fill(access.link_url(token))
    page.get_by_role("button", name=nb("Open the application")).click()
    page.wait_for_url(f"**/soknad/{application.reference}/")
    assert_page_is_sound(page)
    # The used link, in a fresh browser.
    fresh = new_page(width)
    fresh.goto(f"{live_server.url}/nabolagspotten/lenke/#{token}")
    fresh.wait_for_load_state("load")
    assert fresh.get_by_role("heading", name=nb("The link has already been used")).is_visible()
    assert_page_is_sound(fresh)
    # A link pasted into the address bar of the link page itself changes only the
    # fragment (no new page load): the script posts it all the same.
    fresh.goto(f"{live_server.url}/nabolagspotten/lenke/#ikke-en-gyldig-lenke")
    fresh.get_by_role("heading", name=nb("The link does not work")).wait_for()
    assert_page_is_sound(fresh)
    # Nothing pasted: the error on the field.
    fresh.goto(f"{live_server.url}/nabolagspotten/lenke/")
    with fresh.expect_navigation():
        fresh.get_by_role("button", name=nb("Open the application")).click()
    assert fresh.locator("ds-error-summary").is_visible()
    assert_page_is_sound(fresh)
