"""The kill-test harness: start :mod:`tests.robust.worker`, SIGKILL it at a random moment, check the database.

One database is reused across kills, as on the commune's PC: each round the worker opens what
the previous, killed round left (so the program's own start-up does the WAL recovery), saves and
imports until it is killed, and then the harness checks, with the program's own
:func:`~xkld_desktop.services.database.open_database`:

* ``PRAGMA integrity_check`` says ``ok``;
* every save the worker confirmed (printed after ``create_person`` returned) is there, with its id;
* every import is whole or absent: each batch in the audit log has all the sheet's rows, every
  imported person belongs to a batch, and every import the worker confirmed is there;
* the audit log's hash chain still verifies.

Kills are spread over start-up, the save loop and the imports (see :meth:`KillRun._delay`), and
the harness records which step each kill interrupted.
"""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import sqlalchemy as sa

from xkld_desktop.domain.models import AuditEvent, Person
from xkld_desktop.services.audit import verify_chain
from xkld_desktop.services.backup import BEFORE_IMPORT, backup_folder
from xkld_desktop.services.database import open_database
from xkld_desktop.store.engine import sqlite_url_for

ROOT = Path(__file__).resolve().parents[2]
#: the exit status of a killed worker
_KILLED = 1 if sys.platform == "win32" else -signal.SIGKILL
#: rows of the imported sheet ("a large import": a few hundred people)
SHEET_ROWS = 300
IMPORT_HAMLET = "Ấp Nhập Thử"
_PERSON = Person.__table__  # type: ignore[attr-defined]
_AUDIT = AuditEvent.__table__  # type: ignore[attr-defined]

_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ")
_MIDDLE = ("Văn", "Thị", "Hữu", "Ngọc", "Minh", "Thanh", "Đức", "Quốc", "Kim", "Xuân")
_GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hùng", "Khánh", "Linh", "Lộc", "Nga", "Phúc", "Yến")


