"""Fixtures every test may use: one user per role plus an outsider, fast password hashing,
Celery tasks run eagerly (the one test with a real worker turns that off), a cache of each
test process's own, and transactional tests that leave the database as migrations made it.

The suite runs in parallel (pytest-xdist, `-n` in pyproject's addopts): each worker has its
own test database (pytest-django adds the worker's name, e.g. test_omradesatsing_gw0), made
and migrated once per run, its own live server port and its own browser."""

import fcntl
import json
import os
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches as django_caches
from django.core.cache.backends.redis import RedisCache
from django.db import connections, transaction
from django.test import TransactionTestCase, override_settings

from accounts.roles import Role
from omradesatsing.celery import app as celery_app
from tests.ci_skips import pytest_sessionfinish  # noqa: F401  (a hook: CI fails on skips)
from tests.factories import PASSWORD, UserFactory
from tests.helpers import PreloadedManage, run_manage

ROLE_USERS = {
    "programme_leader": Role.PROGRAMME_LEADER,
    "board_member": Role.BOARD,
    "change_leader": Role.CHANGE_LEADER,
    "project_leader": Role.PROJECT_LEADER,
    "case_handler": Role.CASE_HANDLER,
    "programme_owner": Role.PROGRAMME_OWNER,
}
# Everyone a permission table speaks of: nobody logged in, each role, and an outsider
# (a logged-in user with no role in the programme).
PEOPLE = ["anonymous", *ROLE_USERS, "outsider"]


@contextmanager
def quick_hashing_and_eager_tasks():
    """Fast password hashing and Celery tasks run eagerly: for each test (below), and for
    what a module's fixture makes once for all its tests."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        celery_app.conf.task_always_eager = True
        yield


@pytest.fixture(autouse=True)
def _test_speedups():
    with quick_hashing_and_eager_tasks():
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


# The tables that a transactional test's teardown leaves alone: Django's own bookkeeping,
# which no test changes and which migrations (not data migrations) fill.
BOOKKEEPING_TABLES = {"django_content_type", "auth_permission", "django_migrations"}
OUR_APPS = [
    "accounts",
    "portfolio",
    "nabolagspotten",
    "benefits",
    "risk",
    "reports",
    "omradesatsing",
]


def data_migrations() -> list:
    """Every RunPython operation of our apps' migrations, in the order `migrate` runs them:
    found from the migration graph, so a new data migration is never forgotten here."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    loader = MigrationLoader(connection, ignore_no_migrations=True)
    plan = [key for leaf in loader.graph.leaf_nodes() for key in loader.graph.forwards_plan(leaf)]
    seen, operations = set(), []
    for key in plan:
        if key in seen or key[0] not in OUR_APPS:
            continue
        seen.add(key)
        operations += [op for op in loader.graph.nodes[key].operations if isinstance(op, RunPython)]
    return operations


def run_data_migrations() -> None:
    """What the data migrations put in the database (roles, the programme's structure)."""
    from django.apps import apps

    for operation in data_migrations():
        operation.code(apps, None)


_flush_after_transactional_test = TransactionTestCase._fixture_teardown
# The rows the data migrations make, kept in a schema of the test database by the first
# transactional test of this test process (a database kept with --reuse-db may hold an
# older copy: it is made again).
KEPT_ROWS = "tests_rows_from_data_migrations"
_rows_kept = False


def _empty_the_database_as_migrations_left_it(self):
    """Teardown of a transactional test (live server, real worker, threads): the database
    goes back to what the migrations made, as every other test finds it.

    Django flushes instead: one TRUNCATE of every table, then the post_migrate signal makes
    the content types and permissions again, and the data migrations' rows are gone. Here
    every row is deleted except the content types and permissions (on ~100 small tables far
    faster than the TRUNCATE), and the data migrations' rows are put back: the first time by
    running their code, which also keeps a copy of those rows (`KEPT_ROWS`), later by
    copying them back, some ten times faster. A test that asks for available_apps,
    serialized rollback or reset sequences keeps Django's flush; the data migrations run
    after it."""
    global _rows_kept
    if self.available_apps is not None or self.serialized_rollback or self.reset_sequences:
        _flush_after_transactional_test(self)
        run_data_migrations()
        _rows_kept = False  # the flush gave the permissions new keys: keep the rows anew
        return
    connection = connections["default"]
    quote = connection.ops.quote_name
    tables = [
        table
        for table in connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        if table not in BOOKKEEPING_TABLES
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        # Django's foreign keys on PostgreSQL are DEFERRABLE: checked at commit, when every
        # referencing row is gone, or back, too.
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute("".join(f"DELETE FROM {quote(table)};" for table in tables))
        if _rows_kept:
            cursor.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
                [KEPT_ROWS],
            )
            kept = [row[0] for row in cursor.fetchall()]
            cursor.execute(
                "".join(
                    f"INSERT INTO {quote(t)} SELECT * FROM {KEPT_ROWS}.{quote(t)};" for t in kept
                )
            )
            return
    run_data_migrations()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(
                f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(table)})" for table in tables
            ),
            tables,
        )
        filled = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            f"DROP SCHEMA IF EXISTS {KEPT_ROWS} CASCADE; CREATE SCHEMA {KEPT_ROWS};"
            + "".join(f"CREATE TABLE {KEPT_ROWS}.{quote(t)} AS TABLE {quote(t)};" for t in filled)
        )
    _rows_kept = True


