"""The ``xkld-desktop`` command: the window by default, and a few commands for the office and for tests.

    xkld-desktop                         open the window
    xkld-desktop init                    create (or upgrade) the database and load the reference lists
    xkld-desktop demo --people 500       fill an empty database with demo data
    xkld-desktop info                    where the database is, its schema version, rows per table
    xkld-desktop --db URL …              use another database (a SQLite file or a server URL)

Start-up stays light: only :mod:`argparse` and the package's own constants are imported here; the
database layer (SQLAlchemy, SQLModel) is imported inside the commands, and the window's module
only when the window is wanted, so ``--version`` and ``--help`` answer at once.

Problems of the environment (the file is locked, read-only, damaged, made by a newer version …)
are printed as their Vietnamese message, with exit status 2 and no traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, TextIO

from . import APP_NAME, __version__
from .domain.numbers import group_digits

EXIT_OK = 0
EXIT_NOTHING = 1  # the command had nothing to work on (no database yet)
EXIT_ERROR = 2  # a problem of the environment or of the command line

#: Vietnamese names of the tables, for the counts that ``demo`` and ``info`` print
TABLE_LABELS: dict[str, str] = {
    "person": "Người lao động",
    "person_policy_group": "Đối tượng chính sách (lượt)",
    "person_name_token": "Chỉ mục tìm tên",
    "status_event": "Diễn biến trạng thái",
    "household": "Hộ gia đình",
    "household_member": "Thành viên hộ",
    "family_club": "CLB gia đình",
    "club_membership": "Hộ thành viên CLB",
    "club_meeting": "Buổi sinh hoạt CLB",
    "club_meeting_attendance": "Lượt hộ dự sinh hoạt",
    "family_visit": "Lượt thăm hỏi gia đình",
    "yearly_review": "Phiếu rà soát hằng năm",
    "outreach_session": "Buổi tư vấn, tuyên truyền",
    "outreach_attendance": "Lượt người dự tư vấn",
    "placement_company": "Doanh nghiệp dịch vụ",
    "departure": "Lượt xuất cảnh",
    "loan": "Khoản vay",
    "departure_support": "Khoản hỗ trợ",
    "worker_return": "Lượt về nước",
    "return_follow_up": "Lần theo dõi sau về nước",
    "follow_up_support_need": "Nhu cầu hỗ trợ",
    "target": "Chỉ tiêu",
    "administrative_unit": "Đơn vị hành chính",
    "unit_succession": "Sáp nhập đơn vị (cũ → mới)",
    "market": "Thị trường",
    "app_setting": "Cài đặt",
    "user_account": "Tài khoản người dùng",
    "audit_event": "Nhật ký",
}


# --------------------------------------------------------------------------- output


def _ensure_utf8(stream: TextIO | None) -> None:
    """Make *stream* write UTF-8, replacing what it cannot encode, so Vietnamese never crashes it."""
    if stream is None:
        return
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    reconfigure = getattr(stream, "reconfigure", None)
    if encoding != "utf8" and reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):  # a stream that cannot change any more
            reconfigure(encoding="utf-8", errors="replace")


def _say(text: str = "", *, err: bool = False) -> None:
    """Print a line; silently nothing when there is no console (the windowed program)."""
    stream = sys.stderr if err else sys.stdout
    if stream is not None:
        print(text, file=stream, flush=err)


def _seconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _print_counts(counts: dict[str, int]) -> None:
    """Print "label  count" lines; table names are shown by their Vietnamese label, in a fixed order."""
    order = {name: index for index, name in enumerate(TABLE_LABELS)}
    counts = dict(sorted(counts.items(), key=lambda item: order.get(item[0], len(order))))
    width = max((len(TABLE_LABELS.get(name, name)) for name in counts), default=10)
    for name, count in counts.items():
        _say(f"  {TABLE_LABELS.get(name, name):<{width}}  {group_digits(count):>12}")


# --------------------------------------------------------------------------- the parser


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help with a Vietnamese "usage" line."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "Cách dùng: ")


def _unquoted(text: str) -> str:
    """argparse's ``'bogus'`` (a repr) as “bogus”."""
    return re.sub(r"'([^']*)'", r"“\1”", text)


