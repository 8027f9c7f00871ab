"""Users on the command line: the ``--user`` login and the ``user`` commands.

    xkld-desktop --db URL --user NAME LỆNH …           log in (password: XKLD_PASSWORD or a prompt)
    xkld-desktop --db URL user add NAME --role ROLE [--club ID] [--full-name "…"]
    xkld-desktop --db URL --user admin user list
    xkld-desktop --db URL --user admin user passwd NAME
    xkld-desktop --db URL --user admin user update NAME [--role …] [--club ID|--no-club] [--active|--inactive]

A database with no account yet asks for no login; ``user add`` then creates the first account,
which must be an administrator (``--role admin``), and login is on for good. Afterwards every
command but ``init`` (and the window, which has its own login screen) needs ``--user``; the
commands work with that user's permissions, exactly as in the window. New passwords come from
``XKLD_NEW_PASSWORD`` or are asked twice. Exit status: 0 done, 2 refused (login failed, no
permission, bad input).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from typing import Any

EXIT_OK = 0
EXIT_ERROR = 2

PASSWORD_ENV = "XKLD_PASSWORD"
NEW_PASSWORD_ENV = "XKLD_NEW_PASSWORD"

#: commands that need no login even when the database has accounts (the window logs in itself)
NO_LOGIN_COMMANDS: set[str | None] = {None, "init"}

NEED_LOGIN = (
    "Cơ sở dữ liệu này đã có tài khoản người dùng: hãy đăng nhập bằng --user TÊN "
    f"(mật khẩu lấy từ biến môi trường {PASSWORD_ENV}, hoặc nhập khi được hỏi)."
)

#: what the CLI prompts with; tests replace it
prompt: Callable[[str], str] = getpass.getpass


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--user`` to the main parser."""
    parser.add_argument(
        "--user",
        metavar="TÊN",
        default=None,
        help=f"đăng nhập bằng tài khoản này (mật khẩu: biến môi trường {PASSWORD_ENV} hoặc nhập khi được hỏi)",
    )


def add_commands(subparsers: Any) -> None:
    """Add ``user`` to the ``xkld-desktop`` sub-commands."""
    from .cli import record_id

    user = subparsers.add_parser(
        "user",
        help="tài khoản người dùng: add (tạo), list (liệt kê), passwd (đổi mật khẩu), update (sửa)",
        description=(
            "Quản lý tài khoản người dùng. Tài khoản đầu tiên phải là quản trị (--role admin) và không cần\n"
            "đăng nhập; sau đó cần --user của một quản trị viên. Vai trò: admin (quản trị), officer (cán bộ),\n"
            "club_leader (trưởng CLB, cần --club), viewer (chỉ xem). Mật khẩu mới lấy từ biến môi trường\n"
            f"{NEW_PASSWORD_ENV}, hoặc được hỏi hai lần. Mật khẩu có ít nhất 8 ký tự, có thể có dấu tiếng Việt."
        ),
    )
    actions = user.add_subparsers(dest="user_command", metavar="VIỆC", required=True)
    add = actions.add_parser("add", help="tạo tài khoản", description="Tạo một tài khoản người dùng.")
    add.add_argument("name", metavar="TÊN", help="tên đăng nhập (không có khoảng trắng)")
    add.add_argument("--role", required=True, metavar="VAI_TRÒ", help="admin, officer, club_leader hoặc viewer")
    add.add_argument("--club", type=record_id, default=None, metavar="MÃ", help="mã câu lạc bộ (cho trưởng CLB)")
    add.add_argument("--full-name", default="", metavar="HỌ_TÊN", help="họ tên người dùng")
    actions.add_parser("list", help="liệt kê tài khoản", description="Liệt kê các tài khoản (cần quyền quản trị).")
    passwd = actions.add_parser(
        "passwd",
        help="đổi mật khẩu",
        description="Đổi mật khẩu của chính mình, hoặc (quản trị viên) đặt lại mật khẩu cho người khác.",
    )
    passwd.add_argument("name", metavar="TÊN", help="tên đăng nhập")
    update = actions.add_parser("update", help="sửa tài khoản", description="Sửa vai trò, CLB, họ tên, khóa/mở.")
    update.add_argument("name", metavar="TÊN", help="tên đăng nhập")
    update.add_argument("--role", default=None, metavar="VAI_TRÒ", help="admin, officer, club_leader hoặc viewer")
    update.add_argument("--club", type=record_id, default=None, metavar="MÃ", help="mã câu lạc bộ")
    update.add_argument("--no-club", action="store_true", help="bỏ gắn câu lạc bộ")
    update.add_argument("--full-name", default=None, metavar="HỌ_TÊN", help="họ tên người dùng")
    state = update.add_mutually_exclusive_group()
    state.add_argument("--active", dest="active", action="store_true", default=None, help="mở khóa tài khoản")
    state.add_argument("--inactive", dest="active", action="store_false", help="khóa tài khoản")


