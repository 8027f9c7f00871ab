"""Background tasks report back on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QProgressBar

from tests.gui.conftest import drain_tasks
from xkld_desktop.ui.tasks import run_task, show_progress, user_message


def test_result_arrives_on_the_gui_thread(qtbot) -> None:
    worker_threads: list[threading.Thread] = []
    results: list[tuple[int, threading.Thread]] = []

    def work() -> int:
        worker_threads.append(threading.current_thread())
        return 42

    run_task(work, on_success=lambda r: results.append((r, threading.current_thread())))
    drain_tasks(qtbot)
    assert results == [(42, threading.main_thread())]
    assert worker_threads != [threading.main_thread()]


def test_errors_and_progress_arrive_on_the_gui_thread(qtbot) -> None:
    errors: list[BaseException] = []
    steps: list[tuple[int, int]] = []

    def work(progress) -> None:
        progress(1, 2)
        progress(2, 2)
        raise RuntimeError("hỏng")

    run_task(work, with_progress=True, on_error=errors.append, on_progress=lambda *a: steps.append(a))
    drain_tasks(qtbot)
    assert steps == [(1, 2), (2, 2)]
    assert [str(e) for e in errors] == ["hỏng"]


def test_callbacks_are_skipped_when_the_asker_is_gone(qtbot) -> None:
    context = QObject()
    called: list[object] = []
    gate = threading.Event()

    def work() -> int:
        gate.wait(10)
        return 1

    run_task(work, context=context, on_success=called.append)
    context.deleteLater()
    qtbot.waitUntil(lambda: not _alive(context))
    gate.set()
    drain_tasks(qtbot)
    assert called == []


def _alive(obj: QObject) -> bool:
    from shiboken6 import isValid

    return isValid(obj)


def test_user_message_recognises_store_errors_only() -> None:
    from xkld_desktop.store.errors import DatabaseEnvironmentError, EnvironmentKind

    assert user_message(DatabaseEnvironmentError(EnvironmentKind.LOCKED)).startswith("Cơ sở dữ liệu đang bị")
    assert user_message(ValueError("x")) is None


def test_show_progress_puts_a_tasks_steps_on_a_bar(qtbot) -> None:
    bar = QProgressBar()
    qtbot.addWidget(bar)
    show_progress(bar, 300, 1000)
    assert (bar.minimum(), bar.maximum(), bar.value()) == (0, 1000, 300)
    show_progress(bar, 12, 10)  # never past the end
    assert (bar.maximum(), bar.value()) == (10, 10)
    show_progress(bar, 0, 0)  # nothing to do: a bar, not a busy indicator
    assert (bar.maximum(), bar.value()) == (1, 0)
    # the bytes of a backup of a 3 GB database: past Qt's 32-bit range, shown in thousandths
    show_progress(bar, 1_500_000_000, 3_000_000_000)
    assert (bar.maximum(), bar.value()) == (1000, 500)
