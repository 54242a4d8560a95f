"""Every string a user sees is translated to Norwegian bokmål, and the compiled catalogue
is in step with the source."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.heavy

PO = ROOT / "locale" / "nb" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
IGNORE = ["--ignore=.venv", "--ignore=node_modules", "--ignore=staticfiles", "--ignore=static"]
IGNORE += ["--ignore=tests", "--ignore=.data", "--ignore=test-results"]


def _msgattrib(option: str, po: Path) -> str:
    return subprocess.run(  # noqa: S603
        [shutil.which("msgattrib") or "msgattrib", option, str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_every_message_in_the_code_is_in_the_norwegian_catalogue(tmp_path):
    # Extract the messages afresh into a copy of the project, so the repository is untouched.
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "node_modules", ".data", "staticfiles", ".git", "*.pyc"
        ),
    )
    result = subprocess.run(  # noqa: S603
        [
            str(ROOT / ".venv" / "bin" / "python"),
            "manage.py",
            "makemessages",
            "-l",
            "nb",
            "--no-obsolete",
            *IGNORE,
        ],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    fresh = copy / "locale" / "nb" / "LC_MESSAGES" / "django.po"
    untranslated = _msgattrib("--untranslated", fresh)
    assert untranslated == "", f"Translate these in {PO.relative_to(ROOT)}:\n{untranslated}"
    fuzzy = _msgattrib("--only-fuzzy", fresh)
    assert fuzzy == "", f"Check these fuzzy translations:\n{fuzzy}"


def test_the_compiled_catalogue_matches_the_source(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(PO)], check=True)  # noqa: S603, S607
    with MO.open("rb") as committed, compiled.open("rb") as fresh:
        assert (
            gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(fresh)._catalog
        ), "Run `manage.py compilemessages` and commit locale/nb/LC_MESSAGES/django.mo"
