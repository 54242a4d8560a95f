"""gunicorn's settings. gunicorn reads ./gunicorn.conf.py from the directory it starts in
(/app in the image and in docker compose), so both the image's CMD and the compose `web`
service use this file; command-line options still win. The figures behind the choices are
in docs/performance.md (`manage.py loadtest`).

- `worker_class = "gthread"`, `workers` (WEB_CONCURRENCY, default 3) × `threads`
  (GUNICORN_THREADS, default 4): a request that waits (a file download, the database, a
  slow client) holds a thread, not a whole worker, so a few people downloading PDFs or
  exports do not stall everyone else; nothing slow (PDF, big export) runs in a request, it
  is a Celery task. Three processes for two cores keep both busy while one waits.
- Each thread keeps its database connection (CONN_MAX_AGE=60 in settings): PostgreSQL
  sees at most workers × threads connections from the web server (12 by default).
- `timeout = 30`: a worker stuck longer than this is restarted (no page should come near
  it); `graceful_timeout = 30` lets running requests finish on a restart; `keepalive = 5`
  for a proxy in front that reuses connections.
- `max_requests = 2000` (± `max_requests_jitter`): each worker is replaced now and then, so
  a slow leak never grows without bound; the jitter keeps them from restarting together.
- `accesslog = "-"`: the access log goes to stdout, for the container's log.
- The access log never holds a personal link's token: the filter masks anything shaped
  like a signed token (core/logfilters.py) in every access-log line. The links are built
  so that their tokens never reach the server in a URL (nabolagspotten/access.py); this is
  the defence in depth for a link typed or pasted into the address bar.
"""

import logging
import os

from core.logfilters import MaskTokens

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 30
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
accesslog = "-"

_access_log = logging.getLogger("gunicorn.access")
if not any(isinstance(existing, MaskTokens) for existing in _access_log.filters):
    _access_log.addFilter(MaskTokens())  # forked workers inherit it
