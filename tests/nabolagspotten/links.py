"""Coming in as the applicant, the way the e-mailed link does: the page posts the token
from the link's fragment (`lenke/#<token>`) to `lenke/`."""

from django.urls import reverse

from nabolagspotten import access


def token_in(text: str) -> str:
    """The token of the first personal link in an e-mail's text."""
    line = next(line for line in text.splitlines() if "/nabolagspotten/lenke/#" in line)
    return line.strip().split("#", 1)[1]


def open_link(client, token: str):
    """Post the token as the link page's script does; the response."""
    return client.post(reverse("nabolagspotten:open_link"), {"code": token})


def enter(client, application) -> str:
    """A new link for the application, opened by `client`; returns its (now used) token."""
    token = access.issue_link(application)
    response = open_link(client, token)
    assert response.status_code == 302, response.status_code
    return token
