"""A production start (DEBUG=false) stops with a message naming the bad or missing variable;
with everything in place, `check --deploy` has nothing to say.

Each start is a new manage.py process with exactly the variables given; `manage` forks it
from a process that has imported Django already (tests/conftest.py), which saves a second
of imports per start."""

import pytest

from tests.helpers import PRODUCTION_ENV

pytestmark = pytest.mark.heavy


def test_check_deploy_with_production_settings_prints_nothing_to_fix(manage):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    "variable",
    [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "EMAIL_URL",
        "DEFAULT_FROM_EMAIL",
        "REDIS_URL",
        "SITE_URL",
    ],
)
def test_a_missing_production_variable_stops_the_start_and_is_named(manage, variable):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != variable}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"{variable} is not set" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("SECRET_KEY", "short", "SECRET_KEY is too short or not random"),
        (
            "DATABASE_URL",
            "sqlite:////tmp/omradesatsing.sqlite3",
            "DATABASE_URL does not point to PostgreSQL",
        ),
        ("EMAIL_URL", "consolemail://", "EMAIL_URL does not point to an SMTP server"),
        ("REDIS_URL", "http://redis.example", "REDIS_URL is not a Redis URL"),
        ("DEBUG", "kanskje", "DEBUG has the value 'kanskje'"),
        ("SITE_URL", "omradesatsing.example", "SITE_URL is not an http(s) address"),
    ],
)
def test_a_bad_production_variable_stops_the_start_and_is_named(manage, variable, value, message):
    result = manage("check", env={**PRODUCTION_ENV, variable: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_gunicorn_entry_point_refuses_a_bad_production_configuration():
    import subprocess
    import sys

    from tests.helpers import ROOT

    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import omradesatsing.wsgi"],
        env={"PATH": "/usr/bin:/bin", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_demo_data_is_refused_in_production(manage):
    result = manage("seed_demo", env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "refused when DEBUG is off" in result.stderr
