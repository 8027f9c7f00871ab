"""Phân quyền — who may do what, enforced in the services (the UI only hides what they refuse).

The actor (the logged-in user) travels WITH the engine, as an execution option::

    engine = access.bind(db.engine, actor)      # after login (UI) or ``--user`` (CLI)
    people.list_people(engine, …)               # every service sees the actor through its engine

Sessions and connections made from a bound engine carry the option too, so :func:`actor_of`
works on an engine, a connection or a session, in the UI's DB thread and in the CLI alike,
without global state.

Rules
-----
* A database with **no user account yet** (just after ``init``): no actor is needed, everything
  is allowed, :func:`username_of` is ``""`` — as before login existed.
* Once an account exists, login is on for good: a service called on an engine **without** an
  actor is refused (:class:`AccessDenied`). The UI and the CLI always bind one after login.
* **System work** (start-up: migrations, seeding reference data, the daily backup, purging the
  bin after 30 days) does not go through :func:`require` at all, or — when it calls a service
  that does — runs on ``bind(engine, SYSTEM)``. :data:`SYSTEM` is an administrator whose
  username is ``"hệ thống"`` (so the audit trail says the program did it, not a person).
* Roles (:class:`~xkld_desktop.domain.enums.Role`) map to permissions in :data:`ROLE_PERMISSIONS`.
  A club leader's reads and writes are further limited to their own club: the scoping helpers
  (:func:`person_scope`, :func:`household_scope`, :func:`club_scope`, :func:`require_person`…)
  give services a SQL condition or a check so that they stay small. Outside the scope a record is
  simply not found in lists, and a direct access is refused.
* The CCCD is shown only to roles with :attr:`Permission.CCCD_VIEW`; read models call
  :func:`cccd_for` / :func:`mask_id_number` for the others.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from ..domain.enums import Role
from ..domain.models import ClubMembership, HouseholdMember, UserAccount
from .errors import ServiceError

#: the execution option holding the actor
ACTOR_OPTION = "xkld_actor"


class Permission(StrEnum):
    """Quyền — one thing a role may do."""

    RECORDS_READ = "records_read"  # xem hồ sơ, báo cáo, in
    RECORDS_WRITE = "records_write"  # thêm/sửa/xóa mọi hồ sơ (người, hộ, xuất cảnh, về nước…)
    CLUB_OWN = "club_own"  # ghi sinh hoạt, thăm hỏi, hộ và người của CLB mình
    EXPORT_PERSONAL = "export_personal"  # xuất danh sách có dữ liệu cá nhân ra tệp
    CCCD_VIEW = "cccd_view"  # thấy đủ số CCCD (người khác thấy 4 số cuối)
    IMPORT = "import"  # nhập từ Excel, hoàn tác lần nhập
    USERS_MANAGE = "users_manage"  # tài khoản người dùng
    SETTINGS_MANAGE = "settings_manage"  # cài đặt, chỉ tiêu năm
    BACKUP_RESTORE = "backup_restore"  # sao lưu, khôi phục
    AUDIT_READ = "audit_read"  # xem, xuất nhật ký
    DATA_ERASE = "data_erase"  # xóa hẳn dữ liệu cá nhân theo yêu cầu, khôi phục/dọn thùng rác

    @property
    def vi(self) -> str:
        return _PERMISSION_VI[self]


_PERMISSION_VI: dict[Permission, str] = {
    Permission.RECORDS_READ: "xem hồ sơ",
    Permission.RECORDS_WRITE: "thêm, sửa hồ sơ",
    Permission.CLUB_OWN: "ghi hoạt động câu lạc bộ",
    Permission.EXPORT_PERSONAL: "xuất danh sách có dữ liệu cá nhân",
    Permission.CCCD_VIEW: "xem đầy đủ số CCCD",
    Permission.IMPORT: "nhập dữ liệu từ tệp",
    Permission.USERS_MANAGE: "quản lý tài khoản người dùng",
    Permission.SETTINGS_MANAGE: "thay đổi cài đặt, chỉ tiêu",
    Permission.BACKUP_RESTORE: "sao lưu và khôi phục dữ liệu",
    Permission.AUDIT_READ: "xem nhật ký",
    Permission.DATA_ERASE: "xóa hẳn dữ liệu cá nhân",
}

#: what each role may do (a club leader's RECORDS_READ / CLUB_OWN / EXPORT_PERSONAL are limited to
#: their own club by the scoping helpers below; their exports show the CCCD masked)
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.OFFICER: frozenset(
        {
            Permission.RECORDS_READ,
            Permission.RECORDS_WRITE,
            Permission.CLUB_OWN,
            Permission.EXPORT_PERSONAL,
            Permission.CCCD_VIEW,
            Permission.IMPORT,
        }
    ),
    Role.CLUB_LEADER: frozenset({Permission.RECORDS_READ, Permission.CLUB_OWN, Permission.EXPORT_PERSONAL}),
    Role.VIEWER: frozenset({Permission.RECORDS_READ}),
}


@dataclass(frozen=True)
class Actor:
    """Người dùng đang làm việc — who is acting on the database."""

    username: str
    full_name: str
    role: Role
    club_id: int | None = None

    @property
    def permissions(self) -> frozenset[Permission]:
        return ROLE_PERMISSIONS.get(self.role, frozenset())

    def has(self, permission: Permission) -> bool:
        return permission in self.permissions

    @property
    def club_limited(self) -> bool:
        """True when this actor sees only their own club's households and people."""
        return self.role is Role.CLUB_LEADER


