"""The benchmark harness counts a page's queries without the idle-timeout middleware's
once-a-minute session write (which made the measurements XLSX export count 7 queries at
scale 1 and 4 at scale 0.1: a slow request had crossed the minute)."""

import time

import pytest
from django.urls import reverse

from core.benchmarking import measure

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_counted_request_does_not_write_the_session(client_for, monkeypatch):
    client = client_for("programme_leader")
    url = reverse("benefits:measurements_export", args=["csv"])
    fast = measure(client, url, requests=1)
    # Each request now «takes» 40 seconds: the second warm-up writes the session's last
    # activity, and without the harness refreshing it the counted request (80 seconds
    # later) would write it again (BEGIN, UPDATE django_session, COMMIT).
    slow_client = client_for("programme_leader")
    real, offset = time.time, {"s": 0}
    monkeypatch.setattr(time, "time", lambda: real() + offset["s"])
    get = slow_client.get

    def slow_get(*args, **kwargs):
        offset["s"] += 40
        return get(*args, **kwargs)

    monkeypatch.setattr(slow_client, "get", slow_get)
    slow = measure(slow_client, url, requests=1)
    assert fast.status == slow.status == 200
    # The same count as the quick requests' (without the refresh: three more).
    assert slow.queries == fast.queries
