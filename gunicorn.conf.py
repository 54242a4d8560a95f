"""gunicorn's settings. gunicorn reads ./gunicorn.conf.py from the directory it starts in
(/app in the image and in docker compose), so both the image's CMD and the compose `web`
service use this file; command-line options still win.

Kept small on purpose: only what the application needs from its server.

- `accesslog = "-"`: the access log goes to stdout, for the container's log.
- The access log never holds a personal link's token: the filter masks anything shaped
  like a signed token (core/logfilters.py) in every access-log line. The links are built
  so that their tokens never reach the server in a URL (nabolagspotten/access.py); this is
  the defence in depth for a link typed or pasted into the address bar.
"""

import logging

from core.logfilters import MaskTokens

accesslog = "-"

_access_log = logging.getLogger("gunicorn.access")
if not any(isinstance(existing, MaskTokens) for existing in _access_log.filters):
    _access_log.addFilter(MaskTokens())  # forked workers inherit it
