"""Områdesatsing: the project package (settings, URLs, Celery, users and roles, home page)."""

from .celery import app as celery_app

__all__ = ["celery_app"]
