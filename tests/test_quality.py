"""The checks CI runs on the code itself: lint and format, the layering contract,
migrations in step with the models."""

import os
import shutil
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.conf import settings

from tests.helpers import ROOT, run_manage

pytestmark = pytest.mark.heavy


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)  # noqa: S603


def _tool(name: str) -> str:
    return shutil.which(name, path=str(ROOT / ".venv" / "bin")) or str(
        (ROOT / ".venv" / "bin" / name) if (ROOT / ".venv" / "bin" / name).exists() else name
    )


def test_ruff_finds_no_lint_problems():
    result = _run(sys.executable, "-m", "ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_formatted_with_ruff():
    result = _run(sys.executable, "-m", "ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_apps_keep_their_layering():
    result = _run(_tool("lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _contracts_on(fixture):
    """pyproject.toml's import-linter contracts, checked on the stand-in packages in `fixture`."""
    return subprocess.run(  # noqa: S603
        [_tool("lint-imports"), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=fixture,
        env={**os.environ, "PYTHONPATH": str(fixture)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_layers_contract_refuses_an_import_from_a_lower_floor_to_a_higher_one():
    """The same contract (pyproject.toml) on stand-in packages where `core` imports
    `portfolio` (tests/fixtures/forbidden_import): it must break, naming the import."""
    result = _contracts_on(ROOT / "tests" / "fixtures" / "forbidden_import")
    assert result.returncode != 0
    assert "1 broken" in result.stdout
    assert "core is not allowed to import portfolio" in result.stdout
    assert "core.formatting -> portfolio.models" in result.stdout


def test_the_risk_registers_never_import_nabolagspotten():
    """Issue 12's layering: `risk` may import `benefits` and `portfolio` but not
    `nabolagspotten`, which the layers alone would allow (they sit on floors below it). On
    stand-in packages where `risk` imports `nabolagspotten`
    (tests/fixtures/risk_imports_nabolagspotten) only that contract breaks."""
    result = _contracts_on(ROOT / "tests" / "fixtures" / "risk_imports_nabolagspotten")
    assert result.returncode != 0
    assert "1 kept, 1 broken" in result.stdout
    assert "risk is not allowed to import nabolagspotten" in result.stdout
    assert "risk.grants -> nabolagspotten.models" in result.stdout


def test_every_model_change_has_its_migration(tmp_path, django_db_setup):
    # makemigrations checks the migration history of the database it is given: with
    # DATABASE_URL this test process's own test database (made and migrated by
    # pytest-django), without it the embedded server in a temporary folder.
    env = {"DATA_DIR": str(tmp_path)}
    if os.environ.get("DATABASE_URL"):
        db = settings.DATABASES["default"]
        user = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
        host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
        env["DATABASE_URL"] = f"postgres://{user}@{host}:{port}/{db['NAME']}"
    result = run_manage("makemigrations", "--check", "--dry-run", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_style_sheet_of_ours_has_balanced_braces():
    """A lost brace (say, in a merge) silently swallows every rule after it."""
    for sheet in (ROOT / "static" / "css").glob("*.css"):
        depth = 0
        for number, line in enumerate(sheet.read_text().splitlines(), start=1):
            depth += line.count("{") - line.count("}")
            assert depth >= 0, f"{sheet.name}:{number} closes a brace it never opened"
        assert depth == 0, f"{sheet.name} leaves {depth} brace(s) open"
