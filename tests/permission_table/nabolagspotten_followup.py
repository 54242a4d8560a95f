"""Permissions for Nabolagspotten (followup). (being built)"""

TABLE = {}
