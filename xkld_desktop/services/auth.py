"""Tài khoản và đăng nhập — accounts, passwords (Argon2id), login with a growing wait after failures.

* Passwords are kept only as Argon2id hashes (argon2-cffi, its RFC 9106 defaults). They are
  NFC-normalised first, so the same Vietnamese password typed with combining marks or precomposed
  letters is the same password; there is no length truncation (bcrypt's 72 bytes are 24–36
  Vietnamese letters). A hash made with older parameters is replaced on the next good login.
* After :data:`MAX_FAILURES` wrong passwords in a row, each further try must wait
  :data:`FIRST_WAIT` seconds, doubling with every further failure, at most :data:`MAX_WAIT`.
  A good login resets the count. Unknown usernames cost the same time as known ones.
* The first account of a database must be an administrator and needs no login (it turns login on
  for good); later accounts need :attr:`~.access.Permission.USERS_MANAGE`. The last active
  administrator can be neither deactivated nor demoted.
* ``login`` and ``failed_login`` go to the audit trail (never the password). A try with a user
  name that has no account is recorded under a masked name (:func:`masked_username`: its first
  two characters, "…" and a short hash), since what was typed there may be a password typed in the
  wrong field and the hash-chained log keeps it for good; known user names are recorded as they are.

Usernames are stored trimmed, NFC and in lower case; login is case-blind.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from ..domain.enums import Role
from ..domain.models import FamilyClub, UserAccount, utcnow
from ..store.session import read_session, write_session
from . import access
from .access import AccessDenied, Actor, Permission
from .audit import record_event
from .errors import NotFound, Refused, ServiceError, live_or_not_found

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024  # characters; only to keep a pasted book from costing a minute
MAX_FAILURES = 5
FIRST_WAIT = 30  # seconds
MAX_WAIT = 15 * 60

#: the hasher (Argon2id, RFC 9106 low-memory profile); tests may swap in cheaper parameters
HASHER: Any = None  # made on first use (argon2 and its C binding: ≈ 20-60 ms nobody waits for at start-up)


def _hasher() -> Any:
    global HASHER
    if HASHER is None:
        from argon2 import PasswordHasher

        HASHER = PasswordHasher()
    return HASHER


_dummy_hash: str | None = None

UNSET: Any = object()


class LoginFailed(ServiceError):
    """Wrong username or password, or the account is switched off."""


class LoginLocked(LoginFailed):
    """Too many wrong passwords in a row: wait ``wait_seconds`` before the next try."""

    def __init__(self, wait_seconds: int) -> None:
        super().__init__(
            f"Đã nhập sai mật khẩu {MAX_FAILURES} lần liên tiếp. Hãy chờ {_duration_vi(wait_seconds)} rồi thử lại."
        )
        self.wait_seconds = wait_seconds


class WeakPassword(ServiceError):
    """The new password does not meet the rules."""


@dataclass(frozen=True)
class AccountInfo:
    """Một tài khoản — for the users list (never the hash)."""

    id: int
    username: str
    full_name: str
    role: Role
    club_id: int | None
    club_name: str
    active: bool
    failed_logins: int
    last_login_at: datetime | None

    @property
    def role_label(self) -> str:
        return self.role.vi


def _duration_vi(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} giây"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} phút {rest} giây" if rest else f"{minutes} phút"


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def normalize_username(username: str) -> str:
    return unicodedata.normalize("NFC", (username or "").strip()).lower()


def normalize_password(password: str) -> str:
    return unicodedata.normalize("NFC", password or "")


def masked_username(name: str) -> str:
    """How the audit trail records a user name that has no account: its first two characters, "…"
    and the first 8 hex digits of its SHA-256 ("ma…1a2b3c4d"), so repeated tries with the same name
    can be told apart while a password typed into the user-name field is not kept."""
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return f"{name[:2]}…{digest}"


def check_password_rules(password: str) -> str:
    """The NFC password, or :class:`WeakPassword` (at least 8 characters, any letters)."""
    text = normalize_password(password)
    if len(text) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
    if len(text) > MAX_PASSWORD_LENGTH:
        raise WeakPassword(f"Mật khẩu dài quá {MAX_PASSWORD_LENGTH} ký tự.")
    if not text.strip():
        raise WeakPassword("Mật khẩu không được chỉ gồm khoảng trắng.")
    return text


def hash_password(password: str) -> str:
    """The Argon2id hash of the NFC *password* (``$argon2id$…``)."""
    return _hasher().hash(normalize_password(password))


def _verify(stored_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return bool(_hasher().verify(stored_hash, normalize_password(password)))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _burn_time(password: str) -> None:
    """Spend the time of a real verification (unknown user): no timing hint that the name is free."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher().hash("không có tài khoản này")
    _verify(_dummy_hash, password)


def wait_seconds_for(failed_logins: int) -> int:
    """How long the next try must wait after *failed_logins* wrong passwords in a row."""
    if failed_logins < MAX_FAILURES:
        return 0
    return int(min(MAX_WAIT, FIRST_WAIT * 2 ** (failed_logins - MAX_FAILURES)))


