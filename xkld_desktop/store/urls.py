"""Đường dẫn tệp của một URL cơ sở dữ liệu — the SQLite file behind a database URL, without SQLAlchemy.

The window takes the database's lock file (:mod:`xkld_desktop.ui.instance_lock`) on its first
event-loop turn; importing SQLAlchemy there would keep the window frozen for about a third of a
second. :func:`sqlite_file` reads a URL string as SQLAlchemy's ``make_url`` does (a test holds
the two equal) and :func:`xkld_desktop.store.engine.sqlite_path` shares its last step.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, unquote

# driver://[user[:password]@][host or [ipv6][:port]][/database][?query] — SQLAlchemy's URL grammar
_URL = re.compile(
    r"""
    (?P<name>[\w+]+)://
    (?:[^:/]*(?::[^@]*)?@)?
    (?:(?:\[[^/?]+\]|[^/:?]+)?(?::[^/?]*)?)?
    (?:/(?P<database>[^?]*))?
    (?:\?.*)?
    """,
    re.X | re.S,
)


def file_of(backend: str, database: str | None) -> Path | None:
    """The file of a database named *database* on *backend* (``None``: a server, or in memory)."""
    if backend != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):  # a SQLite URI filename ("file:/x.db?mode=ro" with uri=true)
        database = database[len("file:") :].split("?", 1)[0]
        if not database or database == ":memory:":
            return None
    return Path(database)


def sqlite_file(url: str) -> Path | None:
    """The file behind the SQLite URL *url*; ``None`` for another database, in memory, or no URL."""
    found = _URL.match(url)
    if found is None:
        return None
    database = found.group("database")
    return file_of(found.group("name").split("+", 1)[0], unquote(database) if database is not None else None)


def read_only_uri(path: Path) -> str:
    """The SQLite URI that opens the file at *path* read-only (``sqlite3.connect(…, uri=True)``).

    Written by hand, the path unescaped ("file:/…/Xã #2/x.db?mode=ro"), a "#", "?" or "%" in a folder's
    name cut the URI: SQLite then opened — and created, read-write — another file ("…/Xã "), and
    a backup copied an empty database. Every character that is not plain is percent-encoded here.
    """
    return file_uri(path.resolve().as_posix()) + "?mode=ro"


def file_uri(posix: str) -> str:
    """The ``file:`` URI of the absolute path *posix* ("/home/…", "C:/Users/…", "//server/share/…"):
    an empty authority, as SQLite requires (a network share's "//" kept inside the path)."""
    return "file://" + ("" if posix.startswith("/") else "/") + quote(posix, safe="/:")
