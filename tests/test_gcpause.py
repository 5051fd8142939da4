"""The collector is paused inside a stage and back as it was after, even on an error."""
from __future__ import annotations

import gc

import pytest

from sitegen import gcpause


def test_the_collector_is_paused_then_restored_even_after_an_error():
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with gcpause.paused():
            assert not gc.isenabled()
            raise ValueError("a stage failed")
    assert gc.isenabled()


def test_a_pause_inside_a_pause_does_not_resume_the_collector_early():
    with gcpause.paused():
        with gcpause.paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
