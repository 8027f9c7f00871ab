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
    AUTH_FAILED = "auth_failed"
    IO_ERROR = "io_error"  # the drive went away (a USB stick pulled out, a shared folder dropped) or failed


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
    EnvironmentKind.CANNOT_OPEN: (
        "Không mở được tệp cơ sở dữ liệu: tệp hoặc thư mục chứa nó không còn ở chỗ cũ (ổ USB đã rút ra, "
        "thư mục đã đổi tên) hoặc không có quyền truy cập. Hãy kiểm tra đường dẫn và quyền truy cập rồi thử lại. "
        "Thao tác vừa rồi chưa được ghi."
    ),
    EnvironmentKind.IO_ERROR: (
        "Không đọc hoặc ghi được tệp cơ sở dữ liệu: ổ đĩa chứa nó (ổ USB, thư mục dùng chung trên mạng) có thể đã "
        "bị rút ra, mất kết nối hoặc bị lỗi. Hãy cắm lại ổ đĩa hoặc kiểm tra kết nối rồi thử lại. "
        "Thao tác vừa rồi chưa được ghi."
    ),
    EnvironmentKind.UNREACHABLE: "Không kết nối được máy chủ cơ sở dữ liệu. Hãy kiểm tra mạng và địa chỉ máy chủ.",
    EnvironmentKind.AUTH_FAILED: (
        "Máy chủ cơ sở dữ liệu từ chối kết nối: sai tên đăng nhập hoặc mật khẩu, tài khoản chưa được cấp quyền, "
        "hoặc cơ sở dữ liệu chưa được tạo trên máy chủ. Hãy kiểm tra lại địa chỉ (URL) và mật khẩu."
    ),
}

#: the same failures on a PostgreSQL server, worded for a server instead of a file
_SERVER_MESSAGES = {
    EnvironmentKind.LOCKED: (
        "Một người khác đang sửa cùng dữ liệu này trên máy chủ nên thao tác phải chờ quá lâu. Hãy thử lại sau một lát."
    ),
    EnvironmentKind.READ_ONLY: (
        "Máy chủ cơ sở dữ liệu đang ở chế độ chỉ đọc (hoặc tài khoản chỉ có quyền đọc), không ghi được. "
        "Hãy báo người quản trị máy chủ."
    ),
    EnvironmentKind.DISK_FULL: (
        "Ổ đĩa của máy chủ cơ sở dữ liệu đã đầy, không ghi được dữ liệu. Hãy báo người quản trị máy chủ."
    ),
}

#: PostgreSQL error codes (SQLSTATE) that are environment failures, not bugs
_SQLSTATES: dict[str, EnvironmentKind] = {
    "40001": EnvironmentKind.LOCKED,  # serialization_failure
    "40P01": EnvironmentKind.LOCKED,  # deadlock_detected
    "55P03": EnvironmentKind.LOCKED,  # lock_not_available (lock_timeout)
    "57014": EnvironmentKind.LOCKED,  # query_canceled (statement_timeout)
    "25006": EnvironmentKind.READ_ONLY,  # read_only_sql_transaction (a standby, or default_transaction_read_only)
    "42501": EnvironmentKind.READ_ONLY,  # insufficient_privilege
    "53100": EnvironmentKind.DISK_FULL,  # disk_full
    "53200": EnvironmentKind.DISK_FULL,  # out_of_memory
    "28000": EnvironmentKind.AUTH_FAILED,  # invalid_authorization_specification
    "28P01": EnvironmentKind.AUTH_FAILED,  # invalid_password
    "3D000": EnvironmentKind.AUTH_FAILED,  # invalid_catalog_name (no such database)
    "57P01": EnvironmentKind.UNREACHABLE,  # admin_shutdown
    "57P02": EnvironmentKind.UNREACHABLE,  # crash_shutdown
    "57P03": EnvironmentKind.UNREACHABLE,  # cannot_connect_now (starting up)
}

_PATTERNS: tuple[tuple[str, EnvironmentKind], ...] = (
    ("database is locked", EnvironmentKind.LOCKED),
    ("database table is locked", EnvironmentKind.LOCKED),
    ("readonly database", EnvironmentKind.READ_ONLY),
    ("read-only", EnvironmentKind.READ_ONLY),
    ("database or disk is full", EnvironmentKind.DISK_FULL),
    ("disk i/o error", EnvironmentKind.IO_ERROR),
    ("input/output error", EnvironmentKind.IO_ERROR),  # OSError EIO (a file copy on a failing drive)
    ("no space left", EnvironmentKind.DISK_FULL),
    ("file is not a database", EnvironmentKind.CORRUPT),
    ("database disk image is malformed", EnvironmentKind.CORRUPT),
    ("file is encrypted", EnvironmentKind.CORRUPT),
    ("unable to open database file", EnvironmentKind.CANNOT_OPEN),
    ("could not connect to server", EnvironmentKind.UNREACHABLE),
    ("connection refused", EnvironmentKind.UNREACHABLE),
    ("connection timed out", EnvironmentKind.UNREACHABLE),
    # PostgreSQL (psycopg) — mostly errors raised before a server answered, which carry no SQLSTATE
    ("password authentication failed", EnvironmentKind.AUTH_FAILED),
    ("no password supplied", EnvironmentKind.AUTH_FAILED),
    ("peer authentication failed", EnvironmentKind.AUTH_FAILED),
    ("no pg_hba.conf entry", EnvironmentKind.AUTH_FAILED),
    ('fatal:  role "', EnvironmentKind.AUTH_FAILED),  # … does not exist
    ('fatal:  database "', EnvironmentKind.AUTH_FAILED),  # … does not exist
    ("could not translate host name", EnvironmentKind.UNREACHABLE),
    ("failed to resolve host", EnvironmentKind.UNREACHABLE),  # psycopg 3 resolves the name itself
    ("name or service not known", EnvironmentKind.UNREACHABLE),
    ("temporary failure in name resolution", EnvironmentKind.UNREACHABLE),
    ("no such host is known", EnvironmentKind.UNREACHABLE),  # Windows
    ("server closed the connection unexpectedly", EnvironmentKind.UNREACHABLE),
    ("the database system is starting up", EnvironmentKind.UNREACHABLE),
    ("timeout expired", EnvironmentKind.UNREACHABLE),
    ("is the server running", EnvironmentKind.UNREACHABLE),  # refused, or a Unix socket that is not there
)


class DatabaseEnvironmentError(StoreError):
    """The database cannot be used right now for a reason outside the program."""

    def __init__(self, kind: EnvironmentKind, detail: str = "", *, server: bool = False) -> None:
        super().__init__((_SERVER_MESSAGES.get(kind) if server else None) or _MESSAGES[kind])
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
    orig = getattr(error, "orig", None)
    sqlstate = getattr(orig, "sqlstate", None)
    server = sqlstate is not None or type(orig).__module__.startswith("psycopg")
    if sqlstate in _SQLSTATES:
        return DatabaseEnvironmentError(_SQLSTATES[sqlstate], str(error), server=True)
    if (sqlstate or "").startswith("08"):  # connection_exception
        return DatabaseEnvironmentError(EnvironmentKind.UNREACHABLE, str(error), server=True)
    text = str(orig or error).lower()
    for pattern, kind in _PATTERNS:
        if pattern in text:
            return DatabaseEnvironmentError(kind, str(error), server=server)
    return None
