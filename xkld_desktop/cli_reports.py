"""The report commands of ``xkld-desktop``: ``stats``, ``report``, ``export``, ``sheet``, ``export-template``.

    xkld-desktop --db URL stats --from 01/01/2025 --to 31/12/2025 [--unit "Tân Hộ Cơ"] --json
    xkld-desktop --db URL report --from 01/01/2025 --to 31/12/2025 -o bao-cao-2025.pdf
    xkld-desktop --db URL export departed --from 01/01/2025 --to 31/12/2025 -o xuat-canh-2025.xlsx
    xkld-desktop --db URL sheet 1982 -o phieu-1982.pdf
    xkld-desktop --db URL export-template mau.xlsx --from 01/01/2025 --to 31/12/2025 -o bao-cao.xlsx

``stats --json`` prints every figure of the summary report (the keys are documented in the
README); the PDF and the JSON come from the same service (:func:`services.stats.compute_stats`).
:func:`add_commands` adds the commands to the main parser; :data:`COMMANDS` maps them to handlers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .domain.numbers import group_digits

EXIT_OK = 0
EXIT_ERROR = 2

LISTS = ("departed", "returned", "review", "club")


def _day(text: str) -> date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"“{text}” không phải là ngày dạng ngày/tháng/năm (ví dụ 25/11/2026)")


def _period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from", dest="date_from", type=_day, required=True, metavar="NGÀY", help="đầu kỳ (dd/mm/yyyy)"
    )
    parser.add_argument("--to", dest="date_to", type=_day, required=True, metavar="NGÀY", help="cuối kỳ (dd/mm/yyyy)")
    parser.add_argument(
        "--unit",
        metavar="TÊN",
        default=None,
        help="chỉ một xã, phường (tên có dấu hay không dấu, hoặc mã); mặc định: mọi xã trong cơ sở dữ liệu",
    )


def add_commands(subparsers: Any) -> None:
    """Add the report commands (see :data:`COMMANDS`) to the subparsers of the main parser."""
    from .cli import record_id

    stats = subparsers.add_parser(
        "stats",
        help="in các số liệu của báo cáo tổng hợp trong một kỳ",
        description="In mọi số liệu của báo cáo tổng hợp trong kỳ (với --json: dạng JSON, khóa tiếng Anh).",
    )
    _period_arguments(stats)
    stats.add_argument("--json", action="store_true", help="in dạng JSON (khóa mô tả trong README)")
    report = subparsers.add_parser(
        "report",
        help="lập báo cáo tổng hợp (PDF) trong một kỳ",
        description="Lập báo cáo tổng hợp khổ A4 (PDF) có quốc hiệu, bảng số liệu, biểu đồ và chỗ ký.",
    )
    _period_arguments(report)
    report.add_argument("-o", "--output", required=True, metavar="TỆP.pdf", help="tệp PDF cần ghi")
    export = subparsers.add_parser(
        "export",
        help="xuất danh sách ra Excel: departed, returned, review, club",
        description=(
            "Xuất danh sách ra tệp Excel (.xlsx):\n"
            "  departed  người xuất cảnh trong kỳ\n"
            "  returned  người về nước trong kỳ (kèm lần theo dõi gần nhất)\n"
            "  review    rà soát lao động trong độ tuổi (các năm của kỳ)\n"
            "  club      hộ thành viên CLB gia đình (đến ngày cuối kỳ)"
        ),
    )
    export.add_argument("list_name", choices=LISTS, metavar="DANH_SÁCH", help="departed, returned, review hoặc club")
    _period_arguments(export)
    export.add_argument("-o", "--output", required=True, metavar="TỆP.xlsx", help="tệp Excel cần ghi")
    sheet = subparsers.add_parser(
        "sheet",
        help="in phiếu thông tin người lao động (PDF)",
        description="Lập phiếu thông tin một người lao động (PDF khổ A4): nhân thân, hộ gia đình, toàn bộ quá trình.",
    )
    sheet.add_argument("person_id", type=record_id, metavar="MÃ_NGƯỜI", help="mã số (id) của người lao động")
    sheet.add_argument("-o", "--output", required=True, metavar="TỆP.pdf", help="tệp PDF cần ghi")
    template = subparsers.add_parser(
        "export-template",
        help="điền số liệu và danh sách vào mẫu Excel của người dùng",
        description=(
            "Điền vào một tệp Excel mẫu (.xlsx) các ô {{don_vi}}, {{tu_ngay}}, {{xuat_canh}}… và lặp dòng "
            "đánh dấu {{#dong departed}} cho từng người (xem resources/templates/README.md)."
        ),
    )
    template.add_argument("template", metavar="MẪU.xlsx", help="tệp Excel mẫu có các ô {{…}}")
    _period_arguments(template)
    template.add_argument("-o", "--output", required=True, metavar="TỆP.xlsx", help="tệp Excel cần ghi")


def _say(text: str, *, err: bool = False) -> None:
    print(text, file=sys.stderr if err else sys.stdout, flush=True)


def _open(args: argparse.Namespace) -> Any:
    from .cli import _url
    from .services.database import open_database

    return open_database(_url(args))


def output_problem(output: str | os.PathLike[str], suffix: str, *, folder_allowed: bool = False) -> str | None:
    """Why the file *output* (``-o``) cannot be written, said with the user's own path; ``None`` when it can.

    Checked before the work starts: the services write a temporary file beside *output* first, and
    their failure named that file and blamed the database. *suffix*: of the file wanted (".pdf"), for
    an example name. *folder_allowed*: *output* may be a folder (``backup -o`` an USB drive).
    """
    path = Path(output)
    if path.is_dir():
        if not folder_allowed:
            example = path / f"ten-tep{suffix}"
            return f"{path} là một thư mục, không phải tệp: hãy ghi cả tên tệp, ví dụ -o {example}"
        return None if os.access(path, os.W_OK | os.X_OK) else f"Không có quyền ghi vào thư mục {path}."
    parent = path.parent
    if not parent.exists():
        return f"Không ghi được {path}: chưa có thư mục {parent}. Hãy tạo thư mục đó trước, hoặc chọn thư mục khác."
    if not parent.is_dir():
        return f"Không ghi được {path}: {parent} là một tệp chứ không phải thư mục."
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"Không ghi được {path}: không có quyền ghi vào thư mục {parent}."
    if path.exists() and not os.access(path, os.W_OK):
        return f"Không ghi được {path}: tệp đã có và chỉ cho phép đọc."
    return None


def _refuse_output(args: argparse.Namespace, suffix: str) -> bool:
    """Print why ``-o`` cannot be written and return True; False when it can."""
    problem = output_problem(args.output, suffix)
    if problem is not None:
        _say(problem, err=True)
    return problem is not None


#: the file formats openpyxl reads (an Excel template)
TEMPLATE_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")


def template_problem(template: str) -> str | None:
    """Why *template* cannot be an Excel template (not there, a folder, not .xlsx), or ``None``."""
    path = Path(template)
    if path.is_dir():
        return f"Mẫu {path} là một thư mục, không phải tệp Excel (.xlsx)."
    if not path.exists():
        return f"Không tìm thấy tệp mẫu {path}."
    if path.suffix.lower() not in TEMPLATE_SUFFIXES:
        return f"Mẫu {path} không phải là tệp Excel dạng .xlsx: hãy mở nó bằng Excel và lưu lại dạng .xlsx."
    return None


def _check_period(args: argparse.Namespace) -> bool:
    if args.date_to < args.date_from:
        _say("Ngày cuối kỳ (--to) phải sau ngày đầu kỳ (--from).", err=True)
        return False
    return True


#: after a former commune's name: abolished by the 1 July 2025 merger (``legacy`` in the database)
LEGACY_MARK = "(trước 01/07/2025)"
_FORMER_WORDS = ("(truoc 01/07/2025)", "(cu, truoc sap nhap)", "(cu)", "truoc sap nhap", "cu")
_UNIT_PREFIXES = ("xa ", "phuong ", "thi tran ", "dac khu ")


def unit_label(unit: Any) -> str:
    """ "Xã Tân Hộ Cơ (mã 29929)", a former commune "Xã Tân Hộ Cơ (mã 29929, trước 01/07/2025)"."""
    return f"{unit.name} (mã {unit.code}, {LEGACY_MARK[1:-1]})" if unit.legacy else f"{unit.name} (mã {unit.code})"


def _bare(value: str) -> str:
    """The folded name without its kind: "tan ho co" for "Xã Tân Hộ Cơ"."""
    from .domain.text import fold

    value = fold(value)
    for prefix in _UNIT_PREFIXES:
        if value.startswith(prefix):
            return value[len(prefix) :]
    return value


def _match_units(units: list[Any], name: str) -> list[Any]:
    """The units *name* designates: ``id:13314``; a code; a name with or without its kind ("Xã"),
    accents or not; "… (cũ)" or "… (trước 01/07/2025)": the former communes of that name or code;
    at last a part of a name. A current commune and its former self (same code and name) both
    matching: the current one."""
    from .domain.text import fold

    text = name.strip()
    key = fold(text)
    if key[:3] in ("id:", "id="):
        wanted = key[3:].strip()
        return [u for u in units if wanted.isdigit() and u.id == int(wanted)]

    def exact(pool: list[Any], text: str, key: str) -> list[Any]:
        return [u for u in pool if u.code == text or fold(u.name) == key or _bare(u.name) == _bare(key)]

    found = exact(units, text, key)
    if not found:  # "Tân Hộ Cơ (cũ)": the former commune (tried after the whole text: a name may end in "Cù")
        former = [u for u in units if u.legacy]
        for words in _FORMER_WORDS:
            if key.endswith(words) and len(key) > len(words):
                rest = key[: -len(words)].rstrip(" ,")
                found = exact(former, rest, rest)
                break
    if not found:
        found = [u for u in units if _bare(key) in _bare(u.name)]
    current = {(u.code, fold(u.name)) for u in found if not u.legacy}
    return [u for u in found if not (u.legacy and (u.code, fold(u.name)) in current)]


def resolve_unit(engine: Any, name: str | None) -> tuple[bool, list[int] | None]:
    """(found, unit ids) for ``--unit``: ``None`` ids means all; prints why when nothing or too much matched.

    A commune that kept its name and code in the 2025 merger is two units: the current one is
    chosen (a note names the former one and how to choose it: ``--unit "Tân Hộ Cơ (cũ)"``).
    """
    if not name:
        return True, None
    from .domain.text import fold
    from .services.stats import list_report_units

    units = list_report_units(engine)
    found = _match_units(units, name)
    if len(found) == 1:
        chosen = found[0]
        twins = [
            u
            for u in units
            if u.legacy and not chosen.legacy and (u.code, fold(u.name)) == (chosen.code, fold(chosen.name))
        ]
        if twins:
            _say(
                f"Chọn {chosen.name} hiện nay (mã {chosen.code}); số liệu ghi cho {chosen.name} cũ "
                f"({LEGACY_MARK[1:-1]}) không tính vào — muốn xem đơn vị cũ, ghi --unit "
                f'"{short_name(chosen.name)} (cũ)".',
                err=True,
            )
        return True, [chosen.id]
    if not found:
        known = ", ".join(unit_label(u) for u in units) or "(chưa có)"
        _say(f"Không có xã, phường “{name}” trong cơ sở dữ liệu. Các đơn vị có số liệu: {known}", err=True)
    else:
        lines = "\n".join(f"  {unit_label(u)}: --unit id:{u.id}" for u in found)
        _say(
            f"“{name}” trùng nhiều đơn vị:\n{lines}\n"
            "Hãy ghi rõ hơn: mã xã, tên đầy đủ, thêm “(cũ)” cho đơn vị trước 01/07/2025, hoặc id như trên.",
            err=True,
        )
    return False, None


def short_name(name: str) -> str:
    """ "Tân Hộ Cơ" for "Xã Tân Hộ Cơ"."""
    for prefix in ("Xã ", "Phường ", "Thị trấn ", "Đặc khu "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _for_period(args: argparse.Namespace, work: Callable[[Any, list[int] | None], Any]) -> tuple[Any, str] | None:
    """Check the period, open the database, resolve ``--unit``, run *work(engine, unit ids)*, close.

    Returns what *work* returned and the seconds it all took (Vietnamese decimal comma), or
    ``None`` when the period or the unit was refused (the reason is printed).
    """
    if not _check_period(args):
        return None
    started = time.perf_counter()
    db = _open(args)
    try:
        ok, ids = resolve_unit(db.engine, args.unit)
        if not ok:
            return None
        result = work(db.engine, ids)
    finally:
        db.close()
    from .cli import _seconds

    return result, _seconds(time.perf_counter() - started)


def cmd_stats(args: argparse.Namespace) -> int:
    from .services.stats import compute_stats

    done = _for_period(
        args, lambda engine, ids: compute_stats(engine, date_from=args.date_from, date_to=args.date_to, unit_ids=ids)
    )
    if done is None:
        return EXIT_ERROR
    stats = done[0]
    if args.json:
        _say(json.dumps(stats.to_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    _say(f"Kỳ báo cáo: {args.date_from:%d/%m/%Y} – {args.date_to:%d/%m/%Y}")
    _say(f"Xuất cảnh: {stats.achieved_text}")
    for row in stats.by_commune:
        _say(f"  {row.name}: {row.achieved_text}")
    count = group_digits  # every count as Vietnamese writes it: 1.181
    _say(f"Đang ở nước ngoài: {count(stats.currently_abroad)}; bỏ trốn: {count(stats.absconded)}")
    _say(f"Về nước: {count(stats.returns)}")
    _say(f"Vay NHCSXH: {count(stats.loans_nhcsxh)} món")
    _say(f"Sinh hoạt CLB: {count(stats.club_meetings)} buổi; tư vấn: {count(stats.outreach_sessions)} buổi")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from .services.report_pdf import write_summary_pdf

    if _refuse_output(args, ".pdf"):
        return EXIT_ERROR
    done = _for_period(
        args,
        lambda engine, ids: write_summary_pdf(
            engine, date_from=args.date_from, date_to=args.date_to, unit_ids=ids, path=args.output
        ),
    )
    if done is None:
        return EXIT_ERROR
    _say(f"Đã ghi báo cáo: {args.output} ({done[1]} giây)")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from .services.excel_export import export_list

    if _refuse_output(args, ".xlsx"):
        return EXIT_ERROR
    done = _for_period(
        args,
        lambda engine, ids: export_list(
            engine,
            list_name=args.list_name,
            date_from=args.date_from,
            date_to=args.date_to,
            unit_ids=ids,
            path=args.output,
        ),
    )
    if done is None:
        return EXIT_ERROR
    rows, seconds = done
    _say(f"Đã ghi {group_digits(rows)} dòng vào {args.output} ({seconds} giây)")
    return EXIT_OK


def cmd_sheet(args: argparse.Namespace) -> int:
    from .services.errors import NotFound
    from .services.person_sheet import write_person_sheet

    if _refuse_output(args, ".pdf"):
        return EXIT_ERROR
    db = _open(args)
    try:
        sheet = write_person_sheet(db.engine, person_id=args.person_id, path=args.output)
    except NotFound as gone:
        _say(f"Không có người lao động mã {args.person_id}: {gone.message}", err=True)
        return EXIT_ERROR
    finally:
        db.close()
    _say(f"Đã ghi phiếu thông tin của {sheet.full_name}: {args.output}")
    return EXIT_OK


def cmd_export_template(args: argparse.Namespace) -> int:
    from .services.errors import Refused
    from .services.excel_template import fill_template

    problem = template_problem(args.template)
    if problem is not None:
        _say(problem, err=True)
        return EXIT_ERROR
    if _refuse_output(args, ".xlsx"):
        return EXIT_ERROR
    try:
        done = _for_period(
            args,
            lambda engine, ids: fill_template(
                engine,
                template_path=args.template,
                date_from=args.date_from,
                date_to=args.date_to,
                unit_ids=ids,
                path=args.output,
            ),
        )
    except Refused as refusal:
        _say(refusal.message, err=True)
        return EXIT_ERROR
    if done is None:
        return EXIT_ERROR
    rows, seconds = done
    _say(f"Đã điền mẫu ({group_digits(rows)} dòng danh sách) vào {args.output} ({seconds} giây)")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "stats": cmd_stats,
    "report": cmd_report,
    "export": cmd_export,
    "sheet": cmd_sheet,
    "export-template": cmd_export_template,
}
