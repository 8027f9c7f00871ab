"""Access control in the services: each role calls the real services; refusals, scoping and masking.

World: club A with household ha (head: person "Nguyễn Văn An"), club B with household hb
(head: "Nguyễn Thị Bích"), and "Nguyễn Văn Cường" in no household. Accounts: admin, an officer,
a club leader of club A and a viewer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from xkld_desktop.domain.enums import PersonStatus, Role
from xkld_desktop.domain.models import ClubMeeting, Departure, FamilyVisit, Market, Person
from xkld_desktop.services import access, auth
from xkld_desktop.services.access import SYSTEM, AccessDenied, Actor, Permission
from xkld_desktop.services.backup import backup_now
from xkld_desktop.services.club import (
    create_club,
    join_club,
    list_clubs,
    list_meetings,
    list_visits,
    record_meeting,
    record_visit,
)
from xkld_desktop.services.departure_lists import DepartureFilter, fetch_departure_rows, list_departure_ids
from xkld_desktop.services.errors import DuplicatePerson, Refused
from xkld_desktop.services.excel_export import export_list
from xkld_desktop.services.households import create_household, household_detail, list_household_ids
from xkld_desktop.services.people import (
    PeopleFilter,
    count_people,
    fetch_person_rows,
    list_person_ids,
    ordered_person_ids,
    search_people,
)
from xkld_desktop.services.person_records import (
    PersonInput,
    create_person,
    delete_person,
    get_person,
    update_person,
)
from xkld_desktop.services.person_sheet import person_sheet, sheet_html
from xkld_desktop.services.settings import set_own_unit
from xkld_desktop.services.timeline import person_summary
from xkld_desktop.store.session import read_session, write_session

TODAY = date(2026, 11, 25)
CCCD = {"an": "087203001234", "bich": "087199005678", "cuong": "087201009999"}


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id with small parameters: these tests are about permissions, not hashing cost."""
    monkeypatch.setattr(auth, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@dataclass
class World:
    engine: object
    club_a: int
    club_b: int
    ha: int
    hb: int
    pa: int
    pb: int
    pc: int

    def as_(self, role: Role) -> object:
        actor = {
            Role.ADMIN: Actor("quantri", "Quản trị", Role.ADMIN),
            Role.OFFICER: Actor("canbo", "Cán bộ", Role.OFFICER),
            Role.CLUB_LEADER: Actor("truongclb", "Trưởng CLB A", Role.CLUB_LEADER, self.club_a),
            Role.VIEWER: Actor("xem", "Chỉ xem", Role.VIEWER),
        }[role]
        return access.bind(self.engine, actor)  # type: ignore[arg-type]


def _person(session, name: str, cccd: str, phone: str) -> int:
    person = Person(full_name=name, id_number=cccd, phone=phone, status=PersonStatus.REGISTERED)
    session.add(person)
    session.flush()
    assert person.id is not None
    return person.id


@pytest.fixture
def world(database) -> World:
    engine = database.engine
    with write_session(engine) as session:
        pa = _person(session, "Nguyễn Văn An", CCCD["an"], "0912000111")
        pb = _person(session, "Nguyễn Thị Bích", CCCD["bich"], "0912000222")
        pc = _person(session, "Nguyễn Văn Cường", CCCD["cuong"], "0912000333")
        market = session.scalars(select(Market.code)).first()
        for pid in (pa, pb):
            session.add(Departure(person_id=pid, market_code=market, departed_on=date(2026, 3, 1)))
    club_a = create_club(engine, name="CLB ấp Một", founded_on=date(2020, 1, 1), today=TODAY)
    club_b = create_club(engine, name="CLB ấp Hai", founded_on=date(2020, 1, 1), today=TODAY)
    ha = create_household(engine, head_person_id=pa, hamlet="Ấp 1")
    hb = create_household(engine, head_person_id=pb, hamlet="Ấp 2")
    join_club(engine, club_id=club_a, household_id=ha, joined_on=date(2021, 1, 1), today=TODAY)
    join_club(engine, club_id=club_b, household_id=hb, joined_on=date(2021, 1, 1), today=TODAY)
    auth.create_account(engine, "quantri", "Quản trị", "mật khẩu quản trị", Role.ADMIN)
    admin = access.bind(engine, Actor("quantri", "Quản trị", Role.ADMIN))
    auth.create_account(admin, "canbo", "Cán bộ", "mật khẩu cán bộ", Role.OFFICER)
    auth.create_account(admin, "truongclb", "Trưởng CLB", "mật khẩu trưởng", Role.CLUB_LEADER, club_id=club_a)
    auth.create_account(admin, "xem", "Chỉ xem", "mật khẩu xem", Role.VIEWER)
    return World(engine, club_a, club_b, ha, hb, pa, pb, pc)


def _stored_name(engine, person_id: int) -> str:
    with read_session(engine) as session:
        return session.get(Person, person_id).full_name


def _edit(detail, **changes) -> PersonInput:
    data = PersonInput(
        full_name=detail.full_name, id_number=detail.id_number or "", phone=detail.phone or "", hamlet=detail.hamlet
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


# --------------------------------------------------------------------------- helpers


def test_mask_shows_only_the_last_four_digits() -> None:
    assert access.mask_id_number("087203001234") == "••••••••1234"
    assert access.mask_id_number("123456789") == "•••••6789"
    assert access.mask_id_number("") == ""
    assert access.mask_id_number(None) == ""


def test_without_accounts_everything_is_allowed(database) -> None:
    engine = database.engine
    assert access.actor_of(engine) is None and access.username_of(engine) == ""
    assert all(access.can(engine, p) for p in Permission)
    assert access.require(engine, Permission.USERS_MANAGE) is None


def test_the_actor_travels_with_the_engine_into_sessions_and_connections(database) -> None:
    actor = Actor("canbo", "Cán bộ", Role.OFFICER)
    bound = access.bind(database.engine, actor)
    with write_session(bound) as session:
        assert access.actor_of(session) == actor
        assert access.actor_of(session.connection()) == actor
    assert access.username_of(bound) == "canbo"
    assert access.actor_of(database.engine) is None  # the original engine is unchanged


def test_with_accounts_an_unbound_engine_is_refused(world: World) -> None:
    with pytest.raises(AccessDenied, match="Chưa đăng nhập"):
        search_people(world.engine, "nguyen")  # type: ignore[arg-type]
    with pytest.raises(AccessDenied):
        create_person(world.engine, data=PersonInput(full_name="Lê Văn Dũng"))  # type: ignore[arg-type]
    system = access.bind(world.engine, SYSTEM)  # type: ignore[arg-type]
    assert len(search_people(system, "nguyen")) == 3


# --------------------------------------------------------------------------- viewer


def test_viewer_reads_with_cccd_masked_and_writes_nothing(world: World, tmp_path: Path) -> None:
    viewer = world.as_(Role.VIEWER)
    rows = search_people(viewer, "nguyen")
    assert {r.full_name for r in rows} == {"Nguyễn Văn An", "Nguyễn Thị Bích", "Nguyễn Văn Cường"}
    assert {r.id_number for r in rows} == {"••••••••1234", "••••••••5678", "••••••••9999"}
    detail = get_person(viewer, world.pa)
    assert detail.id_number == "••••••••1234"
    assert person_summary(viewer, world.pa).id_number == "••••••••1234"
    sheet = sheet_html(person_sheet(viewer, person_id=world.pa, today=TODAY))  # the record sheet, printed
    assert "••••••••1234" in sheet and CCCD["an"] not in sheet
    departures = fetch_departure_rows(viewer, list_departure_ids(viewer, today=TODAY))
    assert sorted(r.id_number for r in departures.values()) == ["••••••••1234", "••••••••5678"]
    with pytest.raises(AccessDenied, match="không có quyền thêm, sửa hồ sơ"):
        update_person(viewer, person_id=world.pa, data=_edit(detail, full_name="Nguyễn Văn Ân"), expected_version=1)
    with pytest.raises(AccessDenied):
        create_person(viewer, data=PersonInput(full_name="Lê Văn Dũng"))
    with pytest.raises(AccessDenied):
        delete_person(viewer, person_id=world.pb)
    with pytest.raises(AccessDenied):
        export_list(
            viewer,
            list_name="departed",
            date_from=date(2026, 1, 1),
            date_to=date(2026, 12, 31),
            path=tmp_path / "x.xlsx",
        )
    with pytest.raises(AccessDenied):
        record_visit(viewer, household_id=world.ha, visited_on=TODAY, visitor="X", today=TODAY)
    with pytest.raises(AccessDenied):
        backup_now(viewer, folder=tmp_path)
    with pytest.raises(AccessDenied):
        set_own_unit(viewer, unit_id=1)
    with pytest.raises(AccessDenied):
        auth.create_account(viewer, "moi", "Mới", "mật khẩu mới", Role.VIEWER)
    assert _stored_name(world.engine, world.pa) == "Nguyễn Văn An"
    with read_session(world.engine) as session:
        assert session.scalar(select(Person.id).where(Person.full_name == "Lê Văn Dũng")) is None
        assert session.get(Person, world.pb).deleted_at is None
    assert not (tmp_path / "x.xlsx").exists()


def test_masked_roles_cannot_guess_a_cccd_by_its_prefix(world: World) -> None:
    viewer, officer = world.as_(Role.VIEWER), world.as_(Role.OFFICER)
    assert [r.full_name for r in search_people(officer, "0872030")] == ["Nguyễn Văn An"]
    assert search_people(viewer, "0872030") == []
    assert [r.full_name for r in search_people(viewer, CCCD["an"])] == ["Nguyễn Văn An"]  # typed whole
    assert [r.full_name for r in search_people(viewer, "0912000222")] == ["Nguyễn Thị Bích"]  # phones: prefixes


@pytest.mark.parametrize("query", ["0872030", "087"])  # past the province code, and the province code itself
def test_masked_roles_cannot_guess_a_cccd_by_its_prefix_in_the_departures_list(world: World, query: str) -> None:
    viewer, officer = world.as_(Role.VIEWER), world.as_(Role.OFFICER)

    def names(engine, text: str) -> list[str]:  # type: ignore[no-untyped-def]
        ids = list_departure_ids(engine, DepartureFilter(query=text))
        return sorted(row.full_name for row in fetch_departure_rows(engine, ids).values())

    expected = ["Nguyễn Văn An"] if query != "087" else ["Nguyễn Thị Bích", "Nguyễn Văn An"]
    assert names(officer, query) == expected
    assert names(viewer, query) == []  # the masked digits are not found a prefix at a time …
    assert names(viewer, CCCD["an"]) == ["Nguyễn Văn An"]  # … a CCCD typed whole is
    assert names(viewer, "0912000222") == ["Nguyễn Thị Bích"]  # phones: prefixes


# --------------------------------------------------------------------------- officer


def test_officer_writes_records_and_sees_cccd_but_not_users_or_backups(world: World, tmp_path: Path) -> None:
    officer = world.as_(Role.OFFICER)
    detail = get_person(officer, world.pb)
    assert detail.id_number == CCCD["bich"]
    update_person(officer, person_id=world.pb, data=_edit(detail, full_name="Nguyễn Thị Bích Ngọc"), expected_version=1)
    assert _stored_name(world.engine, world.pb) == "Nguyễn Thị Bích Ngọc"
    new = create_person(officer, data=PersonInput(full_name="Lê Văn Dũng"), today=TODAY)
    assert _stored_name(world.engine, new.id) == "Lê Văn Dũng"
    with pytest.raises(AccessDenied, match="quản lý tài khoản"):
        auth.list_accounts(officer)
    usb = tmp_path / "usb"
    usb.mkdir()
    with pytest.raises(AccessDenied, match="sao lưu"):
        backup_now(officer, folder=usb)
    assert list(usb.iterdir()) == []


# --------------------------------------------------------------------------- club leader


def test_club_leader_sees_only_their_clubs_people(world: World) -> None:
    leader = world.as_(Role.CLUB_LEADER)
    assert [r.full_name for r in search_people(leader, "nguyen")] == ["Nguyễn Văn An"]
    assert list_person_ids(leader) == [world.pa]
    assert ordered_person_ids(leader) == [world.pa]
    assert count_people(leader) == 1
    assert count_people(leader, PeopleFilter(query="nguyen")) == 1
    assert list(fetch_person_rows(leader, [world.pa, world.pb, world.pc])) == [world.pa]
    assert search_people(leader, "bich") == []
    assert [r.person_id for r in fetch_departure_rows(leader, list_departure_ids(leader, today=TODAY)).values()] == [
        world.pa
    ]
    # the departures list searched by a name: both Nguyễn have a departure, the leader's club one of them
    searched = DepartureFilter(query="nguyen")
    assert len(list_departure_ids(world.as_(Role.OFFICER), searched, today=TODAY)) == 2
    found = list_departure_ids(leader, searched)
    assert [r.person_id for r in fetch_departure_rows(world.as_(Role.OFFICER), found).values()] == [world.pa]
    assert search_people(leader, CCCD["bich"]) == []
    assert get_person(leader, world.pa).id_number == "••••••••1234"
    for other in (world.pb, world.pc):
        with pytest.raises(AccessDenied, match="không thuộc câu lạc bộ"):
            get_person(leader, other)
        with pytest.raises(AccessDenied):
            person_summary(leader, other)


def test_club_leader_changes_only_their_clubs_people(world: World) -> None:
    leader, officer = world.as_(Role.CLUB_LEADER), world.as_(Role.OFFICER)
    other = get_person(officer, world.pb)
    with pytest.raises(AccessDenied):
        update_person(leader, person_id=world.pb, data=_edit(other, full_name="Đổi Tên"), expected_version=1)
    assert _stored_name(world.engine, world.pb) == "Nguyễn Thị Bích"
    own = get_person(leader, world.pa)  # CCCD comes masked; saving the form keeps the stored number
    update_person(leader, person_id=world.pa, data=_edit(own, phone="0987654321"), expected_version=own.version)
    with read_session(world.engine) as session:
        person = session.get(Person, world.pa)
        assert (person.phone, person.id_number) == ("0987654321", CCCD["an"])
    with pytest.raises(AccessDenied):
        create_person(leader, data=PersonInput(full_name="Lê Văn Dũng"))
    with pytest.raises(AccessDenied):
        delete_person(leader, person_id=world.pa)


def test_a_club_leader_typing_a_cccd_taken_outside_their_club_learns_no_name(world: World) -> None:
    leader, officer = world.as_(Role.CLUB_LEADER), world.as_(Role.OFFICER)
    own = get_person(leader, world.pa)
    with pytest.raises(Refused) as refused:
        update_person(leader, person_id=world.pa, data=_edit(own, id_number=CCCD["bich"]), expected_version=own.version)
    assert "ngoài các hồ sơ bạn được xem" in refused.value.message
    assert "Bích" not in refused.value.message and not isinstance(refused.value, DuplicatePerson)
    # an officer, who sees every record, is told whose record holds the number
    mine = get_person(officer, world.pa)
    with pytest.raises(DuplicatePerson, match="Nguyễn Thị Bích"):
        update_person(
            officer, person_id=world.pa, data=_edit(mine, id_number=CCCD["bich"]), expected_version=mine.version
        )
    with read_session(world.engine) as session:
        assert session.get(Person, world.pa).id_number == CCCD["an"]


def test_club_leader_households_meetings_and_visits(world: World) -> None:
    leader = world.as_(Role.CLUB_LEADER)
    assert list_household_ids(leader) == [world.ha]
    assert household_detail(leader, world.ha).id == world.ha
    with pytest.raises(AccessDenied):
        household_detail(leader, world.hb)
    assert [c.id for c in list_clubs(leader)] == [world.club_a]
    with pytest.raises(AccessDenied):
        list_meetings(leader, club_id=world.club_b)
    with pytest.raises(AccessDenied):
        record_meeting(leader, club_id=world.club_b, held_on=TODAY, topic="Họp", today=TODAY)
    with pytest.raises(AccessDenied):
        record_visit(leader, household_id=world.hb, visited_on=TODAY, visitor="Trưởng CLB", today=TODAY)
    record_meeting(
        leader,
        club_id=world.club_a,
        held_on=TODAY,
        topic="Sinh hoạt quý IV",
        attending_household_ids=[world.ha],
        today=TODAY,
    )
    record_visit(leader, household_id=world.ha, visited_on=TODAY, visitor="Trưởng CLB", today=TODAY)
    officer = world.as_(Role.OFFICER)
    record_visit(officer, household_id=world.hb, visited_on=TODAY, visitor="Cán bộ", today=TODAY)
    assert {v.household_id for v in list_visits(leader)} == {world.ha}
    with read_session(world.engine) as session:
        assert session.scalars(select(ClubMeeting.club_id)).all() == [world.club_a]
        assert sorted(session.scalars(select(FamilyVisit.household_id))) == sorted([world.ha, world.hb])


def _sheet_rows(path: Path) -> list[tuple]:
    book = openpyxl.load_workbook(path, read_only=True)
    return [tuple(r) for r in book["Danh sách"].iter_rows(values_only=True)]


def test_club_leader_exports_only_their_club_with_cccd_masked(world: World, tmp_path: Path) -> None:
    leader, officer = world.as_(Role.CLUB_LEADER), world.as_(Role.OFFICER)
    period = {"date_from": date(2026, 1, 1), "date_to": date(2026, 12, 31)}
    assert export_list(officer, list_name="departed", path=tmp_path / "all.xlsx", **period) == 2
    text = repr(_sheet_rows(tmp_path / "all.xlsx"))
    assert CCCD["an"] in text and CCCD["bich"] in text
    assert export_list(leader, list_name="departed", path=tmp_path / "mine.xlsx", **period) == 1
    text = repr(_sheet_rows(tmp_path / "mine.xlsx"))
    assert "Nguyễn Văn An" in text and "Bích" not in text
    assert "••••••••1234" in text and CCCD["an"] not in text
    assert export_list(leader, list_name="club", path=tmp_path / "club.xlsx", **period) == 1
    text = repr(_sheet_rows(tmp_path / "club.xlsx"))
    assert "CLB ấp Một" in text and "CLB ấp Hai" not in text


def test_a_club_leader_without_a_club_sees_nobody(world: World) -> None:
    lost = access.bind(world.engine, Actor("lac", "Lạc", Role.CLUB_LEADER, None))  # type: ignore[arg-type]
    assert search_people(lost, "nguyen") == []
    assert list_household_ids(lost) == []


def test_an_account_made_by_another_program_turns_login_on_within_seconds(database, monkeypatch) -> None:
    from xkld_desktop.domain.models import UserAccount

    engine = database.engine
    assert access.require(engine, Permission.RECORDS_READ) is None  # no account: remembered briefly
    with write_session(engine) as session:  # as the command line of another process would
        session.add(UserAccount(username="quantri", role=Role.ADMIN, password_hash="$argon2id$…"))
    later = access.time.monotonic() + access.NO_ACCOUNT_TTL + 1
    monkeypatch.setattr(access.time, "monotonic", lambda: later)
    with pytest.raises(AccessDenied, match="Chưa đăng nhập"):
        access.require(engine, Permission.RECORDS_READ)
