import pytest
from django.utils import timezone

from risk.generate import generate_risks
from risk.models import Acceptance, Action, Risk, RosArea, Snapshot

pytestmark = pytest.mark.django_db


def test_the_demo_data_is_plausible_and_made_once(people):
    leader = people["programme_leader"]
    made = generate_risks(
        leader=leader, owners=[leader, people["change_leader"]], board=people["board_member"]
    )
    assert made == Risk.objects.count() == 30
    assert set(Risk.objects.values_list("ros_area__name", flat=True)) == set(
        RosArea.objects.values_list("name", flat=True)
    )
    assert Risk.objects.filter(kind="opportunity").exists()
    assert Action.objects.exists() and Acceptance.objects.count() == 1
    assert Risk.objects.filter(next_review_on__lt=timezone.localdate()).count() == 1
    assert Snapshot.objects.count() == 2
    assert generate_risks(leader=leader, owners=[leader], board=leader) == 0
