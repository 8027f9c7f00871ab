"""The ``import`` command: bring Excel lists in without a window, through the same service as the wizard.

    xkld-desktop --db URL import FILE [FILE …] [--sheet NAME] [--dry-run] [--on-duplicate skip|update] [--json]

One line per problem (file, row, message), then a line of counts (read, imported, updated,
skipped, errors); ``--json`` prints the same as one JSON object. With ``--dry-run`` nothing is
written. The exit status is 0 when something was (or, in a dry run, would be) imported or
updated, or when every row was already there; 1 when nothing could be imported; 2 for an
environment problem (the database is locked, read-only …).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

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
    parser.add_argument("files", nargs="+", metavar="TỆP", help="tệp Excel cần nhập")
    parser.add_argument("--sheet", metavar="TÊN", default=None, help="tên trang tính (mặc định: trang đầu tiên)")
    parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì vào cơ sở dữ liệu")
    parser.add_argument(
        "--on-duplicate",
        choices=("skip", "update"),
        default="skip",
        help="người đã có (cùng mã hồ sơ hoặc CCCD): skip = bỏ qua (mặc định), update = cập nhật",
    )
    parser.add_argument("--json", action="store_true", help="in kết quả dạng một đối tượng JSON")


def cmd_import(args: argparse.Namespace) -> int:
    """Run ``import``; see the module doc."""
    from .cli import _say, _url
    from .services.database import open_database
    from .services.excel_import.commit import commit_import
    from .services.excel_import.preview import preview_files

    db = open_database(_url(args))
    try:
        previews = preview_files(db.engine, args.files, sheet=args.sheet)
        result = commit_import(db.engine, previews, on_duplicate=args.on_duplicate, dry_run=args.dry_run)
    finally:
        db.close()
    counts = {
        "read": result.read,
        "imported": result.imported,
        "updated": result.updated,
        "skipped": result.skipped,
        "errors": result.errors,
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
                }
                for p in previews
            ],
            "problems": [
                {"file": p.source, "row": p.line or None, "message": p.message, "error": p.error} for p in problems
            ],
        }
        _say(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            where = f"{problem.source}, dòng {problem.line}" if problem.line else problem.source
            kind = "lỗi" if problem.error else "lưu ý"
            _say(f"{where}: {kind}: {problem.message}")
        head = "Thử, chưa ghi gì: " if result.dry_run else ""
        _say(
            f"{head}đã đọc {result.read} dòng, nhập mới {result.imported}, cập nhật {result.updated}, "
            f"bỏ qua {result.skipped}, lỗi {result.errors}"
            + (f" (thêm {result.departures} lượt xuất cảnh)" if result.departures else "")
            + (f"; {file_errors} tệp không đọc được" if file_errors else "")
            + "."
        )
        if not result.dry_run and (result.imported or result.updated):
            _say(f"Mã lần nhập (để hoàn tác): {result.batch_id}", err=False)
    if result.imported or result.updated:
        return EXIT_OK
    if result.read and not result.errors and not file_errors:
        return EXIT_OK  # everything was already there: re-importing a file changes nothing
    sys.stderr.flush()
    return EXIT_NOTHING


COMMANDS = {"import": cmd_import}
