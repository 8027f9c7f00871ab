"""Demo data: believable, internally consistent, deterministic, and only in an empty database."""

from __future__ import annotations

import hashlib
import random
import sqlite3
import uuid
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest

from xkld_desktop.domain.enums import Gender, PersonStatus, Relationship, StatusAbroad
from xkld_desktop.domain.validation import expected_end_date
from xkld_desktop.services import demo
from xkld_desktop.services.database import open_database
from xkld_desktop.services.demo import DemoDataError, generate_demo
from xkld_desktop.store.backup import backup_sqlite
from xkld_desktop.store.urls import read_only_uri

TODAY = date(2026, 11, 25)
PEOPLE = 500
TAN_HONG_CODES = {"29926", "29929", "29932", "29935", "29938", "29941", "29944", "29947", "29950"}


def _make(template: Path, path: Path, **kwargs) -> tuple[Path, demo.DemoSummary]:
    """A copy of the seeded template at *path*, filled with demo data."""
    backup_sqlite(template, path)
    db = open_database(f"sqlite:///{path.as_posix()}", backup=False)  # module-scoped: no daily backup
    try:
        summary = generate_demo(db.engine, today=TODAY, **kwargs)
    finally:
        db.close()
    return path, summary


@pytest.fixture(scope="module")
def filled(_seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, demo.DemoSummary]:
    """One 500-people demo database shared by the read-only tests of this module."""
    return _make(_seeded_template, tmp_path_factory.mktemp("demo") / "demo.db", people=PEOPLE, seed=1)


@pytest.fixture
def con(filled) -> sqlite3.Connection:
    connection = sqlite3.connect(read_only_uri(Path(filled[0])), uri=True)
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _table_digest(path: Path, tables: list[str]) -> str:
    digest = hashlib.sha256()
    with sqlite3.connect(path) as connection:
        for table in tables:
            for row in connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


# --------------------------------------------------------------------------- what is made


def test_summary_counts_what_was_written(filled, con) -> None:
    _path, summary = filled
    assert summary.people == PEOPLE
    for table, count in summary.counts.items():
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == count, table
    assert summary.communes[0] == "Xã Tân Hộ Cơ"  # the largest commune of the plan comes first
    assert len(summary.communes) == 9


def test_every_status_is_present(con) -> None:
    statuses = Counter(r[0] for r in con.execute("SELECT status FROM person"))
    assert set(statuses) == {s.value for s in PersonStatus}
    assert statuses["candidate"] > statuses["working_abroad"] > statuses["absconded"]


def test_people_live_in_the_former_tan_hong_communes(con) -> None:
    rows = con.execute(
        "SELECT u.code, u.legacy, p.unit_code, p.hamlet, p.address FROM person p"
        " JOIN administrative_unit u ON u.id = p.commune_id"
    ).fetchall()
    assert {r["code"] for r in rows} == TAN_HONG_CODES
    assert all(r["legacy"] == 1 and r["unit_code"] == r["code"] for r in rows)
    assert all(r["address"].startswith(r["hamlet"] + ", ") and "tỉnh Đồng Tháp" in r["address"] for r in rows)
    assert any(r["hamlet"] == "Ấp Cả Găng" for r in rows)


def test_cccds_are_valid_unique_and_agree_with_gender_and_birth_year(con) -> None:
    rows = con.execute("SELECT id_number, id_kind, gender, date_of_birth FROM person").fetchall()
    numbers = [r["id_number"] for r in rows if r["id_number"]]
    assert len(numbers) > 0.95 * len(rows)
    assert len(set(numbers)) == len(numbers)
    for r in rows:
        if r["id_number"] is None:
            continue
        cccd, born = r["id_number"], date.fromisoformat(r["date_of_birth"])
        assert len(cccd) == 12 and cccd.isdigit() and cccd.isascii()
        assert r["id_kind"] == "cccd"
        assert cccd[:3] == "087"  # born in Đồng Tháp
        century = 0 if born.year < 2000 else 2
        assert int(cccd[3]) == century + (0 if r["gender"] == Gender.MALE.value else 1)
        assert cccd[4:6] == f"{born.year % 100:02d}"


def test_phones_are_valid_and_unique(con) -> None:
    phones = [r[0] for r in con.execute("SELECT phone FROM person WHERE phone IS NOT NULL")]
    assert len(phones) > 0.8 * PEOPLE
    assert len(set(phones)) == len(phones)
    for phone in phones:
        assert len(phone) == 10 and phone.isdigit() and phone[0] == "0" and phone[1] in "3789"


