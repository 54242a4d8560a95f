"""The project's own pages: home, login, help pages, health, admin."""

from tests.permission_table.base import LOGIN

# name: (kwargs, method, data, {person: expected status or LOGIN})
CORE = {
    "home": ({}, "get", None, {"default": 200}),
    "login": ({}, "get", None, {"anonymous": 200, "default": 302}),
    "logout": ({}, "post", None, {"default": 302}),
    "password_reset": ({}, "get", None, {"default": 200}),
    "password_reset_done": ({}, "get", None, {"default": 200}),
    "password_reset_confirm": (
        {"uidb64": "MQ", "token": "not-a-token"},
        "get",
        None,
        {"default": 200},
    ),
    "password_reset_complete": ({}, "get", None, {"default": 200}),
    "accessibility": ({}, "get", None, {"default": 200}),
    "privacy": ({}, "get", None, {"default": 200}),
    "health": ({}, "get", None, {"default": 200}),
    "set_language": ({}, "post", {"language": "en"}, {"default": 302}),
    # The programme overview: every role reads it (made for the board and the Programeier).
    "programme_overview": (
        {},
        "get",
        None,
        {"anonymous": LOGIN, "outsider": 403, "default": 200},
    ),
    "portfolio:structure": ({}, "get", None, {"anonymous": LOGIN, "outsider": 403, "default": 200}),
    "admin:index": (
        {},
        "get",
        None,
        {"programme_leader": 200, "default": 302},
    ),
}
