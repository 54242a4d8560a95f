"""Permissions for Nabolagspotten's case handling. (being built)"""

from tests.permission_table.base import LOGIN

TABLE = {
    "nabolagspotten:staff_home": (
        {},
        "get",
        None,
        {"anonymous": LOGIN, "outsider": 403, "default": 302},
    ),
}
