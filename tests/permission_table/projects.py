"""Permissions for the projects pages."""

from tests.permission_table.base import LOGIN, NOT_FOUND  # noqa: F401

TABLE = {}