def test_names_are_vietnamese_with_their_keys(con) -> None:
    rows = con.execute("SELECT full_name, name_key, sort_key FROM person").fetchall()
    families = Counter(r["full_name"].split()[0] for r in rows)
    assert families.most_common(1)[0][0] == "Nguyễn"
    assert any("Đ" in r["full_name"] or "đ" in r["full_name"] for r in rows)
    for r in rows:
        words = r["name_key"].split()
        assert r["name_key"].isascii() and r["sort_key"] == " ".join([words[-1], *words[:-1]])
    indexed = con.execute("SELECT count(DISTINCT person_id) FROM person_name_token").fetchone()[0]
    assert indexed == PEOPLE


def test_everyone_is_at_least_18_at_departure(con) -> None:
    rows = con.execute(
        "SELECT p.date_of_birth, d.departed_on FROM departure d JOIN person p ON p.id = d.person_id"
    ).fetchall()
    assert rows
    for r in rows:
        born, left = date.fromisoformat(r["date_of_birth"]), date.fromisoformat(r["departed_on"])
        assert (left.year - born.year - ((left.month, left.day) < (born.month, born.day))) >= 18


def test_no_date_lies_after_today(con) -> None:
    """Every date column of every demo table, except the planned end of running contracts."""
    checked = 0
    for table in [t.name for t in demo._TABLES]:
        for column in con.execute(f"PRAGMA table_info({table})").fetchall():
            name, kind = column["name"], column["type"].upper()
            if name == "expected_end_on" or kind not in ("DATE", "DATETIME"):
                continue
            latest = con.execute(f"SELECT max({name}) FROM {table}").fetchone()[0]
            if latest is not None:
                assert latest[:10] <= TODAY.isoformat(), f"{table}.{name} = {latest}"
                checked += 1
    assert checked > 30


def test_statuses_agree_with_departures_returns_and_the_timeline(con) -> None:
    departures = defaultdict(list)
    for d in con.execute(
        "SELECT d.*, r.returned_on FROM departure d LEFT JOIN worker_return r ON r.departure_id = d.id"
        " ORDER BY d.departed_on"
    ):
        departures[d["person_id"]].append(d)
    events = defaultdict(list)
    for e in con.execute("SELECT person_id, status, happened_on FROM status_event ORDER BY happened_on, id"):
        events[e["person_id"]].append(e)

    for p in con.execute("SELECT id, status, status_since FROM person"):
        status, mine = PersonStatus(p["status"]), departures[p["id"]]
        timeline = events[p["id"]]
        assert timeline, p["id"]
        assert timeline[-1]["status"] == p["status"]
        assert timeline[-1]["happened_on"] == p["status_since"]
        assert timeline[0]["status"] == PersonStatus.CANDIDATE.value
        last = mine[-1] if mine else None
        if status in (PersonStatus.CANDIDATE, PersonStatus.REGISTERED, PersonStatus.TRAINING, PersonStatus.WITHDRAWN):
            assert not mine
        elif status in (PersonStatus.DEPARTED, PersonStatus.WORKING_ABROAD, PersonStatus.MISSING):
            assert last is not None and last["returned_on"] is None
        elif status is PersonStatus.ABSCONDED:
            assert last is not None and last["returned_on"] is None
            assert last["status_abroad"] == StatusAbroad.ABSCONDED.value
        elif status is PersonStatus.RETURNED:
            assert last is not None and last["returned_on"] is not None
        else:  # died: abroad (returned home) or at home after a return
            assert last is not None
        for earlier in mine[:-1]:
            assert earlier["returned_on"] is not None  # only the latest departure can be open


def test_departures_are_consistent(con) -> None:
    rows = con.execute("SELECT * FROM departure").fetchall()
    markets = Counter(r["market_code"] for r in rows)
    assert markets.most_common(1)[0][0] == "JP"
    assert markets["JP"] > len(rows) / 2
    assert {"KR", "TW"} <= set(markets)
    programmes = {(r["market_code"], r["programme"]) for r in rows if r["is_legal"]}
    assert ("JP", "jp_tits") in programmes and ("KR", "kr_eps") in programmes and ("TW", "taiwan") in programmes
    for market, programme in programmes:
        if programme.startswith("jp_"):
            assert market == "JP"
        if programme in ("kr_eps", "taiwan"):
            assert market == {"kr_eps": "KR", "taiwan": "TW"}[programme]
    for r in rows:
        if r["is_legal"]:
            start = date.fromisoformat(r["departed_on"])
            assert _day(r["expected_end_on"]) == expected_end_date(start, r["contract_months"])
            assert r["company_id"] is not None and r["monthly_salary"] > 0
            assert _day(r["orientation_cert_on"]) < start
        else:
            assert r["contract_months"] is None and r["company_id"] is None
    assert any(not r["is_legal"] for r in rows), "some illegal departures"
    licences = [r[0] for r in con.execute("SELECT licence_number FROM placement_company WHERE licence_number != ''")]
    assert licences and all(lic.endswith("/LĐTBXH-GP") for lic in licences)


