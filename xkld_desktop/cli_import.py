"""The ``import`` command: bring Excel lists in without a window, through the same service as the wizard.

    xkld-desktop --db URL import FILE [FILE …] [--sheet NAME] [--dry-run] [--on-duplicate skip|update]
                 [--on-conflict keep|take] [--json]
    xkld-desktop --db URL import --undo BATCH_ID
    xkld-desktop --db URL imports [--json]

One line per problem (file, row, message; "xung đột" for the same CCCD arriving from two files
with different data), one per line of the file left out (the totals row, notes) and one per file
naming the columns no field takes, then a line of counts (read, imported, updated, skipped, errors, and
conflicts when there are some); ``--json`` prints the same as one JSON object. With ``--dry-run`` nothing is
written. The exit status is 0 when something was (or, in a dry run, would be) imported or
updated, or when every row was already there; 1 when nothing could be imported (conflicts kept
count as not imported); 2 for an environment problem (the database is locked, read-only …).
``imports`` lists the past import batches; ``import --undo`` reverses one as a whole (1 when the
batch is unknown or already undone).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from .domain.numbers import group_digits

EXIT_OK = 0
EXIT_NOTHING = 1
EXIT_ERROR = 2


def add_commands(subparsers: Any) -> None:
    """Add ``import`` to the ``xkld-desktop`` sub-commands."""
    parser = subparsers.add_parser(
        "import",
        help="nhập danh sách người lao động từ tệp Excel (.xlsx, .xls, .ods)",
        description=(
            "Nhập danh sách người lao động từ một hay nhiều tệp Excel (.xlsx, .xls, .ods), ví dụ\n"
            "danh sách các xã gửi lên. Chương trình tự tìm dòng tiêu đề và ghép cột; mỗi vấn đề in\n"
            "một dòng (tệp, dòng, nội dung), dòng cuối là số dòng đã đọc, đã nhập, đã cập nhật, bỏ qua, lỗi.\n"
            "Tất cả được ghi trong một lần: có lỗi môi trường thì không ghi gì."
        ),
    )
    parser.add_argument("files", nargs="*", metavar="TỆP", help="tệp Excel cần nhập")
    parser.add_argument("--sheet", metavar="TÊN", default=None, help="tên trang tính (mặc định: trang đầu tiên)")
    parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì vào cơ sở dữ liệu")
    parser.add_argument(
        "--on-duplicate",
        choices=("skip", "update"),
        default="skip",
        help="người đã có (cùng mã hồ sơ hoặc CCCD): skip = bỏ qua (mặc định), update = cập nhật",
    )
    parser.add_argument(
        "--on-conflict",
        choices=("keep", "take"),
        default="keep",
        help=(
            "cùng CCCD đến từ hai tệp với thông tin khác nhau (xung đột): keep = giữ bản của tệp trước (mặc định), "
            "take = lấy bản của tệp sau"
        ),
    )
    parser.add_argument("--json", action="store_true", help="in kết quả dạng một đối tượng JSON")
    parser.add_argument(
        "--undo",
        metavar="MÃ_LẦN_NHẬP",
        default=None,
        help="hoàn tác cả một lần nhập (mã in ra sau khi nhập, hoặc xem bằng lệnh imports)",
    )
    history = subparsers.add_parser(
        "imports",
        help="liệt kê các lần nhập từ Excel (mã lần nhập, thời gian, tệp, số dòng, đã hoàn tác chưa)",
        description=(
            "Liệt kê các lần nhập từ Excel, mới nhất trước: mã lần nhập, thời gian, các tệp, số dòng\n"
            "đã đọc, nhập mới, cập nhật, bỏ qua, lỗi, và lần nhập đã được hoàn tác hay chưa.\n"
            "Hoàn tác một lần nhập: xkld-desktop import --undo MÃ_LẦN_NHẬP"
        ),
    )
    history.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


def _percent(doing: str) -> Callable[[int, int], str]:
    """The progress line "<doing>… 28 %" for :func:`.cli._progress_printer`."""
    return lambda done, total: f"{doing}… {100 * done // max(total, 1)} %"


def cmd_import(args: argparse.Namespace) -> int:
    """Run ``import``; see the module doc."""
    from .cli import _progress_printer, _say, _url
    from .services.database import open_database
    from .services.excel_import.commit import commit_import
    from .services.excel_import.preview import preview_files
    from .services.xlsx_stream import column_letter

    if args.undo:
        if args.files:
            _say("Lỗi: --undo không đi kèm tệp nào.", err=True)
            return EXIT_ERROR
        return _undo(args)
    if not args.files:
        _say("Lỗi: cần ít nhất một tệp để nhập (hoặc --undo MÃ_LẦN_NHẬP).", err=True)
        return EXIT_ERROR
    db = open_database(_url(args))
    try:
        checking = _progress_printer(_percent("Đang kiểm tra các dòng"))
        previews = preview_files(db.engine, args.files, sheet=args.sheet, progress=checking)
        writing = None if args.dry_run else _progress_printer(_percent("Đang ghi"))
        result = commit_import(
            db.engine,
            previews,
            on_duplicate=args.on_duplicate,
            on_conflict=args.on_conflict,
            dry_run=args.dry_run,
            progress=writing,
        )
    finally:
        db.close()
    counts = {
        "read": result.read,
        "imported": result.imported,
        "updated": result.updated,
        "skipped": result.skipped,
        "errors": result.errors,
        "conflicts": result.conflicts,
    }
    file_errors = sum(1 for p in previews if p.error)
    problems = sorted(result.problems, key=lambda p: (p.source, p.line))
    if args.json:
        payload = {
            **counts,
            "departures": result.departures,
            "dry_run": result.dry_run,
            "batch_id": None if result.dry_run else result.batch_id,
            "files": [
                {
                    "file": p.file_name,
                    "sheet": p.sheet_name,
                    "error": p.error,
                    "header_row": p.header.header_row + 1 if p.header else None,
                    "skipped_lines": [{"row": s.line, "reason": s.reason} for s in p.skipped],
                    "unused_columns": [{"column": column_letter(c.index), "title": c.title} for c in p.unused_columns],
                }
                for p in previews
            ],
            "problems": [
                {
                    "file": p.source,
                    "row": p.line or None,
                    "message": p.message,
                    "error": p.error,
                    "conflict": p.field == "conflict",
                }
                for p in problems
            ],
        }
        _say(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            where = f"{problem.source}, dòng {problem.line}" if problem.line else problem.source
            kind = "lỗi" if problem.error else "xung đột" if problem.field == "conflict" else "lưu ý"
            message = problem.message.removeprefix("Xung đột: ")
            _say(f"{where}: {kind}: {message}")
        # What the file holds but the import leaves out is said too: a line taken for the totals
        # row, a column whose header was not recognised — never lost without a word.
        for preview in previews:
            for line in preview.skipped:
                _say(f"{preview.file_name}, dòng {line.line}: bỏ qua: {line.reason}")
            if preview.unused_columns:
                shown = ", ".join(
                    column_letter(c.index) + (f" “{c.title}”" if c.title else "") for c in preview.unused_columns
                )
                _say(f"{preview.file_name}: không nhập các cột (không nhận ra tiêu đề): {shown}")
        head = "Thử, chưa ghi gì: " if result.dry_run else ""
        _say(
            f"{head}đã {result.counts_text}"
            + (f", xung đột {group_digits(result.conflicts)}" if result.conflicts else "")
            + (f" (thêm {group_digits(result.departures)} lượt xuất cảnh)" if result.departures else "")
            + (f"; {file_errors} tệp không đọc được" if file_errors else "")
            + "."
        )
        if not result.dry_run and (result.imported or result.updated):
            _say(f"Mã lần nhập (để hoàn tác): {result.batch_id}", err=False)
    if result.imported or result.updated:
        return EXIT_OK
    if result.read and not result.errors and not file_errors and not result.conflicts:
        return EXIT_OK  # everything was already there: re-importing a file changes nothing
    sys.stderr.flush()
    return EXIT_NOTHING


def _undo(args: argparse.Namespace) -> int:
    from .cli import _say, _url
    from .services.database import open_database
    from .services.errors import ServiceError
    from .services.excel_import.commit import undo_import

    db = open_database(_url(args))
    try:
        result = undo_import(db.engine, args.undo.strip())
    except ServiceError as error:
        _say(f"Lỗi: {error.message}", err=True)
        return EXIT_NOTHING
    finally:
        db.close()
    if args.json:
        payload = {
            "batch_id": result.batch_id,
            "deleted": result.deleted,
            "restored": result.restored,
            "not_restored": result.not_restored,
        }
        _say(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        _say(
            f"Đã hoàn tác lần nhập {result.batch_id}: xóa {result.deleted} hồ sơ đã nhập, "
            f"khôi phục {result.restored} hồ sơ đã cập nhật"
            + (f"; {result.not_restored} hồ sơ đã được sửa sau đó nên giữ nguyên" if result.not_restored else "")
            + "."
        )
    return EXIT_OK


def cmd_imports(args: argparse.Namespace) -> int:
    """Run ``imports``: the past import batches, newest first."""
    from .cli import _say, _url
    from .services.database import open_database
    from .services.excel_import.commit import list_import_batches

    db = open_database(_url(args))
    try:
        batches = list_import_batches(db.engine)
    finally:
        db.close()
    if args.json:
        payload = [
            {
                "batch_id": b.batch_id,
                "at": b.at.isoformat(),
                "files": list(b.files),
                "read": b.read,
                "imported": b.imported,
                "updated": b.updated,
                "skipped": b.skipped,
                "errors": b.errors,
                "undone": b.undone,
            }
            for b in batches
        ]
        _say(json.dumps(payload, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not batches:
        _say("Chưa có lần nhập nào.")
        return EXIT_OK
    for b in batches:
        when = _local_time(b.at)
        state = "đã hoàn tác" if b.undone else "còn hiệu lực"
        _say(f"{b.batch_id}\t{when}\t{', '.join(b.files)}\t{b.counts_text}\t{state}")
    return EXIT_OK


def _local_time(moment: Any) -> str:
    """A stored UTC time as the officer's local time, dd/mm/yyyy hh:mm."""
    from datetime import UTC

    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return str(moment.astimezone().strftime("%d/%m/%Y %H:%M"))


COMMANDS = {"import": cmd_import, "imports": cmd_imports}
