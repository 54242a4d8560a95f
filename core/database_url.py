"""A DATABASE_URL for a process started from this one (gunicorn in the load test, a worker
or a server in the tests): the server this process uses, as Django's own connection
parameters say. With DATABASE_URL that server; without it the embedded one, started if it
was not, reached through its Unix socket (a `host` option, which django-environ hands to
psycopg as it is).

    database_url()               # this process's database
    database_url("another_db")   # another database on the same server
"""

from urllib.parse import quote

from django.db import connection


def server() -> dict:
    """How this process reaches the server: host (or socket folder), port, user, password."""
    params = connection.get_connection_params()
    found = {key: params[key] for key in ("host", "port", "user", "password") if params.get(key)}
    found.setdefault("host", "127.0.0.1")
    return found


def database_url(name: str | None = None) -> str:
    found = server()
    name = name or connection.settings_dict["NAME"]
    auth = quote(found.get("user", ""), safe="")
    if found.get("password"):
        auth += ":" + quote(found["password"], safe="")
    host = str(found["host"])
    if host.startswith("/"):
        return f"postgres://{auth}@/{name}?host={quote(host, safe='/')}"
    return f"postgres://{auth}@{host}:{found.get('port') or 5432}/{name}"