def _remaining_wait(account: UserAccount, now: datetime) -> int:
    wait = wait_seconds_for(account.failed_logins)
    last = _aware(account.last_failed_at)
    if not wait or last is None:
        return 0
    remaining = (last + timedelta(seconds=wait) - now).total_seconds()
    return max(0, int(remaining + 0.999))


def login_enabled(engine: Engine) -> bool:
    """True when the database has at least one account (the program then asks for a login)."""
    return access.has_accounts(engine)


def _find(session: Session, username: str) -> UserAccount | None:
    return session.scalars(
        select(UserAccount).where(UserAccount.username == normalize_username(username))  # type: ignore[arg-type]
    ).one_or_none()


def _actor(account: UserAccount) -> Actor:
    return Actor(
        username=account.username, full_name=account.full_name, role=Role(account.role), club_id=account.club_id
    )


def _snapshot(account: UserAccount) -> dict[str, Any]:
    """The account as the audit trail records it (never the hash)."""
    return {
        "username": account.username,
        "full_name": account.full_name,
        "role": str(Role(account.role).value),
        "club_id": account.club_id,
        "active": account.active,
    }


def authenticate(engine: Engine, username: str, password: str, *, now: datetime | None = None) -> Actor:
    """The actor for *username* when *password* is right; :class:`LoginFailed` / :class:`LoginLocked` otherwise.

    Bind the result to the engine (:func:`~.access.bind`) for the session's work.
    """
    now = now or utcnow()
    name = normalize_username(username)
    outcome: Actor | ServiceError
    with write_session(engine) as session:
        account = _find(session, name) if name else None
        if account is None:
            _burn_time(password)
            record_event(
                session,
                username=masked_username(name),
                action="failed_login",
                table="user_account",
                detail={"reason": "unknown_user"},
            )
            outcome = LoginFailed("Tên đăng nhập hoặc mật khẩu không đúng.")
        else:
            wait = _remaining_wait(account, now)
            if wait:
                outcome = LoginLocked(wait)
                record_event(
                    session,
                    username=name,
                    action="failed_login",
                    table="user_account",
                    record_uuid=account.uuid,
                    detail={"reason": "locked", "wait_seconds": wait},
                )
            elif not _verify(account.password_hash, password):
                account.failed_logins += 1
                account.last_failed_at = now
                record_event(
                    session,
                    username=name,
                    action="failed_login",
                    table="user_account",
                    record_uuid=account.uuid,
                    detail={"reason": "wrong_password", "failures": account.failed_logins},
                )
                wait = wait_seconds_for(account.failed_logins)
                outcome = LoginLocked(wait) if wait else LoginFailed("Tên đăng nhập hoặc mật khẩu không đúng.")
            elif not account.active:
                record_event(
                    session,
                    username=name,
                    action="failed_login",
                    table="user_account",
                    record_uuid=account.uuid,
                    detail={"reason": "inactive"},
                )
                outcome = LoginFailed("Tài khoản này đã bị khóa. Hãy hỏi quản trị viên.")
            else:
                if _hasher().check_needs_rehash(account.password_hash):
                    account.password_hash = hash_password(password)
                account.failed_logins = 0
                account.last_failed_at = None
                account.last_login_at = now
                record_event(session, username=name, action="login", table="user_account", record_uuid=account.uuid)
                outcome = _actor(account)
    if isinstance(outcome, ServiceError):
        raise outcome
    return outcome


def _check_club(session: Session, role: Role, club_id: int | None) -> None:
    if role is Role.CLUB_LEADER and club_id is None:
        raise Refused("Trưởng CLB phải gắn với một câu lạc bộ.")
    if club_id is not None:
        live_or_not_found(session, FamilyClub, club_id, f"Không có câu lạc bộ số {club_id}.")


def _check_username(name: str) -> None:
    if not name:
        raise Refused("Tên đăng nhập không được để trống.")
    if len(name) > 60:
        raise Refused("Tên đăng nhập dài quá 60 ký tự.")
    if any(ch.isspace() for ch in name):
        raise Refused("Tên đăng nhập không được có khoảng trắng.")


def create_account(
    engine: Engine,
    username: str,
    full_name: str,
    password: str,
    role: Role | str,
    club_id: int | None = None,
) -> AccountInfo:
    """Create an account. The first one must be an administrator and needs no login."""
    name = normalize_username(username)
    _check_username(name)
    role = Role(role)
    text = check_password_rules(password)
    password_hash = _hasher().hash(text)
    with write_session(engine) as session:
        count = session.scalar(select(func.count()).select_from(UserAccount)) or 0
        if count == 0:
            if role is not Role.ADMIN:
                raise Refused("Tài khoản đầu tiên phải là tài khoản quản trị.")
        else:
            access.require(session, Permission.USERS_MANAGE)
        if _find(session, name) is not None:
            raise Refused(f"Tên đăng nhập {name} đã có.")
        _check_club(session, role, club_id)
        account = UserAccount(
            username=name,
            full_name=unicodedata.normalize("NFC", (full_name or "").strip()),
            password_hash=password_hash,
            role=role,
            club_id=club_id,
            active=True,
        )
        session.add(account)
        session.flush()
        record_event(
            session,
            username=access.username_of(session) or name,
            action="create",
            table="user_account",
            record_uuid=account.uuid,
            after=_snapshot(account),
        )
        info = _info(session, account)
    access.forget_login_state(engine)  # login is on from now on, also for this process's cached answer
    return info


