"""Python's cyclic garbage collector, paused while a stage builds many objects it keeps.

The collector walks every live object each time enough new ones are made. A stage that
builds hundreds of thousands of objects and keeps them to its end (extractions read
from the cache, actors and events being resolved, the pages' contexts) spent a quarter
to a third of its time in those walks on a dossier of 1,000 articles, and more as the
dossier grows. Inside `paused()` objects are still freed by reference counting; cycles
wait for the collector, which runs again after the stage.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused():
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
