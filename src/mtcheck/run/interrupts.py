"""Cleaning up after Ctrl-C without being interrupted again.

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
