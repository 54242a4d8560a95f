import pytest
from django.urls import reverse

from tests.factories import UserFactory


@pytest.fixture
def staff_member(db):
    return UserFactory(email="kari@test.example")


def _login(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_a_user_logs_in_with_the_email_address_in_any_case(client, staff_member, password):
    response = _login(client, "KARI@test.example", password)
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_a_wrong_password_gets_a_norwegian_message_on_the_form(client, staff_member):
    response = _login(client, staff_member.email, "feil-passord")
    assert response.status_code == 200
    html = response.content.decode()
    assert "E-postadressen eller passordet er feil" in html
    assert "ds-error-summary" in html
    assert not response.wsgi_request.user.is_authenticated


def test_repeated_failed_logins_lock_the_account_with_a_clear_notice(
    client, staff_member, password, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, staff_member.email, "feil-passord")
    response = _login(client, staff_member.email, password)  # even the right password
    assert response.status_code == 429
    html = response.content.decode()
    assert "Innloggingen er sperret" in html
    assert "15 minutter" in html
    assert not response.wsgi_request.user.is_authenticated


def test_a_lockout_for_one_address_does_not_lock_out_a_colleague(
    client, staff_member, password, settings
):
    colleague = UserFactory(email="ola@test.example")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, staff_member.email, "feil-passord")
    response = _login(client, colleague.email, password)
    assert response.status_code == 302


def test_passwords_are_hashed_with_argon2_in_the_real_settings():
    from omradesatsing import settings as real_settings

    assert real_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_password_reset_sends_a_norwegian_link_through_the_mail_task(
    client, staff_member, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": staff_member.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [staff_member.email]
    assert "Nytt passord" in message.subject
    assert "/glemt-passord/" in message.body


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(
    client, db, mailoutbox
):
    response = client.post(reverse("password_reset"), {"email": "ukjent@test.example"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mailoutbox == []


def test_logout_is_a_post_and_ends_the_session(client, staff_member):
    client.force_login(staff_member)
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert client.get(reverse("portfolio:structure")).status_code == 302
