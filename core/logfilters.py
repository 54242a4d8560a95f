"""Keeping secrets out of the logs.

Access logs write every request's path and query string. Personal links are sent so that
their token never reaches the server in a URL (it rides in the fragment, after `#`), but a
link typed or pasted by hand, an old e-mail, or a confirmation link opened in a mail
program that rewrites links could still put one there. As a defence in depth,
`MaskTokens` replaces anything shaped like a token of `django.core.signing`
(`value:timestamp:signature` or `value:signature`, URL-safe base64, also with the colons
percent-encoded) with `[token]` before a line is written.

Used by the settings' LOGGING (`django.request`, `django.server` and the console handler)
and by gunicorn.conf.py for gunicorn's access log.
"""

import logging
import re

# A signed value: a base64 payload (a compressed one starts with "."), then one or two
# colon-separated parts, the last being the HMAC signature (43 characters for SHA-256; 20
# or more is enough to tell it from times such as 12:30:00).
SIGNED = re.compile(r"[\w.-]{8,}(?:(?::|%3[Aa])[\w-]+)?(?::|%3[Aa])[\w-]{20,}")
MASK = "[token]"


def mask(text: str) -> str:
    return SIGNED.sub(MASK, text)


class MaskTokens(logging.Filter):
    """Rewrites the record's message with every signed token masked (and lets it through)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken record: let logging report it as it always does
            return True
        masked = mask(message)
        if masked != message:
            record.msg = masked
            record.args = None
        return True
