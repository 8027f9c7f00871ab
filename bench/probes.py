"""Measurements that must run in a process of their own: ``python -m bench.probes MODE ARGS…``.

Each prints one JSON object on its last line of output. Only the standard library is imported
at the top, so the start-up probes measure what they start themselves.

Modes:
- ``bare``: a bare PySide6 main window shown, to the end of its first paint (the start-up floor);
- ``gui URL``: the program's own start-up (``xkld-desktop --db URL``, :func:`xkld_desktop.cli.main`): window
  shown, overview counts filled, then the people pane opened (built on that click, as the window
  builds a pane when first shown), its first paint and scroll to the end, and the process memory;
- ``export URL OUT D0 D1``: ``export_list('departed')`` — time, rows and peak memory;
- ``export-floor URL OUT D0 D1``: the same rows written by xlsxwriter's constant-memory mode with
  no formatting (the export's floor);
- ``import URL SHEET TODAY``: ``preview_files`` then ``commit_import`` of one sheet (no pre-import
  backup) — time, counts and peak memory (a province merging its communes' files).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Callable
from typing import Any


def process_started_at() -> float:
    """When this process started, on the ``time.perf_counter()`` clock (Linux ``/proc``)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])
        with open("/proc/uptime", encoding="ascii") as f:
            uptime = float(f.read().split()[0])
        return time.perf_counter() - max(uptime - start_ticks / os.sysconf("SC_CLK_TCK"), 0.0)
    except (OSError, ValueError, IndexError):
        return time.perf_counter()


STARTED = process_started_at()


def memory_mb() -> dict[str, float]:
    """Resident memory now and at its peak (``/proc/self/status``), in MB."""
    found: dict[str, float] = {}
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0]) / 1024
    return {"rss_mb": found.get("VmRSS", 0.0), "peak_rss_mb": found.get("VmHWM", 0.0)}


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def emit(result: dict[str, object]) -> None:
    sys.stdout.write("\n" + json.dumps(result) + "\n")
    sys.stdout.flush()


def bare() -> None:
    """A bare main window: the time to the end of its first paint (as the program's own, see gui)."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    result: dict[str, object] = {}

    def shown() -> None:
        result["window_s"] = time.perf_counter() - STARTED
        app.quit()

    class FirstPaint(QObject):  # what xkld_desktop.ui.main_window.after_first_paint does
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, shown)
            return False

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    app.exec()
    emit(result)
    os._exit(0)


def when_imported(name: str, then: Callable[[Any], None]) -> None:
    """Call *then* with module *name* right after the program imports it (at once if it already has)."""
    import importlib.abc
    import importlib.util

    if name in sys.modules:
        then(sys.modules[name])
        return

    class Watcher(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(fullname)
            loader = spec.loader if spec is not None else None
            if loader is not None and hasattr(loader, "exec_module"):
                exec_module = loader.exec_module

                def exec_and_watch(module: Any) -> None:
                    exec_module(module)
                    then(module)

                loader.exec_module = exec_and_watch  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, Watcher())


def gui(url: str) -> None:
    """``xkld-desktop --db URL`` as the user starts it (:func:`xkld_desktop.cli.main`), watched.

    The program's own start runs unchanged (its command line, logging, crash handler, fonts,
    language, window); the probe only wraps ``start_window`` to find the window it made.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import xkld_desktop.ui.app as ui_app
    from xkld_desktop import cli

    result: dict[str, object] = {}
    marks: dict[str, float] = {}
    start_window = ui_app.start_window  # a probe around the program's start, not a change

    windows: list[Any] = []

    def watched_start(db_url: str | None = None, *, started_at: float | None = None, **more: Any) -> Any:
        window = start_window(db_url, started_at=STARTED, **more)
        watch(window, QApplication.instance())
        windows.append(window)
        return window

    def watch(window: Any, app: Any) -> None:
        window.resize(1280, 800)
        people: Any = None  # built when the user opens it

        def finish() -> None:
            # the program's own measure: to the end of its first paint
            result["window_s"] = float(app.property(ui_app.WINDOW_SHOWN_AFTER_PROPERTY) or "nan")
            result.update(memory_mb())
            app.exit(0)  # not quit(): that closes the window, which remembers its pane for the next run

        def scroll() -> None:
            t0 = time.perf_counter()
            people.table.scrollToBottom()
            people.table.viewport().repaint()
            QApplication.processEvents()
            result["scroll_end_s"] = time.perf_counter() - t0
            result["rows"] = people.model.rowCount()
            QTimer.singleShot(0, finish)

        def people_loaded() -> None:
            if "people_paint_s" in result:
                return
            people.table.viewport().repaint()
            QApplication.processEvents()
            result["people_paint_s"] = time.perf_counter() - marks["people_shown"]
            result["people_paint_after_db_s"] = time.perf_counter() - marks["database_set"]
            QTimer.singleShot(0, scroll)

        def counts_shown() -> None:
            nonlocal people
            # the people pane opened by the user after the overview (Ctrl+2, as its sidebar entry):
            # the pane built, ids read and first rows painted
            marks["people_shown"] = time.perf_counter()
            window.pane_actions[1].trigger()
            people = window.current_pane()
            assert type(people).__name__ == "PeoplePane"
            # rows to paint: the list's first rows (read first as the database opens), or the list
            people.model.modelReset.connect(lambda: people.model.rowCount() and people_loaded())
            people.loaded.connect(people_loaded)
            if people.model.rowCount():
                # the rows read as the database opened are there: the pane paints them as it opens
                people_loaded()

        def watch_overview(overview_module: Any) -> None:
            original_show = overview_module.OverviewPane._show

            def show(pane: Any, counts: object) -> None:
                original_show(pane, counts)
                if counts is None:
                    return
                assert pane is window.current_pane(), "the window opens on the overview (fresh settings)"
                # the first figures on screen: the first look's, read from the file while the database
                # opens, or else the database's own
                result.setdefault("counts_s", time.perf_counter() - STARTED)
                if pane.database is not None and "counts_open_s" not in result:
                    # the database's own reading: the user opens the people pane now, as in every
                    # earlier run of this probe (before, the people list has nothing to read from)
                    result["counts_open_s"] = time.perf_counter() - STARTED
                    QTimer.singleShot(0, counts_shown)

            overview_module.OverviewPane._show = show

        # the program imports the overview pane after the first paint: the probe must not import it sooner
        when_imported("xkld_desktop.ui.panes.overview", watch_overview)
        original_set = window.set_database

        def set_database(db: object) -> None:
            marks.setdefault("database_set", time.perf_counter())
            original_set(db)

        window.set_database = set_database

        QTimer.singleShot(120_000, lambda: app.exit(1))  # never hang the suite

    ui_app.start_window = watched_start
    code = cli.main(["--db", url])
    result["exit_code"] = code
    # the run made the day's automatic backup (after its first figures), or found it made already
    database = windows[0].database if windows else None
    result["daily_backup_made"] = database is not None and database.daily_backup is not None
    emit(result)
    os._exit(0)


