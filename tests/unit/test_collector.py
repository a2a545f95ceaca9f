"""The collector pause around bulk work never leaves the collector off."""

from __future__ import annotations

import gc

import pytest

from tracker.collector import collector_paused


def test_pause_stops_the_collector_and_starts_it_again() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_pauses_restart_it_only_at_the_outermost() -> None:
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer bulk work is still going on
    assert gc.isenabled()


def test_a_failure_inside_still_restarts_it() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("bad row")
    assert gc.isenabled()


def test_overlapping_pauses_never_leave_it_off() -> None:
    # Two threads' bulk work overlapping, the first finishing first.
    first, second = collector_paused(), collector_paused()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    second.__exit__(None, None, None)
    assert gc.isenabled()
