"""Rate limits count over a sliding hour, not per clock hour, and let people through when the cache is down."""

import pytest

from privacydesk.core.ratelimit import hit

HOUR = 3600
TOP_OF_THE_HOUR = 1_790_000_000 - 1_790_000_000 % HOUR  # a turn of the clock hour


def hits(count: int, *, at: float, limit: int = 10, key: str = "192.0.2.1") -> list[bool]:
    return [hit("test", key, limit=limit, now=at) for _ in range(count)]


def test_the_limit_holds_across_the_turn_of_the_hour():
    """Fixed windows let 10 through at 10:59 and 10 more at 11:01: twice the limit within two minutes."""
    assert hits(10, at=TOP_OF_THE_HOUR - 60) == [True] * 10
    assert hits(1, at=TOP_OF_THE_HOUR + 60) == [False]


def test_the_earlier_hits_count_less_as_they_slide_out_of_the_hour():
    assert all(hits(10, at=TOP_OF_THE_HOUR - 60))
    # Half an hour on, half of the previous hour's hits are still inside the last hour: 5 more get through.
    assert hits(6, at=TOP_OF_THE_HOUR + HOUR / 2) == [True] * 5 + [False]
    # At the next turn of the hour the first ten are out of the window, this hour's five still in it.
    assert hits(6, at=TOP_OF_THE_HOUR + HOUR) == [True] * 5 + [False]


def test_a_refused_hit_does_not_count_against_the_next_hour():
    assert all(hits(10, at=TOP_OF_THE_HOUR + 10))
    assert not any(hits(50, at=TOP_OF_THE_HOUR + 20))  # someone keeps trying
    # 54 minutes into the next hour a tenth of the ten hits are still inside the last hour.
    assert hits(10, at=TOP_OF_THE_HOUR + HOUR + 0.9 * HOUR) == [True] * 9 + [False]


def test_each_key_has_its_own_budget_and_zero_means_no_limit():
    assert all(hits(10, at=TOP_OF_THE_HOUR, key="192.0.2.1"))
    assert hits(1, at=TOP_OF_THE_HOUR, key="192.0.2.2") == [True]
    assert all(hits(100, at=TOP_OF_THE_HOUR, limit=0))


@pytest.fixture
def unreachable_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }


def test_a_cache_outage_lets_everyone_through_with_a_warning(unreachable_cache, caplog):
    assert hits(20, at=TOP_OF_THE_HOUR, limit=1) == [True] * 20
    assert "the cache cannot be reached; not limiting" in caplog.text