#: argparse's English error messages (Python 3.11–3.13) and their Vietnamese, tried in order
_ARGPARSE_ERRORS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(pattern, re.S), say)
    for pattern, say in (
        (
            r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)",
            lambda m: f"không có {_unquoted(m['value'])}; chọn một trong: {m['choices'].replace(chr(39), '')}",
        ),
        (r"expected one argument", lambda m: "cần một giá trị"),
        (r"expected at most one argument", lambda m: "chỉ nhận nhiều nhất một giá trị"),
        (r"expected at least one argument", lambda m: "cần ít nhất một giá trị"),
        (r"expected (?P<n>\d+) arguments?", lambda m: f"cần {m['n']} giá trị"),
        (r"the following arguments are required: (?P<names>.*)", lambda m: f"thiếu tham số bắt buộc: {m['names']}"),
        (r"one of the arguments (?P<names>.*) is required", lambda m: f"cần một trong các tham số: {m['names']}"),
        (r"invalid int value: (?P<value>.*)", lambda m: f"{_unquoted(m['value'])} không phải là một số nguyên"),
        (r"invalid float value: (?P<value>.*)", lambda m: f"{_unquoted(m['value'])} không phải là một số"),
        (r"invalid \S+ value: (?P<value>.*)", lambda m: f"giá trị {_unquoted(m['value'])} không hợp lệ"),
        (r"unrecognized arguments: (?P<words>.*)", lambda m: f"không hiểu các tham số: {m['words']}"),
        (r"not allowed with argument (?P<other>.*)", lambda m: f"không dùng cùng lúc với {m['other']} được"),
        (
            r"ambiguous option: (?P<option>\S+) could match (?P<options>.*)",
            lambda m: f"tùy chọn {m['option']} không rõ là tùy chọn nào trong: {m['options']}",
        ),
        (r"ignored explicit argument (?P<value>.*)", lambda m: f"không nhận giá trị {_unquoted(m['value'])}"),
    )
)


def translate_argparse_error(message: str) -> str:
    """argparse's English *message* in Vietnamese ("argument --to: expected one argument" →
    "tham số --to: cần một giá trị"); our own messages (already Vietnamese) pass unchanged."""
    head = ""
    found = re.match(r"argument (?P<name>.+?): (?P<rest>.*)", message, re.S)
    if found is not None:
        head, message = f"tham số {found['name']}: ", found["rest"]
    for pattern, say in _ARGPARSE_ERRORS:
        match = pattern.fullmatch(message)
        if match is not None:
            return head + say(match)
    return head + message


class _Parser(argparse.ArgumentParser):
    """An argument parser that speaks Vietnamese in its headings and errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "Tham số"  # "Lệnh" once the parser has commands (add_subparsers)
        self._optionals.title = "Tùy chọn"
        self.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này rồi thoát")

    def add_subparsers(self, **kwargs: Any) -> Any:
        self._positionals.title = "Lệnh"
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> Any:  # argparse's contract: never returns
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: lỗi: {translate_argparse_error(message)}\n")


#: the largest count the command line takes (--people, --limit)
MAX_COUNT = 1_000_000_000
#: the largest record id a database holds (SQLite's INTEGER, PostgreSQL's BIGINT)
MAX_ID = 2**63 - 1


def _whole(text: str) -> int:
    try:
        return int(text.replace(".", "").replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” không phải là một số nguyên") from None


def _positive(text: str) -> int:
    value = _whole(text)
    if value < 1:
        raise argparse.ArgumentTypeError("phải lớn hơn 0")
    if value > MAX_COUNT:
        raise argparse.ArgumentTypeError(f"“{text}” quá lớn (nhiều nhất {group_digits(MAX_COUNT)})")
    return value


def record_id(text: str) -> int:
    """A record's id (mã) on the command line: a whole number from 1 to what a database can hold."""
    value = _whole(text)
    if value < 1 or value > MAX_ID:
        raise argparse.ArgumentTypeError(f"“{text}” không phải là một mã hồ sơ (mã là số nguyên từ 1 trở lên)")
    return value


