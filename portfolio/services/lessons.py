"""Lessons learned (lærdommer): log one, correct it, move it through its statuses, find it
again by full-text search in Norwegian, and gather «lærdommer så langt» for the board.

Search uses PostgreSQL's `norwegian` text-search configuration, so «møteplass» also finds
«møteplassene». The highlighted snippets come from `ts_headline`, which returns the stored
text as it is; `highlight()` escapes it before it marks the matches, so user text can never
become markup.
"""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Count, F, IntegerField, QuerySet, TextField, Value, When
from django.db.models.functions import Coalesce, Concat, TruncDate
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from core.exceptions import TransitionRefused
from portfolio.models import Lesson, PlanSubmission
from portfolio.models.lessons import SEARCH_CONFIG

# Fields a person logging or correcting a lesson may set. Author and status are not among
# them: the author is whoever logs it, and the status moves through `lesson_set_status`.
EDITABLE_FIELDS = {
    "title",
    "what_happened",
    "learned",
    "recommendation",
    "project",
    "area",
    "unit",
    "goal",
    "level",
    "arena",
    "tags",
    "date",
}

# ts_headline marks matches with these; they cannot occur in text typed into a web form
# (control characters), so after escaping they are the only places a <mark> may go.
MARK_START = "\u0002"
MARK_STOP = "\u0003"


def _check_fields(fields: dict) -> None:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"These lesson fields cannot be set here: {sorted(unknown)}")


def _clean_tags(tags) -> list[str]:
    """Trimmed, without empty ones or repeats (case-insensitively), in the order given."""
    seen = set()
    cleaned = []
    for tag in tags or []:
        tag = str(tag).strip()
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            cleaned.append(tag)
    return cleaned


def _validate(lesson: Lesson) -> None:
    lesson.tags = _clean_tags(lesson.tags)
    lesson.full_clean()
    if lesson.date and lesson.date > timezone.localdate():
        raise ValidationError({"date": _("A lesson cannot be dated in the future.")})


@transaction.atomic
def lesson_create(*, by, **fields) -> Lesson:
    """Log a lesson learned; `by` is its author. The date defaults to today."""
    _check_fields(fields)
    fields.setdefault("date", timezone.localdate())
    lesson = Lesson(author=by, **fields)
    _validate(lesson)
    lesson._history_user = by
    lesson.save()
    return lesson


@transaction.atomic
def lesson_update(*, lesson: Lesson, by, **fields) -> Lesson:
    """Correct a lesson's text, links, tags or date."""
    _check_fields(fields)
    for name, value in fields.items():
        setattr(lesson, name, value)
    _validate(lesson)
    lesson._history_user = by
    lesson.save()
    return lesson


@transaction.atomic
def lesson_set_status(*, lesson: Lesson, by, status: str) -> Lesson:
    """Move a lesson to another status: new, considered, taken into ordinary operations.

    Any status may follow any other (an assessment can be corrected), but not itself.
    """
    if status not in Lesson.Status.values:
        raise ValidationError({"status": _("Choose one of the statuses in the list.")})
    if status == lesson.status:
        raise TransitionRefused({"status": _("The lesson already has this status.")})
    lesson.status = status
    lesson.full_clean()
    lesson._history_user = by
    lesson.save()
    return lesson


# --- Search -----------------------------------------------------------------------------


def _query(text: str) -> SearchQuery:
    return SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")


def search_lessons(queryset: QuerySet, text: str) -> QuerySet:
    """The lessons of `queryset` that match `text`, best match first.

    `text` is read as a web search («møteplass -park», «"fast aktivitet"», «a or b») in
    Norwegian. The filter, the count and the rank all read the stored, weighted
    `search_vector` (a hit in the title weighs more) through its GIN index. The highlighted
    snippets are not made here: `with_headlines` (in the page's query) or
    `add_highlights(page_of_lessons, text)` makes them for the rows shown only.
    """
    query = _query(text)
    return (
        queryset.filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", "-date", "-pk")
    )


def _body():
    return Concat(
        "what_happened",
        Value(" \n "),
        "learned",
        Value(" \n "),
        "recommendation",
        output_field=TextField(),
    )


def _headline_annotations(text: str) -> dict:
    query = _query(text)
    return {
        "title_headline": SearchHeadline(
            "title",
            query,
            config=SEARCH_CONFIG,
            start_sel=MARK_START,
            stop_sel=MARK_STOP,
            highlight_all=True,
        ),
        "body_headline": SearchHeadline(
            _body(),
            query,
            config=SEARCH_CONFIG,
            start_sel=MARK_START,
            stop_sel=MARK_STOP,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        ),
    }


