"""Configuration checks: a production start (DEBUG=false) with a missing or bad setting
stops here, with a message that names the environment variable to fix.

They run with every management command (migrate, runserver, check) and, through
`raise_on_configuration_errors`, when gunicorn loads `omradesatsing.wsgi`.
"""

import ipaddress
import os
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

BOOLEAN_WORDS = {"true", "false", "1", "0", "yes", "no", "on", "off", "y", "n", "ok", ""}


def _error(number: int, message: str, hint: str) -> checks.Error:
    return checks.Error(message, hint=hint, id=f"omradesatsing.E{number:03d}")


def _secret_key() -> str:
    try:
        return settings.SECRET_KEY
    except ImproperlyConfigured:  # Django refuses to hand out an empty key
        return ""


@checks.register("configuration")
def check_environment(app_configs=None, **kwargs):
    errors = []
    debug_word = os.environ.get("DEBUG", "").strip().lower()
    if debug_word not in BOOLEAN_WORDS:
        errors.append(
            _error(
                1, f"DEBUG has the value {os.environ['DEBUG']!r}.", "Set DEBUG to true or false."
            )
        )
    if settings.DEBUG:
        return errors + _trusted_proxies_errors()

    key = _secret_key()
    if not key:
        errors.append(
            _error(
                2,
                "SECRET_KEY is not set.",
                "Production needs its own secret: set SECRET_KEY to 50 or more random "
                "characters (python -c 'import secrets; print(secrets.token_urlsafe(50))').",
            )
        )
    elif len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure"):
        errors.append(
            _error(
                3,
                "SECRET_KEY is too short or not random.",
                "Set SECRET_KEY to 50 or more random characters.",
            )
        )
    if not settings.ALLOWED_HOSTS:
        errors.append(
            _error(
                4,
                "ALLOWED_HOSTS is not set.",
                "Set ALLOWED_HOSTS to the host names the site answers to, comma-separated.",
            )
        )
    elif any(host.strip() in ("*", ".") for host in settings.ALLOWED_HOSTS):
        errors.append(
            _error(
                14,
                "ALLOWED_HOSTS lets the site answer to any host name ('*').",
                "Name the site's host names in ALLOWED_HOSTS, e.g. "
                "omradesatsing.trondheim.kommune.no: a wildcard lets a forged Host header "
                "reach the site.",
            )
        )
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine == "core.pgembedded":
        errors.append(
            _error(
                5,
                "DATABASE_URL is not set.",
                "The embedded PostgreSQL is for development only: set DATABASE_URL, "
                "e.g. postgres://user:password@db.example.no:5432/omradesatsing.",
            )
        )
    elif engine != "django.db.backends.postgresql":
        errors.append(
            _error(
                6,
                "DATABASE_URL does not point to PostgreSQL.",
                "Områdesatsing runs on PostgreSQL only: use a postgres:// URL.",
            )
        )
    email_url = getattr(settings, "EMAIL_URL", "")
    if not email_url:
        errors.append(
            _error(
                7,
                "EMAIL_URL is not set.",
                "Set EMAIL_URL to the SMTP server, e.g. smtp+tls://user:password@smtp.example.no:587.",
            )
        )
    elif not email_url.startswith(("smtp://", "smtps://", "smtp+tls://", "smtp+ssl://")):
        errors.append(
            _error(
                8,
                "EMAIL_URL does not point to an SMTP server, so no e-mail would be delivered.",
                "Use an smtp://, smtps:// or smtp+tls:// URL.",
            )
        )
    elif email_url.startswith("smtp://") and not _plain_smtp_allowed(email_url):
        errors.append(
            _error(
                15,
                "EMAIL_URL sends e-mail without TLS (smtp://).",
                "Use smtp+tls:// (STARTTLS, port 587) or smtps:// (port 465): e-mails carry "
                "personal links. Plain SMTP is allowed only to a relay on this machine, with "
                "EMAIL_ALLOW_PLAIN_LOCAL_RELAY=true and an EMAIL_URL host of localhost.",
            )
        )
    if "@" not in parseaddr(settings.DEFAULT_FROM_EMAIL)[1]:
        errors.append(
            _error(
                9,
                "DEFAULT_FROM_EMAIL is not set or is not an e-mail address.",
                "Set DEFAULT_FROM_EMAIL, e.g. 'Områdesatsing <ikke-svar@trondheim.kommune.no>'.",
            )
        )
    if not settings.REDIS_URL:
        errors.append(
            _error(
                10,
                "REDIS_URL is not set.",
                "Production runs a Celery worker and beat: set REDIS_URL, e.g. redis://redis:6379/0.",
            )
        )
    elif not settings.REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        errors.append(
            _error(11, "REDIS_URL is not a Redis URL.", "Use redis://host:6379/0 or rediss://.")
        )
    site_url = getattr(settings, "SITE_URL", "")
    if not site_url:
        errors.append(
            _error(
                12,
                "SITE_URL is not set.",
                "E-mails to applicants carry links to the site: set SITE_URL to its public "
                "address, e.g. https://omradesatsing.trondheim.kommune.no.",
            )
        )
    elif not site_url.startswith(("https://", "http://")):
        errors.append(
            _error(13, "SITE_URL is not an http(s) address.", "Use https://host.example.no.")
        )
    elif not site_url.startswith("https://"):
        errors.append(
            _error(
                16,
                "SITE_URL is not an https:// address.",
                "Links in e-mails open applicants' cases: set SITE_URL to the site's https:// "
                "address, e.g. https://omradesatsing.trondheim.kommune.no.",
            )
        )
    errors += _trusted_proxies_errors()
    return errors


LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def _plain_smtp_allowed(email_url: str) -> bool:
    host = (urlsplit(email_url).hostname or "").lower()
    return getattr(settings, "EMAIL_ALLOW_PLAIN_LOCAL_RELAY", False) and host in LOCAL_HOSTS


def _trusted_proxies_errors() -> list:
    """Every entry of TRUSTED_PROXIES must be an address or a network (in any mode)."""
    for proxy in getattr(settings, "TRUSTED_PROXIES", []):
        try:
            ipaddress.ip_network(proxy.strip(), strict=False)
        except ValueError:
            return [
                _error(
                    17,
                    f"TRUSTED_PROXIES has {proxy!r}, which is not an IP address or network.",
                    "List the proxies' addresses or networks, comma-separated, e.g. "
                    "10.0.0.5,10.0.1.0/24.",
                )
            ]
    return []


def raise_on_configuration_errors() -> None:
    """Stop a process that cannot run safely (used where Django runs no checks: gunicorn)."""
    errors = [e for e in checks.run_checks(tags=["configuration"]) if e.is_serious()]
    if errors:
        raise ImproperlyConfigured(
            "The configuration is not ready for production:\n"
            + "\n".join(f"  {e.msg} {e.hint}" for e in errors)
        )


@checks.register()
def check_pdf_libraries(app_configs=None, **kwargs):
    """A warning, not an error: the app runs without them, but cannot make PDFs."""
    from core.pdf import INSTALL_HINT, pdf_libraries_missing

    missing = pdf_libraries_missing()
    if missing is None:
        return []
    return [
        checks.Warning(
            f"PDFs cannot be made on this machine: WeasyPrint cannot load its libraries "
            f"({missing}).",
            hint=f"Install Pango, HarfBuzz and the DejaVu fonts, e.g. {INSTALL_HINT}",
            id="omradesatsing.W001",
        )
    ]
