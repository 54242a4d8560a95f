"""Permissions for the portfolio overview and its exports: every member of programme staff
reads the whole portfolio; an outsider may not, and nobody unknown."""

from tests.permission_table.base import LOGIN, NOT_FOUND

READ = {"anonymous": LOGIN, "outsider": 403, "default": 200}

TABLE = {
    "portfolio:overview": ({}, "get", {"status": ["i_portefoljen"]}, READ),
    "portfolio:overview_xlsx": ({}, "get", None, READ),
    "portfolio:overview_csv": ({}, "get", None, READ),
    # A long export built in the background: only the user who asked finds it.
    "portfolio:overview_export_file": (
        {"export_id": "0" * 32},
        "get",
        None,
        {**READ, "default": NOT_FOUND},
    ),
}
