"""store.backup: a copy of the file and its write-ahead log under a read transaction is a sound snapshot.

What could go wrong with a file-level copy, each provoked here on a database that others write and
checkpoint while it is copied: a commit still only in the ``-wal`` file left out; a page that a
checkpoint rewrites half-way through the copy; the log restarted under the copy; a transaction cut off
at the end of the copied log. Each copy must pass SQLite's integrity check and hold a state the
writer committed (its running total equals its rows), as one self-contained file.
"""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from xkld_desktop.store import backup as store_backup
from xkld_desktop.store.backup import backup_sqlite


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def _make(path: Path, rows: int) -> None:
    conn = _connect(path)
    conn.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, body BLOB, n INTEGER)")
    conn.execute("CREATE INDEX ix_item_n ON item (n)")
    conn.execute("CREATE TABLE total (one INTEGER PRIMARY KEY CHECK (one = 1), items INTEGER, sum_n INTEGER)")
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO item (body, n) VALUES (randomblob(300), ?)", [(random.randrange(10**6),) for _ in range(rows)]
    )
    conn.execute("INSERT INTO total VALUES (1, (SELECT count(*) FROM item), (SELECT sum(n) FROM item))")
    conn.execute("COMMIT")
    conn.close()


def _sound(copy: Path) -> tuple[int, int]:
    """The copy's integrity, its journal mode, and its invariant; (items, their sum)."""
    assert not copy.with_name(copy.name + "-wal").exists()
    conn = sqlite3.connect(f"file:{copy.as_posix()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        items, sum_n = conn.execute("SELECT count(*), coalesce(sum(n), 0) FROM item").fetchone()
        assert conn.execute("SELECT items, sum_n FROM total").fetchone() == (items, sum_n)
        return items, sum_n
    finally:
        conn.close()


def test_a_commit_still_only_in_the_log_is_in_the_copy(tmp_path: Path) -> None:
    source = tmp_path / "db.sqlite"
    _make(source, 200)
    writer = _connect(source)
    writer.execute("PRAGMA wal_autocheckpoint=0")  # nothing of the next commits reaches the file
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO item (body, n) VALUES (randomblob(300), 7)")
    writer.execute("UPDATE total SET items = items + 1, sum_n = sum_n + 7")
    writer.execute("COMMIT")
    assert source.with_name(source.name + "-wal").stat().st_size > 0
    try:
        copy = backup_sqlite(source, tmp_path / "copy.db")
        assert _sound(copy)[0] == 201
    finally:
        writer.close()


def test_copies_taken_while_others_write_restart_and_checkpoint_are_each_a_committed_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "db.sqlite"
    _make(source, 20_000)  # about 8 MB: each copy takes long enough for writes and checkpoints during it
    monkeypatch.setattr(store_backup, "_CHUNK", 64 << 10)
    stop = threading.Event()
    commits = [0]
    checkpoints = {"PASSIVE": 0, "RESTART": 0, "TRUNCATE": 0}
    errors: list[BaseException] = []

    def write() -> None:
        conn = _connect(source)
        conn.execute("PRAGMA wal_autocheckpoint=0")  # the checkpointer below does it, in every mode
        try:
            while not stop.is_set():
                conn.execute("BEGIN IMMEDIATE")
                for _ in range(random.randrange(1, 40)):  # transactions of 1 to 40 frames and more
                    n = random.randrange(10**6)
                    if random.random() < 0.7:
                        conn.execute("INSERT INTO item (body, n) VALUES (randomblob(600), ?)", (n,))
                        conn.execute("UPDATE total SET items = items + 1, sum_n = sum_n + ?", (n,))
                    else:  # rewrite an old page somewhere in the file
                        old = conn.execute("SELECT id, n FROM item ORDER BY random() LIMIT 1").fetchone()
                        conn.execute("UPDATE item SET n = ?, body = randomblob(600) WHERE id = ?", (n, old[0]))
                        conn.execute("UPDATE total SET sum_n = sum_n + ?", (n - old[1],))
                conn.execute("COMMIT")
                commits[0] += 1
        except BaseException as error:
            errors.append(error)
        finally:
            conn.close()

    def checkpoint() -> None:
        conn = _connect(source)
        conn.execute("PRAGMA busy_timeout=1")  # RESTART and TRUNCATE wait for readers: a try, not a wait
        try:
            while not stop.wait(0.002):
                mode = random.choice(tuple(checkpoints))
                conn.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
                checkpoints[mode] += 1
        except BaseException as error:
            errors.append(error)
        finally:
            conn.close()

    threads = [threading.Thread(target=write), threading.Thread(target=checkpoint)]
    for thread in threads:
        thread.start()
    states = []
    try:
        for n in range(12):
            # a pause after each chunk: the writer and the checkpointer run between the reads of one copy
            copy = backup_sqlite(source, tmp_path / f"copy{n}.db", progress=lambda _done, _of: time.sleep(0.001))
            states.append(_sound(copy))
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert not errors, errors
    assert commits[0] > 12 and all(checkpoints.values())  # writes and every kind of checkpoint ran meanwhile
    assert [items for items, _sum in states] == sorted(items for items, _sum in states)  # each copy later
    assert len(set(states)) > 1  # the copies did catch the writer at different states
    assert not list(tmp_path.glob("*.part*"))
