"""The worker plugin of a ``local:N`` cluster: Ctrl-C is for the client (imported only with Dask present).

Ctrl-C reaches the whole process group, and the worker processes of a ``LocalCluster`` are in it: each
printed a KeyboardInterrupt traceback while the client stopped the cluster. Their SIGINT is ignored, as
``--jobs`` workers ignore it; the client ends them (``Cluster.close``).
"""
from __future__ import annotations

import signal
import threading
from typing import Any

from distributed import WorkerPlugin


class IgnoreInterrupt(WorkerPlugin):
    name = "mtcheck-ignore-interrupt"

    def setup(self, worker: Any) -> None:
        if threading.current_thread() is threading.main_thread():  # a worker's loop runs in its main thread
            signal.signal(signal.SIGINT, signal.SIG_IGN)
