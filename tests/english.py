"""English on a Norwegian page: the English source text of any message, ours or Django's,
found in a page that says it is Norwegian (`<html lang="nb">`).

The phrases are every English msgid of our catalogue and of Django's own (forms, models,
auth, contrib apps) that has at least two words, no placeholders, and a Norwegian translation
that differs from it (so names such as «Nabolagspotten» do not count), plus Django's source
messages that its Norwegian catalogue lacks (e.g. the blank choice «- Select an option -»).
"""

import gettext
import html
import re
from functools import lru_cache
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
DJANGO = Path(django.__file__).resolve().parent


def _catalogue(mo: Path) -> dict:
    with mo.open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)


def _msgids(po: Path) -> set[str]:
    """The msgids of a .po file (single-line and continued ones)."""
    ids, current, reading = set(), [], False
    for line in po.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            current, reading = [line[6:].strip().strip('"')], True
        elif reading and line.startswith('"'):
            current.append(line.strip().strip('"'))
        else:
            if reading and current:
                ids.add("".join(current))
            reading = False
    return ids


def _usable(text: str) -> bool:
    return len(text.split()) >= 2 and len(text) >= 8 and not re.search(r"[%{}<>\\]", text)


@lru_cache(maxsize=1)
def english_phrases() -> tuple[str, ...]:
    phrases = set()
    ours = _catalogue(ROOT / "locale" / "nb" / "LC_MESSAGES" / "django.mo")
    for key, value in ours.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if msgid and _usable(msgid) and value.strip() != msgid.strip():
            phrases.add(msgid.strip())
    django_nb = {}
    for mo in DJANGO.glob("**/locale/nb/LC_MESSAGES/django.mo"):
        django_nb.update(_catalogue(mo))
    for po in [
        *DJANGO.glob("conf/locale/en/LC_MESSAGES/django.po"),
        *DJANGO.glob("contrib/*/locale/en/LC_MESSAGES/django.po"),
    ]:
        for msgid in _msgids(po):
            if "admin" in po.parts and "contrib" in po.parts:
                continue  # the admin pages are English-friendly and not checked here
            translated = django_nb.get(msgid)
            if _usable(msgid) and (translated is None or translated.strip() != msgid.strip()):
                phrases.add(msgid.strip())
    # Longest first, so a report names the whole phrase.
    return tuple(sorted(phrases, key=len, reverse=True))


def visible_text(page_html: str) -> str:
    """The text of an HTML page as a reader meets it (tags, scripts and styles removed)."""
    text = re.sub(r"(?is)<(script|style|template)\b.*?</\1>", " ", page_html)
    text = re.sub(r"(?s)<!--.*?-->", " ", text)
    text = re.sub(r"(?s)<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", html.unescape(text))


def is_norwegian_page(page_html: str) -> bool:
    return bool(re.search(r'<html[^>]*\blang="nb"', page_html))


def english_in(text: str) -> list[str]:
    """The English phrases found in `text` (visible text of a Norwegian page)."""
    found = []
    for phrase in english_phrases():
        if phrase in text and not any(phrase in longer for longer in found):
            found.append(phrase)
    return found


def assert_no_english(page_html: str, where: str = "") -> None:
    if not is_norwegian_page(page_html):
        return
    found = english_in(visible_text(page_html))
    assert not found, f"English on the Norwegian page {where}: {found}"
