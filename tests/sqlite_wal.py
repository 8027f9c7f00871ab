"""What SQLite's write-ahead log holds, read from its index (the ``-shm`` file), for tests."""

from __future__ import annotations

import sys
from pathlib import Path


def wal_frames(database: Path | str) -> tuple[int, int]:
    """(frames in the log, frames of them copied into the database file) for the SQLite file *database*.

    From the WAL index's header (``mxFrame``, byte 16) and checkpoint information (``nBackfill``,
    byte 96), both native-endian 32-bit integers (SQLite's file format, "WAL-index format"). The
    ``-shm`` file is the shared memory every connection maps, so its bytes are the current ones.
    """
    head = Path(f"{database}-shm").read_bytes()[:100]
    return int.from_bytes(head[16:20], sys.byteorder), int.from_bytes(head[96:100], sys.byteorder)
