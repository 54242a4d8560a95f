"""Exceptions every app's services share."""

from django.core.exceptions import ValidationError


class TransitionRefused(ValidationError):
    """The object's state does not allow this step (a project, a plan, an application, an
    appeal); the message says why, in words for the person who tried."""
