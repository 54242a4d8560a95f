"""The lessons pages: list and search, one lesson, logging and editing, status, so far."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from portfolio.models import Area, Lesson
from tests.factories import ProjectFactory, UnitFactory
from tests.portfolio.factories_lessons import DecidedSubmissionFactory, LessonFactory

pytestmark = pytest.mark.django_db

LIST = reverse("portfolio:lessons")
CREATE = reverse("portfolio:lesson_create")
SO_FAR = reverse("portfolio:lessons_so_far")
SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def nb(message: str) -> str:
    with translation.override("nb"):
        return translation.gettext(message)


def _form_data(**overrides) -> dict:
    data = {
        "title": "Fast aktivitet på møteplassene",
        "what_happened": "Vi prøvde en ukentlig aktivitet i Lademoparken.",
        "learned": "Beboerne kommer når aktiviteten er fast og forutsigbar.",
        "recommendation": "",
        "arena": "bydelsforum",
        "date": timezone.localdate().isoformat(),
        "tags": "møteplass, park",
    }
    data.update(overrides)
    return data


# --- Logging and editing ----------------------------------------------------------------


def test_a_change_leader_logs_a_lesson_and_is_its_author(client_for, people):
    client = client_for("change_leader")
    response = client.post(CREATE, _form_data())
    lesson = Lesson.objects.get()
    assert response.status_code == 302
    assert response.url == lesson.get_absolute_url()
    assert lesson.author == people["change_leader"]
    assert lesson.tags == ["møteplass", "park"]


def test_the_new_lesson_form_is_dated_today(client_for):
    response = client_for("project_leader").get(CREATE)
    assert timezone.localdate().isoformat() in response.content.decode()


def test_a_text_of_100000_characters_gives_a_field_error_and_keeps_the_rest(client_for):
    client = client_for("change_leader")
    response = client.post(CREATE, _form_data(learned="x" * 100_000, title="y" * 100_000))
    assert response.status_code == 400
    form = response.context["form"]
    assert "learned" in form.errors
    assert "title" in form.errors
    assert "Beboerne" not in form.errors
    assert form["what_happened"].value() == _form_data()["what_happened"]
    assert not Lesson.objects.exists()


def test_bad_dates_tags_and_choices_give_field_errors_not_500(client_for):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    client = client_for("change_leader")
    for bad in [
        {"date": "31.02.2026"},
        {"date": tomorrow},
        {"arena": "kafe"},
        {"area": "999999"},
        {"unit": "letters"},
        {"tags": "a" * 60},
        {"tags": ",".join(f"t{n}" for n in range(30))},
    ]:
        response = client.post(CREATE, _form_data(**bad))
        assert response.status_code == 400, bad
        assert set(bad) <= set(response.context["form"].errors), bad
    assert not Lesson.objects.exists()


def test_the_author_edits_their_lesson_and_tags_show_as_text(client_for, people):
    lesson = LessonFactory(author=people["change_leader"], tags=["park", "møteplass"])
    client = client_for("change_leader")
    url = reverse("portfolio:lesson_edit", args=[lesson.pk])
    assert 'value="park, møteplass"' in client.get(url).content.decode()
    response = client.post(url, _form_data(title="Rettet tittel", tags="park"))
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.title == "Rettet tittel"
    assert lesson.tags == ["park"]
    assert lesson.author == people["change_leader"]


def test_a_change_leader_cannot_edit_another_persons_lesson(client_for, people):
    other = LessonFactory(author=people["project_leader"], unit=people["change_leader"].unit)
    client = client_for("change_leader")
    url = reverse("portfolio:lesson_edit", args=[other.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _form_data(title="Kapret")).status_code == 403
    other.refresh_from_db()
    assert other.title != "Kapret"


def test_a_failed_edit_shows_the_stored_title_in_the_heading(client_for, people):
    lesson = LessonFactory(author=people["change_leader"], title="Lagret tittel")
    url = reverse("portfolio:lesson_edit", args=[lesson.pk])
    response = client_for("change_leader").post(url, _form_data(title="", learned=""))
    assert response.status_code == 400
    assert "Lagret tittel" in response.content.decode()


def test_an_unknown_lesson_is_404(client_for):
    client = client_for("programme_leader")
    assert client.get(reverse("portfolio:lesson", args=[999999])).status_code == 404
    assert client.get(reverse("portfolio:lesson_edit", args=[999999])).status_code == 404


# --- Status -----------------------------------------------------------------------------


def test_the_change_leader_of_the_lessons_unit_sets_its_status(client_for, people):
    lesson = LessonFactory(author=people["project_leader"], unit=people["change_leader"].unit)
    client = client_for("change_leader")
    detail = client.get(lesson.get_absolute_url()).content.decode()
    assert reverse("portfolio:lesson_status", args=[lesson.pk]) in detail
    url = reverse("portfolio:lesson_status", args=[lesson.pk])
    response = client.post(url, {"status": "tatt_inn_i_drift"})
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.status == Lesson.Status.ADOPTED


def test_a_change_leader_of_another_unit_cannot_set_the_status(client_for, people):
    lesson = LessonFactory(author=people["change_leader"], unit=UnitFactory())
    client = client_for("change_leader")
    url = reverse("portfolio:lesson_status", args=[lesson.pk])
    assert url not in client.get(lesson.get_absolute_url()).content.decode()
    assert client.post(url, {"status": "vurdert"}).status_code == 403
    lesson.refresh_from_db()
    assert lesson.status == Lesson.Status.NEW


def test_an_unknown_or_unchanged_status_is_a_field_error_not_500(client_for, people):
    lesson = LessonFactory(author=people["change_leader"])
    client = client_for("programme_leader")
    url = reverse("portfolio:lesson_status", args=[lesson.pk])
    for status in ["glemt", "", "ny"]:
        response = client.post(url, {"status": status})
        assert response.status_code == 400
        assert response.context["status_form"].errors
    assert client.get(url).status_code == 405


# --- Escaping ---------------------------------------------------------------------------


def test_script_tags_are_escaped_on_the_list_detail_and_edit_pages(client_for, people):
    lesson = LessonFactory(
        author=people["change_leader"],
        title=SCRIPT,
        learned=SCRIPT,
        what_happened=SCRIPT,
        tags=[SCRIPT],
    )
    client = client_for("change_leader")
    for url in [
        LIST,
        lesson.get_absolute_url(),
        reverse("portfolio:lesson_edit", args=[lesson.pk]),
        SO_FAR + "?siden=2000-01-01",
    ]:
        html = client.get(url).content.decode()
        assert SCRIPT not in html, url
        assert ESCAPED in html, url


def test_a_search_hit_with_script_tags_is_escaped_and_still_highlighted(client_for, people):
    LessonFactory(
        title=f"{SCRIPT} på møteplassene",
        what_happened=f"Vi åpnet møteplassene. {SCRIPT} 1 < 2 & 3",
    )
    response = client_for("board_member").get(LIST, {"q": "møteplass"})
    html = response.content.decode()
    assert response.context["page"].paginator.count == 1
    assert SCRIPT not in html
    assert ESCAPED in html
    assert "<mark>møteplassene</mark>" in html
    assert "1 &lt; 2 &amp; 3" in html


# --- List, search and filters -----------------------------------------------------------


def test_searching_another_inflection_finds_the_lesson(client_for):
    hit = LessonFactory(what_happened="Vi åpnet møteplassene for alle.")
    LessonFactory(title="Annet", what_happened="Ingenting her.", learned="Nei.")
    response = client_for("case_handler").get(LIST, {"q": "møteplass"})
    assert list(response.context["page"].object_list) == [hit]


def test_filters_narrow_the_list_and_stay_in_the_page_links(client_for, people):
    unit = people["change_leader"].unit
    area = Area.objects.first()
    wanted = [
        LessonFactory(arena="prosjektforum", unit=unit, area=area, tags=["park"]) for _ in range(26)
    ]
    LessonFactory(arena="prosjektforum", unit=unit, area=area, tags=["skole"])
    LessonFactory(arena="bydelsforum", unit=unit, area=area, tags=["park"])
    params = {"arena": "prosjektforum", "unit": unit.pk, "area": area.pk, "tag": "park"}
    response = client_for("programme_leader").get(LIST, params)
    page = response.context["page"]
    assert page.paginator.count == len(wanted)
    assert len(page.object_list) == 25
    html = response.content.decode()
    assert "arena=prosjektforum" in html
    assert "tag=park" in html
    assert "page=2" in html


def test_the_list_is_newest_first_when_not_searching(client_for):
    old = LessonFactory(date=datetime.date(2025, 1, 1))
    new = LessonFactory(date=datetime.date(2025, 6, 1))
    response = client_for("board_member").get(LIST)
    assert list(response.context["page"].object_list) == [new, old]


@pytest.mark.parametrize(
    "params",
    [
        {"arena": "kafe"},
        {"status": "x"},
        {"area": "abc"},
        {"unit": "99999999999999999999"},
        {"goal": "-1"},
        {"level": "1.5"},
        {"tag": "t" * 500},
        {"q": "x" * 100_000},
        {"q": '"unclosed -'},
        {"q": "\x00"},
        {"page": "abc"},
        {"page": "99999"},
    ],
)
def test_bad_filter_values_never_give_500(client_for, params):
    LessonFactory()
    response = client_for("programme_leader").get(LIST, params)
    assert response.status_code in (200, 400)


def test_an_unknown_filter_value_is_reported_and_ignored(client_for):
    LessonFactory()
    response = client_for("programme_leader").get(LIST, {"arena": "kafe"})
    assert response.status_code == 200
    assert "arena" in response.context["form"].errors
    assert response.context["page"].paginator.count == 1


def test_only_those_who_may_log_lessons_see_the_link(client_for):
    assert CREATE in client_for("project_leader").get(LIST).content.decode()
    assert CREATE not in client_for("board_member").get(LIST).content.decode()


@pytest.mark.parametrize("q", ["", "møteplass"])
def test_the_lists_query_count_does_not_grow_with_the_lessons(
    client_for, people, django_assert_num_queries, q
):
    client = client_for("change_leader")

    def add(lessons: int) -> None:
        LessonFactory.create_batch(
            lessons,
            author=people["project_leader"],
            unit=people["change_leader"].unit,
            area=Area.objects.first(),
            project=ProjectFactory(),
            tags=["park"],
            what_happened="Vi åpnet møteplassene.",
        )

    add(5)
    with CaptureQueriesContext(connection) as five:
        assert client.get(LIST, {"q": q}).status_code == 200
    add(25)
    with django_assert_num_queries(len(five)):
        response = client.get(LIST, {"q": q})
    assert len(response.context["page"].object_list) == 25


# --- Lessons so far ---------------------------------------------------------------------


def test_so_far_counts_from_the_boards_last_decision_and_says_so(client_for):
    DecidedSubmissionFactory(meeting_date=datetime.date(2026, 1, 20))
    before = LessonFactory(date=datetime.date(2026, 1, 19), title="Før vedtaket")
    after = LessonFactory(date=datetime.date(2026, 1, 20), title="Etter vedtaket")
    response = client_for("board_member").get(SO_FAR)
    html = response.content.decode()
    assert response.context["since"] == datetime.date(2026, 1, 20)
    assert after.title in html
    assert before.title not in html
    assert "2026" in html


def test_so_far_without_a_board_decision_shows_every_lesson(client_for):
    lessons = LessonFactory.create_batch(3)
    response = client_for("change_leader").get(SO_FAR)
    assert response.context["since"] is None
    assert response.context["count"] == len(lessons)
    with translation.override("nb"):
        expected = translation.gettext(
            "All lessons: the programme board has not decided on anything yet."
        )
    assert expected in response.content.decode()


def test_so_far_uses_a_chosen_date(client_for):
    DecidedSubmissionFactory(meeting_date=datetime.date(2026, 1, 20))
    older = LessonFactory(date=datetime.date(2025, 5, 1))
    response = client_for("case_handler").get(SO_FAR, {"siden": "2025-04-01"})
    assert response.context["since"] == datetime.date(2025, 4, 1)
    assert older.title in response.content.decode()


@pytest.mark.parametrize("siden", ["i går", "2025-02-30", "99999-01-01", "x" * 100_000])
def test_so_far_with_a_bad_date_says_so_on_the_field(client_for, siden):
    response = client_for("programme_leader").get(SO_FAR, {"siden": siden})
    assert response.status_code == 200
    assert "siden" in response.context["form"].errors
    assert nb("Enter a valid date.") in response.content.decode()


def test_so_far_shows_a_page_at_a_time_grouped_by_arena_with_each_arenas_count(client_for):
    for day in range(1, 28):
        LessonFactory(arena="prosjektforum", date=datetime.date(2025, 3, day), title=f"P{day}")
    for day in range(1, 4):
        LessonFactory(arena="bydelsforum", date=datetime.date(2025, 3, day), title=f"B{day}")
    client = client_for("board_member")
    first = client.get(SO_FAR)
    assert first.context["count"] == 30
    assert [(a["arena"], a["count"], a["page"]) for a in first.context["arenas"]] == [
        ("bydelsforum", 3, 1),
        ("prosjektforum", 27, 1),
    ]
    groups = first.context["groups"]
    assert [(g["arena"], len(g["lessons"]), g["continued"]) for g in groups] == [
        ("bydelsforum", 3, False),
        ("prosjektforum", 22, False),
    ]
    # Newest first within each arena.
    assert [lesson.title for lesson in groups[0]["lessons"]] == ["B3", "B2", "B1"]
    assert groups[1]["lessons"][0].title == "P27"
    html = first.content.decode()
    assert "page=2" in html
    second = client.get(SO_FAR, {"page": 2})
    groups = second.context["groups"]
    assert [(g["arena"], len(g["lessons"]), g["continued"]) for g in groups] == [
        ("prosjektforum", 5, True),
    ]
    assert [lesson.title for lesson in groups[0]["lessons"]] == ["P5", "P4", "P3", "P2", "P1"]
    assert nb("(continued)") in second.content.decode()


def test_so_far_keeps_the_chosen_date_in_its_page_links(client_for):
    LessonFactory.create_batch(26, date=datetime.date(2025, 5, 1))
    response = client_for("board_member").get(SO_FAR, {"siden": "2025-04-01"})
    html = response.content.decode()
    assert "siden=2025-04-01&amp;page=2" in html


def test_so_fars_query_count_does_not_grow_with_the_lessons(
    client_for, people, django_assert_num_queries
):
    DecidedSubmissionFactory(meeting_date=datetime.date(2025, 1, 10))
    client = client_for("change_leader")

    def add(lessons: int, arena: str) -> None:
        LessonFactory.create_batch(
            lessons,
            arena=arena,
            date=datetime.date(2025, 2, 1),
            unit=people["change_leader"].unit,
            area=Area.objects.first(),
            project=ProjectFactory(),
        )

    add(2, "bydelsforum")
    with CaptureQueriesContext(connection) as few:
        assert client.get(SO_FAR).status_code == 200
    add(40, "prosjektforum")
    add(10, "annet")
    with django_assert_num_queries(len(few)):
        response = client.get(SO_FAR)
    assert response.context["count"] == 52
    assert sum(len(group["lessons"]) for group in response.context["groups"]) == 25


def test_choosing_filters_adds_no_queries_and_a_search_highlights_in_the_pages_query(
    client_for, people, django_assert_num_queries
):
    unit = people["change_leader"].unit
    area = Area.objects.first()
    LessonFactory.create_batch(
        3, arena="bydelsforum", unit=unit, area=area, what_happened="Vi åpnet møteplassene."
    )
    client = client_for("programme_leader")
    with CaptureQueriesContext(connection) as plain:
        assert client.get(LIST).status_code == 200
    params = {"arena": "bydelsforum", "unit": unit.pk, "area": area.pk, "q": "møteplass"}
    with django_assert_num_queries(len(plain)):
        response = client.get(LIST, params)
    assert response.context["form"].is_valid()
    assert response.context["page"].paginator.count == 3
    assert response.content.decode().count("<mark>møteplassene</mark>") == 3
