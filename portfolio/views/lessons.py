"""Lessons learned (lærdommer): the searchable list, one lesson, logging and correcting one,
its status, and «lærdommer så langt» for the board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portfolio.forms.lessons import LessonFilterForm, LessonForm, LessonStatusForm, SinceForm
from portfolio.models import Lesson
from portfolio.permissions import (
    can_edit_lesson,
    can_log_lesson,
    can_set_lesson_status,
    can_view_lessons,
)
from portfolio.services.lessons import (
    add_highlights,
    arena_ordered,
    last_board_decision_date,
    lesson_create,
    lesson_set_status,
    lesson_update,
    lessons_so_far,
    lessons_so_far_by_arena,
    search_lessons,
    with_headlines,
)

PAGE_SIZE = 25

# The columns «lærdommer så langt» shows of each lesson.
SO_FAR_FIELDS = ["title", "date", "arena", "status", "learned", "recommendation", "unit__name"]


# The columns the list shows of each lesson (its cards), read without the rest.
LIST_FIELDS = ["title", "date", "arena", "status", "learned", "tags", "unit__name"]


def _lessons():
    return Lesson.objects.select_related("unit", "area", "goal", "level", "project", "author")


def _list_lessons():
    """The list's lessons: only what a card shows, with the one table it names (the unit),
    so the query plans and reads as little as the admin's changelist does."""
    return Lesson.objects.select_related("unit").only(*LIST_FIELDS)


def _check_can_view(request: HttpRequest) -> None:
    if not can_view_lessons(request.user):
        raise PermissionDenied


@login_required
def lesson_list(request: HttpRequest) -> HttpResponse:
    """Search (ranked, matches highlighted) and filter; newest first when not searching."""
    _check_can_view(request)
    form = LessonFilterForm(request.GET)
    filters = form.filters()
    lessons = _list_lessons().filter(**filters)
    text = form.search_text()
    if text:
        lessons = with_headlines(search_lessons(lessons, text), text)
    page = Paginator(lessons, PAGE_SIZE).get_page(request.GET.get("page"))
    if text:
        page.object_list = add_highlights(page.object_list, text)
    context = {
        "form": form,
        "page": page,
        "searching": bool(text),
        "filtered": bool(filters),
        "can_log": can_log_lesson(request.user),
    }
    return render(request, "portfolio/lessons/list.html", context)


def _detail(request: HttpRequest, lesson: Lesson, status_form=None) -> HttpResponse:
    """One lesson, with the status form for those who may change it."""
    may_set_status = can_set_lesson_status(request.user, lesson)
    if may_set_status and status_form is None:
        status_form = LessonStatusForm(initial={"status": lesson.status})
    context = {
        "lesson": lesson,
        "can_edit": can_edit_lesson(request.user, lesson),
        "status_form": status_form if may_set_status else None,
    }
    failed = status_form is not None and status_form.is_bound
    return render(request, "portfolio/lessons/detail.html", context, status=400 if failed else 200)


@login_required
def lesson_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _check_can_view(request)
    lesson = get_object_or_404(_lessons(), pk=pk)
    return _detail(request, lesson)


@login_required
@require_POST
def lesson_status(request: HttpRequest, pk: int) -> HttpResponse:
    _check_can_view(request)
    lesson = get_object_or_404(_lessons(), pk=pk)
    if not can_set_lesson_status(request.user, lesson):
        raise PermissionDenied
    form = LessonStatusForm(request.POST)
    if form.is_valid():
        try:
            lesson_set_status(lesson=lesson, by=request.user, status=form.cleaned_data["status"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The status is now: %(status)s.") % {"status": lesson.get_status_display()},
            )
            return redirect(lesson)
    lesson.refresh_from_db(fields=["status"])
    return _detail(request, lesson, status_form=form)


@login_required
def lesson_create_view(request: HttpRequest) -> HttpResponse:
    _check_can_view(request)
    if not can_log_lesson(request.user):
        raise PermissionDenied
    form = LessonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lesson = lesson_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)  # the service's objections go onto their fields
        else:
            messages.success(request, _("The lesson is logged."))
            return redirect(lesson)
    context = {"form": form, "lesson": None, "title": ""}
    return render(
        request, "portfolio/lessons/form.html", context, status=400 if form.is_bound else 200
    )


@login_required
def lesson_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _check_can_view(request)
    lesson = get_object_or_404(_lessons(), pk=pk)
    if not can_edit_lesson(request.user, lesson):
        raise PermissionDenied
    title = lesson.title  # the form changes the instance in memory while it validates
    form = LessonForm(request.POST or None, instance=lesson)
    if request.method == "POST" and form.is_valid():
        try:
            lesson_update(lesson=lesson, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The lesson is saved."))
            return redirect(lesson)
    context = {"form": form, "lesson": lesson, "title": title}
    return render(
        request, "portfolio/lessons/form.html", context, status=400 if form.is_bound else 200
    )


class _CountedPaginator(Paginator):
    """A paginator told its count, so it does not ask the database again (the page has
    already counted its lessons per arena)."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # `Paginator.count` is a cached_property


@login_required
def lesson_so_far(request: HttpRequest) -> HttpResponse:
    """«Lærdommer så langt»: the lessons since a chosen date, by default since the board's
    last decision, grouped by the arena they were gathered in, a page at a time.

    Bounded at any size: the counts per arena come from one grouped query, and only the
    page's lessons (with only the columns shown) are read."""
    _check_can_view(request)
    form = SinceForm(request.GET or None)
    chosen = form.cleaned_data.get("siden") if form.is_bound and form.is_valid() else None
    decision_date = last_board_decision_date()
    since = chosen or decision_date
    lessons = lessons_so_far(since=since)
    arenas = lessons_so_far_by_arena(lessons)
    count = sum(arena["count"] for arena in arenas)
    shown = arena_ordered(lessons).select_related(None).select_related("unit").only(*SO_FAR_FIELDS)
    page = _CountedPaginator(shown, PAGE_SIZE, count=count).get_page(request.GET.get("page"))
    labels = dict(Lesson.Arena.choices)
    groups = []
    for lesson in page.object_list:
        if not groups or groups[-1]["arena"] != lesson.arena:
            groups.append(
                {"arena": lesson.arena, "label": labels.get(lesson.arena, ""), "lessons": []}
            )
        groups[-1]["lessons"].append(lesson)
    by_value = {arena["arena"]: arena for arena in arenas}
    for group in groups:
        arena = by_value.get(group["arena"], {"count": 0, "first": page.start_index() - 1})
        group["count"] = arena["count"]
        group["continued"] = arena["first"] < page.start_index() - 1
    for arena in arenas:
        arena["page"] = arena["first"] // PAGE_SIZE + 1
    context = {
        "form": form,
        "chosen": chosen,
        "decision_date": decision_date,
        "since": since,
        "arenas": arenas,
        "groups": groups,
        "page": page,
        "count": count,
    }
    return render(request, "portfolio/lessons/so_far.html", context)
