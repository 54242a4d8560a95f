"""The checks CI runs on the code itself: lint and format, the layering contract,
migrations in step with the models."""

import shutil
import subprocess
import sys

import pytest

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


def test_every_model_change_has_its_migration(tmp_path):
    # On a database of its own (the embedded server in a temporary folder): makemigrations
    # looks at the database it is given.
    result = run_manage("makemigrations", "--check", "--dry-run", env={"DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
