"""Permissions for Nabolagspotten (public). (being built)"""

TABLE = {}
