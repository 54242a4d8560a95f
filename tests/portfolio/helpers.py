from django.utils import translation


def nb(message: str, **params) -> str:
    """The Norwegian text of a message (or the English msgid while it is untranslated)."""
    with translation.override("nb"):
        text = translation.gettext(message)
    return text % params if params else text
