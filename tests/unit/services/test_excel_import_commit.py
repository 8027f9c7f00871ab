"""Import end to end: messy sheets in, every stored field checked; duplicates, merges, undo, all-or-nothing."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from tests.unit.services.excel_import_books import messy_workbook, ods_workbook, simple_workbook
from xkld_desktop.domain.enums import DatePrecision, Gender, IdKind, PersonStatus
from xkld_desktop.domain.models import AuditEvent, Departure, Person, PersonNameToken, PlacementCompany
from xkld_desktop.services.excel_import.commit import (
    Decision,
    ImportCancelled,
    commit_import,
    list_imports,
    undo_import,
)
from xkld_desktop.services.excel_import.preview import MatchKind, preview_files, revise_row
from xkld_desktop.services.people import search_people
from xkld_desktop.store.session import read_session, write_session

TODAY = date(2026, 11, 25)


def _rows(engine: sa.Engine, table: type, *, alive: bool = True) -> list[SimpleNamespace]:
    """Plain copies of a table's rows (read through Core: no session, nothing expires)."""
    t = table.__table__  # type: ignore[attr-defined]
    query = sa.select(t).where(t.c.deleted_at.is_(None)) if alive else sa.select(t)
    with engine.connect() as conn:
        return [SimpleNamespace(**row) for row in conn.execute(query).mappings()]


def _people(engine: sa.Engine, *, alive: bool = True) -> dict[str, SimpleNamespace]:
    return {p.full_name: p for p in _rows(engine, Person, alive=alive)}


def _departures(engine: sa.Engine) -> list[SimpleNamespace]:
    return _rows(engine, Departure)


def _count(engine: sa.Engine, table: type) -> int:
    with read_session(engine) as session:
        return session.scalar(sa.select(sa.func.count()).select_from(table)) or 0


def test_messy_sheet_preview_shows_rows_as_they_will_be_stored(database, tmp_path: Path) -> None:
    path = messy_workbook(tmp_path / "xa-tan-ho-co.xlsx")

    [preview] = preview_files(database.engine, [path], today=TODAY)

    assert preview.error is None
    assert preview.header is not None and preview.header.header_row == 3
    assert [r.line for r in preview.rows] == [6, 7, 8, 9, 10]
    assert {(s.line, s.reason) for s in preview.skipped} == {
        (11, "dòng tổng cộng"),
        (14, "không phải dòng dữ liệu (ghi chú, chữ ký …)"),
        (17, "không phải dòng dữ liệu (ghi chú, chữ ký …)"),
    }
    texts = [p.text for p in preview.problems]
    assert "Dòng 6: CCCD có 11 chữ số — đã thêm số 0 ở đầu" in texts
    assert "Dòng 6: Số điện thoại có 9 chữ số — đã thêm số 0 ở đầu" in texts
    assert "Dòng 9: Ngày sinh 31/02/1990 không có thật (tháng 2/1990 chỉ có 28 ngày)" in texts
    by_line = {r.line: r for r in preview.rows}
    assert by_line[9].has_errors and not by_line[6].has_errors
    assert by_line[6].shown("date_of_birth") == "05/03/1998"
    assert by_line[8].shown("date_of_birth") == "1997"
    assert by_line[7].shown("gender") == "Nữ"
    # Nothing written by a preview.
    assert _count(database.engine, Person) == 0


