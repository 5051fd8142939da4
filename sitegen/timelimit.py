"""A time limit on one call, in whatever thread makes it.

No input may make a build hang (DESIGN.md), yet extraction runs many rules over each
article's parse, and one rule that loops on one sentence would stop the whole dossier.
`signal.alarm` works only in the main thread, and builds also run in others (the
preview rebuilds from its own loop; tests build from threads). So a watchdog timer
raises an exception inside the thread that makes the call, with
`PyThreadState_SetAsyncExc`. The exception derives from BaseException, so that no
rule's `except Exception` can swallow it.

A lock makes the timer and the end of the call exclusive: once the call has returned,
the timer cannot fire, and an exception it set that was not delivered yet is cleared,
so it never lands in the caller's code after the limit is lifted. The exception is
delivered between two Python instructions: a call stuck inside one C function (one
regular expression, one spaCy parse) stops only when that function returns.
"""
from __future__ import annotations

import ctypes
import threading
from contextlib import contextmanager
from typing import Iterator


class TimeLimitExceeded(BaseException):
    """The call under `time_limit` ran past its limit (raised in its own thread)."""


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    """Set (or, with None, clear) the exception the thread raises at its next instruction."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exc) if exc is not None else None)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded in the current thread if the block runs longer than
    seconds. Catch it outside the `with`: it may also come out of the block's exit."""
    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"armed": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["armed"]:
                state["fired"] = True
                _raise_in(thread_id, TimeLimitExceeded)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["armed"] = False
            if state["fired"]:
                _raise_in(thread_id, None)     # fired as the block ended: not delivered yet, or moot
        timer.cancel()
