"""The personal link: its token never in a URL the server sees, single use, one live link
per case, and the browser session that carries the access afterwards (access.py)."""

import time

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from nabolagspotten import access
from nabolagspotten.models import AccessLink, Application
from nabolagspotten.services import applications as service
from tests.nabolagspotten.factories import ApplicationFactory, RoundFactory
from tests.nabolagspotten.links import enter, open_link, token_in
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db

S = Application.Status
LINK_PAGE = reverse("nabolagspotten:open_link")


def applicant_page(application):
    return reverse("nabolagspotten:applicant_page", args=[application.reference])


def test_the_emailed_link_carries_the_token_only_after_the_hash(
    client, django_capture_on_commit_callbacks
):
    RoundFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("nabolagspotten:apply_start"),
            {
                "applicant_kind": "gruppe",
                "applicant_name": "Naboene i Nonnegata",
                "contact_name": "Kari Nordmann",
                "email": "kari@test.example",
            },
        )
    [message] = mail.outbox
    line = next(line for line in message.body.splitlines() if "/nabolagspotten/lenke/" in line)
    path, _hash, token = line.strip().partition("#")
    assert path.endswith("/nabolagspotten/lenke/")  # what a browser sends: no token
    assert token and token not in path and "?" not in line


def test_the_link_page_has_the_paste_form_and_the_script(client):
    response = client.get(LINK_PAGE)
    text = response.content.decode()
    assert response.status_code == 200
    assert 'name="code"' in text and "data-link-form" in text
    assert "/static/js/nabolagspotten-link.js" in text
    assert 'nonce="' in text.split("nabolagspotten-link.js", 1)[1][:40]
    assert nb("Open the application") in text


def test_opening_a_link_uses_it_up_and_lets_this_session_in(client):
    application = ApplicationFactory()
    token = access.issue_link(application)
    response = open_link(client, token)
    assert response.status_code == 302 and response.url == applicant_page(application)
    assert client.get(applicant_page(application)).status_code == 200
    assert AccessLink.objects.get().used_at is not None


def test_a_used_link_is_410_with_the_form_for_a_new_link(client):
    application = ApplicationFactory()
    token = enter(client, application)
    stranger = Client()
    response = open_link(stranger, token)
    assert response.status_code == 410
    text = response.content.decode()
    assert nb("The link has already been used") in text
    assert (
        nb(
            "Each link opens your application only once, so that nobody else can use it "
            "later. This one has been used."
        )
        in text
    )
    assert 'name="email"' in text and nb("Send me a new link") in text
    assert stranger.get(applicant_page(application)).status_code == 404


def test_the_same_browser_clicking_the_link_again_is_simply_let_in(client):
    application = ApplicationFactory()
    token = enter(client, application)
    again = open_link(client, token)
    assert again.status_code == 302 and again.url == applicant_page(application)


def test_a_pasted_whole_link_works_without_javascript(client):
    application = ApplicationFactory()
    token = access.issue_link(application)
    pasted = f"  {access.link_url(token)}\n"
    response = client.post(LINK_PAGE, {"code": pasted})
    assert response.status_code == 302 and response.url == applicant_page(application)


def test_nothing_pasted_is_400_with_a_message(client):
    response = client.post(LINK_PAGE, {"code": ""})
    assert response.status_code == 400
    assert nb("Paste the link or the code from the e-mail.") in response.content.decode()


def test_a_token_in_the_path_opens_nothing(client):
    application = ApplicationFactory()
    token = access.issue_link(application)
    assert client.get(f"{LINK_PAGE}{token}/").status_code == 404
    assert client.get(LINK_PAGE, {"code": token}).status_code == 200  # a GET opens nothing
    assert AccessLink.objects.get().used_at is None


def test_asking_for_a_new_link_revokes_the_earlier_ones(client, django_capture_on_commit_callbacks):
    application = ApplicationFactory(email="kari@test.example")
    first = access.issue_link(application)
    with django_capture_on_commit_callbacks(execute=True):
        service.links_send_new(email="kari@test.example")
        service.links_send_new(email="kari@test.example")
    second, third = (token_in(message.body) for message in mail.outbox)
    assert AccessLink.objects.filter(application=application).count() == 3
    usable = [link for link in application.access_links.all() if link.can_be_opened]
    assert len(usable) == 1  # three links sent, one that opens: the newest
    for old in (first, second):
        response = open_link(client, old)
        assert response.status_code == 410
        assert (
            nb("The link no longer works: a newer link has been sent, or the link was withdrawn.")
            in response.content.decode()
        )
    assert open_link(client, third).status_code == 302


def test_a_new_link_does_not_end_a_session_but_revoking_all_does(client):
    application = ApplicationFactory()
    enter(client, application)
    access.issue_link(application)  # e.g. the decision letter's e-mail
    assert client.get(applicant_page(application)).status_code == 200
    access.revoke_links(application)  # the handler's «withdraw the links»
    assert client.get(applicant_page(application)).status_code == 404


def test_the_session_ends_after_the_idle_hours(client, settings):
    settings.NABOLAGSPOTTEN_SESSION_HOURS = 4
    application = ApplicationFactory()
    enter(client, application)
    session = client.session
    session[access.SEEN_KEY] = int(time.time()) - 3 * 3600
    session.save()
    assert client.get(applicant_page(application)).status_code == 200
    session = client.session
    session[access.SEEN_KEY] = int(time.time()) - 4 * 3600 - 60
    session.save()
    assert client.get(applicant_page(application)).status_code == 404
    assert client.get(applicant_page(application)).status_code == 404  # forgotten


def test_the_applicants_session_cookie_ends_with_the_browser(client):
    application = ApplicationFactory()
    token = access.issue_link(application)
    response = open_link(client, token)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""


def test_the_first_step_lets_the_browser_in_and_emails_another_link(
    client, django_capture_on_commit_callbacks
):
    RoundFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("nabolagspotten:apply_start"),
            {
                "applicant_kind": "gruppe",
                "applicant_name": "Naboene",
                "contact_name": "Kari Nordmann",
                "email": "kari@test.example",
            },
        )
    application = Application.objects.get()
    assert client.get(response.url).status_code == 200
    # The e-mailed link still opens (in another browser, later): it is not the session's.
    later = Client()
    assert open_link(later, token_in(mail.outbox[0].body)).status_code == 302
    assert later.get(applicant_page(application)).status_code == 200
