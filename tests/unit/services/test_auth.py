"""Accounts and login: Argon2id hashes, Vietnamese passwords, the wait after failures, the last admin."""

from __future__ import annotations

import json
import unicodedata
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from xkld_desktop.domain.enums import Role
from xkld_desktop.domain.models import AuditEvent, UserAccount, utcnow
from xkld_desktop.services import access, audit, auth
from xkld_desktop.services.access import AccessDenied, Actor
from xkld_desktop.services.auth import LoginFailed, LoginLocked, WeakPassword
from xkld_desktop.services.club import create_club
from xkld_desktop.services.errors import Refused
from xkld_desktop.store.session import read_session

#: 34 Vietnamese letters and spaces: 60+ bytes in UTF-8, past bcrypt's 72-byte cut with the suffix
LONG = "Người lao động đi làm việc ở nước ngoài theo hợp đồng"
ADMIN_PASSWORD = "mật khẩu quản trị"


@pytest.fixture
def cheap(monkeypatch: pytest.MonkeyPatch) -> PasswordHasher:
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(auth, "HASHER", hasher)
    return hasher


@pytest.fixture
def engine(database, cheap):
    auth.create_account(database.engine, "QuanTri", "Nguyễn Văn Quản", ADMIN_PASSWORD, Role.ADMIN)
    return database.engine


@pytest.fixture
def admin(engine):
    return access.bind(engine, auth.authenticate(engine, "quantri", ADMIN_PASSWORD))


def _account(engine, username: str) -> UserAccount:
    with read_session(engine) as session:
        account = session.scalars(select(UserAccount).where(UserAccount.username == username)).one()
        session.expunge(account)
        return account


def _events(engine) -> list[AuditEvent]:
    with read_session(engine) as session:
        events = list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
        session.expunge_all()
        return events


def test_first_account_turns_login_on_and_must_be_an_admin(database, cheap) -> None:
    assert not auth.login_enabled(database.engine)
    with pytest.raises(Refused, match="quản trị"):
        auth.create_account(database.engine, "canbo", "Cán bộ", "mật khẩu dài", Role.OFFICER)
    assert not auth.login_enabled(database.engine)
    auth.create_account(database.engine, "quantri", "Quản trị", ADMIN_PASSWORD, Role.ADMIN)
    assert auth.login_enabled(database.engine)
    with pytest.raises(AccessDenied, match="Chưa đăng nhập"):  # the second one needs a logged-in admin
        auth.create_account(database.engine, "canbo", "Cán bộ", "mật khẩu dài", Role.OFFICER)


def test_the_hash_is_argon2id_with_the_default_parameters_and_never_the_password(database) -> None:
    auth.create_account(database.engine, "quantri", "Quản trị", ADMIN_PASSWORD, Role.ADMIN)
    stored = _account(database.engine, "quantri").password_hash
    assert stored.startswith("$argon2id$")
    assert "m=65536,t=3,p=4" in stored  # RFC 9106 low-memory profile (argon2-cffi's default)
    assert ADMIN_PASSWORD not in stored
    for event in _events(database.engine):
        assert ADMIN_PASSWORD not in f"{event.before_json}{event.after_json}{event.detail}"


def test_a_long_vietnamese_password_counts_every_character(engine, admin) -> None:
    password = LONG + " 2026"
    assert len(password) >= 30 and len(password.encode()) > 72
    auth.create_account(admin, "canbo", "Cán bộ", password, Role.OFFICER)
    assert auth.authenticate(engine, "canbo", password).role is Role.OFFICER
    with pytest.raises(LoginFailed):  # bcrypt would accept this: the first 72 bytes are the same
        auth.authenticate(engine, "canbo", LONG + " 2025")
    decomposed = unicodedata.normalize("NFD", password)  # typed with combining marks
    assert decomposed != password
    assert auth.authenticate(engine, "canbo", decomposed).username == "canbo"


def test_password_rules(admin) -> None:
    with pytest.raises(WeakPassword, match="ít nhất 8 ký tự"):
        auth.create_account(admin, "canbo", "Cán bộ", "ngắn", Role.OFFICER)
    with pytest.raises(WeakPassword):
        auth.create_account(admin, "canbo", "Cán bộ", " " * 9, Role.OFFICER)
    auth.create_account(admin, "canbo", "Cán bộ", "đủ tám kt", Role.OFFICER)