def build_sheet(path: Path, rows: int = SHEET_ROWS) -> Path:
    """The sheet every import of a run reads: *rows* people (no CCCD, no birth date: never matched)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "DS"
    sheet.append(["STT", "Họ và tên", "Giới tính", "Ấp", "Ghi chú"])
    for i in range(rows):
        name = f"{_FAMILY[i % 12]} {_MIDDLE[(i // 12) % 10]} {_GIVEN[(i // 120) % 13]} {_GIVEN[i % 13]}"
        sheet.append([i + 1, name, "Nữ" if i % 2 else "Nam", IMPORT_HAMLET, "Nhập thử khi tắt đột ngột"])
    book.save(path)
    return path


@dataclass
class KillStats:
    """What a kill run did and found."""

    kills: int = 0
    saves_confirmed: int = 0  # distinct saves the worker confirmed, over the run
    save_checks: int = 0  # confirmed saves looked up, summed over all checks
    imports_confirmed: int = 0
    imports_found: int = 0  # whole batches in the database at the end
    imports_absent: int = 0  # imports interrupted before their commit (no trace, as it should be)
    losses: list[str] = field(default_factory=list)  # confirmed saves/imports missing, or bad state
    landed: Counter[str] = field(default_factory=Counter)  # where the kills fell
    seconds: float = 0.0

    @property
    def summary(self) -> str:
        where = ", ".join(f"{k} {v}" for k, v in sorted(self.landed.items()))
        return (
            f"{self.kills} kills in {self.seconds:.0f} s ({where}); {self.saves_confirmed} confirmed saves "
            f"({self.save_checks} checks), {self.imports_confirmed} confirmed imports, {self.imports_found} "
            f"whole batches, {self.imports_absent} interrupted imports absent; losses: {len(self.losses)}"
        )


class KillRun:
    """Kill rounds on one database file; :meth:`round` is one start, kill and check."""

    def __init__(self, db_path: Path, sheet: Path, *, seed: int = 0) -> None:
        self.url = sqlite_url_for(db_path)
        self.sheet = sheet
        self.rng = random.Random(seed)
        self.stats = KillStats()
        self.confirmed: dict[str, int] = {}  # worker_code → person id
        self.batches: dict[str, int] = {}  # confirmed import batch → rows imported
        self.startup = 2.0  # seconds from spawn to READY, measured as we go
        self.import_time = 2.0  # seconds from IMPORTING to IMPORTED, measured as we go
        self.save_time = 0.05  # seconds from SAVING to SAVED, measured as we go
        self.stderr_path = db_path.with_suffix(".worker-stderr.txt")
        open_database(self.url).close()

    # -- one round --------------------------------------------------------------------------

    def round(self) -> None:
        n = self.stats.kills + 1
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        with self.stderr_path.open("w", encoding="utf-8") as stderr:
            started = time.monotonic()
            proc = subprocess.Popen(
                [sys.executable, "-m", "tests.robust.worker", self.url, str(self.sheet), str(n)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                encoding="utf-8",
            )
            lines: queue.Queue[tuple[float, str]] = queue.Queue()
            seen: list[tuple[float, str]] = []
            reader = threading.Thread(target=_read_lines, args=(proc, lines), daemon=True)
            reader.start()
            try:
                self._wait_and_kill(proc, lines, seen, started)
            finally:
                if proc.poll() is None:
                    proc.kill()
                proc.wait()
                reader.join(timeout=30)
                if proc.stdout is not None:
                    proc.stdout.close()
        while not lines.empty():
            seen.append(lines.get())
        if proc.returncode != _KILLED:
            raise AssertionError(
                f"worker ended by itself (code {proc.returncode}):\n{self.stderr_path.read_text(encoding='utf-8')}"
            )
        self.stats.kills += 1
        self.stats.landed[_landing(seen)] += 1
        self._learn(seen, started)
        self.check()

    def _wait_and_kill(
        self,
        proc: subprocess.Popen[str],
        lines: queue.Queue[tuple[float, str]],
        seen: list[tuple[float, str]],
        started: float,
    ) -> None:
        mode = self.rng.choices(("startup", "anytime", "save", "import"), weights=(1, 2, 4, 4))[0]
        if mode == "startup":
            time.sleep(self.rng.uniform(0, self.startup))
        else:
            if not _wait_for(proc, lines, seen, "READY", timeout=180):
                return
            if mode == "anytime":
                time.sleep(self.rng.uniform(0, 4.0))
            else:
                # Inside one save (a few milliseconds, its COMMIT included) or one import (reading the
                # sheet, the backup copy, the rows, the COMMIT and the checkpoint that may follow).
                word, span = ("IMPORTING", self.import_time) if mode == "import" else ("SAVING", self.save_time)
                for _skip in range(self.rng.randrange(3)):  # not always the first one
                    if not _wait_for(proc, lines, seen, word, timeout=180):
                        return
                if not _wait_for(proc, lines, seen, word, timeout=180):
                    return
                time.sleep(self.rng.uniform(0, span * 1.1))
        proc.kill()  # SIGKILL (TerminateProcess on Windows): no clean-up, no flush, like a power cut

    def _learn(self, seen: list[tuple[float, str]], started: float) -> None:
        """Take the confirmed saves and imports from the worker's lines; update the timing guesses."""
        importing_at = saving_at = None
        for at, line in seen:
            word, _sep, rest = line.partition(" ")
            if word == "READY":
                self.startup = at - started
            elif word == "SAVING":
                saving_at = at
            elif word == "SAVED":
                pid, tag = rest.split(" ", 1)
                self.confirmed[tag] = int(pid)
                if saving_at is not None:
                    self.save_time = at - saving_at
            elif word == "IMPORTING":
                importing_at = at
            elif word == "IMPORTED":
                batch, rows = rest.split(" ", 1)
                self.batches[batch] = int(rows)
                if importing_at is not None:
                    self.import_time = at - importing_at
        self.stats.saves_confirmed = len(self.confirmed)
        self.stats.imports_confirmed = len(self.batches)

    # -- the check ---------------------------------------------------------------------------

    def check(self) -> None:
        """Open the database as the program does and look for anything lost or half-written."""
        db = open_database(self.url)
        try:
            with db.engine.connect() as conn:
                integrity = conn.exec_driver_sql("PRAGMA integrity_check").scalars().all()
                saved = dict(
                    conn.execute(
                        sa.select(_PERSON.c.worker_code, _PERSON.c.id).where(_PERSON.c.worker_code.like("KT-%"))
                    ).all()
                )
                details = conn.execute(sa.select(_AUDIT.c.detail).where(_AUDIT.c.action == "import")).scalars().all()
                imported_people = conn.scalar(
                    sa.select(sa.func.count()).select_from(_PERSON).where(_PERSON.c.hamlet == IMPORT_HAMLET)
                )
            chain = verify_chain(db.engine)
        finally:
            db.close()
        kill = self.stats.kills
        if integrity != ["ok"]:
            self.stats.losses.append(f"kill {kill}: integrity_check {integrity[:5]}")
        for tag, pid in self.confirmed.items():
            self.stats.save_checks += 1
            if saved.get(tag) != pid:
                self.stats.losses.append(f"kill {kill}: confirmed save {tag} (id {pid}) is {saved.get(tag)}")
        entries = [json.loads(d) for d in details]
        per_batch = Counter(e["batch"] for e in entries if e.get("op") == "create")
        summaries = Counter(e["batch"] for e in entries if e.get("op") == "batch")
        for batch, count in per_batch.items():
            if count != SHEET_ROWS or summaries[batch] != 1:
                self.stats.losses.append(f"kill {kill}: import {batch} half-written ({count} of {SHEET_ROWS} rows)")
        if set(summaries) != set(per_batch):
            self.stats.losses.append(f"kill {kill}: import summaries without rows: {set(summaries) - set(per_batch)}")
        for batch, rows in self.batches.items():
            if rows != SHEET_ROWS or per_batch.get(batch) != SHEET_ROWS:
                self.stats.losses.append(f"kill {kill}: confirmed import {batch} has {per_batch.get(batch, 0)} rows")
        if imported_people != SHEET_ROWS * len(per_batch):
            self.stats.losses.append(
                f"kill {kill}: {imported_people} imported people for {len(per_batch)} batches of {SHEET_ROWS}"
            )
        if not chain.ok:
            self.stats.losses.append(f"kill {kill}: audit chain broken: {chain.problem}")
        self.stats.imports_found = len(per_batch)
        self.stats.imports_absent = self.stats.landed["import"] - (len(per_batch) - len(self.batches))
        # Each import first copies the database into the backup folder: keep the disk from filling.
        for path in backup_folder().glob(f"*.{BEFORE_IMPORT}-*"):
            path.unlink(missing_ok=True)


