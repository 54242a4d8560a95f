"""The benefits register's services, status rule and permissions."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Unit
from benefits import permissions
from benefits.models import Baseline, Benefit, BenefitEvent, Indicator, Measurement, Target
from benefits.services import benefits as services
from benefits.services.status import indicator_status
from core.exceptions import TransitionRefused
from portfolio.models import Goal
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def benefit(people):
    project = ProjectFactory(
        owner_unit=people["change_leader"].unit,
        project_leader=people["project_leader"],
        created_by=people["programme_leader"],
    )
    return services.benefit_create(
        by=people["change_leader"],
        title="Økt opplevd trygghet i Lademoen",
        description="Flere beboere føler seg trygge i nabolaget.",
        dfo_class=Benefit.DfoClass.QUALITY,
        goal=Goal.objects.first(),
        owner_unit=people["change_leader"].unit,
        contributions=[(project, "direkte")],
    )


def _indicator(benefit, **extra):
    fields = {"name": "Andel som føler seg trygge", "unit": "prosent", "direction": "opp"}
    fields.update(extra)
    return Indicator.objects.create(benefit=benefit, **fields)


def test_creating_records_the_event_and_the_history(benefit, people):
    assert benefit.status == Benefit.Status.IDENTIFIED
    assert benefit.events.get().kind == BenefitEvent.Kind.CREATED
    assert benefit.history.count() == 1
    assert benefit.contributions.get().kind == "direkte"


def test_the_lifecycle_goes_step_by_step_to_ordinary_operations(benefit, people):
    by = people["change_leader"]
    with pytest.raises(TransitionRefused):
        services.benefit_realise(benefit=benefit, by=by)
    services.benefit_plan(benefit=benefit, by=by)
    services.benefit_start_realisation(benefit=benefit, by=by)
    services.benefit_realise(benefit=benefit, by=by)
    services.benefit_hand_over(
        benefit=benefit,
        by=by,
        receiving_unit=by.unit,
        hop_reference="HØP 2027 linje 4.2",
        handed_over_on=datetime.date.today(),
        follow_up="Enheten måler andelen hvert år.",
    )
    benefit.refresh_from_db()
    assert benefit.status == Benefit.Status.HANDED_OVER
    assert benefit.hop_reference == "HØP 2027 linje 4.2"
    assert benefit.receiving_unit == by.unit
    statuses = [e.to_status for e in benefit.events.filter(kind="status").order_by("at", "pk")]
    assert statuses == ["planlagt", "under_realisering", "realisert", "overfort_til_drift"]


def test_not_realised_needs_a_reason(benefit, people):
    with pytest.raises(ValidationError):
        services.benefit_abandon(benefit=benefit, by=people["change_leader"], reason=" ")
    services.benefit_abandon(benefit=benefit, by=people["change_leader"], reason="Tiltaket stanset")
    assert benefit.status == Benefit.Status.NOT_REALISED
    assert benefit.not_realised_reason == "Tiltaket stanset"


def test_the_board_sets_a_priority_from_1_to_5(benefit, people):
    with pytest.raises(ValidationError):
        services.benefit_set_priority(benefit=benefit, by=people["board_member"], priority=7)
    services.benefit_set_priority(benefit=benefit, by=people["board_member"], priority=2)
    benefit.refresh_from_db()
    assert benefit.priority == 2


def test_a_scale_value_of_7_is_refused_with_a_clear_message(benefit, people):
    indicator = _indicator(benefit, unit="skala")
    with pytest.raises(ValidationError) as refused:
        services.measurement_record(
            indicator=indicator, by=people["change_leader"], period_end=D(2025, 6, 30), value=7
        )
    assert "7" in str(refused.value.message_dict["value"])


def test_a_measurement_in_the_future_or_twice_for_a_period_is_refused(benefit, people):
    indicator = _indicator(benefit)
    by = people["change_leader"]
    with pytest.raises(ValidationError):
        services.measurement_record(indicator=indicator, by=by, period_end=D(2099, 1, 1), value=5)
    services.measurement_record(indicator=indicator, by=by, period_end=D(2025, 6, 30), value=5)
    with pytest.raises(ValidationError):
        services.measurement_record(indicator=indicator, by=by, period_end=D(2025, 6, 30), value=6)


def test_a_baseline_after_its_target_date_is_refused(benefit):
    indicator = _indicator(benefit)
    Target.objects.create(indicator=indicator, value=70, target_date=D(2024, 12, 31))
    baseline = Baseline(indicator=indicator, value=50, measured_on=D(2025, 3, 1), source="Analyse")
    with pytest.raises(ValidationError) as refused:
        baseline.full_clean()
    assert "measured_on" in refused.value.message_dict


def test_a_project_leaders_measurement_awaits_the_change_leaders_approval(benefit, people):
    indicator = _indicator(benefit)
    leader = people["project_leader"]
    assert permissions.can_record_measurement(leader, indicator)
    assert permissions.measurement_awaits_approval(leader, indicator)
    measurement = services.measurement_record(
        indicator=indicator, by=leader, period_end=D(2025, 6, 30), value=60, awaiting=True
    )
    assert measurement.state == Measurement.State.AWAITING
    assert indicator_status(indicator) is None  # only approved measurements count
    services.measurement_approve(measurement=measurement, by=people["change_leader"])
    measurement.refresh_from_db()
    assert measurement.state == Measurement.State.APPROVED
    with pytest.raises(TransitionRefused):
        services.measurement_approve(measurement=measurement, by=people["change_leader"])


@pytest.mark.parametrize(
    ("direction", "latest", "expected"),
    [
        ("opp", 59, "paa_sporet"),  # half-way in time, 9 of the expected 10 points
        ("opp", 56, "risiko"),
        ("opp", 52, "utenfor_sporet"),
        ("ned", 52, "utenfor_sporet"),
    ],
)
def test_the_status_rule_follows_the_straight_line_to_the_target(
    benefit, people, direction, latest, expected
):
    target_value = 70 if direction == "opp" else 30
    indicator = _indicator(benefit, direction=direction)
    Baseline.objects.create(indicator=indicator, value=50, measured_on=D(2022, 1, 1), source="2022")
    Target.objects.create(indicator=indicator, value=target_value, target_date=D(2026, 1, 1))
    services.measurement_record(
        indicator=indicator, by=people["change_leader"], period_end=D(2024, 1, 1), value=latest
    )
    assert indicator_status(indicator) == expected


def test_a_qualitative_indicator_takes_the_owners_judgement(benefit):
    indicator = _indicator(benefit, unit="tekst", owner_judgement="risiko")
    assert indicator_status(indicator) == "risiko"


def test_only_the_owning_units_change_leader_edits_and_the_board_sets_priority(benefit, people):
    assert permissions.can_edit_benefit(people["change_leader"], benefit)
    assert permissions.can_edit_benefit(people["programme_leader"], benefit)
    assert not permissions.can_edit_benefit(people["board_member"], benefit)
    assert permissions.can_set_priority(people["board_member"], benefit)
    assert not permissions.can_view_benefits(people["outsider"])
    benefit.owner_unit = Unit.objects.create(name="En annen enhet")
    benefit.save()
    assert not permissions.can_edit_benefit(people["change_leader"], benefit)


def test_every_model_of_the_register_keeps_its_history():
    """History on every model (issue 11, Build 1). The one exception is the reminder log,
    which is itself a record of what was sent (one row per indicator and period, never
    changed)."""
    from django.apps import apps
    from simple_history.models import HistoricalChanges

    models = [
        model
        for model in apps.get_app_config("benefits").get_models()
        if not issubclass(model, HistoricalChanges) and not model._meta.auto_created
    ]
    without = sorted(
        model.__name__
        for model in models
        if not hasattr(model._meta, "simple_history_manager_attribute")
    )
    assert without == ["MeasurementReminder"]
    assert len(models) >= 10