#: the program itself (start-up work, purges); an administrator
SYSTEM = Actor(username="hệ thống", full_name="Hệ thống", role=Role.ADMIN, club_id=None)


class AccessDenied(ServiceError):
    """The actor may not do this (or no one is logged in on a database with accounts)."""


# --------------------------------------------------------------------------- binding


def bind(engine: Engine, actor: Actor) -> Engine:
    """An engine that carries *actor*; sessions and connections made from it carry it too."""
    return engine.execution_options(**{ACTOR_OPTION: actor})


def _options(target: Engine | Connection | Session) -> dict[str, Any]:
    if isinstance(target, Session):
        bound = target.get_bind()
        return dict(bound.get_execution_options())
    return dict(target.get_execution_options())


def actor_of(target: Engine | Connection | Session) -> Actor | None:
    """The actor bound to *target*, or ``None`` (nobody bound: a database without accounts)."""
    actor = _options(target).get(ACTOR_OPTION)
    return actor if isinstance(actor, Actor) else None


def username_of(target: Engine | Connection | Session) -> str:
    """The bound actor's username; ``""`` when none (used by the audit log)."""
    actor = actor_of(target)
    return actor.username if actor is not None else ""


# Once a database has an account it keeps one (login is on for good): remember that per pool.
# "No account yet" is remembered for NO_ACCOUNT_TTL seconds only (another program — the CLI — may
# create the first one meanwhile); without it every service call would cost a query (≈0.4 ms).
_login_on: weakref.WeakKeyDictionary[Any, bool] = weakref.WeakKeyDictionary()
_no_account_until: weakref.WeakKeyDictionary[Any, float] = weakref.WeakKeyDictionary()
_login_lock = threading.Lock()
NO_ACCOUNT_TTL = 2.0


def _pool_of(target: Engine | Connection | Session) -> Any:
    if isinstance(target, Session):
        bound = target.get_bind()
        return bound.pool if isinstance(bound, Engine) else bound.engine.pool
    if isinstance(target, Connection):
        return target.engine.pool
    return target.pool


def has_accounts(target: Engine | Connection | Session) -> bool:
    """True when the database holds at least one user account (login is on)."""
    pool = _pool_of(target)
    with _login_lock:
        if _login_on.get(pool):
            return True
        if _no_account_until.get(pool, 0.0) > time.monotonic():
            return False
    query = sa.select(UserAccount.__table__.c.id).limit(1)  # type: ignore[attr-defined]
    if isinstance(target, Engine):
        with target.connect() as conn:
            found = conn.scalar(query) is not None
    else:
        found = target.scalar(query) is not None
    with _login_lock:
        if found:
            _login_on[pool] = True
        else:
            _no_account_until[pool] = time.monotonic() + NO_ACCOUNT_TTL
    return found


def forget_login_state(target: Engine | Connection | Session) -> None:
    """Forget the cached "has accounts" answer (after a restore replaced the database)."""
    with _login_lock:
        _login_on.pop(_pool_of(target), None)
        _no_account_until.pop(_pool_of(target), None)


def can(target: Engine | Connection | Session, permission: Permission) -> bool:
    """Whether the actor bound to *target* may do *permission* (no accounts yet: yes)."""
    actor = actor_of(target)
    if actor is None:
        return not has_accounts(target)
    return actor.has(permission)