def test_returns_follow_ups_loans_and_supports(con) -> None:
    returns = con.execute(
        "SELECT r.*, d.departed_on FROM worker_return r JOIN departure d ON d.id = r.departure_id"
    ).fetchall()
    assert returns
    assert {r["timing"] for r in returns} >= {"on_time", "early"}
    assert len({r["reason"] for r in returns}) >= 4
    for r in returns:
        assert r["returned_on"] > r["departed_on"]
        assert (r["residence_notified_on"] is not None) == bool(r["residence_notified"])
    follow_ups = con.execute(
        "SELECT f.followed_on, r.returned_on FROM return_follow_up f JOIN worker_return r ON r.id = f.return_id"
    ).fetchall()
    assert follow_ups and all(f["followed_on"] > f["returned_on"] for f in follow_ups)
    assert con.execute("SELECT count(*) FROM follow_up_support_need").fetchone()[0] > 0
    loans = con.execute("SELECT l.*, d.departed_on FROM loan l JOIN departure d ON d.id = l.departure_id").fetchall()
    assert loans and all(loan["disbursed_on"] <= loan["departed_on"] for loan in loans)
    assert Counter(loan["source"] for loan in loans).most_common(1)[0][0] == "nhcsxh"
    assert con.execute("SELECT count(*) FROM departure_support").fetchone()[0] > 0


def test_households_have_one_head_and_members(con) -> None:
    heads = Counter(r[0] for r in con.execute("SELECT household_id FROM household_member WHERE relationship = 'head'"))
    households = [r[0] for r in con.execute("SELECT id FROM household")]
    assert households and all(heads[h] == 1 for h in households)
    relationships = {r[0] for r in con.execute("SELECT DISTINCT relationship FROM household_member")}
    assert {Relationship.HEAD.value, Relationship.CHILD.value, Relationship.SPOUSE.value} <= relationships
    registered = con.execute("SELECT count(*) FROM household_member WHERE person_id IS NOT NULL").fetchone()[0]
    assert registered > 0


def test_each_commune_has_its_club_with_members_meetings_and_visits(con) -> None:
    clubs = con.execute(
        "SELECT c.id, u.code FROM family_club c JOIN administrative_unit u ON u.id = c.commune_id"
    ).fetchall()
    assert {c["code"] for c in clubs} == TAN_HONG_CODES
    for table in ("club_membership", "club_meeting", "club_meeting_attendance", "family_visit"):
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0, table
    late = con.execute(
        "SELECT count(*) FROM club_meeting_attendance a JOIN club_meeting m ON m.id = a.meeting_id"
        " JOIN club_membership s ON s.household_id = a.household_id AND s.club_id = m.club_id"
        " WHERE m.held_on < s.joined_on"
    ).fetchone()[0]
    assert late == 0


def test_reviews_outreach_and_targets(con) -> None:
    years = {r[0] for r in con.execute("SELECT DISTINCT year FROM yearly_review")}
    assert {2024, 2025, 2026} <= years
    sessions = con.execute("SELECT attendance_count, id FROM outreach_session").fetchall()
    attended = Counter(r[0] for r in con.execute("SELECT session_id FROM outreach_attendance"))
    assert all(s["attendance_count"] >= attended[s["id"]] for s in sessions)
    assert sum(attended.values()) > 0
    targets = con.execute(
        "SELECT u.code, u.level, t.year FROM target t JOIN administrative_unit u ON u.id = t.unit_id"
    ).fetchall()
    per_unit = defaultdict(set)
    for t in targets:
        per_unit[(t["code"], t["level"])].add(t["year"])
    assert set(per_unit) == {(code, "commune") for code in TAN_HONG_CODES} | {("869", "district")}
    assert all(years == set(range(2021, 2027)) for years in per_unit.values())


def test_uuids_are_version_4_and_timestamps_utc(con) -> None:
    for table in ("person", "departure", "status_event"):
        for value, created in con.execute(f"SELECT uuid, created_at FROM {table} LIMIT 50"):
            assert uuid.UUID(value).version == 4
            assert datetime.fromisoformat(created).time().hour == 2  # 09:00 in Vietnam


