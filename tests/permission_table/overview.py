"""Permissions for the portfolio overview and its exports: every member of programme staff
reads the whole portfolio; an outsider may not, and nobody unknown."""

from tests.permission_table.base import LOGIN

READ = {"anonymous": LOGIN, "outsider": 403, "default": 200}

TABLE = {
    "portfolio:overview": ({}, "get", {"status": ["i_portefoljen"]}, READ),
    "portfolio:overview_xlsx": ({}, "get", None, READ),
    "portfolio:overview_csv": ({}, "get", None, READ),
}