def _day(text: str) -> date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"“{text}” không phải là ngày dạng ngày/tháng/năm (ví dụ 25/11/2026)")


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``xkld-desktop``."""
    parser = _Parser(
        prog="xkld-desktop",
        description=(
            f"{APP_NAME} — quản lý người lao động đi làm việc có thời hạn ở nước ngoài\n"
            "theo hợp đồng, sổ sách cấp xã. Không có lệnh: mở cửa sổ chương trình."
        ),
        epilog=(
            "Ví dụ:\n"
            "  xkld-desktop init\n"
            "  xkld-desktop --db sqlite:///du-lieu-mau.db demo --people 2000\n"
            "  xkld-desktop info"
        ),
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        default=None,
        help="cơ sở dữ liệu: sqlite:///đường/dẫn/tệp.db hoặc địa chỉ máy chủ "
        "(mặc định: biến môi trường XKLD_DB_URL, hoặc tệp xkld.db trong thư mục dữ liệu)",
    )
    parser.add_argument(
        "--version", action="version", version=f"{APP_NAME} {__version__}", help="hiện phiên bản rồi thoát"
    )
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    commands.add_parser(
        "init",
        help="tạo hoặc nâng cấp cơ sở dữ liệu, nạp danh mục đơn vị hành chính và thị trường",
        description="Tạo (hoặc nâng cấp) cơ sở dữ liệu và nạp các danh mục, rồi in đường dẫn tệp.",
    )
    demo = commands.add_parser(
        "demo",
        help="tạo dữ liệu mẫu trong một cơ sở dữ liệu trống",
        description=(
            "Tạo dữ liệu mẫu (người lao động, hộ gia đình, xuất cảnh, về nước, CLB …)\n"
            "trong một cơ sở dữ liệu trống. Mặc định: 9 xã, thị trấn của huyện Tân Hồng cũ, tỉnh Đồng Tháp.\n"
            "Cùng hạt giống và cùng ngày --today cho đúng cùng dữ liệu."
        ),
    )
    demo.add_argument("--people", type=_positive, default=500, metavar="N", help="số người cần tạo (mặc định 500)")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="hạt giống ngẫu nhiên: cùng hạt, cùng dữ liệu")
    demo.add_argument("--commune", metavar="MÃ", default=None, help="mã xã, phường (mặc định: huyện Tân Hồng cũ)")
    demo.add_argument("--today", type=_day, default=None, metavar="NGÀY", help="coi ngày này là hôm nay (dd/mm/yyyy)")
    commands.add_parser(
        "info",
        help="in vị trí, phiên bản lược đồ và số dòng từng bảng của cơ sở dữ liệu",
        description="In vị trí cơ sở dữ liệu, phiên bản lược đồ và số dòng của từng bảng.",
    )
    search = commands.add_parser(
        "search",
        help="tìm người lao động theo tên (có dấu hay không dấu), số CCCD hoặc số điện thoại",
        description=(
            "Tìm người lao động, mỗi người một dòng, các cột cách nhau bằng dấu tab:\n"
            "mã, họ tên, ngày sinh (dd/mm/yyyy), CCCD, trạng thái. Cùng cách tìm như trong cửa sổ."
        ),
    )
    search.add_argument("query", metavar="TỪ_KHÓA", help='ví dụ "nguyen van duc", "Đức", 087203')
    search.add_argument("--limit", type=_positive, default=100, metavar="N", help="số kết quả tối đa (mặc định 100)")
    hamlets = commands.add_parser(
        "hamlets",
        help="liệt kê tên ấp/thôn đang dùng; đổi tên hoặc gộp ấp/thôn",
        description=(
            "Không có --rename: in từng tên ấp/thôn đang ghi trong hồ sơ, số người lao động, số hộ gia đình\n"
            "và các tên viết khác của cùng ấp (cách nhau bằng dấu Tab).\n"
            "Có --rename TÊN… --to TÊN_MỚI: ghi TÊN_MỚI cho mọi người lao động và hộ gia đình đang ở một\n"
            "trong các TÊN (kể cả hồ sơ trong thùng rác); nhật ký giữ tên cũ của từng hồ sơ."
        ),
    )
    hamlets.add_argument("--rename", nargs="+", metavar="TÊN", help="các tên ấp/thôn cần đổi hoặc gộp")
    hamlets.add_argument("--to", metavar="TÊN_MỚI", help="tên ấp/thôn ghi thay (cần cùng --rename)")
    from .cli_import import add_commands as add_import_commands

    add_import_commands(commands)
    from .cli_reports import add_commands as add_report_commands

    add_report_commands(commands)
    from .cli_trust import add_commands as add_trust_commands

    add_trust_commands(commands)
    from .cli_server import add_commands as add_server_commands

    add_server_commands(commands)
    from .cli_users import add_commands as add_user_commands
    from .cli_users import add_global_options

    add_global_options(parser)
    add_user_commands(commands)
    return parser


# --------------------------------------------------------------------------- commands


def _url(args: argparse.Namespace) -> str:
    if args.db:
        return str(args.db)
    from .config import default_db_url

    return default_db_url()


def cmd_init(args: argparse.Namespace) -> int:
    from .services.database import open_database

    db = open_database(_url(args))
    try:
        report = db.migration
        _say(f"Cơ sở dữ liệu: {db.display_location}")
        if report is not None and report.from_revision is None:
            _say(f"Đã tạo mới, phiên bản lược đồ {report.to_revision}.")
        elif report is not None and report.changed:
            _say(f"Đã nâng cấp lược đồ {report.from_revision} → {report.to_revision}.")
            if report.backup is not None:
                _say(f"Bản sao lưu trước khi nâng cấp: {report.backup}")
        elif report is not None:
            _say(f"Lược đồ đã là bản mới nhất ({report.to_revision}).")
        if db.seeded:
            _say("Đã nạp danh mục:")
            labels = {
                "provinces": "Tỉnh, thành phố (hiện hành)",
                "communes": "Xã, phường, đặc khu (hiện hành)",
                "legacy_provinces": "Tỉnh, thành phố (trước 01/07/2025)",
                "legacy_districts": "Huyện, quận, thị xã (trước 01/07/2025)",
                "legacy_communes": "Xã, phường, thị trấn (trước 01/07/2025)",
                "successions": "Sáp nhập (đơn vị cũ → mới)",
                "markets": "Thị trường",
            }
            _print_counts({labels.get(k, k): v for k, v in db.seeded.items()})
        return EXIT_OK
    finally:
        db.close()


def _progress_printer(line: Callable[[int, int], str] | None = None) -> Callable[[int, int], None] | None:
    """A progress callback that rewrites one line on a terminal (*line* says what: (done, total) → text),
    or ``None`` when standard error is not a terminal (a log, a pipe, a test)."""
    stream = sys.stderr
    if stream is None or not stream.isatty():
        return None
    text = line or (lambda done, total: f"Đã tạo {group_digits(done)}/{group_digits(total)} người…")

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        stream.write(f"\r  {text(done, total)}{end}")
        stream.flush()

    return show


def cmd_demo(args: argparse.Namespace) -> int:
    from .services.database import open_database
    from .services.demo import generate_demo

    if args.today is not None:
        from .services.demo import check_today

        check_today(args.today)  # before the database is made: a --today too early is refused
    started = time.perf_counter()
    db = open_database(_url(args))
    try:
        _say(f"Cơ sở dữ liệu: {db.display_location}")
        summary = generate_demo(
            db.engine,
            people=args.people,
            seed=args.seed,
            commune_code=args.commune,
            progress=_progress_printer(),
            today=args.today,
        )
        if args.commune is None:  # the sample commune keeps the database, as after the window's demo
            from .services.settings import adopt_demo_unit

            adopt_demo_unit(db.engine)
    finally:
        db.close()
    total = time.perf_counter() - started
    _say(f"Đã tạo dữ liệu mẫu ({', '.join(summary.communes)}; hạt giống {summary.seed}):")
    _print_counts(summary.counts)
    _say(f"Thời gian: {_seconds(summary.seconds)} giây tạo dữ liệu, {_seconds(total)} giây cả lệnh.")
    return EXIT_OK


#: ``info``'s schema line for another program's SQLite file
NOT_OURS = "không có — đây không phải là cơ sở dữ liệu của chương trình (có bảng của chương trình khác)"


def cmd_info(args: argparse.Namespace) -> int:
    import sqlalchemy as sa

    from .domain.models import metadata
    from .store.engine import create_engine, sqlite_path
    from .store.errors import classify
    from .store.migrate import current_revision, head_revision

    url = _url(args)
    path = sqlite_path(url)  # there (main checked)
    engine = create_engine(url)
    try:
        location = str(path) if path is not None else engine.url.render_as_string(hide_password=True)
        size = f" ({_seconds(path.stat().st_size / 1_048_576)} MB)" if path is not None else ""
        _say(f"Cơ sở dữ liệu: {location}{size}")
        revision, head = current_revision(engine), head_revision()
        try:
            with engine.connect() as conn:
                present = set(sa.inspect(conn).get_table_names())
                if revision is None:
                    state = "chưa khởi tạo — hãy chạy: xkld-desktop init"
                    ours = {table.name for table in metadata.sorted_tables} | {"alembic_version"}
                    if present - ours:  # the tables of another program
                        state = NOT_OURS
                elif revision == head:
                    state = f"{revision} (mới nhất)"
                else:
                    state = f"{revision} (bản mới nhất là {head}; sẽ được nâng cấp khi mở)"
                _say(f"Phiên bản lược đồ: {state}")
                counts = {
                    table.name: int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0)
                    for table in metadata.sorted_tables
                    if table.name in present
                }
        except Exception as error:
            env = classify(error)
            if env is not None:
                raise env from error
            raise
        if counts:
            _say("Số dòng:")
            _print_counts(counts)
        return EXIT_OK
    finally:
        engine.dispose()


def cmd_search(args: argparse.Namespace) -> int:
    from .domain.validation import format_date
    from .services.database import open_database
    from .services.people import search_people

    db = open_database(_url(args))
    try:
        for row in search_people(db.engine, args.query, limit=args.limit):
            born = format_date(row.date_of_birth, row.birth_precision) if row.date_of_birth else ""
            _say("\t".join([str(row.id), row.full_name, born, row.id_number or "", row.status.label("vi")]))
        return EXIT_OK
    finally:
        db.close()


def cmd_hamlets(args: argparse.Namespace) -> int:
    from .services.database import open_database
    from .services.errors import ServiceError
    from .services.hamlets import hamlet_usage, rename_hamlets

    if bool(args.rename) != (args.to is not None):
        _say("Đổi tên ấp/thôn cần cả --rename TÊN… và --to TÊN_MỚI.", err=True)
        return EXIT_ERROR
    db = open_database(_url(args))
    try:
        if args.rename:
            try:
                result = rename_hamlets(db.engine, args.rename, args.to)
            except ServiceError as error:
                _say(error.message, err=True)
                return EXIT_ERROR
            _say(result.text)
            return EXIT_OK
        for item in hamlet_usage(db.engine):
            _say("\t".join([item.name, str(item.people), str(item.households), ", ".join(item.same_letters)]))
        return EXIT_OK
    finally:
        db.close()


def cmd_gui(args: argparse.Namespace) -> int:
    try:
        from .ui.app import run_gui
    except ImportError as error:
        _say(
            f"Không mở được cửa sổ chương trình: thiếu thành phần giao diện ({error}). "
            "Hãy cài đặt lại XKLĐ Desktop. Các lệnh dòng lệnh vẫn dùng được: xkld-desktop --help",
            err=True,
        )
        return EXIT_ERROR
    return int(run_gui(db_url=args.db) or 0)


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: cmd_gui,
    "init": cmd_init,
    "demo": cmd_demo,
    "info": cmd_info,
    "search": cmd_search,
    "hamlets": cmd_hamlets,
}


def handler(command: str | None) -> Callable[[argparse.Namespace], int]:
    """The function that runs *command*. The commands of their own modules (import, reports, backup
    and audit, copy-to, users) are added to :data:`COMMANDS` when one of them is asked for: loading
    them took 9–16 ms of a window's start, which runs none of them."""
    if command not in COMMANDS:
        from .cli_import import COMMANDS as import_commands
        from .cli_reports import COMMANDS as report_commands
        from .cli_server import COMMANDS as server_commands
        from .cli_trust import COMMANDS as trust_commands
        from .cli_users import COMMANDS as user_commands

        for more in (import_commands, report_commands, trust_commands, server_commands, user_commands):
            COMMANDS.update(more)
    return COMMANDS[command]