def require(target: Engine | Connection | Session, permission: Permission) -> Actor | None:
    """The actor, if they may do *permission*; else :class:`AccessDenied` with a Vietnamese message.

    ``None`` is returned when the database has no account yet (everything allowed).
    """
    actor = actor_of(target)
    if actor is None:
        if has_accounts(target):
            raise AccessDenied("Chưa đăng nhập. Hãy đăng nhập để làm việc với dữ liệu này.")
        return None
    if not actor.has(permission):
        raise AccessDenied(f"Tài khoản {actor.username} ({actor.role.vi}) không có quyền {permission.vi}.")
    return actor


def require_any(target: Engine | Connection | Session, *permissions: Permission) -> Actor | None:
    """Like :func:`require`, satisfied by any one of *permissions*."""
    actor = actor_of(target)
    if actor is None or any(actor.has(p) for p in permissions):
        return require(target, permissions[0]) if actor is None else actor
    raise AccessDenied(f"Tài khoản {actor.username} ({actor.role.vi}) không có quyền {permissions[0].vi}.")


# --------------------------------------------------------------------------- club scoping

_MEMBER = HouseholdMember.__table__  # type: ignore[attr-defined]
_MEMBERSHIP = ClubMembership.__table__  # type: ignore[attr-defined]
OUT_OF_SCOPE = "Hồ sơ này không thuộc câu lạc bộ của bạn."


def scoped_club_id(target: Engine | Connection | Session) -> int | None:
    """The club the actor is limited to, or ``None`` when they see everything.

    A club leader without a club sees nothing: ``-1`` (matches no club).
    """
    actor = actor_of(target)
    if actor is None or not actor.club_limited:
        return None
    return actor.club_id if actor.club_id is not None else -1


def club_household_ids(club_id: int) -> sa.Select[Any]:
    """SELECT of the households that are current members of *club_id*."""
    return sa.select(_MEMBERSHIP.c.household_id).where(
        _MEMBERSHIP.c.club_id == club_id,
        _MEMBERSHIP.c.left_on.is_(None),
        _MEMBERSHIP.c.deleted_at.is_(None),
    )


def club_person_ids(club_id: int) -> sa.Select[Any]:
    """SELECT of the people in households that are current members of *club_id*."""
    return sa.select(_MEMBER.c.person_id).where(
        _MEMBER.c.person_id.is_not(None),
        _MEMBER.c.deleted_at.is_(None),
        _MEMBER.c.household_id.in_(club_household_ids(club_id)),
    )


def person_scope(target: Engine | Connection | Session, person_id_column: Any) -> Any | None:
    """A condition limiting *person_id_column* to the actor's club, or ``None`` (no limit)."""
    club_id = scoped_club_id(target)
    if club_id is None:
        return None
    return person_id_column.in_(club_person_ids(club_id))


def household_scope(target: Engine | Connection | Session, household_id_column: Any) -> Any | None:
    """A condition limiting *household_id_column* to the actor's club, or ``None`` (no limit)."""
    club_id = scoped_club_id(target)
    if club_id is None:
        return None
    return household_id_column.in_(club_household_ids(club_id))


def club_scope(target: Engine | Connection | Session, club_id_column: Any) -> Any | None:
    """A condition limiting *club_id_column* to the actor's club, or ``None`` (no limit)."""
    club_id = scoped_club_id(target)
    if club_id is None:
        return None
    return club_id_column == club_id


def apply_scope(query: Any, condition: Any | None) -> Any:
    """*query* with ``.where(condition)`` when there is a condition."""
    return query if condition is None else query.where(condition)


def _ids_in(target: Engine | Connection | Session, select: sa.Select[Any], ids: Iterable[int]) -> set[int]:
    wanted = {int(i) for i in ids if i is not None}
    if not wanted:
        return set()
    inner = select.subquery("s")
    query = sa.select(inner.c[0]).where(inner.c[0].in_(wanted))
    if isinstance(target, Engine):
        with target.connect() as conn:
            return {int(v) for v in conn.scalars(query)}
    return {int(v) for v in target.scalars(query)}


def in_club_people(target: Engine | Connection | Session, person_ids: Iterable[int]) -> bool:
    """True when every id in *person_ids* is a person the actor may see (always, unless limited)."""
    club_id = scoped_club_id(target)
    wanted = {int(i) for i in person_ids if i is not None}
    if club_id is None or not wanted:
        return True
    return _ids_in(target, club_person_ids(club_id), wanted) == wanted


