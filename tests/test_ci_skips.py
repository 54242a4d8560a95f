"""The CI rule «a skipped test fails the run» (tests/ci_skips.py) holds in a serial run and
under pytest-xdist, where the skips happen in the workers and the controller must count them."""

import os
import subprocess
import sys

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.heavy

TESTS = """
import pytest

def test_that_passes():
    pass

def test_that_skips():
    pytest.skip("not here")
"""


def _pytest(folder, *args, ci: bool) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS")}
    env.update(PYTHONPATH=str(ROOT), PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    if ci:
        env["CI"] = "true"
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "pytest", "-p", "xdist", "-p", "no:cacheprovider", "-q", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def sample(tmp_path):
    """A folder with one passing and one skipping test, and the CI rule as its conftest."""
    (tmp_path / "conftest.py").write_text("from tests.ci_skips import pytest_sessionfinish\n")
    (tmp_path / "test_sample.py").write_text(TESTS)
    return tmp_path


@pytest.mark.parametrize("workers", ["-n0", "-n2"], ids=["serial", "xdist"])
def test_in_ci_a_skipped_test_fails_the_run(sample, workers):
    in_ci = _pytest(sample, workers, ci=True)
    assert in_ci.returncode == 1, in_ci.stdout + in_ci.stderr
    assert "CI: 1 test(s) were skipped; that fails the run." in in_ci.stdout
    assert "1 passed, 1 skipped" in in_ci.stdout


def test_in_ci_a_run_without_skips_passes_and_outside_ci_a_skip_is_allowed(sample):
    nothing_skipped = _pytest(sample, "-n0", "-k", "passes", ci=True)
    assert nothing_skipped.returncode == 0, nothing_skipped.stdout + nothing_skipped.stderr

    outside_ci = _pytest(sample, "-n0", ci=False)
    assert outside_ci.returncode == 0, outside_ci.stdout + outside_ci.stderr
    assert "1 passed, 1 skipped" in outside_ci.stdout