def test_the_fast_uuid_is_the_standard_one() -> None:
    rng_a, rng_b = random.Random(7), random.Random(7)
    for _ in range(100):
        bits = rng_a.getrandbits(128)
        n = (bits & demo._UUID_CLEAR) | demo._UUID_SET
        h = f"{n:032x}"
        assert f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}" == str(
            uuid.UUID(int=rng_b.getrandbits(128), version=4)
        )


# --------------------------------------------------------------------------- determinism and refusal


PERSON_TABLES = ["person", "status_event", "departure", "worker_return", "household_member"]


def test_same_seed_gives_the_same_rows_and_another_seed_others(filled, _seeded_template, tmp_path) -> None:
    again, _ = _make(_seeded_template, tmp_path / "again.db", people=PEOPLE, seed=1)
    other, _ = _make(_seeded_template, tmp_path / "other.db", people=PEOPLE, seed=2)

    first = _table_digest(filled[0], PERSON_TABLES)
    assert _table_digest(again, PERSON_TABLES) == first
    assert _table_digest(other, PERSON_TABLES) != first


def test_the_sqlite_shortcut_stores_exactly_what_core_would(_seeded_template, tmp_path, monkeypatch) -> None:
    fast, _ = _make(_seeded_template, tmp_path / "fast.db", people=80, seed=3)
    monkeypatch.setattr(demo, "_stores_text", lambda conn: False)
    core, _ = _make(_seeded_template, tmp_path / "core.db", people=80, seed=3)

    tables = [t.name for t in demo._TABLES] + ["person_name_token"]
    assert _table_digest(fast, tables) == _table_digest(core, tables)


def test_refuses_a_database_that_already_has_people(filled) -> None:
    db = open_database(f"sqlite:///{filled[0].as_posix()}")
    try:
        with pytest.raises(DemoDataError) as caught:
            generate_demo(db.engine, people=10, today=TODAY)
    finally:
        db.close()
    assert "đã có 500 người lao động" in caught.value.message


def test_one_current_commune_can_be_chosen(database) -> None:
    summary = generate_demo(database.engine, people=60, commune_code="29929", today=TODAY)

    assert summary.communes == ["Xã Tân Hộ Cơ"]
    with database.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT u.legacy, p.id_number, p.unit_code, p.hamlet FROM person p"
            " JOIN administrative_unit u ON u.id = p.commune_id"
        ).all()
        targets = conn.exec_driver_sql("SELECT count(*) FROM target").scalar()
    assert len(rows) == 60
    assert {(legacy, unit_code) for legacy, _, unit_code, _ in rows} == {(0, "29929")}
    assert all(number is None or number.startswith("087") for _, number, _, _ in rows)
    assert {hamlet for *_, hamlet in rows} <= {f"Ấp {i}" for i in range(1, 7)}
    assert targets == 6  # the commune, 2021–2026; no district above it any more


def test_an_unknown_commune_is_refused(database) -> None:
    with pytest.raises(DemoDataError, match="Không tìm thấy"):
        generate_demo(database.engine, people=10, commune_code="99999", today=TODAY)


def test_progress_is_reported_up_to_the_total(database) -> None:
    seen: list[tuple[int, int]] = []
    generate_demo(database.engine, people=30, today=TODAY, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1] == (30, 30)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_a_today_before_the_plan_has_run_a_while_is_refused_before_anything_is_written(database) -> None:
    # --today 1/1/2015 (any day up to 2016) stopped with a StopIteration traceback
    with pytest.raises(DemoDataError) as caught:
        generate_demo(database.engine, people=50, today=date(2015, 1, 1))
    assert "phải từ 01/06/2016 trở đi" in caught.value.message
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar() == 0


def test_the_earliest_today_and_a_work_start_that_falls_on_today_make_a_demo(database, tmp_path) -> None:
    # the first day allowed works; so does 1/4/2017 (seed 1, 3,000 people), where someone's work abroad
    # began on "today" itself: their status had no day of its own before "today" (a StopIteration)
    summary = generate_demo(database.engine, people=200, today=demo.EARLIEST_TODAY)
    assert summary.counts["person"] == 200
    other = open_database(f"sqlite:///{(tmp_path / 'other.db').as_posix()}", backup=False)
    try:
        summary = generate_demo(other.engine, people=3000, seed=1, today=date(2017, 4, 1))
    finally:
        other.close()
    assert summary.counts["person"] == 3000