def _info(session: Session, account: UserAccount) -> AccountInfo:
    club_name = ""
    if account.club_id is not None:
        club = session.get(FamilyClub, account.club_id)
        club_name = club.name if club is not None else ""
    assert account.id is not None
    return AccountInfo(
        id=account.id,
        username=account.username,
        full_name=account.full_name,
        role=Role(account.role),
        club_id=account.club_id,
        club_name=club_name,
        active=account.active,
        failed_logins=account.failed_logins,
        last_login_at=_aware(account.last_login_at),
    )


def list_accounts(engine: Engine) -> list[AccountInfo]:
    """Every account, by username (administrators only)."""
    access.require(engine, Permission.USERS_MANAGE)
    with read_session(engine) as session:
        accounts = session.scalars(select(UserAccount).order_by(UserAccount.username)).all()  # type: ignore[arg-type]
        return [_info(session, a) for a in accounts]


def get_account(engine: Engine, username: str) -> AccountInfo:
    """One account: one's own, or any with USERS_MANAGE."""
    name = normalize_username(username)
    if access.username_of(engine) != name:
        access.require(engine, Permission.USERS_MANAGE)
    with read_session(engine) as session:
        account = _find(session, name)
        if account is None:
            raise NotFound(f"Không có tài khoản {name}.")
        return _info(session, account)


def _active_admins(session: Session) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(UserAccount)
            .where(UserAccount.role == Role.ADMIN, UserAccount.active.is_(True))  # type: ignore[arg-type, attr-defined]
        )
        or 0
    )


def update_account(
    engine: Engine,
    username: str,
    *,
    full_name: str | None = None,
    role: Role | str | None = None,
    club_id: int | None = UNSET,
    active: bool | None = None,
) -> AccountInfo:
    """Change an account's name, role, club or active flag (administrators only)."""
    access.require(engine, Permission.USERS_MANAGE)
    name = normalize_username(username)
    with write_session(engine) as session:
        account = _find(session, name)
        if account is None:
            raise NotFound(f"Không có tài khoản {name}.")
        before = _snapshot(account)
        was_admin = Role(account.role) is Role.ADMIN and account.active
        new_role = Role(role) if role is not None else Role(account.role)
        new_club = account.club_id if club_id is UNSET else club_id
        new_active = account.active if active is None else bool(active)
        if was_admin and (new_role is not Role.ADMIN or not new_active) and _active_admins(session) <= 1:
            raise Refused("Không thể khóa hoặc hạ quyền quản trị viên cuối cùng.")
        _check_club(session, new_role, new_club)
        if full_name is not None:
            account.full_name = unicodedata.normalize("NFC", full_name.strip())
        account.role = new_role
        account.club_id = new_club
        account.active = new_active
        if new_active and not before["active"]:
            account.failed_logins = 0
        session.flush()
        record_event(
            session,
            username=access.username_of(session),
            action="update",
            table="user_account",
            record_uuid=account.uuid,
            before=before,
            after=_snapshot(account),
        )
        return _info(session, account)


def set_password(engine: Engine, username: str, new_password: str) -> None:
    """An administrator sets (resets) *username*'s password; the wait after failures is lifted."""
    access.require(engine, Permission.USERS_MANAGE)
    _store_password(engine, username, new_password, reason="reset")


def change_password(engine: Engine, username: str, old_password: str, new_password: str) -> None:
    """The logged-in user changes their own password (the old one is asked again)."""
    name = normalize_username(username)
    actor = access.actor_of(engine)
    if actor is None:
        if access.has_accounts(engine):
            raise AccessDenied("Chưa đăng nhập. Hãy đăng nhập để làm việc với dữ liệu này.")
    elif actor.username != name:
        raise AccessDenied("Chỉ được đổi mật khẩu của chính mình; quản trị viên đặt lại mật khẩu cho người khác.")
    text = check_password_rules(new_password)
    with read_session(engine) as session:
        account = _find(session, name)
        if account is None:
            raise NotFound(f"Không có tài khoản {name}.")
        stored = account.password_hash
    if not _verify(stored, old_password):
        raise LoginFailed("Mật khẩu hiện tại không đúng.")
    _store_password(engine, name, text, reason="change")


def _store_password(engine: Engine, username: str, new_password: str, *, reason: str) -> None:
    name = normalize_username(username)
    text = check_password_rules(new_password)
    password_hash = _hasher().hash(text)
    with write_session(engine) as session:
        account = _find(session, name)
        if account is None:
            raise NotFound(f"Không có tài khoản {name}.")
        account.password_hash = password_hash
        account.failed_logins = 0
        account.last_failed_at = None
        record_event(
            session,
            username=access.username_of(session) or name,
            action="password",
            table="user_account",
            record_uuid=account.uuid,
            detail={"reason": reason},
        )
