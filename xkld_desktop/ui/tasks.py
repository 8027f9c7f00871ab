"""Database work off the GUI thread: small background tasks with success and failure callbacks.

``run_task(fn, ...)`` runs ``fn`` on the program's database thread pool and calls
``on_success(result)`` or ``on_error(exception)`` back on the GUI thread (through queued
signals). With ``with_progress=True`` the function receives a ``progress`` callable as its
keyword argument ``progress``; each call reaches ``on_progress(*args)`` on the GUI thread.

The pool has one thread: SQLite takes one writer at a time, and tasks queue up in the order
they were started. A long read-only check (the start-up ``quick_check``) runs on a second
one-thread pool (``pool=check_pool()``), so that it never holds up what the user asked for; the
figures shown beside what the user asked (the overview's to-do lists and charts: a second or more
at 200,000 people) run on a third (``pool=figures_pool()``), so that a search typed as the program
opens does not wait behind them.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid

log = logging.getLogger(__name__)

_pools: dict[str, QThreadPool] = {}  # one thread each, made when first used
_running: set[Task] = set()


def _one_thread_pool(name: str) -> QThreadPool:
    pool = _pools.get(name)
    if pool is None:
        pool = _pools[name] = QThreadPool()
        pool.setMaxThreadCount(1)
    return pool


def database_pool() -> QThreadPool:
    """The thread pool database tasks run on (one thread)."""
    return _one_thread_pool("database")


def check_pool() -> QThreadPool:
    """A second one-thread pool for long read-only checks that must not wait for, or delay, the others."""
    return _one_thread_pool("check")


def figures_pool() -> QThreadPool:
    """A third one-thread pool for read-only figures nobody waits on at that moment (the overview's
    to-do lists and charts): what the user asks next runs beside them, not after them."""
    return _one_thread_pool("figures")


def upkeep_pool() -> QThreadPool:
    """A fourth one-thread pool for upkeep of the database file nobody waits for (the checkpoint of
    the write-ahead log after an import): the records' reads and writes go on beside it."""
    return _one_thread_pool("upkeep")


def checkpoint_in_background(engine: Any) -> None:
    """After a large write that left the write-ahead log to its caller (an import, its undo): the
    checkpoint on the upkeep thread (:func:`~xkld_desktop.services.database.checkpoint`)."""
    from ..services.database import checkpoint

    run_task(lambda: checkpoint(engine), pool=upkeep_pool())


class TaskSignals(QObject):
    """What a :class:`Task` reports; lives in the GUI thread, emitted from the worker.

    Signals: ``succeeded(result)``, ``failed(exception)``, ``progress(args tuple)``, and
    ``finished()`` after either of the first two.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    progress = Signal(object)
    finished = Signal()


class Task(QRunnable):
    """One call of a function on the database pool (see the module docstring)."""

    def __init__(self, fn: Callable[..., Any], *, with_progress: bool = False) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it: it lives in ``_running`` until finished
        self.fn = fn
        self.with_progress = with_progress
        self.signals = TaskSignals()

    def run(self) -> None:
        try:
            result = self.fn(progress=self._report_progress) if self.with_progress else self.fn()
        except BaseException as error:  # reported on the GUI thread, never lost in the worker
            self._emit(self.signals.failed, error)
        else:
            self._emit(self.signals.succeeded, result)
        self._emit(self.signals.finished)

    def _report_progress(self, *args: Any) -> None:
        self._emit(self.signals.progress, args)

    @staticmethod
    def _emit(signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the program is quitting and Qt has deleted the signals object
            log.debug("Task result dropped: the receiver is gone")


def run_task(
    fn: Callable[..., Any],
    *,
    context: QObject | None = None,
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[..., None] | None = None,
    with_progress: bool = False,
    pool: QThreadPool | None = None,
) -> Task:
    """Run *fn* in the background; callbacks run on the GUI thread.

    Callbacks are skipped when *context* (usually the widget that asked) has been deleted in
    the meantime. Without *on_error*, a failure goes to ``sys.excepthook`` (the crash dialog).
    *pool* defaults to the database thread (:func:`database_pool`).
    """
    task = Task(fn, with_progress=with_progress)

    def alive() -> bool:
        return context is None or isValid(context)

    def succeeded(result: Any) -> None:
        if on_success is not None and alive():
            on_success(result)

    def failed(error: BaseException) -> None:
        if on_error is not None and alive():
            on_error(error)
        elif on_error is None:
            import sys

            sys.excepthook(type(error), error, error.__traceback__)

    def progressed(args: tuple[Any, ...]) -> None:
        if on_progress is not None and alive():
            on_progress(*args)

    def finished() -> None:
        _running.discard(task)

    task.signals.succeeded.connect(succeeded)
    task.signals.failed.connect(failed)
    task.signals.progress.connect(progressed)
    task.signals.finished.connect(finished)
    _running.add(task)
    (pool if pool is not None else database_pool()).start(task)
    return task


def running_tasks() -> int:
    """How many tasks have not reported back yet (tests wait for zero)."""
    return len(_running)


def wait_for_tasks(msecs: int = 30_000) -> bool:
    """Block until the pools are idle (the results still arrive through the event loop)."""
    return all([pool.waitForDone(msecs) for pool in list(_pools.values())])  # a list: wait for every one


def user_message(error: BaseException) -> str | None:
    """The Vietnamese message of a database error the user can act on, or ``None`` for a bug.

    The store's errors (locked, read-only, damaged, newer version…) carry their message in
    ``.message``; the UI recognises them by it, as it does not import the store.
    """
    message = getattr(error, "message", None)
    if isinstance(message, str) and message:
        return message
    # A raw SQLAlchemy/OS error from a path that did not classify it (engine.connect() outside the
    # store's sessions) is still the drive pulled out or the disk full: say so, do not crash (issue 6).
    store_errors = sys.modules.get("xkld_desktop.store.errors")
    env = store_errors.classify(error) if store_errors is not None else None
    return str(env.message) if env is not None else None


_QT_INT_MAX = 2**31 - 1


def show_progress(bar: Any, done: int, total: int) -> None:
    """A task's ``progress(done, total)`` on a ``QProgressBar`` or ``QProgressDialog``: its range
    made *total* (at least 1), its value *done* (at most the range).

    Qt's range is a 32-bit int: a count past it (the bytes of a backup of a database over 2 GB)
    is shown in thousandths of its total.
    """
    if total > _QT_INT_MAX:
        done, total = done * 1000 // total, 1000
    top = max(total, 1)
    bar.setRange(0, top)
    bar.setValue(min(max(done, 0), top))
