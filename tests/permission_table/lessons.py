"""Permissions for the lessons pages. Every role reads lessons; the programme leader,
change leaders and project leaders log them; the author and the programme leader edit
one; the programme leader and the change leader of the lesson's unit set its status."""

from tests.factories import LessonFactory
from tests.permission_table.base import LOGIN, NOT_FOUND  # noqa: F401


def _lesson(people) -> dict:
    """A lesson the change leader logged for their own unit."""
    author = people["change_leader"]
    return {"pk": LessonFactory(author=author, unit=author.unit).pk}


READ = {"anonymous": LOGIN, "outsider": 403, "default": 200}

TABLE = {
    "portfolio:lessons": ({}, "get", None, READ),
    "portfolio:lessons_so_far": ({}, "get", None, READ),
    "portfolio:lesson": (_lesson, "get", None, READ),
    "portfolio:lesson_create": (
        {},
        "get",
        None,
        {
            "anonymous": LOGIN,
            "programme_leader": 200,
            "change_leader": 200,
            "project_leader": 200,
            "default": 403,
        },
    ),
    "portfolio:lesson_edit": (
        _lesson,
        "get",
        None,
        {"anonymous": LOGIN, "programme_leader": 200, "change_leader": 200, "default": 403},
    ),
    "portfolio:lesson_status": (
        _lesson,
        "post",
        {"status": "vurdert"},
        {"anonymous": LOGIN, "programme_leader": 302, "change_leader": 302, "default": 403},
    ),
}