# --------------------------------------------------------------------------- entry points


def _environment_message(error: BaseException) -> str | None:
    """The Vietnamese message for a failure the user can act on, or ``None`` for a bug."""
    store_errors = sys.modules.get("xkld_desktop.store.errors")
    if store_errors is not None:
        if isinstance(error, store_errors.StoreError):
            return str(error.message)
        env = store_errors.classify(error)
        if env is not None:
            return str(env.message)
    sa_exc = sys.modules.get("sqlalchemy.exc")
    if sa_exc is not None:
        if isinstance(error, sa_exc.NoSuchModuleError):  # "Can't load plugin: sqlalchemy.dialects:foo"
            return UNSUPPORTED_DATABASE
        if isinstance(error, sa_exc.ArgumentError):  # "Could not parse SQLAlchemy URL …"
            return f"Địa chỉ cơ sở dữ liệu không hợp lệ. {URL_FORMS}"
    if isinstance(error, ModuleNotFoundError) and _raised_by_sqlalchemy(error):  # a driver not installed
        return (
            f"Chương trình không có trình điều khiển “{error.name}” mà địa chỉ cơ sở dữ liệu này cần: chỉ dùng được "
            f"tệp SQLite và máy chủ PostgreSQL (postgresql://…, không ghi kèm tên trình điều khiển). {URL_FORMS}"
        )
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        reason = _OS_REASONS.get(error.errno or 0, error.strerror or str(error))
        return f"Không mở được tệp hoặc thư mục của cơ sở dữ liệu{where}: {reason}."
    access = sys.modules.get("xkld_desktop.services.access")
    if access is not None and isinstance(error, access.AccessDenied):  # the --user may not do this
        return str(error.message)
    return None


