"""Fixtures every test may use: one user per role plus an outsider, fast password hashing,
and Celery tasks run eagerly (the one test with a real worker turns that off)."""

import importlib
import os

import pytest

from accounts.roles import Role
from omradesatsing.celery import app as celery_app
from tests.factories import PASSWORD, UserFactory

ROLE_USERS = {
    "programme_leader": Role.PROGRAMME_LEADER,
    "board_member": Role.BOARD,
    "change_leader": Role.CHANGE_LEADER,
    "project_leader": Role.PROJECT_LEADER,
    "case_handler": Role.CASE_HANDLER,
}
# Everyone a permission table speaks of: nobody logged in, each role, and an outsider
# (a logged-in user with no role in the programme).
PEOPLE = ["anonymous", *ROLE_USERS, "outsider"]


@pytest.fixture(autouse=True)
def _test_speedups(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    celery_app.conf.task_always_eager = True
    yield


@pytest.fixture(autouse=True)
def _files_of_its_own(settings, tmp_path):
    """Uploads and generated PDFs go to the test's own folder, never to DATA_DIR/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _a_cache_of_its_own(settings, request):
    """Each test counts its rate limits in a fresh in-memory cache of its own, so tests (and
    parallel workers) never see each other's counts, and nothing is cleared in Redis."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{request.node.nodeid}",
        }
    }
    yield


@pytest.fixture(autouse=True)
def _data_from_migrations(request):
    """Transactional tests (live server, real worker) empty every table after they run,
    including what the data migrations put there; put it back before each such test."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if not transactional:
        return
    request.getfixturevalue("_django_db_helper" if marker else "transactional_db")
    from django.apps import apps

    for module in [
        "accounts.migrations.0002_roles",
        "portfolio.migrations.0002_programme_structure",
        "portfolio.migrations.0003_area_descriptions",
    ]:
        migration = importlib.import_module(module)
        for operation in migration.Migration.operations:
            operation.code(apps, None)


@pytest.fixture
def people(db) -> dict:
    """One user per role, plus an outsider with no role; `anonymous` is None."""
    users = {
        name: UserFactory(roles=[role], full_name=name.replace("_", " ").title())
        for name, role in ROLE_USERS.items()
    }
    users["programme_leader"].is_staff = True
    users["programme_leader"].save()
    users["outsider"] = UserFactory(full_name="Outsider")
    users["anonymous"] = None
    return users


@pytest.fixture
def client_for(client, people):
    """`client_for("change_leader")` is a test client logged in as that person."""

    def make(name: str):
        user = people[name]
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def password() -> str:
    return PASSWORD


def pytest_sessionfinish(session, exitstatus):
    """In CI nothing may be skipped: a skipped test there is a failure."""
    if os.environ.get("CI") and exitstatus == 0:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        skipped = reporter.stats.get("skipped", []) if reporter else []
        if skipped:
            reporter.write_line(
                f"CI: {len(skipped)} test(s) were skipped; that fails the run.", red=True
            )
            session.exitstatus = 1