def run_kills(db_path: Path, sheet: Path, *, kills: int, seed: int = 0) -> KillStats:
    run = KillRun(db_path, sheet, seed=seed)
    started = time.monotonic()
    for _ in range(kills):
        run.round()
    run.stats.seconds = time.monotonic() - started
    return run.stats


def _read_lines(proc: subprocess.Popen[str], lines: queue.Queue[tuple[float, str]]) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.put((time.monotonic(), line.rstrip("\n")))


def _wait_for(
    proc: subprocess.Popen[str],
    lines: queue.Queue[tuple[float, str]],
    seen: list[tuple[float, str]],
    word: str,
    *,
    timeout: float,
) -> bool:
    """Wait until the worker prints a line starting with *word*; False if it ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            item = lines.get(timeout=0.5)
        except queue.Empty:
            if proc.poll() is not None:
                return False
            continue
        seen.append(item)
        if item[1].startswith(word):
            return True
    raise AssertionError(f"the worker printed no {word} in {timeout:.0f} s")


def _landing(seen: list[tuple[float, str]]) -> str:
    """Which step the kill interrupted, from the worker's last line."""
    if not seen:
        return "startup"
    last = seen[-1][1].split(" ", 1)[0]
    return {"SAVING": "save", "IMPORTING": "import"}.get(last, "between steps")