def _export_query(d0: object, d1: object):  # type: ignore[no-untyped-def]
    from xkld_desktop.services import excel_export

    return excel_export.list_query("departed", d0, d1, None)[0]  # the same rows as the export


def export(url: str, out: str, d0_text: str, d1_text: str) -> None:
    from datetime import date

    from xkld_desktop.services.database import open_database
    from xkld_desktop.services.excel_export import export_list

    db = open_database(url, upgrade=False, seed=False)
    t0 = time.perf_counter()
    rows = export_list(
        db.engine,
        list_name="departed",
        date_from=date.fromisoformat(d0_text),
        date_to=date.fromisoformat(d1_text),
        path=out,
    )
    seconds = time.perf_counter() - t0
    emit({"seconds": seconds, "rows": rows, "peak_rss_mb": max_rss_mb(), "bytes": os.path.getsize(out)})
    os._exit(0)


def export_floor(url: str, out: str, d0_text: str, d1_text: str) -> None:
    from datetime import date

    import xlsxwriter

    from xkld_desktop.services.database import open_database

    db = open_database(url, upgrade=False, seed=False)
    query = _export_query(date.fromisoformat(d0_text), date.fromisoformat(d1_text))
    t0 = time.perf_counter()
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    sheet = book.add_worksheet()
    rows = 0
    with db.engine.connect() as conn:
        for r, row in enumerate(conn.execute(query), start=1):
            sheet.write_row(r, 0, [v if isinstance(v, int | float | str) or v is None else str(v) for v in row])
            rows += 1
    book.close()
    seconds = time.perf_counter() - t0
    emit({"seconds": seconds, "rows": rows, "peak_rss_mb": max_rss_mb(), "bytes": os.path.getsize(out)})
    os._exit(0)


def import_sheet(url: str, sheet: str, today_text: str) -> None:
    from datetime import date

    from xkld_desktop.services.database import open_database
    from xkld_desktop.services.excel_import import commit as commit_module
    from xkld_desktop.services.excel_import.commit import commit_import
    from xkld_desktop.services.excel_import.preview import preview_files

    db = open_database(url, upgrade=False, seed=False, backup=False)
    commit_module._backup_beside = lambda *_args, **_kw: None  # timed on its own row of the suite
    today = date.fromisoformat(today_text)
    t0 = time.perf_counter()
    previews = preview_files(db.engine, [sheet], today=today)
    previewed = time.perf_counter()
    preview_mb = max_rss_mb()
    result = commit_import(db.engine, previews, on_duplicate="skip", today=today)
    done = time.perf_counter()
    emit(
        {
            "preview_s": previewed - t0,
            "commit_s": done - previewed,
            "rows": result.read,
            "imported": result.imported,
            "preview_peak_rss_mb": preview_mb,
            "peak_rss_mb": max_rss_mb(),
        }
    )
    os._exit(0)


def main(argv: list[str]) -> None:
    mode, *args = argv
    modes = {"bare": bare, "gui": gui, "export": export, "export-floor": export_floor, "import": import_sheet}
    modes[mode](*args)


if __name__ == "__main__":
    main(sys.argv[1:])