#: the forms of --db, said after a refused address
URL_FORMS = (
    "Hãy ghi đường dẫn một tệp SQLite, ví dụ sqlite:///đường/dẫn/tệp.db (trên Windows: sqlite:///D:/xa/xkld.db), "
    "hoặc địa chỉ một máy chủ PostgreSQL, ví dụ postgresql://tên_đăng_nhập@máy_chủ/tên_cơ_sở_dữ_liệu."
)
UNSUPPORTED_DATABASE = (
    f"Chương trình chỉ dùng được tệp SQLite và máy chủ PostgreSQL, không dùng được loại cơ sở dữ liệu này. {URL_FORMS}"
)
_SCHEME = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://")


def url_problem(url: str) -> str | None:
    """Why the database address *url* cannot be used (not an address, not SQLite nor PostgreSQL), or ``None``."""
    found = _SCHEME.match(url)
    if found is None:
        return f"Địa chỉ cơ sở dữ liệu không hợp lệ: “{url}”. {URL_FORMS}"
    if found["scheme"].split("+", 1)[0].lower() not in ("sqlite", "postgresql", "postgres"):
        return (
            f"Chương trình chỉ dùng được tệp SQLite và máy chủ PostgreSQL, không dùng được “{found['scheme']}://”. "
            + URL_FORMS
        )
    return None


