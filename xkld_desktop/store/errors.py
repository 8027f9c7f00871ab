"""Database errors split into *environment* failures (tell the user) and bugs (report them).

Environment failures are things the user or the PC can fix: the file is locked by another
program, read-only, the disk is full, the file is damaged or not a database, the server is
unreachable. Each carries a Vietnamese message for the user. Anything else is a bug and is
re-raised as it is.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import exc as sa_exc


class StoreError(Exception):
    """Base of the store's own errors; ``message`` is Vietnamese, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class EnvironmentKind(StrEnum):
    LOCKED = "locked"
    READ_ONLY = "read_only"
    DISK_FULL = "disk_full"
    CORRUPT = "corrupt"
    CANNOT_OPEN = "cannot_open"
    UNREACHABLE = "unreachable"


_MESSAGES = {
    EnvironmentKind.LOCKED: (
        "Cơ sở dữ liệu đang bị một chương trình khác khóa. Hãy đóng chương trình đó (hoặc chờ một lát) rồi thử lại."
    ),
    EnvironmentKind.READ_ONLY: (
        "Không ghi được vào cơ sở dữ liệu vì tệp hoặc thư mục chỉ cho phép đọc. "
        "Hãy kiểm tra quyền ghi, hoặc chép tệp sang thư mục khác."
    ),
    EnvironmentKind.DISK_FULL: "Ổ đĩa đã đầy, không ghi được dữ liệu. Hãy giải phóng dung lượng rồi thử lại.",
    EnvironmentKind.CORRUPT: (
        "Tệp cơ sở dữ liệu bị hỏng hoặc không phải là cơ sở dữ liệu của chương trình. "
        "Hãy khôi phục từ bản sao lưu gần nhất."
    ),
    EnvironmentKind.CANNOT_OPEN: "Không mở được tệp cơ sở dữ liệu. Hãy kiểm tra đường dẫn và quyền truy cập.",
    EnvironmentKind.UNREACHABLE: "Không kết nối được máy chủ cơ sở dữ liệu. Hãy kiểm tra mạng và địa chỉ máy chủ.",
}

_PATTERNS: tuple[tuple[str, EnvironmentKind], ...] = (
    ("database is locked", EnvironmentKind.LOCKED),
    ("database table is locked", EnvironmentKind.LOCKED),
    ("readonly database", EnvironmentKind.READ_ONLY),
    ("read-only", EnvironmentKind.READ_ONLY),
    ("database or disk is full", EnvironmentKind.DISK_FULL),
    ("disk i/o error", EnvironmentKind.DISK_FULL),
    ("no space left", EnvironmentKind.DISK_FULL),
    ("file is not a database", EnvironmentKind.CORRUPT),
    ("database disk image is malformed", EnvironmentKind.CORRUPT),
    ("file is encrypted", EnvironmentKind.CORRUPT),
    ("unable to open database file", EnvironmentKind.CANNOT_OPEN),
    ("could not connect to server", EnvironmentKind.UNREACHABLE),
    ("connection refused", EnvironmentKind.UNREACHABLE),
    ("connection timed out", EnvironmentKind.UNREACHABLE),
)


class DatabaseEnvironmentError(StoreError):
    """The database cannot be used right now for a reason outside the program."""

    def __init__(self, kind: EnvironmentKind, detail: str = "") -> None:
        super().__init__(_MESSAGES[kind])
        self.kind = kind
        self.detail = detail


class NewerDatabaseError(StoreError):
    """The database was made by a newer version of the program."""


class MigrationError(StoreError):
    """A migration failed; the database was left as it was (and a backup exists)."""


def classify(error: BaseException) -> DatabaseEnvironmentError | None:
    """The environment failure behind *error*, or ``None`` when it is a bug."""
    if not isinstance(error, sa_exc.OperationalError | sa_exc.DatabaseError | OSError):
        return None
    text = str(getattr(error, "orig", None) or error).lower()
    for pattern, kind in _PATTERNS:
        if pattern in text:
            return DatabaseEnvironmentError(kind, str(error))
    return None
