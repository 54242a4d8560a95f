"""A developer's database from before the migration history was rewritten (issue 8: the
user model moved from `omradesatsing` to `accounts`) does not break `manage.py run`
silently: the embedded one is made again, another server's is refused with what to do."""

import textwrap

import pytest
from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection

from omradesatsing.management.commands.run import Command
from tests.helpers import copy_data_dir, run_manage

OLD_ROW = (
    "INSERT INTO django_migrations (app, name, applied) "
    "VALUES ('omradesatsing', '0001_initial', now())"
)


@pytest.mark.django_db
def test_an_old_database_on_another_server_is_refused_with_what_to_do(monkeypatch):
    # Another server's, whatever this run's is: on the embedded one (no DATABASE_URL) the
    # command would make the test database again, empty, under the other tests.
    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.postgresql")
    with connection.cursor() as cursor:
        cursor.execute(OLD_ROW)
    with pytest.raises(CommandError, match="Drop it and create it empty"):
        Command()._replace_a_database_from_before_the_floors()


@pytest.mark.django_db
def test_a_current_database_is_left_alone():
    Command()._replace_a_database_from_before_the_floors()  # no error, nothing dropped
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_migrations WHERE app = 'accounts'")
        assert cursor.fetchone()[0] >= 2


SCRIPT = textwrap.dedent(
    """
    import django, os
    os.environ["DJANGO_SETTINGS_MODULE"] = "omradesatsing.settings"
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from omradesatsing.management.commands.run import Command
    call_command("migrate", verbosity=0)  # nothing to do: a copy of a migrated folder
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE left_by_the_old_version (id int)")
        cursor.execute({old_row!r})
    Command()._replace_a_database_from_before_the_floors()
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    print("tables after:", len(tables))
    """
)


@pytest.mark.heavy
def test_an_old_embedded_database_is_made_again(migrated_data_dir, tmp_path):
    assert migrated_data_dir.seed_demo is not None, migrated_data_dir.migrate.stderr
    data_dir = copy_data_dir(migrated_data_dir.path, tmp_path / "data")
    result = run_manage(
        "shell",
        "-c",
        SCRIPT.format(old_row=OLD_ROW),
        env={"DATA_DIR": str(data_dir)},
        timeout=240,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "made by an older version whose migrations were rewritten" in result.stdout
    assert "tables after: 0" in result.stdout