TransactionTestCase._fixture_teardown = _empty_the_database_as_migrations_left_it


@pytest.fixture(scope="session", autouse=True)
def _own_cache_keys():
    """Each test process keeps its cache keys under its own prefix. With REDIS_URL the cache
    is one Redis database shared by every pytest-xdist worker (and by the broker), so a
    worker counting rate-limited requests must not see another worker's counts; see
    `clear_cache` for emptying only this process's keys."""
    caches = {
        alias: {
            **config,
            "KEY_PREFIX": f"tests-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{os.getpid()}",
        }
        for alias, config in django_settings.CACHES.items()
    }
    with override_settings(CACHES=caches):
        yield


def clear_cache() -> None:
    """Empty this test process's cache keys. `cache.clear()` on Redis would empty the whole
    database: the other workers' keys and the Celery broker's queues with it."""
    cache = django_caches["default"]
    if isinstance(cache, RedisCache):
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{cache.key_prefix}:*"))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()  # locmem: this process's own memory


@pytest.fixture
def fresh_cache():
    """An empty cache (this process's keys) for the test, emptied again after it."""
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def benchmark_databases_copied_from_the_test_database(transactional_db, django_db_blocker):
    """The benchmark commands make a throwaway database per scale with Django's test-database
    machinery, which migrates it from nothing (seconds per scale). In their tests, PostgreSQL
    copies it instead from this worker's test database (Django's TEST["TEMPLATE"], i.e.
    CREATE DATABASE … TEMPLATE): migrated the same way at the start of the run and, between
    tests, as the migrations left it; the command's own `migrate` then finds nothing to do.

    PostgreSQL copies a database only while no one is connected to it. The test database is
    this worker's own and no other test runs now, so a session still on it is one a finished
    thread left behind (a live server's request, a Celery worker's thread): this test's own
    connections are closed and such idle sessions ended. Should one still be busy, the
    command migrates its databases itself, as it does outside the tests."""
    from django.db import connection

    with django_db_blocker.unblock():
        connections.close_all()
        name = connection.settings_dict["NAME"]
        with connection._nodb_cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid() AND state = 'idle'",
                [name],
            )
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
            in_use = cursor.fetchone()[0]
        test_settings = connection.settings_dict.setdefault("TEST", {})
        before = test_settings.get("TEMPLATE")
        if not in_use:
            test_settings["TEMPLATE"] = name
        try:
            yield
        finally:
            test_settings["TEMPLATE"] = before
            if before is None:
                del test_settings["TEMPLATE"]


@pytest.fixture(scope="session")
def migrated_data_dir(tmp_path_factory):
    """A DATA_DIR whose embedded PostgreSQL was made, migrated and given the demo data by
    `manage.py migrate` and `manage.py seed_demo`, the server stopped again. It is made once
    per run: under pytest-xdist by the first worker that needs it, the others waiting for it
    (a lock in the run's temporary folder); the tests that need an embedded server start it
    on a copy. Returns the folder and the two commands' results (returncode, stdout,
    stderr), which tests/test_embedded_postgres.py checks."""
    run_folder = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run_folder = run_folder.parent  # shared by this run's workers
    data_dir = run_folder / "migrated-data-dir"
    results = run_folder / "migrated-data-dir.json"
    with open(run_folder / "migrated-data-dir.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not results.exists():
            env = {"DATA_DIR": str(data_dir)}
            made = {"migrate": run_manage("migrate", "--noinput", env=env, timeout=300)}
            if made["migrate"].returncode == 0:
                made["seed_demo"] = run_manage("seed_demo", env=env)
            results.write_text(
                json.dumps(
                    {
                        command: {
                            "returncode": result.returncode,
                            "stdout": result.stdout,
                            "stderr": result.stderr,
                        }
                        for command, result in made.items()
                    }
                )
            )
    made = json.loads(results.read_text())
    return SimpleNamespace(
        path=data_dir,
        migrate=SimpleNamespace(**made["migrate"]),
        seed_demo=SimpleNamespace(**made["seed_demo"]) if "seed_demo" in made else None,
    )


@pytest.fixture(scope="session")
def manage():
    """`manage("check", env=...)`: manage.py in a new process with exactly those project
    variables, as `tests.helpers.run_manage` runs it, forked from one that has imported
    Django and the libraries already (tests.helpers.PreloadedManage)."""
    preloaded = PreloadedManage()
    yield preloaded
    preloaded.close()


@pytest.fixture
def people(db) -> dict:
    """One user per role, plus an outsider with no role; `anonymous` is None."""
    return make_people()


def make_people() -> dict:
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


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The tests that take seconds (marked `heavy`, and the browser tests) start first, so
    that pytest-xdist hands out the quick ones last and no worker is left alone with a long
    test at the end. (pytest-django has put the database tests in Django's order before
    this; that order does not matter here, as every test leaves the database as the
    migrations made it.)"""
    items.sort(
        key=lambda item: (
            not any(item.iter_markers("heavy")) and not any(item.iter_markers("browser"))
        )
    )
