"""Running long work off the UI thread: one helper, results back on the main thread.

:class:`TaskRunner` runs a callable on a ``QThreadPool`` and delivers its result or its
exception to callbacks on the main thread through a queued signal. Callables must not
touch widgets; to report progress they call a :class:`ProgressRelay`, which forwards to the
main thread with a signal and answers "carry on?" from a thread-safe cancel flag.
:class:`InlineTaskRunner` runs the same jobs at once in the calling thread, for tests.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

ResultCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


class _Delivery(QObject):
    """Lives on the main thread; the worker emits into it and the slots run there."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        on_result: ResultCallback,
        on_error: ErrorCallback,
        on_done: Callable[[_Delivery], None],
    ) -> None:
        super().__init__()
        self._on_result = on_result
        self._on_error = on_error
        self._on_done = on_done
        self.succeeded.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)

    @Slot(object)
    def _deliver_result(self, result: object) -> None:
        try:
            self._on_result(result)
        finally:
            self._on_done(self)

    @Slot(object)
    def _deliver_error(self, error: object) -> None:
        try:
            assert isinstance(error, BaseException)
            self._on_error(error)
        finally:
            self._on_done(self)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], object], delivery: _Delivery) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it; dropped once the result is delivered
        self._fn = fn
        self._delivery = delivery

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # delivered to the caller, who decides how to show it
            self._delivery.failed.emit(exc)
        else:
            self._delivery.succeeded.emit(result)


class TaskRunner:
    """Runs callables on a thread pool; callbacks run on the main thread."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self._pool = pool or QThreadPool.globalInstance()
        self._running: dict[_Delivery, _Job] = {}

    def run(
        self, fn: Callable[[], object], on_result: ResultCallback, on_error: ErrorCallback
    ) -> None:
        delivery = _Delivery(on_result, on_error, self._finished)
        job = _Job(fn, delivery)
        self._running[delivery] = job
        self._pool.start(job)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every job has finished (their results are still to be delivered)."""
        return self._pool.waitForDone(msecs)

    def _finished(self, delivery: _Delivery) -> None:
        self._running.pop(delivery, None)
        delivery.deleteLater()


class InlineTaskRunner(TaskRunner):
    """Runs each job at once in the calling thread: deterministic tests."""

    def __init__(self) -> None:
        self._running = {}

    def run(
        self, fn: Callable[[], object], on_result: ResultCallback, on_error: ErrorCallback
    ) -> None:
        try:
            result = fn()
        except Exception as exc:
            on_error(exc)
        else:
            on_result(result)

    def wait(self, msecs: int = -1) -> bool:
        return True


class ProgressRelay(QObject):
    """A progress callback for a worker: ``relay(done, total) -> carry on?``.

    Safe to call from any thread: it only emits a signal (queued to the main thread when
    called from a worker) and reads a ``threading.Event``.
    """

    progressed = Signal(int, int)

    def __init__(self) -> None:
        super().__init__()
        self._cancelled = threading.Event()

    def __call__(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._cancelled.is_set()

    @Slot()
    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()