def with_headlines(queryset: QuerySet, text: str) -> QuerySet:
    """`queryset` (e.g. `search_lessons(...)`) with the `ts_headline` of each lesson's title
    and body, for `add_highlights`, read in the same query as the rows.

    Sliced to a page (`[:25]`, as the paginator does), PostgreSQL makes the headlines only
    for the page's rows: `ts_headline` is costly (its cost is 100), so the planner computes
    it after the sort and the LIMIT, never for every match (`EXPLAIN VERBOSE` shows it in
    the node above the Limit)."""
    return queryset.annotate(**_headline_annotations(text))


def _headlines(ids: list[int], text: str) -> dict[int, tuple[str, str]]:
    """`ts_headline` of the title and the body of these lessons (one query)."""
    rows = (
        Lesson.objects.filter(pk__in=ids)
        .annotate(**_headline_annotations(text))
        .values_list("pk", "title_headline", "body_headline")
    )
    return {pk: (title, body) for pk, title, body in rows}


def highlight(raw: str) -> SafeString:
    """Safe HTML from a `ts_headline` result: the text escaped, the matches in <mark>."""
    escaped = escape(raw or "")
    # Only the two control characters (never part of escaped text) become markup.
    marked = escaped.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(marked)  # noqa: S308 - escaped above; only our own <mark> tags added


def add_highlights(lessons, text: str = "") -> list:
    """Give each lesson of a page `title_highlighted` and `snippet` (safe HTML): with a
    search `text`, the matches marked; without, the title. Lessons read `with_headlines`
    have them already; for others they take one query for the page."""
    lessons = list(lessons)
    missing = [lesson.pk for lesson in lessons if not hasattr(lesson, "title_headline")]
    headlines = _headlines(missing, text) if text and missing else {}
    for lesson in lessons:
        if text and hasattr(lesson, "title_headline"):
            title, body = lesson.title_headline, lesson.body_headline
        else:
            title, body = headlines.get(lesson.pk, (lesson.title, ""))
        lesson.title_highlighted = highlight(title)
        lesson.snippet = highlight(body)
    return lessons


# --- «Lærdommer så langt» ----------------------------------------------------------------


def last_board_decision_date(*, before=None):
    """The date of the programme board's most recent decision on an action plan: the
    meeting date, or the day the decision was recorded if no meeting date was given.
    With `before` (a moment), the most recent decision recorded before it. None if the
    board has not decided on anything (before then)."""
    decided = PlanSubmission.objects.exclude(decision="")
    if before is not None:
        decided = decided.filter(decided_at__lt=before)
    decided = (
        decided.annotate(decision_date=Coalesce("meeting_date", TruncDate("decided_at")))
        .exclude(decision_date=None)
        .order_by(F("decision_date").desc())
        .values_list("decision_date", flat=True)
    )
    return decided.first()


def lessons_so_far(*, since=None) -> QuerySet:
    """«Lærdommer så langt»: the lessons dated on or after `since`, newest first.

    `since` defaults to the date of the board's last decision (`last_board_decision_date`);
    if the board has never decided, every lesson. Every report to the board carries this
    item, and the annual report (årsrapport) reuses this query for its lessons, so keep it
    a plain queryset the caller can filter, group or count further.
    """
    if since is None:
        since = last_board_decision_date()
    lessons = Lesson.objects.select_related("unit", "area", "goal", "level", "project", "author")
    if since is not None:
        lessons = lessons.filter(date__gte=since)
    return lessons.order_by("-date", "-pk")


# The arenas in the order of their choices (district forum, project forum, other): the
# order «lærdommer så langt» shows its groups in.
ARENA_ORDER = Case(
    *(
        When(arena=value, then=Value(position))
        for position, value in enumerate(Lesson.Arena.values)
    ),
    default=Value(len(Lesson.Arena.values)),
    output_field=IntegerField(),
)


def lessons_so_far_by_arena(lessons: QuerySet) -> list[dict]:
    """How many of `lessons` (e.g. `lessons_so_far(...)`) each arena has, counted by the
    database in one grouped query: `[{"arena": value, "label": ..., "count": n,
    "first": position of its first lesson in `arena_ordered(lessons)`}]`, in the arenas'
    order, arenas without lessons left out."""
    counts = dict(lessons.order_by().values_list("arena").annotate(count=Count("pk")))
    groups, first = [], 0
    for value, label in Lesson.Arena.choices:
        count = counts.get(value, 0)
        if count:
            groups.append({"arena": value, "label": label, "count": count, "first": first})
            first += count
    return groups


def arena_ordered(lessons: QuerySet) -> QuerySet:
    """`lessons` by arena (in the arenas' order), newest first within each."""
    return lessons.order_by(ARENA_ORDER, "-date", "-pk")
