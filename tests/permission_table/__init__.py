"""The permission table: URL name -> (kwargs, method, data, {person: expected answer}).

kwargs (and data) may be a callable taking the `people` dict (see tests/conftest.py) and
returning the URL's kwargs, so an entry can create the object it needs, e.g. a project
owned by the change leader's unit. One module per part of the app; this package merges them.
"""

from tests.permission_table import (
    benefits,
    lessons,
    nabolagspotten_cases,
    nabolagspotten_followup,
    nabolagspotten_public,
    overview,
    plans,
    projects,
    reports,
    risk,
)
from tests.permission_table.base import LOGIN, NOT_FOUND
from tests.permission_table.core import CORE

TABLE = {
    **CORE,
    **projects.TABLE,
    **overview.TABLE,
    **plans.TABLE,
    **lessons.TABLE,
    **benefits.TABLE,
    **nabolagspotten_public.TABLE,
    **nabolagspotten_cases.TABLE,
    **nabolagspotten_followup.TABLE,
    **risk.TABLE,
    **reports.TABLE,
}

__all__ = ["LOGIN", "NOT_FOUND", "TABLE"]
