"""Cleaning up after Ctrl-C without being interrupted again, and switching a run's reports in whole.

A terminal sends SIGINT to the whole process group at every Ctrl-C, and users press it twice. A second
KeyboardInterrupt in the middle of the clean-up left a temporary report file behind or a worker process
alive (which the interpreter then waits for at exit, forever). The clean-up is short: it runs with SIGINT
ignored, then the first interruption goes on as before.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def uninterrupted() -> Iterator[None]:
    """SIGINT ignored inside (in the main thread, the only one Python delivers signals to)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def held_back() -> Iterator[None]:
    """Ctrl-C and SIGTERM received inside are acted on when it ends, not in the middle: the few renames that
    switch a run's reports in (results.json, the pages, the dashboard) happen all or not at all. Ignoring
    them instead (``uninterrupted``) would lose a stop asked for during a long dashboard render."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, frame: received.append(signum))
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if received:
            signal.raise_signal(received[0])
