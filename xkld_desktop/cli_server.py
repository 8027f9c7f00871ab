"""The shared-server command of ``xkld-desktop``: ``copy-to``.

    xkld-desktop --db sqlite:///D:/xa/xkld.db copy-to postgresql+psycopg://can_bo@may-chu/xkld

copies every table and row of the ``--db`` database into an empty database (created and migrated
first when it has no tables), checks the row counts and prints them. All or nothing. A password is
never needed on the command line: PostgreSQL's own ``PGPASSWORD`` variable or ``.pgpass`` file
give it. Exit status: 0 copied; 2 refused (target not empty …) or an environment problem.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from .domain.numbers import group_digits

EXIT_OK = 0
EXIT_ERROR = 2


def add_commands(subparsers: Any) -> None:
    """Add ``copy-to`` to the ``xkld-desktop`` sub-commands."""
    copy = subparsers.add_parser(
        "copy-to",
        help="chép toàn bộ cơ sở dữ liệu sang một cơ sở dữ liệu trống khác (ví dụ máy chủ PostgreSQL)",
        description=(
            "Chép mọi bảng, mọi dòng (giữ nguyên mã hồ sơ và nhật ký) của cơ sở dữ liệu --db sang một\n"
            "cơ sở dữ liệu trống, ví dụ postgresql+psycopg://ten@may-chu/xkld hoặc sqlite:///ban-sao.db.\n"
            "Đích chưa có bảng thì được tạo trước. Cuối cùng đếm lại số dòng hai bên; lỗi thì không giữ gì.\n"
            "Mật khẩu máy chủ: biến môi trường PGPASSWORD hoặc tệp .pgpass, không ghi trên dòng lệnh."
        ),
    )
    copy.add_argument("target", metavar="URL_ĐÍCH", help="cơ sở dữ liệu đích (phải trống)")


def _say(text: str, *, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    if stream is not None:
        print(text, file=stream, flush=True)


def _progress_printer() -> Callable[[str, int, int], None]:
    def show(table: str, done: int, total: int) -> None:
        if total and done == total:
            _say(f"  {table}: {group_digits(total)} dòng")

    return show


def cmd_copy_to(args: argparse.Namespace) -> int:
    from .cli import _print_counts, _seconds, _url
    from .services.copy_db import copy_database, display_url
    from .services.database import open_database
    from .services.errors import ServiceError

    db = open_database(_url(args), backup=False)
    try:
        _say(f"Chép từ {db.display_location} sang {display_url(args.target)} …")
        try:
            result = copy_database(db.engine, args.target, progress=_progress_printer())
        except ServiceError as error:
            _say(error.message, err=True)
            return EXIT_ERROR
    finally:
        db.close()
    _say(f"Đã chép {group_digits(result.total)} dòng trong {_seconds(result.seconds)} giây; số dòng hai bên khớp nhau:")
    _print_counts({name: n for name, n in result.counts.items() if n})
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"copy-to": cmd_copy_to}
