"""`{% load form_errors %}`: an error as the error summary shows it, naming its field."""

from django import template

register = template.Library()


@register.simple_tag
def named_error(field, error) -> str:
    """«Møtedato: Skriv en gyldig dato.», unless the message already names the field (as the
    required messages of core.forms do: «Fyll inn møtedato.»)."""
    label = str(field.label or "").strip()
    message = str(error)
    if not label or label.lower() in message.lower():
        return message
    return f"{label}: {message}"
