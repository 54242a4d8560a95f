"""The portfolio's forms as issue 9 found them (items 18 and 25): the status report's RAG
radios had Django's English blank choice, pre-selected, and the board's decision form
answered an empty post with «Feltet er påkrevet.» three times without naming the fields."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from portfolio.forms.plans import DecisionForm
from portfolio.forms.projects import StatusReportForm
from tests.portfolio.factories_plans import portfolio_project, submitted_plan
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db

GENERIC = {"Dette feltet er påkrevd.", "Feltet er påkrevet.", "This field is required."}
DECIDE = reverse("portfolio:submission_decide", args=[2027, 1])


def _named(template: str, label: str) -> str:
    label = nb(label)
    return nb(template).format(label=label[:1].lower() + label[1:])


def test_the_status_reports_rag_radios_have_no_blank_choice_and_nothing_is_chosen():
    form = StatusReportForm()
    values = [value for value, _label in form.fields["rag"].choices]
    assert "" not in values
    with translation.override("nb"):
        html = str(form["rag"])
    assert "checked" not in html
    assert "Select an option" not in html and "---" not in html
    assert len(re.findall(r'type="radio"', html)) == len(values)


def test_the_boards_decision_form_names_each_missing_field():
    with translation.override("nb"):
        form = DecisionForm({})
        assert not form.is_valid()
        errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
    assert errors == {
        "decision": [_named("Choose {label}.", "The board's decision")],
        "meeting_date": [_named("Fill in {label}.", "Meeting date")],
        "decision_text": [_named("Fill in {label}.", "Decision text")],
    }
    assert not GENERIC & {m for messages in errors.values() for m in messages}


def test_an_empty_decision_posted_lists_the_named_fields_in_the_summary(client_for, people):
    submitted_plan([portfolio_project(title="Gatetun")], by=people["programme_leader"])
    response = client_for("board_member").post(DECIDE, {})
    assert response.status_code == 400
    html = response.content.decode()
    summary = html[html.index("<ds-error-summary") : html.index("</ds-error-summary>")]
    for template, label, field in [
        ("Choose {label}.", "The board's decision", "id_decision_0"),
        ("Fill in {label}.", "Meeting date", "id_meeting_date"),
        ("Fill in {label}.", "Decision text", "id_decision_text"),
    ]:
        assert f'<a href="#{field}">{_named(template, label)}</a>' in summary
    assert not any(message in summary for message in GENERIC)


def test_an_empty_status_report_names_the_status_on_the_field(client_for, people):
    project = portfolio_project(title="Gatetun")
    url = reverse("portfolio:status_report_create", args=[project.pk])
    leader = client_for("programme_leader")
    page = leader.get(url).content.decode()
    assert "checked" not in page[page.index('name="rag"') - 400 : page.rindex('name="rag"') + 200]
    response = leader.post(url, {"date": "2026-11-01", "summary": "Godt i gang."})
    assert response.status_code == 400
    assert _named("Choose {label}.", "status") in response.content.decode()
