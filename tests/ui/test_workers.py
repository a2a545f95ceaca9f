"""The one helper for work off the UI thread: results and errors come back on the main
thread, progress is relayed by signal, cancel is a flag the worker reads."""

from __future__ import annotations

import threading

import pytest

from tracker.errors import TrackerError
from tracker.ui.workers import InlineTaskRunner, ProgressRelay, TaskRunner


def test_a_job_runs_on_a_worker_and_its_result_arrives_on_the_main_thread(qtbot) -> None:
    runner = TaskRunner()
    seen: dict[str, object] = {}

    def job() -> int:
        seen["job_thread"] = threading.current_thread()
        return 42

    def done(result: object) -> None:
        seen["result"] = result
        seen["callback_thread"] = threading.current_thread()

    runner.run(job, done, lambda error: pytest.fail(str(error)))
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["job_thread"] is not threading.main_thread()
    assert seen["callback_thread"] is threading.main_thread()
    assert not runner.busy


def test_an_exception_is_delivered_to_the_error_callback(qtbot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []

    def job() -> None:
        raise TrackerError("the file is locked")

    runner.run(job, lambda _r: pytest.fail("no result expected"), errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], TrackerError) and str(errors[0]) == "the file is locked"


def test_progress_is_relayed_and_cancel_is_honoured(qtbot) -> None:
    runner = TaskRunner()
    relay = ProgressRelay()
    reports: list[tuple[int, int]] = []
    relay.progressed.connect(lambda done, total: reports.append((done, total)))
    answers: list[bool] = []
    results: list[object] = []

    def job() -> str:
        answers.append(relay(1, 3))
        relay.cancel()
        answers.append(relay(2, 3))
        return "stopped"

    runner.run(job, results.append, lambda error: pytest.fail(str(error)))
    qtbot.waitUntil(lambda: bool(results))
    qtbot.waitUntil(lambda: len(reports) == 2)
    assert reports == [(1, 3), (2, 3)]
    assert answers == [True, False]
    assert relay.cancelled


def test_the_inline_runner_runs_at_once() -> None:
    runner = InlineTaskRunner()
    results: list[object] = []
    errors: list[BaseException] = []
    runner.run(lambda: "now", results.append, errors.append)
    runner.run(lambda: 1 / 0, results.append, errors.append)
    assert results == ["now"]
    assert isinstance(errors[0], ZeroDivisionError)
    assert runner.wait()
