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


def test_the_demo_links_risks_to_the_benefits_they_threaten_and_both_pages_show_it(
    people, client_for
):
    from benefits.models import Benefit, Indicator
    from benefits.services import benefits as benefit_services
    from portfolio.models import Goal

    leader = people["programme_leader"]
    park = benefit_services.benefit_create(
        by=people["change_leader"],
        title="Flere trygge og inviterende uterom på Møllenberg",
        description="Uterommene brukes av flere aldersgrupper gjennom hele året.",
        dfo_class=Benefit.DfoClass.QUALITY,
        goal=Goal.objects.first(),
        owner_unit=people["change_leader"].unit,
    )
    users = Indicator.objects.create(
        benefit=park,
        name="Brukere av uterommene en vanlig ettermiddag",
        unit="antall",
        direction="opp",
    )
    generate_risks(leader=leader, owners=[leader], board=people["board_member"])
    linked = Risk.objects.filter(benefit=park).order_by("pk")
    assert linked.count() == 2  # the park risk in the programme's register and again in an area
    risk = linked.first()
    assert risk.title.startswith("Oppgradert park gir ikke mer bruk")
    assert risk.indicator == users and risk.goal == park.goal
    assert not Risk.objects.filter(benefit__isnull=False).exclude(benefit=park).exists()
    client = client_for("programme_leader")
    page = client.get(risk.get_absolute_url()).content.decode()
    assert park.get_absolute_url() in page and users.name in page
    page = client.get(park.get_absolute_url()).content.decode()
    assert risk.get_absolute_url() in page
