"""TokenBucket: the rate limit of the public forms, kept in the database."""

from datetime import timedelta

import pytest
from django.utils import timezone

from netwerk import models
from netwerk.models import TokenBucket

pytestmark = pytest.mark.django_db

IP = "192.0.2.44"


@pytest.fixture
def clock(monkeypatch):
    """A controllable ``timezone.now`` as netwerk.models sees it."""

    class Clock:
        now = timezone.now()

        def advance(self, **kwargs):
            self.now += timedelta(**kwargs)

    clock = Clock()
    monkeypatch.setattr(models.timezone, "now", lambda: clock.now)
    return clock


def test_allows_a_burst_of_capacity_then_refuses(clock):
    results = [TokenBucket.authorize("form", IP, capacity=3, per_seconds=3600) for _ in range(4)]
    assert results == [True, True, True, False]


def test_refills_over_time(clock):
    for _ in range(5):
        assert TokenBucket.authorize("form", IP, capacity=5, per_seconds=3600)
    assert not TokenBucket.authorize("form", IP, capacity=5, per_seconds=3600)
    # 5 an hour: one token back after 12 minutes, not before.
    clock.advance(minutes=11)
    assert not TokenBucket.authorize("form", IP, capacity=5, per_seconds=3600)
    clock.advance(minutes=1, seconds=1)
    assert TokenBucket.authorize("form", IP, capacity=5, per_seconds=3600)
    assert not TokenBucket.authorize("form", IP, capacity=5, per_seconds=3600)


def test_refill_stops_at_capacity(clock):
    assert TokenBucket.authorize("form", IP, capacity=2, per_seconds=60)
    clock.advance(days=30)
    results = [TokenBucket.authorize("form", IP, capacity=2, per_seconds=60) for _ in range(3)]
    assert results == [True, True, False]


def test_refused_attempts_keep_the_partial_refill(clock):
    assert TokenBucket.authorize("form", IP, capacity=1, per_seconds=100)
    clock.advance(seconds=50)
    assert not TokenBucket.authorize("form", IP, capacity=1, per_seconds=100)
    clock.advance(seconds=51)
    assert TokenBucket.authorize("form", IP, capacity=1, per_seconds=100)


def test_buckets_are_per_kind_and_per_address(clock):
    assert TokenBucket.authorize("form", IP, capacity=1, per_seconds=3600)
    assert not TokenBucket.authorize("form", IP, capacity=1, per_seconds=3600)
    assert TokenBucket.authorize("other-form", IP, capacity=1, per_seconds=3600)
    assert TokenBucket.authorize("form", "198.51.100.9", capacity=1, per_seconds=3600)


def test_stores_a_keyed_hash_not_the_address(clock):
    TokenBucket.authorize("form", IP, capacity=5, per_seconds=3600)
    bucket = TokenBucket.objects.get()
    assert IP not in bucket.key
    assert bucket.key.startswith("form:")
    assert bucket.tokens == pytest.approx(4)
