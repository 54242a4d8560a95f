"""The lessons services: logging, correcting, status, search and «lærdommer så langt»."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from portfolio.models import Lesson
from portfolio.services.lessons import (
    MARK_START,
    MARK_STOP,
    add_highlights,
    highlight,
    last_board_decision_date,
    lesson_create,
    lesson_set_status,
    lesson_update,
    lessons_so_far,
    search_lessons,
)
from tests.portfolio.factories_lessons import DecidedSubmissionFactory, LessonFactory

pytestmark = pytest.mark.django_db


def _fields(**overrides):
    fields = {
        "title": "Fast aktivitet i parken",
        "what_happened": "Vi prøvde en ukentlig aktivitet i Lademoparken.",
        "learned": "Beboerne kommer når aktiviteten er fast og forutsigbar.",
        "arena": Lesson.Arena.DISTRICT_FORUM,
    }
    fields.update(overrides)
    return fields


def test_lesson_create_logs_a_lesson_by_its_author_dated_today(people):
    author = people["change_leader"]
    lesson = lesson_create(by=author, **_fields(tags=[" møteplass", "Møteplass", "", "park"]))
    lesson.refresh_from_db()
    assert lesson.author == author
    assert lesson.date == timezone.localdate()
    assert lesson.status == Lesson.Status.NEW
    assert lesson.tags == ["møteplass", "park"]
    assert lesson.history.first().history_user == author


def test_lesson_create_refuses_text_over_the_limit_and_saves_nothing(people):
    with pytest.raises(ValidationError) as error:
        lesson_create(by=people["change_leader"], **_fields(learned="x" * 100_000))
    assert "learned" in error.value.message_dict
    assert not Lesson.objects.exists()


def test_lesson_create_refuses_a_missing_title_and_an_unknown_arena(people):
    with pytest.raises(ValidationError) as error:
        lesson_create(by=people["change_leader"], **_fields(title="", arena="kafe"))
    assert {"title", "arena"} <= set(error.value.message_dict)


def test_lesson_create_refuses_a_date_in_the_future(people):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        lesson_create(by=people["change_leader"], **_fields(date=tomorrow))
    assert "date" in error.value.message_dict


def test_lesson_create_does_not_let_the_caller_set_the_author_or_status(people):
    with pytest.raises(TypeError):
        lesson_create(by=people["change_leader"], **_fields(status="tatt_inn_i_drift"))


def test_lesson_update_changes_the_text_and_validates_it(people):
    lesson = LessonFactory(author=people["change_leader"])
    lesson_update(lesson=lesson, by=people["programme_leader"], title="Ny tittel", tags=["a"])
    lesson.refresh_from_db()
    assert lesson.title == "Ny tittel"
    assert lesson.tags == ["a"]
    assert lesson.history.first().history_user == people["programme_leader"]
    with pytest.raises(ValidationError):
        lesson_update(lesson=lesson, by=people["programme_leader"], what_happened="")
    lesson.refresh_from_db()
    assert lesson.what_happened


def test_lesson_set_status_moves_the_lesson_and_refuses_unknown_or_same_status(people):
    lesson = LessonFactory(author=people["change_leader"])
    lesson_set_status(lesson=lesson, by=people["programme_leader"], status="tatt_inn_i_drift")
    lesson.refresh_from_db()
    assert lesson.status == Lesson.Status.ADOPTED
    with pytest.raises(ValidationError):
        lesson_set_status(lesson=lesson, by=people["programme_leader"], status="tatt_inn_i_drift")
    with pytest.raises(ValidationError):
        lesson_set_status(lesson=lesson, by=people["programme_leader"], status="glemt")
    lesson.refresh_from_db()
    assert lesson.status == Lesson.Status.ADOPTED


def test_last_board_decision_date_is_the_latest_decided_meeting(people):
    assert last_board_decision_date() is None
    DecidedSubmissionFactory(meeting_date=datetime.date(2026, 3, 10))
    DecidedSubmissionFactory(meeting_date=datetime.date(2026, 9, 1))
    DecidedSubmissionFactory(decision="", meeting_date=datetime.date(2026, 11, 1))
    DecidedSubmissionFactory(
        meeting_date=None, decided_at=timezone.make_aware(datetime.datetime(2026, 6, 5, 12))
    )
    assert last_board_decision_date() == datetime.date(2026, 9, 1)


def test_lessons_so_far_counts_from_the_boards_last_decision(people):
    DecidedSubmissionFactory(meeting_date=datetime.date(2026, 3, 10))
    before = LessonFactory(date=datetime.date(2026, 3, 9))
    on_the_day = LessonFactory(date=datetime.date(2026, 3, 10))
    after = LessonFactory(date=datetime.date(2026, 5, 1))
    assert list(lessons_so_far()) == [after, on_the_day]
    assert before not in lessons_so_far()
    assert list(lessons_so_far(since=datetime.date(2026, 4, 1))) == [after]


def test_lessons_so_far_is_every_lesson_before_the_board_has_decided(people):
    lessons = [LessonFactory(date=datetime.date(2025, 1, 1)), LessonFactory()]
    assert set(lessons_so_far()) == set(lessons)


def test_search_finds_another_inflection_of_a_word(people):
    lesson = LessonFactory(what_happened="Vi åpnet møteplassene i bydelen for alle.")
    LessonFactory(title="Noe annet", what_happened="Ingenting å se her.", learned="Nei.")
    assert list(search_lessons(Lesson.objects.all(), "møteplass")) == [lesson]


def test_search_ranks_a_title_hit_above_a_body_hit(people):
    body_hit = LessonFactory(
        title="Om frivillige",
        what_happened="Vi brukte møteplassen i parken som arena.",
        learned="Det fungerte.",
    )
    title_hit = LessonFactory(
        title="Møteplassen",
        what_happened="Vi prøvde noe nytt.",
        learned="Det fungerte.",
    )
    found = list(search_lessons(Lesson.objects.all(), "møteplassene"))
    assert found == [title_hit, body_hit]


def test_search_takes_web_search_syntax_without_failing(people):
    LessonFactory(title="Fast aktivitet")
    for text in ['"fast aktivitet', "-", "or or", "a & b | !c", "'); drop table x; --"]:
        list(search_lessons(Lesson.objects.all(), text))


def test_highlighting_escapes_the_text_and_marks_only_the_matches(people):
    LessonFactory(
        title="<script>alert(1)</script> møteplassene",
        what_happened="Vi åpnet møteplassene med <b>fet</b> skrift på plakaten.",
    )
    [lesson] = add_highlights(search_lessons(Lesson.objects.all(), "møteplass"), "møteplass")
    assert "<script>" not in lesson.title_highlighted
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in lesson.title_highlighted
    assert "<mark>møteplassene</mark>" in lesson.title_highlighted
    # In snippets PostgreSQL leaves tags out; whatever it keeps is escaped.
    assert "<b>" not in lesson.snippet
    assert "fet" in lesson.snippet
    assert "<mark>møteplassene</mark>" in lesson.snippet


def test_highlight_turns_only_its_own_markers_into_marks():
    html = highlight(f"<mark>x</mark> {MARK_START}ord{MARK_STOP}")
    assert html == "&lt;mark&gt;x&lt;/mark&gt; <mark>ord</mark>"


def test_the_stored_search_vector_is_kept_current_by_every_kind_of_write(people):
    from simple_history.utils import bulk_create_with_history

    lesson = LessonFactory(title="Tolk må bestilles tidlig", what_happened="Vi ventet lenge.")
    assert list(search_lessons(Lesson.objects.all(), "tolken")) == [lesson]
    lesson.title = "Møteplassene trenger en vert"
    lesson.save()
    assert list(search_lessons(Lesson.objects.all(), "møteplass")) == [lesson]
    assert list(search_lessons(Lesson.objects.all(), "tolk")) == []
    bulk_create_with_history(
        [
            Lesson(
                title="Gatetun i Tempe",
                what_happened="Nytt gatetun.",
                learned="Barna tok det i bruk.",
                arena="bydelsforum",
                author=people["change_leader"],
                date=lesson.date,
            )
        ],
        Lesson,
    )
    assert [found.title for found in search_lessons(Lesson.objects.all(), "gatetunet")] == [
        "Gatetun i Tempe"
    ]


def test_a_hit_in_the_title_ranks_above_a_hit_in_the_text(people):
    body = LessonFactory(title="Om høsten", what_happened="Møteplassen ble brukt mye.")
    title = LessonFactory(title="Møteplassen i parken", what_happened="Vi prøvde noe nytt.")
    assert list(search_lessons(Lesson.objects.all(), "møteplass")) == [title, body]
