"""In CI nothing may be skipped: a skipped test there is a failure.

A pytest hook, imported by tests/conftest.py. Under pytest-xdist the workers send their
reports to the controller, whose terminal reporter counts every worker's skips; the workers
themselves have no terminal reporter, so the check runs once, in the controller (or in the
only process of a serial run with `-n0`). tests/test_ci_skips.py runs it both ways."""

import os


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("CI") and exitstatus == 0:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        skipped = reporter.stats.get("skipped", []) if reporter else []
        if skipped:
            reporter.write_line(
                f"CI: {len(skipped)} test(s) were skipped; that fails the run.", red=True
            )
            session.exitstatus = 1