def _raised_by_sqlalchemy(error: BaseException) -> bool:
    """Whether *error* came out of SQLAlchemy's own code (loading a database driver that is not installed)."""
    import traceback

    marker = f"{os.sep}sqlalchemy{os.sep}"
    return any(marker in frame.f_code.co_filename for frame, _ in traceback.walk_tb(error.__traceback__))


_OS_REASONS = {
    errno.EEXIST: "một phần của đường dẫn là tệp chứ không phải thư mục",
    errno.ENOTDIR: "một phần của đường dẫn là tệp chứ không phải thư mục",
    errno.ENOENT: "không tìm thấy đường dẫn",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không có quyền truy cập",
    errno.EROFS: "ổ đĩa chỉ cho phép đọc",
    errno.ENOSPC: "ổ đĩa đã đầy",
}


#: commands that change records: refused while a window has the database open (issue 6)
_CHANGING_COMMANDS = {"init", "demo", "import", "restore"}


def _held_by_window(args: argparse.Namespace) -> str | None:
    """The refusal of a record-changing command while a window holds the database's lock file."""
    undo = args.command == "imports" and getattr(args, "undo", None)
    rename = args.command == "hamlets" and getattr(args, "rename", None)
    if args.command not in _CHANGING_COMMANDS and not undo and not rename:
        return None
    if args.command == "import" and getattr(args, "dry_run", False):
        return None
    from .store.engine import sqlite_path
    from .store.lockinfo import held_message

    path = sqlite_path(_url(args))
    return held_message(path) if path is not None else None


