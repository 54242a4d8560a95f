"""The login lockout as a tester attacks it: letter case, many addresses against one account,
one address against many accounts, and a TLS proxy in front; and the idle timeout."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from core.net import client_ip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_member(db):
    return UserFactory(email="saksbehandler@demo.example")


def _login(client, email, password, address="10.9.8.7", **headers):
    return client.post(
        reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=address, **headers
    )


def test_every_letter_case_of_an_address_counts_against_one_lock(
    client, staff_member, password, settings
):
    variants = [
        "saksbehandler@demo.example",
        "Saksbehandler@Demo.Example",
        " SAKSBEHANDLER@demo.EXAMPLE ",
    ]
    for number in range(settings.AXES_FAILURE_LIMIT):
        _login(client, variants[number % len(variants)], "feil-passord")
    response = _login(client, "Saksbehandler@Demo.Example", password)
    assert response.status_code == 429
    assert not response.wsgi_request.user.is_authenticated
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {
        "saksbehandler@demo.example"
    }


def test_one_account_is_locked_after_guesses_from_many_addresses(
    client, staff_member, password, settings
):
    per_address = settings.AXES_FAILURE_LIMIT - 1  # never enough for the address lock
    addresses = [f"192.0.2.{n}" for n in range(1, 11)]
    guesses = 0
    for address in addresses:
        for _ in range(per_address):
            if guesses < settings.LOGIN_ACCOUNT_FAILURE_LIMIT:
                _login(client, staff_member.email, "feil-passord", address)
                guesses += 1
    assert guesses == settings.LOGIN_ACCOUNT_FAILURE_LIMIT
    response = _login(client, staff_member.email, password, "198.51.100.1")  # a new address
    assert response.status_code == 429
    assert "Innloggingen er sperret" in response.content.decode()


def test_the_account_is_not_locked_one_guess_before_its_limit(
    client, staff_member, password, settings
):
    for number in range(settings.LOGIN_ACCOUNT_FAILURE_LIMIT - 1):
        _login(client, staff_member.email, "feil-passord", f"192.0.2.{number % 4 + 1}")
    assert _login(client, staff_member.email, password, "198.51.100.1").status_code == 302


def test_one_address_spraying_many_accounts_is_stopped(client, password, settings):
    accounts = [UserFactory(email=f"ansatt{n}@test.example") for n in range(33)]
    failures = 0
    for account in accounts:
        for _ in range(3):
            if failures < settings.LOGIN_ADDRESS_FAILURE_LIMIT:
                _login(client, account.email, "Sommer2026!", "203.0.113.9")
                failures += 1
    victim = accounts[-1]  # never guessed at: the address is what is blocked
    assert _login(client, victim.email, password, "203.0.113.9").status_code == 429
    # The same person from another address is not blocked.
    assert _login(client, victim.email, password, "203.0.113.10").status_code == 302


def test_a_successful_login_does_not_wipe_a_spray_count_from_its_address(
    client, password, settings
):
    insider = UserFactory(email="innsider@test.example")
    accounts = [UserFactory(email=f"kollega{n}@test.example") for n in range(8)]
    for account in accounts:
        for _ in range(3):
            _login(client, account.email, "Sommer2026!", "203.0.113.9")
    assert _login(client, insider.email, password, "203.0.113.9").status_code == 302
    client.logout()
    left = settings.LOGIN_ADDRESS_FAILURE_LIMIT - 24
    for _ in range(left):
        _login(client, accounts[0].email, "Vinter2026!", "203.0.113.9")
    assert _login(client, accounts[1].email, password, "203.0.113.9").status_code == 429


def test_the_programme_leader_unlocks_an_account_in_the_admin(
    client, staff_member, password, settings, people
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, staff_member.email, "feil-passord")
    assert _login(client, staff_member.email, password).status_code == 429
    leader = people["programme_leader"]
    from django.test import Client

    admin = Client()
    admin.force_login(leader)
    listing = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    assert staff_member.email in listing.content.decode()
    attempt = AccessAttempt.objects.get()
    confirm = admin.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert confirm.status_code == 302
    assert _login(client, staff_member.email, password).status_code == 302


# --- The client's address behind a proxy ------------------------------------------------


def _request(rf, remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **headers)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(rf, settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(_request(rf, "10.0.0.5", "1.2.3.4")) == "10.0.0.5"


def test_behind_a_trusted_proxy_the_client_is_the_address_it_saw(rf, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    assert client_ip(_request(rf, "10.0.0.5", "198.51.100.7")) == "198.51.100.7"
    # A client cannot choose its address by sending the header itself: the proxy appends
    # what it saw, and that right-most address is the one used.
    assert client_ip(_request(rf, "10.0.0.5", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"


def test_a_chain_of_trusted_proxies_is_walked_from_the_right(rf, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert client_ip(_request(rf, "10.0.0.5", "1.2.3.4, 198.51.100.7, 10.0.0.9")) == "198.51.100.7"


def test_a_request_not_from_the_proxy_keeps_its_own_address(rf, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    assert client_ip(_request(rf, "198.51.100.8", "1.2.3.4")) == "198.51.100.8"


def test_a_garbled_header_from_the_proxy_falls_back_to_the_proxy(rf, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    assert client_ip(_request(rf, "10.0.0.5", "not-an-address")) == "10.0.0.5"


def test_behind_the_proxy_one_persons_lockout_does_not_lock_out_another(
    client, staff_member, password, settings
):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    colleague_password = password
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, staff_member.email, "feil", "10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert (
        _login(
            client, staff_member.email, password, "10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.1"
        ).status_code
        == 429
    )
    # The same account from another person behind the same proxy: its own counter.
    response = _login(
        client,
        staff_member.email,
        colleague_password,
        "10.0.0.5",
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert response.status_code == 302


def test_without_trusted_proxies_everybody_behind_the_proxy_is_one_address(
    client, staff_member, password, settings
):
    settings.TRUSTED_PROXIES = []
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, staff_member.email, "feil", "10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.1")
    response = _login(
        client, staff_member.email, password, "10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.2"
    )
    assert response.status_code == 429  # the header is not trusted: the proxy is the client


# --- Idle timeout -----------------------------------------------------------------------


def test_a_session_idle_longer_than_the_limit_ends_with_a_norwegian_message(
    client, staff_member, settings, monkeypatch
):
    import time

    settings.SESSION_IDLE_MINUTES = 60
    client.force_login(staff_member)
    start = time.time()
    monkeypatch.setattr(time, "time", lambda: start)
    assert client.get(reverse("home")).status_code == 200
    monkeypatch.setattr(time, "time", lambda: start + 59 * 60)
    assert client.get(reverse("home")).status_code == 200  # still active, and renewed
    monkeypatch.setattr(time, "time", lambda: start + 59 * 60 + 61 * 60)
    response = client.get(reverse("portfolio:structure"))
    assert response.status_code == 302
    assert response.url == reverse("login") + "?next=%2Fprogram%2F"
    page = client.get(response.url).content.decode()
    assert "Du ble logget ut etter 60 minutter uten aktivitet" in page
    assert client.get(reverse("portfolio:structure")).status_code == 302  # logged out


def test_activity_within_the_limit_keeps_the_session(client, staff_member, settings, monkeypatch):
    import time

    settings.SESSION_IDLE_MINUTES = 60
    client.force_login(staff_member)
    start = time.time()
    for minutes in range(0, 300, 50):
        monkeypatch.setattr(time, "time", lambda m=minutes: start + m * 60)
        assert client.get(reverse("home")).status_code == 200


# --- Flooding the password reset ----------------------------------------------------------


def test_password_reset_mails_one_address_at_most_three_times_an_hour(
    client, staff_member, mailoutbox, django_capture_on_commit_callbacks
):
    for number in range(6):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("password_reset"),
                {"email": staff_member.email.upper()},
                REMOTE_ADDR=f"192.0.2.{number}",
            )
        assert response.status_code == 302  # the same answer every time
    assert len(mailoutbox) == 3


def test_twenty_password_reset_requests_from_one_address_are_stopped(client, db, mailoutbox):
    answers = [
        client.post(
            reverse("password_reset"),
            {"email": f"ukjent{n}@test.example"},
            REMOTE_ADDR="203.0.113.7",
        ).status_code
        for n in range(20)
    ]
    assert answers[:10] == [302] * 10
    assert set(answers[10:]) == {429}
    page = client.post(
        reverse("password_reset"), {"email": "x@test.example"}, REMOTE_ADDR="203.0.113.7"
    )
    assert "For mange forsøk" in page.content.decode()
