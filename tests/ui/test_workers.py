"""The thread-pool helper: work off the main thread, answers on it."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from paddock.ui.workers import TaskRunner


def test_work_runs_on_a_pool_thread_and_answers_on_the_main_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    main = threading.get_ident()
    seen: dict[str, int | str] = {}

    def work() -> str:
        seen["work_thread"] = threading.get_ident()
        return "done"

    def success(result: str) -> None:
        seen["result"] = result
        seen["callback_thread"] = threading.get_ident()

    with qtbot.waitSignal(runner.busy_changed, timeout=5_000,
                          check_params_cb=lambda busy: busy is False):
        runner.run(work, on_success=success, on_failure=lambda e: seen.update(error=str(e)))

    assert seen["result"] == "done"
    assert seen["work_thread"] != main
    assert seen["callback_thread"] == main
    assert not runner.busy


def test_an_exception_in_the_work_reaches_the_failure_callback(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []

    def work() -> None:
        raise ValueError("disk full")

    with qtbot.waitSignal(runner.busy_changed, timeout=5_000,
                          check_params_cb=lambda busy: busy is False):
        runner.run(work, on_success=lambda _r: None, on_failure=errors.append)

    assert [str(e) for e in errors] == ["disk full"]