def test_messy_sheet_commit_stores_every_field(database, tmp_path: Path) -> None:
    path = messy_workbook(tmp_path / "xa-tan-ho-co.xlsx")
    previews = preview_files(database.engine, [path], today=TODAY)

    result = commit_import(database.engine, previews, today=TODAY)

    assert (result.read, result.imported, result.updated, result.skipped, result.errors) == (5, 4, 0, 0, 1)
    assert result.departures == 3
    people = _people(database.engine)
    assert set(people) == {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Võ Thị Em"}
    an = people["Nguyễn Văn An"]
    assert an.gender is Gender.MALE  # the date sat in the "Nam" column
    assert an.date_of_birth == date(1998, 3, 5) and an.birth_precision is DatePrecision.DAY
    assert (an.id_number, an.id_kind) == ("087098012345", IdKind.CCCD)  # zero restored
    assert an.phone == "0912345678"
    assert an.hamlet == "Ấp 1"
    assert an.name_key == "nguyen van an" and an.sort_key == "an nguyen van"
    assert an.status is PersonStatus.WORKING_ABROAD and an.status_since == date(2024, 3, 5)
    assert an.unit_code == "29929"  # the commune named in the title row
    binh = people["Trần Thị Bình"]
    assert binh.gender is Gender.FEMALE and binh.date_of_birth == date(1999, 3, 5)
    cuong = people["Lê Văn Cường"]
    assert cuong.date_of_birth == date(1997, 1, 1) and cuong.birth_precision is DatePrecision.YEAR
    assert cuong.status is PersonStatus.CANDIDATE  # market without a date: no departure
    em = people["Võ Thị Em"]
    assert em.date_of_birth == date(2001, 3, 5) and em.phone == "0901234567"
    departures = {d.person_id: d for d in _departures(database.engine)}
    assert departures[an.id].market_code == "JP" and departures[an.id].departed_on == date(2024, 3, 5)
    assert departures[binh.id].market_code == "KR" and departures[binh.id].departed_on == date(2024, 6, 1)
    assert departures[em.id].market_code == "JP"
    assert departures[an.id].company_id == departures[em.id].company_id is not None
    # New records get time-ordered uuids (version 7): next to each other in the uuid indexes.
    made = [p.uuid for p in people.values()] + [d.uuid for d in departures.values()] + [result.batch_id]
    assert {uuid.UUID(u).version for u in made} == {7}
    assert _count(database.engine, PlacementCompany) == 1
    # The search index was filled for the bulk-inserted people.
    assert [r.full_name for r in search_people(database.engine, "nguyen an")] == ["Nguyễn Văn An"]
    assert _count(database.engine, PersonNameToken) == 12
    audit = AuditEvent.__table__  # type: ignore[attr-defined]
    with database.engine.connect() as conn:
        events = [
            SimpleNamespace(**r) for r in conn.execute(sa.select(audit).where(audit.c.action == "import")).mappings()
        ]
    created = [json.loads(e.detail) for e in events if e.table_name == "person"]
    assert {(d["file"], d["line"], d["op"], d["batch"]) for d in created} == {
        ("xa-tan-ho-co.xlsx", line, "create", result.batch_id) for line in (6, 7, 8, 10)
    }
    assert all(d["unit_code"] == "29929" and d["sheet"] == "DS" for d in created)
    [batch] = list_imports(database.engine)
    assert batch["batch"] == result.batch_id and batch["imported"] == 4


def test_reimporting_the_same_file_changes_nothing(database, tmp_path: Path) -> None:
    path = messy_workbook(tmp_path / "ds.xlsx")
    commit_import(database.engine, preview_files(database.engine, [path], today=TODAY), today=TODAY)
    before = {name: (p.version, p.updated_at) for name, p in _people(database.engine).items()}

    for mode in ("skip", "update"):
        previews = preview_files(database.engine, [path], today=TODAY)
        matches = {r.line: r.match for r in previews[0].rows}
        assert matches == {
            6: MatchKind.CCCD,
            7: MatchKind.CCCD,
            8: MatchKind.CANDIDATE,
            9: MatchKind.NEW,
            10: MatchKind.CANDIDATE,
        }
        result = commit_import(database.engine, previews, on_duplicate=mode, today=TODAY)
        assert (result.imported, result.updated, result.skipped, result.errors) == (0, 0, 4, 1)

    assert {name: (p.version, p.updated_at) for name, p in _people(database.engine).items()} == before
    assert len(_departures(database.engine)) == 3


def test_same_cccd_updates_only_when_chosen_and_shows_the_changes(database, tmp_path: Path) -> None:
    header = ["Họ và tên", "Ngày sinh", "Giới tính", "CCCD", "Điện thoại", "Thôn"]
    first = simple_workbook(
        tmp_path / "a.xlsx", header, [["Nguyễn Văn An", "05/03/1998", "Nam", "087098012345", "", "Thôn 1"]]
    )
    commit_import(database.engine, preview_files(database.engine, [first], today=TODAY), today=TODAY)
    second = simple_workbook(
        tmp_path / "b.xlsx", header, [["Nguyen Van An", "05/03/1998", "Nam", "087098012345", "0912345678", "Thôn 2"]]
    )

    [preview] = preview_files(database.engine, [second], today=TODAY)
    [row] = preview.rows
    assert row.match is MatchKind.CCCD and row.existing_name == "Nguyễn Văn An"
    assert {(c.label, c.old, c.new) for c in row.changes} == {
        ("Họ và tên", "Nguyễn Văn An", "Nguyen Van An"),
        ("Số điện thoại", "", "0912345678"),
        ("Ấp, thôn", "Thôn 1", "Thôn 2"),
    }
    skipped = commit_import(database.engine, [preview], on_duplicate="skip", today=TODAY)
    assert (skipped.updated, skipped.skipped) == (0, 1)
    assert _people(database.engine)["Nguyễn Văn An"].hamlet == "Thôn 1"

    updated = commit_import(database.engine, [preview], on_duplicate="update", today=TODAY)
    assert (updated.imported, updated.updated) == (0, 1)
    person = _people(database.engine)["Nguyen Van An"]
    assert (person.hamlet, person.phone, person.version) == ("Thôn 2", "0912345678", 2)
    assert [r.full_name for r in search_people(database.engine, "nguyen van an")] == ["Nguyen Van An"]

    # Undo restores the values from before the update.
    undone = undo_import(database.engine, updated.batch_id)
    assert (undone.restored, undone.deleted, undone.not_restored) == (1, 0, 0)
    person = _people(database.engine)["Nguyễn Văn An"]
    assert (person.hamlet, person.phone) == ("Thôn 1", None)


def test_candidate_is_never_merged_and_can_be_imported_as_new(database, tmp_path: Path) -> None:
    header = ["Họ và tên", "Năm sinh", "Ấp"]
    commit_import(
        database.engine,
        preview_files(
            database.engine, [simple_workbook(tmp_path / "a.xlsx", header, [["Lê Văn Cường", 1997, "Ấp 3"]])]
        ),
        today=TODAY,
    )
    path = simple_workbook(tmp_path / "b.xlsx", header, [["LE VAN CUONG", 1997, "Ấp 5"]])
    [preview] = preview_files(database.engine, [path], today=TODAY)
    [row] = preview.rows
    assert row.match is MatchKind.CANDIDATE
    assert any("Có thể trùng với Lê Văn Cường" in p.message for p in row.problems)

    result = commit_import(database.engine, [preview], on_duplicate="update", today=TODAY)
    assert (result.imported, result.updated, result.skipped) == (0, 0, 1)
    assert _people(database.engine)["Lê Văn Cường"].hamlet == "Ấp 3"

    result = commit_import(database.engine, [preview], decisions={row.key: Decision.NEW}, today=TODAY)
    assert result.imported == 1
    assert set(_people(database.engine)) == {"Lê Văn Cường", "LE VAN CUONG"}


def test_two_communes_with_an_overlapping_person_show_a_conflict(database, tmp_path: Path) -> None:
    header = ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Thị trường", "Ngày xuất cảnh", "Mã xã"]
    a = simple_workbook(
        tmp_path / "xa-a.xlsx",
        header,
        [
            [1, "Nguyễn Văn An", "05/03/1998", "087098012345", "Nhật Bản", "01/02/2024", "29929"],
            [2, "Trần Thị Bình", "05/03/1999", "087199012346", "Hàn", "01/06/2024", "29929"],
        ],
    )
    b = simple_workbook(
        tmp_path / "xa-b.xlsx",
        header,
        [
            [1, "Nguyễn Văn An", "05/03/1998", "087098012345", "Đài Loan", "01/09/2024", "29926"],
            [2, "Lý Văn Chín", "1995", "087095012399", "NB", "01/03/2025", "29926"],
        ],
    )

    previews = preview_files(database.engine, [a, b], today=TODAY)
    conflict = previews[1].rows[0]
    assert conflict.match is MatchKind.CONFLICT
    assert any("cũng có ở dòng 2 của tệp “xa-a.xlsx”" in p.message for p in conflict.problems)

    # Even when asked to import it as new, a conflict is not imported (never two people with one CCCD).
    result = commit_import(database.engine, previews, decisions={conflict.key: Decision.NEW}, today=TODAY)
    assert (result.read, result.imported, result.skipped, result.errors) == (4, 3, 1, 0)
    people = _people(database.engine)
    assert people["Nguyễn Văn An"].unit_code == "29929"
    assert people["Lý Văn Chín"].unit_code == "29926"
    assert {d.market_code for d in _departures(database.engine)} == {"JP", "KR"}

    # The same two files again: nothing changes.
    again = commit_import(database.engine, preview_files(database.engine, [a, b], today=TODAY), today=TODAY)
    assert (again.imported, again.updated) == (0, 0)
    assert len(_people(database.engine)) == 3


def test_same_cccd_twice_in_one_file_is_an_error_on_the_second_row(database, tmp_path: Path) -> None:
    path = simple_workbook(
        tmp_path / "a.xlsx",
        ["Họ và tên", "CCCD"],
        [["Nguyễn Văn An", "087098012345"], ["Nguyễn Văn Anh", "087098012345"]],
    )
    [preview] = preview_files(database.engine, [path], today=TODAY)
    assert [p.text for p in preview.rows[1].problems if p.error] == ["Dòng 3: Trùng CCCD 087098012345 với dòng 2"]


def test_fixing_a_row_in_the_preview_makes_it_importable(database, tmp_path: Path) -> None:
    path = messy_workbook(tmp_path / "ds.xlsx")
    previews = preview_files(database.engine, [path], today=TODAY)
    assert {r.line: r for r in previews[0].rows}[9].has_errors

    previews = revise_row(
        database.engine, previews, source="ds.xlsx", line=9, field_name="dob_female", value="28/02/1990"
    )

    fixed = {r.line: r for r in previews[0].rows}[9]
    assert not fixed.has_errors and fixed.values["date_of_birth"] == date(1990, 2, 28)
    result = commit_import(database.engine, previews, today=TODAY)
    assert (result.imported, result.errors) == (5, 0)


def test_cancel_and_failure_leave_the_database_untouched(database, tmp_path: Path) -> None:
    rows = [[i, f"Người Thứ {chr(65 + i % 26)}", "1990", f"0870900{i:05d}"] for i in range(1, 1201)]
    path = simple_workbook(tmp_path / "big.xlsx", ["STT", "Họ và tên", "Năm sinh", "CCCD"], rows)
    previews = preview_files(database.engine, [path], today=TODAY)
    seen: list[tuple[int, int]] = []

    with pytest.raises(ImportCancelled) as raised:
        commit_import(
            database.engine,
            previews,
            today=TODAY,
            progress=lambda d, t: seen.append((d, t)),
            cancelled=lambda: len(seen) >= 2,
        )
    assert "Chưa có gì được ghi" in raised.value.message
    assert _count(database.engine, Person) == 0
    assert _count(database.engine, AuditEvent) == 0

    # A person saved meanwhile with a CCCD of the file: the re-match inside the transaction sees it.
    with write_session(database.engine) as session:
        session.add(Person(full_name="Người Đã Có", id_number="087090000001"))
    result = commit_import(database.engine, previews, today=TODAY, progress=lambda d, t: seen.append((d, t)))
    assert (result.imported, result.skipped) == (1199, 1)
    assert seen[-1][0] == seen[-1][1]


def test_the_preview_matches_are_kept_only_while_nothing_changed(database, tmp_path: Path) -> None:
    """The commit reuses the preview's matching while the audit log's head is unchanged, else matches again."""
    from xkld_desktop.services.excel_import.preview import still_matched

    with write_session(database.engine) as session:  # a database with history: the audit log has a head
        session.add(Person(full_name="Trần Văn Cũ", id_number="087090000099"))
    rows = [[i, f"Người Thứ {chr(65 + i)}", "1990", f"0870900{i:05d}"] for i in range(1, 6)]
    first = simple_workbook(tmp_path / "a.xlsx", ["STT", "Họ và tên", "Năm sinh", "CCCD"], rows)
    second = simple_workbook(tmp_path / "b.xlsx", ["STT", "Họ và tên", "Năm sinh", "CCCD"], rows[:2])
    previews = preview_files(database.engine, [first, second], today=TODAY)
    with database.engine.connect() as conn:
        assert still_matched(conn, previews)
        assert not still_matched(conn, previews[1:])  # matched with the first file: not on its own
        assert not still_matched(conn, previews[::-1])

    # Someone saves a person with a CCCD of the file after the preview: the commit sees it.
    with write_session(database.engine) as session:
        session.add(Person(full_name="Người Đã Có", id_number="087090000003"))
    with database.engine.connect() as conn:
        assert not still_matched(conn, previews)
    result = commit_import(database.engine, previews, today=TODAY)
    assert (result.imported, result.skipped) == (4, 3)  # the new one's row and the second file's two repeats
    names = sorted(p.full_name for p in _rows(database.engine, Person))
    assert names == sorted(["Trần Văn Cũ", "Người Đã Có", *(f"Người Thứ {chr(65 + i)}" for i in (1, 2, 4, 5))])

    # Unchanged since a new preview: the same result as matching again (nothing new, all known).
    again = preview_files(database.engine, [first], today=TODAY)
    with database.engine.connect() as conn:
        assert still_matched(conn, again)
    result = commit_import(database.engine, again, today=TODAY)
    assert (result.imported, result.skipped) == (0, 5)
    assert len(_rows(database.engine, Person)) == 6


def test_dry_run_writes_nothing(database, tmp_path: Path) -> None:
    path = messy_workbook(tmp_path / "ds.xlsx")
    result = commit_import(
        database.engine, preview_files(database.engine, [path], today=TODAY), dry_run=True, today=TODAY
    )
    assert result.dry_run and result.imported == 4
    assert _count(database.engine, Person) == 0 and _count(database.engine, AuditEvent) == 0


def test_undo_soft_deletes_what_the_import_created_and_reimport_restores_it(database, tmp_path: Path) -> None:
    path = messy_workbook(tmp_path / "ds.xlsx")
    result = commit_import(database.engine, preview_files(database.engine, [path], today=TODAY), today=TODAY)

    undone = undo_import(database.engine, result.batch_id)

    assert undone.deleted == 4 + 3
    assert _people(database.engine) == {}
    assert len(_rows(database.engine, Person, alive=False)) == 4
    assert _departures(database.engine) == []
    with pytest.raises(Exception, match="đã được hoàn tác"):
        undo_import(database.engine, result.batch_id)

    # Importing the file again brings the soft-deleted people back (same CCCD), new ones for the rest.
    again = commit_import(
        database.engine, preview_files(database.engine, [path], today=TODAY), on_duplicate="update", today=TODAY
    )
    assert again.errors == 1 and again.imported == 4
    assert set(_people(database.engine)) == {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Võ Thị Em"}
    assert len(_rows(database.engine, Person, alive=False)) == 6  # two without CCCD were created anew


def test_ods_file_imports_like_xlsx(database, tmp_path: Path) -> None:
    path = ods_workbook(
        tmp_path / "ds.ods",
        [
            ["UBND XÃ TÂN HỘ CƠ"],
            [],
            ["STT", "HỌ TÊN", "Ngày sinh", "Giới tính", "Số CCCD", "Quốc gia", "Ngày xuất cảnh"],
            [1, "Đặng Hữu Đạt", date(1996, 7, 1), "Nam", 87096012345, "Hàn Quốc", "02/01/2025"],
            ["Tổng cộng", 1],
        ],
    )
    result = commit_import(database.engine, preview_files(database.engine, [path], today=TODAY), today=TODAY)
    assert (result.imported, result.errors, result.departures) == (1, 0, 1)
    person = _people(database.engine)["Đặng Hữu Đạt"]
    assert (person.id_number, person.gender, person.date_of_birth) == ("087096012345", Gender.MALE, date(1996, 7, 1))


def _plain(row: sa.Row) -> tuple:
    """A raw row with dates as ISO text: SQLite hands them back as text, PostgreSQL as dates."""
    return tuple(value.isoformat() if isinstance(value, date) else value for value in row)


def test_round_trip_of_the_departures_export_into_an_empty_database(database, tmp_path: Path) -> None:
    """The reports issue's export (its "du_lieu" sheet) imported into an empty database gives the same records."""
    from xkld_desktop.services.database import open_database
    from xkld_desktop.services.demo import generate_demo
    from xkld_desktop.services.excel_export import export_list

    source = open_database(f"sqlite:///{(tmp_path / 'source.db').as_posix()}")
    try:
        generate_demo(source.engine, people=150, seed=3, today=TODAY)
        exported = export_list(
            source.engine,
            list_name="departed",
            date_from=date(2000, 1, 1),
            date_to=TODAY,
            path=tmp_path / "xuat-canh.xlsx",
        )
        query = sa.text(
            "select p.full_name, p.gender, p.date_of_birth, p.birth_precision, p.id_number, p.phone, p.hamlet,"
            " p.unit_code, d.market_code, d.departed_on, c.name, d.occupation, d.employer, d.contract_months,"
            " d.programme, d.expected_end_on from departure d join person p on p.id = d.person_id"
            " left join placement_company c on c.id = d.company_id"
            " where d.deleted_at is null and p.deleted_at is null order by p.id_number, d.departed_on"
        )
        with source.engine.connect() as conn:
            expected = [_plain(r) for r in conn.execute(query)]
    finally:
        source.close()
    assert exported == len(expected) > 20

    previews = preview_files(database.engine, [tmp_path / "xuat-canh.xlsx"], sheet="du_lieu", today=TODAY)
    result = commit_import(database.engine, previews, today=TODAY)

    assert result.errors == 0 and result.departures == exported
    with database.engine.connect() as conn:
        assert [_plain(r) for r in conn.execute(query)] == expected
    # People with two departures came in once, with both departures.
    assert len(_rows(database.engine, Person)) == len({row[4] for row in expected})  # two may share a name
    # Importing the export again changes nothing, whichever sheet is read.
    for sheet in ("du_lieu", "Danh sách"):
        again = commit_import(
            database.engine,
            preview_files(database.engine, [tmp_path / "xuat-canh.xlsx"], sheet=sheet, today=TODAY),
            today=TODAY,
        )
        assert (again.imported, again.updated, again.departures) == (0, 0, 0)


def test_progress_covers_the_backup_and_the_writing(database, tmp_path: Path) -> None:
    """One bar from 0 to full: a database file's backup (made beside the writes) a third of it, the
    two passes over the rows the rest; the parts come from two threads, the bar never goes back."""
    rows = [[i, f"Người Thứ {chr(65 + i % 26)}", "1990", f"0870900{i:05d}"] for i in range(1, 601)]
    path = simple_workbook(tmp_path / "ds.xlsx", ["STT", "Họ và tên", "Năm sinh", "CCCD"], rows)
    previews = preview_files(database.engine, [path], today=TODAY)
    seen: list[tuple[int, int]] = []
    result = commit_import(database.engine, previews, today=TODAY, progress=lambda d, t: seen.append((d, t)))
    assert result.imported == 600
    done = [d for d, _ in seen]
    assert {t for _, t in seen} == {1800 if database.engine.dialect.name == "sqlite" else 1200}
    assert done == sorted(done) and done[-1] == seen[-1][1]
    if database.engine.dialect.name == "sqlite":  # a file: its backup's third counted in the full bar
        assert any(0 < d < 600 for d in done)  # the backup's steps, in the bar
        assert result.backup is not None and result.backup.exists()


def test_the_preview_reports_its_progress_over_several_files(database, tmp_path: Path) -> None:
    header = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD"]
    sheets = [
        simple_workbook(
            tmp_path / f"xa{n}.xlsx",
            header,
            [[i + 1, f"Trần Văn {chr(65 + i % 26)}", "01/02/1995", "Nam", f"0870950{n}{i:04d}"] for i in range(1_100)],
        )
        for n in (1, 2)
    ]
    reported: list[tuple[int, int]] = []
    previews = preview_files(database.engine, sheets, today=TODAY, progress=lambda *step: reported.append(step))
    assert [len(p.rows) for p in previews] == [1_100, 1_100]
    done = [d for d, _ in reported]
    assert {of for _, of in reported} == {1000} and done == sorted(done)
    assert done[0] == 0 and done[-1] == 1000
    # each file's parsing reports as it goes, the second file after the first (each a 35 % share)
    assert any(0 < d < 350 for d in done) and any(350 < d < 700 for d in done)


def test_zero_width_and_other_invisible_characters_pasted_into_a_sheet_are_not_stored(database, tmp_path: Path) -> None:
    path = simple_workbook(
        tmp_path / "dan-tu-web.xlsx",
        ["Họ và tên\u200b", "Ngày sinh", "Giới tính", "Số CCCD", "Ấp\ufeff"],
        [
            ["\ufeffNguyễn\u200b Văn An", "05/03/1998", "Nam", "087098012345", "Ấp Công\u200b Bình"],
            ["Trần Thị\u00ad Bình", "05/03/1999", "Nữ", "087199012346", "Ấp Công Bình\u2060"],
        ],
    )
    result = commit_import(database.engine, preview_files(database.engine, [path], today=TODAY), today=TODAY)

    assert (result.imported, result.errors) == (2, 0)
    people = _people(database.engine)
    assert set(people) == {"Nguyễn Văn An", "Trần Thị Bình"}
    assert {p.hamlet for p in people.values()} == {"Ấp Công Bình"}  # one hamlet, not two that look alike
    assert [r.full_name for r in search_people(database.engine, "nguyen van an")] == ["Nguyễn Văn An"]


def test_a_hamlet_is_written_as_the_register_writes_it(database, tmp_path: Path) -> None:
    with write_session(database.engine) as session:
        for i, hamlet in enumerate(["Ấp Công Bình", "Ấp Công Bình", "ấp công bình"]):
            session.add(Person(full_name=f"Lê Văn Cũ {chr(65 + i)}", id_number=f"08709801000{i}", hamlet=hamlet))
    path = simple_workbook(
        tmp_path / "ds.xlsx",
        ["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Ấp"],
        [
            ["Lê Văn Cũ A", "05/03/1998", "Nam", "087098010000", "AP CONG BINH"],  # the same person
            ["Nguyễn Văn An", "05/03/1998", "Nam", "087098012345", "ấp công bình"],
            ["Trần Thị Bình", "05/03/1999", "Nữ", "087199012346", "AP MOI"],
            ["Phạm Văn Cường", "05/03/1997", "Nam", "087097012347", "Ấp Mới"],
            ["Võ Thị Em", "05/03/2001", "Nữ", "087301012348", "ap moi"],
            ["Đỗ Văn Phúc", "05/03/2000", "Nam", "087200012349", "Khóm 3"],
        ],
    )
    previews = preview_files(database.engine, [path], today=TODAY)

    rows = {r.values["full_name"]: r for r in previews[0].rows}
    assert {name: r.values["hamlet"] for name, r in rows.items()} == {
        "Lê Văn Cũ A": "Ấp Công Bình",
        "Nguyễn Văn An": "Ấp Công Bình",  # the spelling most of the register has
        "Trần Thị Bình": "Ấp Mới",  # a new hamlet: the spelling with marks
        "Phạm Văn Cường": "Ấp Mới",
        "Võ Thị Em": "Ấp Mới",
        "Đỗ Văn Phúc": "Khóm 3",
    }
    notes = {name: [p.message for p in r.problems if not p.error] for name, r in rows.items()}
    assert notes["Nguyễn Văn An"] == ["Ấp/thôn “ấp công bình” sẽ ghi là “Ấp Công Bình” cho giống trong sổ"]
    assert notes["Trần Thị Bình"] == ["Ấp/thôn “AP MOI” sẽ ghi là “Ấp Mới” cho giống các dòng khác"]
    assert notes["Phạm Văn Cường"] == notes["Đỗ Văn Phúc"] == []
    same = rows["Lê Văn Cũ A"]
    assert same.match is MatchKind.CCCD and "hamlet" not in {c.field for c in same.changes}  # not a change
    # Correcting another row matches again: the notes are made again, not added twice.
    revised = revise_row(
        database.engine, previews, source="ds.xlsx", line=7, field_name="full_name", value="Đỗ Văn Phú"
    )
    again = {r.values["full_name"]: r for r in revised[0].rows}
    assert [p.message for p in again["Trần Thị Bình"].problems if not p.error] == notes["Trần Thị Bình"]

    commit_import(database.engine, revised, today=TODAY)
    with read_session(database.engine) as session:
        stored = dict(session.execute(sa.select(Person.full_name, Person.hamlet)).all())
    assert stored["Võ Thị Em"] == "Ấp Mới" and stored["Nguyễn Văn An"] == "Ấp Công Bình"
    assert stored["Lê Văn Cũ A"] == "Ấp Công Bình" and stored["Đỗ Văn Phú"] == "Khóm 3"


def test_the_cycle_collector_is_off_while_an_import_reads_and_writes_and_on_after(
    database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Full collections walked every row read so far, stopping the window for up to 0.4 s at a time
    (a 100,000-row sheet): the import runs without them, and gives the collector back — also on error."""
    import gc

    from xkld_desktop.services.excel_import import commit as commit_module
    from xkld_desktop.services.excel_import import preview as preview_module

    seen: list[tuple[str, bool]] = []
    real_parse, real_insert = preview_module.parse_row, commit_module.insert_many

    def parse(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(("preview", gc.isenabled()))
        return real_parse(*args, **kwargs)

    def insert(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(("commit", gc.isenabled()))
        return real_insert(*args, **kwargs)

    monkeypatch.setattr(preview_module, "parse_row", parse)
    monkeypatch.setattr(commit_module, "insert_many", insert)
    assert gc.isenabled()
    previews = preview_files(database.engine, [messy_workbook(tmp_path / "ds.xlsx")], today=TODAY)
    assert gc.isenabled()
    result = commit_import(database.engine, previews, today=TODAY)
    assert result.imported == 4 and gc.isenabled()
    assert {phase for phase, _on in seen} == {"preview", "commit"}
    assert not any(on for _phase, on in seen)

    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("ổ đĩa hỏng")

    monkeypatch.setattr(commit_module, "insert_many", broken)
    book = simple_workbook(
        tmp_path / "ds2.xlsx", ["STT", "Họ và tên", "Ngày sinh"], [[1, "Phan Văn Mới", "01/02/1990"]]
    )
    again = preview_files(database.engine, [book], today=TODAY)
    with pytest.raises(RuntimeError):
        commit_import(database.engine, again, today=TODAY)
    assert gc.isenabled()


def test_a_long_import_writes_its_audit_entries_as_it_goes_in_order_and_the_chain_holds(
    database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 100,000-row sheet held every entry (≈ 1 KB each) until the end: 470 MB at its peak, 335 MB
    written as they come. Here three at a time: none lost, the batch's summary last, the chain sound."""
    from xkld_desktop.services.audit import verify_chain
    from xkld_desktop.services.excel_import import commit as commit_module

    written: list[int] = []
    append_events = commit_module.append_events

    def counted(conn, events):  # type: ignore[no-untyped-def]
        written.append(len(events))
        return append_events(conn, events)

    monkeypatch.setattr(commit_module, "_AUDIT_CHUNK", 3)
    monkeypatch.setattr(commit_module, "append_events", counted)
    path = messy_workbook(tmp_path / "ds.xlsx")
    result = commit_import(database.engine, preview_files(database.engine, [path], today=TODAY), today=TODAY)
    assert result.imported == 4 and len(written) >= 3 and max(written) <= 3 + 1
    entries = [e for e in _rows(database.engine, AuditEvent, alive=False) if e.action == "import"]
    entries.sort(key=lambda e: e.id)
    assert len(entries) == sum(written) == 4 + 3 + 1  # four people, three departures, the summary
    assert json.loads(entries[-1].detail)["op"] == "batch"
    assert sorted(e.record_uuid for e in entries[:-1]) == sorted(
        [p.uuid for p in _people(database.engine).values()] + [d.uuid for d in _departures(database.engine)]
    )
    assert verify_chain(database.engine).ok


def test_a_birth_outside_working_age_is_warned_as_the_form_warns(database, tmp_path: Path) -> None:
    """ "199" typed for 1990 in a year column reads as an Excel day, 17/07/1900: imported only with
    the warning the person form gives (outside 15–60), never silently."""
    header = ["Họ và tên", "Năm sinh", "Ấp"]
    rows = [["Trần Văn Gõ", 199, "Ấp 1"], ["Lê Thị Đúng", 1990, "Ấp 1"], ["Phạm Văn Nhỏ", 2015, "Ấp 1"]]
    [preview] = preview_files(database.engine, [simple_workbook(tmp_path / "ds.xlsx", header, rows)], today=TODAY)
    problems = {r.values["full_name"]: [(p.message, p.error) for p in r.problems] for r in preview.rows}
    assert problems == {
        "Trần Văn Gõ": [("Ngoài độ tuổi lao động 15–60 (hiện 126 tuổi)", False)],
        "Lê Thị Đúng": [],
        "Phạm Văn Nhỏ": [("Ngoài độ tuổi lao động 15–60 (hiện 11 tuổi)", False)],
    }
    assert str(preview.rows[0].values["date_of_birth"]) == "1900-07-17"


def test_a_sheet_read_already_is_not_read_again_while_its_file_is_unchanged(
    database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wizard's column step reads the first file; the preview uses that read (a second at 100,000
    rows) — unless the file changed since, or another sheet is asked for."""
    import os

    from xkld_desktop.services.excel_import import preview as preview_module
    from xkld_desktop.services.excel_import.reader import read_sheet

    path = messy_workbook(tmp_path / "ds.xlsx")
    first = read_sheet(path)
    reads: list[str] = []

    def counted(p, **kw):  # type: ignore[no-untyped-def]
        reads.append(Path(p).name)
        return read_sheet(p, **kw)

    monkeypatch.setattr(preview_module, "read_sheet", counted)
    again = preview_files(database.engine, [path], today=TODAY, read={str(path): first})
    fresh = preview_files(database.engine, [path], today=TODAY)
    assert reads == ["ds.xlsx"]  # only the call without the earlier read
    assert [(r.line, r.values, r.problems) for r in again[0].rows] == [
        (r.line, r.values, r.problems) for r in fresh[0].rows
    ]
    os.utime(path, ns=(first.stamp[1] + 10**9, first.stamp[1] + 10**9))  # saved again in Excel
    preview_files(database.engine, [path], today=TODAY, read={str(path): first})
    other = tmp_path / "khac.xlsx"
    other.write_bytes(path.read_bytes())
    preview_files(database.engine, [other], today=TODAY, read={str(other): first})  # another file's read
    assert reads == ["ds.xlsx", "ds.xlsx", "khac.xlsx"]


def test_a_corrected_cell_asks_the_database_only_what_no_row_asked_before(
    database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 100,000 rows the questions to the database were most of the two seconds a correction took:
    a correction matches every row again with the answers of the last matching, while nothing was
    written since; a write in between asks everything again."""
    from xkld_desktop.services.excel_import import preview as preview_module

    with write_session(database.engine) as session:  # a database with history: the audit log has a head
        session.add(Person(full_name="Trần Văn Cũ", id_number="087090000099", date_of_birth=date(1990, 1, 1)))
    header = ["Họ và tên", "Năm sinh", "CCCD"]
    rows = [["Trần Văn Cũ", 1990, "087090000099"], ["Lê Thị Mới", 1991, "087191000001"], ["Ngô Văn Sai", 1992, "abc"]]
    previews = preview_files(database.engine, [simple_workbook(tmp_path / "ds.xlsx", header, rows)], today=TODAY)
    asked: list[dict[str, set]] = []
    existing_people = preview_module.existing_people

    def spied(conn, rows, lookup=None):  # type: ignore[no-untyped-def]
        before = {k: set(v) for k, v in lookup.asked.items()}
        found = existing_people(conn, rows, lookup)
        asked.append({k: lookup.asked[k] - before[k] for k in before})
        return found

    monkeypatch.setattr(preview_module, "existing_people", spied)
    [row] = [r for r in previews[0].rows if r.has_errors]
    revised = revise_row(
        database.engine, previews, source=row.source, line=row.line, field_name="id_number", value="087092000002"
    )
    assert asked == [{"uuid": set(), "id_number": {"087092000002"}, "name": {(1992, True, "ngo van sai")}}]
    fresh = preview_module.match_previews(database.engine, [replace(p, lookup=None) for p in revised])
    assert [(r.match, r.person_id) for r in revised[0].rows] == [(r.match, r.person_id) for r in fresh[0].rows]
    assert [r.match for r in revised[0].rows] == [MatchKind.CCCD, MatchKind.NEW, MatchKind.NEW]

    # Someone saves a person with the new row's CCCD: the next correction sees it.
    with write_session(database.engine) as session:
        session.add(Person(full_name="Lê Thị Mới", id_number="087191000001", date_of_birth=date(1991, 5, 5)))
    asked.clear()
    again = revise_row(
        database.engine, revised, source=row.source, line=row.line, field_name="full_name", value="Ngô Văn Đúng"
    )
    assert asked[0]["id_number"] == {"087090000099", "087191000001", "087092000002"}  # everything asked again
    assert [r.match for r in again[0].rows] == [MatchKind.CCCD, MatchKind.CCCD, MatchKind.NEW]


def test_a_question_that_failed_is_asked_again(database, tmp_path: Path) -> None:
    """A lookup records a question as asked only once answered: a locked database in the middle of a
    correction must not leave a known person looking new (imported twice) at the next one."""
    import sqlite3

    from xkld_desktop.services.excel_import.preview import PeopleLookup, existing_people

    with write_session(database.engine) as session:
        session.add(Person(full_name="Trần Văn Cũ", id_number="087090000099", date_of_birth=date(1990, 1, 1)))
    header = ["Họ và tên", "Năm sinh", "CCCD"]
    rows = [["Trần Văn Cũ", 1990, "087090000099"]]
    [preview] = preview_files(database.engine, [simple_workbook(tmp_path / "ds.xlsx", header, rows)], today=TODAY)

    class Locked:
        def __init__(self, conn: sa.Connection) -> None:
            self.conn, self.calls = conn, 0

        def execute(self, *args: object, **kwargs: object) -> object:
            self.calls += 1
            if self.calls == 1:
                raise sqlite3.OperationalError("database is locked")
            return self.conn.execute(*args, **kwargs)  # type: ignore[arg-type]

    lookup = PeopleLookup(None)
    with database.engine.connect() as conn:
        with pytest.raises(sqlite3.OperationalError):
            existing_people(Locked(conn), preview.rows, lookup)  # type: ignore[arg-type]
        found = existing_people(conn, preview.rows, lookup)
    assert found["id_number"]["087090000099"]["full_name"] == "Trần Văn Cũ"
    assert lookup.asked["id_number"] == {"087090000099"}


def test_an_imported_worker_abroad_goes_back_to_abroad_when_a_recorded_return_is_deleted(
    database, tmp_path: Path
) -> None:
    from xkld_desktop.domain.enums import ReturnReason
    from xkld_desktop.domain.models import StatusEvent
    from xkld_desktop.services import lifecycle

    engine = database.engine
    path = messy_workbook(tmp_path / "xa-tan-ho-co.xlsx")
    commit_import(engine, preview_files(engine, [path], today=TODAY), today=TODAY)
    people = _people(engine)
    an, cuong = people["Nguyễn Văn An"], people["Lê Văn Cường"]
    # each imported record starts with its creation event, as one typed in does
    events = {(e.person_id, e.status, e.happened_on, e.note) for e in _rows(engine, StatusEvent)}
    assert (an.id, PersonStatus.WORKING_ABROAD, date(2024, 3, 5), "Tạo hồ sơ") in events
    assert (cuong.id, PersonStatus.CANDIDATE, TODAY, "Tạo hồ sơ") in events
    assert len(events) == 4

    [departure] = [d for d in _departures(engine) if d.person_id == an.id]
    back = lifecycle.record_return(
        engine, departure_id=departure.id, returned_on=date(2026, 3, 5), reason=ReturnReason.CONTRACT_ENDED, today=TODAY
    ).return_id
    assert _people(engine)["Nguyễn Văn An"].status is PersonStatus.RETURNED
    lifecycle.delete_return(engine, return_id=back)  # typed by mistake
    again = _people(engine)["Nguyễn Văn An"]
    assert (again.status, again.status_since) == (PersonStatus.WORKING_ABROAD, date(2024, 3, 5))  # was: candidate


def test_a_departure_imported_for_a_recorded_candidate_moves_them_abroad_and_undo_moves_them_back(
    database, tmp_path: Path
) -> None:
    from xkld_desktop.domain.models import StatusEvent
    from xkld_desktop.services.person_records import PersonInput, create_person

    engine = database.engine
    typed = create_person(
        engine,
        data=PersonInput(
            full_name="Nguyễn Văn An", date_of_birth=date(1998, 3, 5), gender=Gender.MALE, id_number="087098012345"
        ),
        today=date(2023, 1, 10),
    )
    header = ["Họ và tên", "Ngày sinh", "Giới tính", "CCCD", "Điện thoại", "Nước đến", "Ngày xuất cảnh"]
    sheet = simple_workbook(
        tmp_path / "da-di.xlsx",
        header,
        [["Nguyễn Văn An", "05/03/1998", "Nam", "087098012345", "0912345678", "Nhật Bản", "16/04/2024"]],
    )
    [preview] = preview_files(engine, [sheet], today=TODAY)
    result = commit_import(engine, [preview], on_duplicate="update", today=TODAY)
    assert (result.updated, result.departures) == (1, 1)

    an = _people(engine)["Nguyễn Văn An"]
    assert (an.status, an.status_since, an.phone) == (PersonStatus.WORKING_ABROAD, date(2024, 4, 16), "0912345678")
    events = {(e.status, e.happened_on) for e in _rows(engine, StatusEvent) if e.person_id == typed.id}
    assert events == {(PersonStatus.CANDIDATE, date(2023, 1, 10)), (PersonStatus.WORKING_ABROAD, date(2024, 4, 16))}

    undone = undo_import(engine, result.batch_id)
    assert undone.not_restored == 0
    an = _people(engine)["Nguyễn Văn An"]
    assert (an.status, an.status_since, an.phone) == (PersonStatus.CANDIDATE, date(2023, 1, 10), None)
    assert {(e.status, e.happened_on) for e in _rows(engine, StatusEvent) if e.person_id == typed.id} == {
        (PersonStatus.CANDIDATE, date(2023, 1, 10))
    }
    assert _departures(engine) == []