def _say(text: str, *, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    if stream is not None:
        print(text, file=stream, flush=True)


def _ask(label: str) -> str | None:
    try:
        return prompt(label)
    except (EOFError, OSError, KeyboardInterrupt):
        return None


# --------------------------------------------------------------------------- login


def login(args: argparse.Namespace) -> str | None:
    """Log the ``--user`` in for this command; the refusal's Vietnamese message, or ``None`` to go on.

    On success every database the command opens is bound to the user
    (:func:`~.services.process_actor.set_process_actor`).
    """
    from .services.process_actor import set_process_actor  # (light: not the database layer)

    set_process_actor(None)
    args.actor = None
    args.login_password = None
    user = getattr(args, "user", None)
    if args.command in NO_LOGIN_COMMANDS and not user:
        return None
    from .cli import _url
    from .store.engine import create_engine, sqlite_path

    url = _url(args)
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return None  # no database yet, so no account: the command says what is missing
    from .services import access, auth

    engine = create_engine(url)
    try:
        try:
            # a database not set up yet (no tables: an empty file, another program's file, a new server
            # database) has no account either; the command says what is missing (plain SQL, no Alembic)
            from .store.migrate import stamped_revision

            if stamped_revision(engine) is None:
                return None
            enabled = auth.login_enabled(engine)
        except Exception:
            if args.command == "restore":  # a damaged database can still be replaced by a backup
                return None
            raise
        if not enabled:
            if user:
                _say("Cơ sở dữ liệu chưa có tài khoản nào: không cần đăng nhập.", err=True)
            return None
        if not user:
            return NEED_LOGIN
        password = os.environ.get(PASSWORD_ENV)
        if password is None:
            password = _ask(f"Mật khẩu của {user}: ")
        if password is None:
            return f"Chưa có mật khẩu: hãy đặt biến môi trường {PASSWORD_ENV} hoặc chạy lệnh ở cửa sổ dòng lệnh."
        try:
            actor = auth.authenticate(engine, user, password)
        except auth.LoginFailed as error:
            return error.message
    finally:
        engine.dispose()
    # restore takes a URL (the database may be damaged): its permission is checked here
    needed = {"restore": access.Permission.BACKUP_RESTORE}.get(args.command)
    if needed is not None and not actor.has(needed):
        return f"Tài khoản {actor.username} ({actor.role.vi}) không có quyền {needed.vi}."
    set_process_actor(actor)
    args.actor = actor
    args.login_password = password
    return None


def logout() -> None:
    """Forget the command's login (the next database opened is not bound)."""
    from .services.process_actor import set_process_actor

    set_process_actor(None)


# --------------------------------------------------------------------------- user commands


def _new_password() -> str | None:
    password = os.environ.get(NEW_PASSWORD_ENV)
    if password is not None:
        return password
    first = _ask("Mật khẩu mới: ")
    if first is None:
        _say(f"Chưa có mật khẩu mới: hãy đặt biến môi trường {NEW_PASSWORD_ENV}.", err=True)
        return None
    second = _ask("Nhập lại mật khẩu mới: ")
    if second != first:
        _say("Hai lần nhập mật khẩu không giống nhau; chưa đổi gì.", err=True)
        return None
    return first


def _role(text: str | None) -> Any:
    from .domain.enums import Role

    if text is None:
        return None
    role = Role.parse(text)
    if role is None:
        raise _BadInput(f"Vai trò “{text}” không có; chọn một trong: admin, officer, club_leader, viewer.")
    return role


class _BadInput(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def cmd_user(args: argparse.Namespace) -> int:
    from .cli import _url
    from .services import auth
    from .services.database import open_database
    from .services.errors import ServiceError

    db = open_database(_url(args))
    try:
        engine = db.engine
        if args.user_command == "add":
            role = _role(args.role)
            password = _new_password()
            if password is None:
                return EXIT_ERROR
            info = auth.create_account(engine, args.name, args.full_name, password, role, club_id=args.club)
            _say(f"Đã tạo tài khoản {info.username} ({info.role.vi}).")
        elif args.user_command == "list":
            for a in auth.list_accounts(engine):
                last = a.last_login_at.astimezone().strftime("%d/%m/%Y %H:%M") if a.last_login_at else ""
                state = "đang dùng" if a.active else "đã khóa"
                _say("\t".join([a.username, a.full_name, a.role.vi, a.club_name, state, last]))
        elif args.user_command == "passwd":
            password = _new_password()
            if password is None:
                return EXIT_ERROR
            actor = getattr(args, "actor", None)
            if actor is not None and auth.normalize_username(args.name) == actor.username:
                auth.change_password(engine, args.name, args.login_password or "", password)
            else:
                auth.set_password(engine, args.name, password)
            _say(f"Đã đổi mật khẩu của {auth.normalize_username(args.name)}.")
        elif args.user_command == "update":
            changes: dict[str, Any] = {"full_name": args.full_name, "role": _role(args.role), "active": args.active}
            if args.no_club:
                changes["club_id"] = None
            elif args.club is not None:
                changes["club_id"] = args.club
            info = auth.update_account(engine, args.name, **changes)
            state = "đang dùng" if info.active else "đã khóa"
            club = f", CLB {info.club_name}" if info.club_name else ""
            _say(f"Đã sửa tài khoản {info.username}: {info.role.vi}{club}, {state}.")
        return EXIT_OK
    except (ServiceError, _BadInput) as error:
        _say(error.message, err=True)
        return EXIT_ERROR
    finally:
        db.close()


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"user": cmd_user}
