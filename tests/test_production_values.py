"""Production refuses values that work but are dangerous: a plain-http SITE_URL, a wildcard
ALLOWED_HOSTS, SMTP without TLS (except to a relay on this machine when allowed), and a
TRUSTED_PROXIES entry that is not an address. Run in-process on the check function, with the
settings a production start would have."""

import pytest

from omradesatsing.checks import check_environment
from tests.helpers import PRODUCTION_ENV


@pytest.fixture
def production(settings, monkeypatch):
    settings.DEBUG = False
    settings.SECRET_KEY = PRODUCTION_ENV["SECRET_KEY"]
    settings.ALLOWED_HOSTS = [PRODUCTION_ENV["ALLOWED_HOSTS"]]
    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.postgresql")
    settings.EMAIL_URL = PRODUCTION_ENV["EMAIL_URL"]
    settings.DEFAULT_FROM_EMAIL = PRODUCTION_ENV["DEFAULT_FROM_EMAIL"]
    settings.REDIS_URL = PRODUCTION_ENV["REDIS_URL"]
    settings.SITE_URL = PRODUCTION_ENV["SITE_URL"]
    settings.TRUSTED_PROXIES = []
    settings.EMAIL_ALLOW_PLAIN_LOCAL_RELAY = False
    return settings


def _messages(monkeypatch) -> list[str]:
    monkeypatch.delenv("DEBUG", raising=False)
    return [f"{error.id} {error.msg} {error.hint}" for error in check_environment()]


def test_the_production_values_of_the_tests_pass(production, monkeypatch):
    assert _messages(monkeypatch) == []


def test_a_plain_http_site_url_is_refused_and_named(production, monkeypatch):
    production.SITE_URL = "http://omradesatsing.trondheim.kommune.no"
    (message,) = _messages(monkeypatch)
    assert "SITE_URL is not an https:// address" in message


@pytest.mark.parametrize("hosts", [["*"], ["omradesatsing.trondheim.kommune.no", "*"], ["."]])
def test_a_wildcard_in_allowed_hosts_is_refused_and_named(production, monkeypatch, hosts):
    production.ALLOWED_HOSTS = hosts
    (message,) = _messages(monkeypatch)
    assert "ALLOWED_HOSTS lets the site answer to any host name" in message


def test_smtp_without_tls_is_refused_and_named(production, monkeypatch):
    production.EMAIL_URL = "smtp://mailer:secret@smtp.example:25"
    (message,) = _messages(monkeypatch)
    assert "EMAIL_URL sends e-mail without TLS" in message


def test_plain_smtp_to_a_relay_elsewhere_is_refused_even_when_allowed(production, monkeypatch):
    production.EMAIL_ALLOW_PLAIN_LOCAL_RELAY = True
    production.EMAIL_URL = "smtp://relay.example:25"
    (message,) = _messages(monkeypatch)
    assert "EMAIL_URL sends e-mail without TLS" in message


@pytest.mark.parametrize("url", ["smtp://localhost:25", "smtp://127.0.0.1:1025"])
def test_plain_smtp_to_a_local_relay_is_allowed_by_an_explicit_setting(
    production, monkeypatch, url
):
    production.EMAIL_URL = url
    assert len(_messages(monkeypatch)) == 1  # refused without the setting
    production.EMAIL_ALLOW_PLAIN_LOCAL_RELAY = True
    assert _messages(monkeypatch) == []


@pytest.mark.parametrize("url", ["smtp+tls://u:p@smtp.example:587", "smtps://u:p@smtp.example"])
def test_smtp_with_tls_passes(production, monkeypatch, url):
    production.EMAIL_URL = url
    assert _messages(monkeypatch) == []


def test_a_trusted_proxy_that_is_not_an_address_is_refused_even_in_development(
    settings, monkeypatch
):
    settings.DEBUG = True
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "proxy.example"]
    (message,) = _messages(monkeypatch)
    assert "TRUSTED_PROXIES has 'proxy.example'" in message


def test_the_check_deploy_command_refuses_a_wildcard_host():
    from tests.helpers import run_manage

    result = run_manage("check", "--deploy", env={**PRODUCTION_ENV, "ALLOWED_HOSTS": "*"})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS lets the site answer to any host name" in result.stderr