def test_login_is_case_blind_on_the_username_and_records_an_audit_line(engine) -> None:
    actor = auth.authenticate(engine, "  QUANTRI ", ADMIN_PASSWORD)
    assert actor == Actor("quantri", "Nguyễn Văn Quản", Role.ADMIN, None)
    assert _account(engine, "quantri").last_login_at is not None
    assert [e.action for e in _events(engine) if e.username == "quantri"][-1] == "login"


def test_unknown_user_and_wrong_password_give_the_same_message(engine) -> None:
    with pytest.raises(LoginFailed) as unknown:
        auth.authenticate(engine, "khongco", ADMIN_PASSWORD)
    with pytest.raises(LoginFailed) as wrong:
        auth.authenticate(engine, "quantri", "sai mật khẩu")
    assert unknown.value.message == wrong.value.message == "Tên đăng nhập hoặc mật khẩu không đúng."
    failed = [e for e in _events(engine) if e.action == "failed_login"]
    assert [e.username for e in failed] == [auth.masked_username("khongco"), "quantri"]
    assert all("sai mật khẩu" not in (e.detail or "") for e in failed)


def test_an_unknown_user_name_is_recorded_masked_never_as_typed(engine) -> None:
    """A password typed into the user-name field must not stay in the hash-chained log."""
    typed = "Mật-Khẩu-Quản-Trị-2026"
    with pytest.raises(LoginFailed):
        auth.authenticate(engine, typed, ADMIN_PASSWORD)
    with pytest.raises(LoginFailed):
        auth.authenticate(engine, typed, "sai mật khẩu")
    failed = [e for e in _events(engine) if e.action == "failed_login"]
    assert len(failed) == 2
    name = auth.normalize_username(typed)
    masked = failed[0].username
    assert masked == failed[1].username  # the same name typed twice: tries can still be told apart
    assert masked.startswith("mậ…") and len(masked) == 11
    for event in _events(engine):
        stored = " ".join(
            str(v) for v in (event.username, event.before_json, event.after_json, event.detail, event.search_text)
        )
        assert name not in stored.lower() and "khau-quan-tri" not in stored
    with pytest.raises(LoginFailed):  # a known user name is recorded as it is
        auth.authenticate(engine, "QuanTri", "sai mật khẩu")
    assert _events(engine)[-1].username == "quantri"
    assert audit.verify_chain(engine).ok


def test_five_failures_make_the_next_try_wait_doubling_and_success_resets(engine) -> None:
    now = utcnow()
    for _ in range(4):
        with pytest.raises(LoginFailed) as error:
            auth.authenticate(engine, "quantri", "sai mật khẩu", now=now)
        assert not isinstance(error.value, LoginLocked)
    with pytest.raises(LoginLocked) as fifth:
        auth.authenticate(engine, "quantri", "sai mật khẩu", now=now)
    assert fifth.value.wait_seconds == 30
    assert "Hãy chờ 30 giây" in fifth.value.message
    # even the right password must wait now, and the refused try does not count
    with pytest.raises(LoginLocked) as early:
        auth.authenticate(engine, "quantri", ADMIN_PASSWORD, now=now + timedelta(seconds=10))
    assert early.value.wait_seconds == 20
    assert _account(engine, "quantri").failed_logins == 5
    with pytest.raises(LoginLocked) as sixth:  # after the wait, another wrong one doubles it
        auth.authenticate(engine, "quantri", "sai mật khẩu", now=now + timedelta(seconds=31))
    assert sixth.value.wait_seconds == 60 and "1 phút" in sixth.value.message
    later = now + timedelta(seconds=31 + 61)
    assert auth.authenticate(engine, "quantri", ADMIN_PASSWORD, now=later).username == "quantri"
    account = _account(engine, "quantri")
    assert (account.failed_logins, account.last_failed_at) == (0, None)


def test_the_wait_is_capped() -> None:
    assert [auth.wait_seconds_for(n) for n in (4, 5, 6, 7)] == [0, 30, 60, 120]
    assert auth.wait_seconds_for(40) == auth.MAX_WAIT