def window_start_args(words: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of a plain window start — nothing, or only ``--db URL`` — read without
    building the whole command line (its ≈ 30 commands cost ≈ 7 ms of the wait for the window);
    ``None`` for anything else. A test holds them equal to what :func:`build_parser` reads."""
    if not words:
        return argparse.Namespace(db=None, command=None, user=None)
    if len(words) == 2 and words[0] == "--db" and not words[1].startswith("-"):
        return argparse.Namespace(db=words[1], command=None, user=None)
    return None


#: the commands that work on a database already there: on a SQLite file that does not exist they say
#: so instead of creating an empty one (a mistyped --db gave an all-zero report); init, demo, import
#: and restore may make it
NEEDS_DATABASE = frozenset(
    {"info", "search", "imports", "stats", "report", "export", "sheet", "export-template", "backup", "audit"}
    | {"copy-to", "user", "hamlets"}
)


def _missing_database(args: argparse.Namespace) -> str | None:
    """Why *args*' command cannot run on the database it names (a SQLite file not there), or ``None``."""
    if args.command not in NEEDS_DATABASE:
        return None
    from .store.urls import sqlite_file

    path = sqlite_file(_url(args))
    if path is None or path.exists():
        return None
    return f"Chưa có cơ sở dữ liệu tại {path}. Hãy chạy: xkld-desktop init"


def _not_initialised(args: argparse.Namespace) -> tuple[int, str] | None:
    """(exit status, why) when *args*' command needs the program's database and its SQLite file is
    not one: an empty file, or another program's database (no schema version); else ``None``.

    ``info`` runs on such a file (it says "chưa khởi tạo"). A file that cannot be read here (damaged,
    locked …) is left to the command, which says what is wrong with it.
    """
    if args.command not in NEEDS_DATABASE or args.command == "info":
        return None
    from .store.urls import read_only_uri, sqlite_file

    path = sqlite_file(_url(args))
    if path is None or not path.is_file():
        return None
    import sqlite3

    try:
        with contextlib.closing(sqlite3.connect(read_only_uri(path), uri=True, timeout=1)) as con:
            tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except (sqlite3.Error, OSError, ValueError):
        return None
    tables = {name for name in tables if not name.startswith("sqlite_")}
    if "alembic_version" in tables:
        return None
    if not tables:
        return EXIT_NOTHING, f"Cơ sở dữ liệu tại {path} chưa khởi tạo (tệp trống) — hãy chạy: xkld-desktop init"
    return EXIT_ERROR, (
        f"Tệp {path} không phải là cơ sở dữ liệu của chương trình (đó là cơ sở dữ liệu của một chương trình khác, "
        "chưa khởi tạo cho XKLĐ Desktop). Hãy kiểm tra lại đường dẫn --db."
    )


def _refused_url(args: argparse.Namespace) -> str | None:
    """Why the database address of *args*' command (and copy-to's target) cannot be used, or ``None``."""
    if args.command is None:  # the window says it in its own way
        return None
    problem = url_problem(_url(args))
    if problem is None and args.command == "copy-to":
        problem = url_problem(str(args.target))
    return problem


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``xkld-desktop`` with *argv* (default: the process's arguments); return the exit status."""
    _ensure_utf8(sys.stdout)
    _ensure_utf8(sys.stderr)
    words = list(argv) if argv is not None else sys.argv[1:]
    try:
        args = window_start_args(words) or build_parser().parse_args(words)
    except SystemExit as done:  # --help, --version, or a usage error already printed
        return done.code if isinstance(done.code, int) else (EXIT_OK if done.code is None else EXIT_ERROR)
    try:
        refused = _refused_url(args)
        if refused is not None:
            _say(refused, err=True)
            return EXIT_ERROR
        missing = _missing_database(args)
        if missing is not None:
            _say(missing, err=True)
            return EXIT_NOTHING
        not_ours = _not_initialised(args)
        if not_ours is not None:
            _say(not_ours[1], err=True)
            return not_ours[0]
        refusal = _held_by_window(args)
        if refusal is not None:
            _say(refusal, err=True)
            return EXIT_ERROR
        if args.command is None and not args.user:
            return handler(None)(args)  # the window: it logs in by itself
        from .cli_users import login, logout

        refusal = login(args)  # --user: a database with accounts asks who is working
        if refusal is not None:
            _say(refusal, err=True)
            return EXIT_ERROR
        try:
            return handler(args.command)(args)
        finally:
            logout()
    except KeyboardInterrupt:
        _say("Đã dừng.", err=True)
        return 130
    except BrokenPipeError:  # the output went to a program that stopped reading (| head)
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - nothing more is written to the closed pipe
        return EXIT_NOTHING
    except Exception as error:
        message = _environment_message(error)
        if message is None:
            raise
        _say(message, err=True)
        return EXIT_ERROR


def main_gui() -> int:
    """Entry point of the windowed launcher (``xkld-desktop-gui``): same arguments, usually none."""
    return main(sys.argv[1:])


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
