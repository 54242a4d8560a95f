"""Permissions for the lessons pages."""

from tests.permission_table.base import LOGIN, NOT_FOUND  # noqa: F401

TABLE = {}