def test_an_inactive_account_is_refused_and_the_last_admin_is_kept(engine, admin) -> None:
    auth.create_account(admin, "canbo", "Cán bộ", "mật khẩu cán bộ", Role.OFFICER)
    auth.update_account(admin, "canbo", active=False)
    with pytest.raises(LoginFailed, match="đã bị khóa"):
        auth.authenticate(engine, "canbo", "mật khẩu cán bộ")
    with pytest.raises(Refused, match="quản trị viên cuối cùng"):
        auth.update_account(admin, "quantri", active=False)
    with pytest.raises(Refused, match="quản trị viên cuối cùng"):
        auth.update_account(admin, "quantri", role=Role.VIEWER)
    assert _account(engine, "quantri").active and _account(engine, "quantri").role is Role.ADMIN
    auth.update_account(admin, "canbo", active=True, role=Role.ADMIN)
    auth.update_account(admin, "quantri", role=Role.VIEWER)  # another admin is left: allowed
    assert _account(engine, "quantri").role is Role.VIEWER


def test_club_leaders_need_a_club(engine, admin) -> None:
    with pytest.raises(Refused, match="câu lạc bộ"):
        auth.create_account(admin, "truong", "Trưởng", "mật khẩu trưởng", Role.CLUB_LEADER)
    club = create_club(admin, name="CLB xã Tân Hộ Cơ")
    info = auth.create_account(admin, "truong", "Trưởng", "mật khẩu trưởng", Role.CLUB_LEADER, club_id=club)
    assert (info.club_id, info.club_name) == (club, "CLB xã Tân Hộ Cơ")
    assert auth.authenticate(engine, "truong", "mật khẩu trưởng").club_id == club


def test_passwords_change_and_reset(engine, admin) -> None:
    auth.create_account(admin, "canbo", "Cán bộ", "mật khẩu cũ", Role.OFFICER)
    officer = access.bind(engine, auth.authenticate(engine, "canbo", "mật khẩu cũ"))
    with pytest.raises(LoginFailed):
        auth.change_password(officer, "canbo", "không phải", "mật khẩu mới")
    with pytest.raises(AccessDenied):
        auth.change_password(officer, "quantri", ADMIN_PASSWORD, "mật khẩu mới")
    with pytest.raises(AccessDenied):
        auth.set_password(officer, "quantri", "mật khẩu mới")
    auth.change_password(officer, "canbo", "mật khẩu cũ", "mật khẩu mới")
    with pytest.raises(LoginFailed):
        auth.authenticate(engine, "canbo", "mật khẩu cũ")
    auth.set_password(admin, "canbo", "đặt lại rồi")
    assert auth.authenticate(engine, "canbo", "đặt lại rồi").username == "canbo"
    assert [a.username for a in auth.list_accounts(admin)] == ["canbo", "quantri"]
    with pytest.raises(AccessDenied):
        auth.list_accounts(officer)


def test_a_hash_with_old_parameters_is_replaced_on_login(engine, monkeypatch) -> None:
    old = _account(engine, "quantri").password_hash
    monkeypatch.setattr(auth, "HASHER", PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1))
    auth.authenticate(engine, "quantri", ADMIN_PASSWORD)
    new = _account(engine, "quantri").password_hash
    assert new != old and new.startswith("$argon2id$") and "m=2048,t=2,p=1" in new
    assert auth.authenticate(engine, "quantri", ADMIN_PASSWORD).username == "quantri"


def test_account_changes_are_audited_without_the_hash(engine, admin) -> None:
    auth.create_account(admin, "canbo", "Cán bộ", "mật khẩu cán bộ", Role.OFFICER)
    auth.update_account(admin, "canbo", role=Role.VIEWER)
    [update] = [e for e in _events(engine) if e.action == "update" and e.table_name == "user_account"]
    assert update.username == "quantri"
    assert json.loads(update.before_json)["role"] == "officer" and json.loads(update.after_json)["role"] == "viewer"
    for event in _events(engine):
        assert "argon2" not in f"{event.before_json}{event.after_json}{event.detail}"
