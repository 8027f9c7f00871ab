"""The trust commands of ``xkld-desktop``: ``backup``, ``restore`` and ``audit verify``.

    xkld-desktop --db URL backup -o FILE_OR_FOLDER   a consistent copy (SQLite's online backup API)
    xkld-desktop --db URL restore FILE [--yes]       replace the database by a backup (asks first)
    xkld-desktop --db URL audit verify               check the audit trail's hash chain

``restore`` prints the backup's date and record counts and asks for confirmation unless ``--yes``;
the current database is backed up first. Exit status: 0 done; 1 ``audit verify`` found the audit
trail changed outside the program, or the restore was not confirmed; 2 an environment problem or
a refused file (not a backup, made by a newer version …).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_BROKEN = 1  # audit verify: the chain is broken; restore: not confirmed
EXIT_ERROR = 2


def add_commands(subparsers: Any) -> None:
    """Add ``backup``, ``restore`` and ``audit`` to the ``xkld-desktop`` sub-commands."""
    backup = subparsers.add_parser(
        "backup",
        help="sao lưu cơ sở dữ liệu ra một tệp (an toàn cả khi chương trình đang chạy)",
        description=(
            "Sao lưu cơ sở dữ liệu bằng cơ chế sao lưu trực tuyến của SQLite: bản sao nhất quán\n"
            "ngay cả khi chương trình đang ghi. -o là một tệp, hoặc một thư mục (ví dụ ổ USB)."
        ),
    )
    backup.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp sao lưu (.db) hoặc thư mục")
    restore = subparsers.add_parser(
        "restore",
        help="khôi phục cơ sở dữ liệu từ một bản sao lưu (sao lưu bản hiện tại trước)",
        description=(
            "Thay cơ sở dữ liệu bằng một bản sao lưu. Chương trình in ngày sao lưu và số hồ sơ,\n"
            "hỏi lại trước khi làm (trừ khi có --yes), và sao lưu cơ sở dữ liệu hiện tại trước."
        ),
    )
    restore.add_argument("file", metavar="TỆP", help="bản sao lưu cần khôi phục")
    restore.add_argument("--yes", action="store_true", help="không hỏi lại")
    audit = subparsers.add_parser(
        "audit",
        help="nhật ký thay đổi: verify = kiểm tra nhật ký có bị sửa ngoài chương trình không",
        description="Kiểm tra chuỗi mã băm của nhật ký: tìm mục bị sửa, bị xóa hoặc bị chèn ngoài chương trình.",
    )
    actions = audit.add_subparsers(dest="audit_command", metavar="VIỆC", required=True)
    actions.add_parser("verify", help="kiểm tra nhật ký", description="Kiểm tra toàn bộ nhật ký thay đổi.")


def _say(text: str, *, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    if stream is not None:
        print(text, file=stream, flush=True)


def _refused(error: Exception) -> int:
    _say(str(getattr(error, "message", error)), err=True)
    return EXIT_ERROR


def _describe(info: Any) -> None:
    _say(f"Bản sao lưu: {info.path}")
    _say(f"Ngày sao lưu: {info.taken_text}")
    _say(f"Gồm: {info.counts_text}")


def cmd_backup(args: argparse.Namespace) -> int:
    from .cli import _url
    from .cli_reports import output_problem
    from .services.backup import backup_info, backup_now, backup_to
    from .services.database import open_database
    from .services.errors import ServiceError

    problem = output_problem(args.output, ".db", folder_allowed=True)
    if problem is not None:
        _say(problem, err=True)
        return EXIT_ERROR
    db = open_database(_url(args))
    try:
        output = Path(args.output)
        try:
            path = backup_now(db.engine, folder=output) if output.is_dir() else backup_to(db.engine, target=output)
        except ServiceError as error:
            return _refused(error)
    finally:
        db.close()
    _say("Đã sao lưu.")
    _describe(backup_info(path))
    return EXIT_OK


def _confirmed() -> bool:
    stream = sys.stdin
    if stream is None or not stream.isatty():
        _say("Chưa khôi phục: hãy thêm --yes để xác nhận khi không chạy trong cửa sổ lệnh.", err=True)
        return False
    answer = input("Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu này? [c/K] ").strip().lower()
    return answer in ("c", "co", "có", "y", "yes")


def cmd_restore(args: argparse.Namespace) -> int:
    from .cli import _url
    from .services.backup import backup_info, restore
    from .services.database import open_database
    from .services.errors import ServiceError

    url = _url(args)
    try:
        info = backup_info(args.file)
    except ServiceError as error:
        return _refused(error)
    _describe(info)
    if not args.yes and not _confirmed():
        _say("Đã hủy: dữ liệu hiện tại được giữ nguyên.", err=True)
        return EXIT_BROKEN
    try:
        result = restore(url, args.file)
    except ServiceError as error:
        return _refused(error)
    if result.safety_backup is not None:
        _say(f"Dữ liệu trước khi khôi phục được sao lưu tại: {result.safety_backup}")
    if result.damaged_kept is not None:
        _say(f"Tệp cơ sở dữ liệu bị hỏng được giữ lại tại: {result.damaged_kept}")
    db = open_database(result.url)  # upgrades an older backup's schema (after its own backup)
    db.close()
    _say("Đã khôi phục.")
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    from .cli import _url
    from .services.audit import verify_chain
    from .services.database import open_database

    db = open_database(_url(args))
    try:
        result = verify_chain(db.engine)
    finally:
        db.close()
    if not result.ok:
        _say(result.summary, err=True)
        if result.broken_id is not None:
            _say(f"Mục đầu tiên có vấn đề: số {result.broken_id}.", err=True)
        return EXIT_BROKEN
    _say(result.summary)
    if result.head_hash:
        _say(f"Mã kiểm tra cuối chuỗi (ghi lại để đối chiếu): {result.head_hash}")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "backup": cmd_backup,
    "restore": cmd_restore,
    "audit": cmd_audit,
}