def in_club_households(target: Engine | Connection | Session, household_ids: Iterable[int]) -> bool:
    """True when every id in *household_ids* is a household the actor may see."""
    club_id = scoped_club_id(target)
    wanted = {int(i) for i in household_ids if i is not None}
    if club_id is None or not wanted:
        return True
    return _ids_in(target, club_household_ids(club_id), wanted) == wanted


def visible_person_ids(target: Engine | Connection | Session, person_ids: Iterable[int]) -> list[int]:
    """*person_ids* (in order) without those outside a club leader's club."""
    ids = [int(i) for i in person_ids if i is not None]
    club_id = scoped_club_id(target)
    if club_id is None or not ids:
        return ids
    seen = _ids_in(target, club_person_ids(club_id), ids)
    return [i for i in ids if i in seen]


def visible_household_ids(target: Engine | Connection | Session, household_ids: Iterable[int]) -> list[int]:
    """*household_ids* (in order) without those outside a club leader's club."""
    ids = [int(i) for i in household_ids if i is not None]
    club_id = scoped_club_id(target)
    if club_id is None or not ids:
        return ids
    seen = _ids_in(target, club_household_ids(club_id), ids)
    return [i for i in ids if i in seen]


def require_person(
    target: Engine | Connection | Session, person_id: int | None, permission: Permission = Permission.RECORDS_READ
) -> Actor | None:
    """:func:`require` *permission*, and for a club leader: *person_id* belongs to their club.

    For a write pass ``Permission.RECORDS_WRITE``: a club leader (who has only CLUB_OWN) may
    still change a person of their own club.
    """
    actor = _require_scoped(target, permission)
    if person_id is not None and not in_club_people(target, [person_id]):
        raise AccessDenied(OUT_OF_SCOPE)
    return actor


def require_household(
    target: Engine | Connection | Session, household_id: int | None, permission: Permission = Permission.RECORDS_READ
) -> Actor | None:
    """:func:`require` *permission*, and for a club leader: *household_id* is a member of their club."""
    actor = _require_scoped(target, permission)
    if household_id is not None and not in_club_households(target, [household_id]):
        raise AccessDenied(OUT_OF_SCOPE)
    return actor


def require_club(
    target: Engine | Connection | Session, club_id: int | None, permission: Permission = Permission.RECORDS_READ
) -> Actor | None:
    """:func:`require` *permission*, and for a club leader: *club_id* is their club."""
    actor = _require_scoped(target, permission)
    limit = scoped_club_id(target)
    if limit is not None and club_id is not None and club_id != limit:
        raise AccessDenied(OUT_OF_SCOPE)
    return actor


def _require_scoped(target: Engine | Connection | Session, permission: Permission) -> Actor | None:
    """Writes on in-scope records: a club leader's CLUB_OWN stands in for RECORDS_WRITE."""
    if permission is Permission.RECORDS_WRITE:
        actor = actor_of(target)
        if actor is not None and actor.club_limited and actor.has(Permission.CLUB_OWN):
            return actor
    return require(target, permission)


def require_unlimited(target: Engine | Connection | Session, permission: Permission) -> Actor | None:
    """:func:`require` *permission* and refuse a club-limited actor (whole-commune work)."""
    actor = require(target, permission)
    if actor is not None and actor.club_limited:
        raise AccessDenied(f"Tài khoản {actor.username} ({actor.role.vi}) chỉ làm việc với dữ liệu câu lạc bộ mình.")
    return actor


# --------------------------------------------------------------------------- CCCD masking

MASK_CHAR = "•"


def mask_id_number(text: str | None) -> str:
    """The CCCD/CMND with only its last four digits shown: ``"••••••••1234"`` ("" stays "")."""
    if not text:
        return ""
    value = str(text).strip()
    if len(value) <= 4:
        return MASK_CHAR * len(value)
    return MASK_CHAR * (len(value) - 4) + value[-4:]


def shows_cccd(target: Engine | Connection | Session) -> bool:
    """Whether the actor sees the full CCCD (no accounts yet: yes)."""
    return can(target, Permission.CCCD_VIEW)


def cccd_for(target: Engine | Connection | Session, text: str | None, *, visible: bool | None = None) -> str | None:
    """*text* as the actor may see it: whole with CCCD_VIEW, masked otherwise (``None`` stays ``None``).

    Pass *visible* (from :func:`shows_cccd`) when masking many rows, to ask once.
    """
    if text is None:
        return None
    if visible is None:
        visible = shows_cccd(target)
    return text if visible else mask_id_number(text)
