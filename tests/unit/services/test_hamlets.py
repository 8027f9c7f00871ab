"""Hamlets: how many live people and households each name has; renaming and merging them."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from xkld_desktop.domain.enums import Role
from xkld_desktop.domain.models import AuditEvent, Household, Person, utcnow
from xkld_desktop.services import access
from xkld_desktop.services.access import AccessDenied, Actor
from xkld_desktop.services.errors import Refused
from xkld_desktop.services.hamlets import HamletUsage, hamlet_usage, rename_hamlets, undo_rename
from xkld_desktop.store.session import read_session, write_session


@pytest.fixture
def village(database):
    """People and households in "Ấp 1" (also written "ấp 1"), "Ấp 2" and "Khóm Mới"; one of each deleted."""
    with write_session(database.engine) as session:
        for i, hamlet in enumerate(["Ấp 1", "Ấp 1", "ấp 1", "Ấp 2", "Ấp 2", "Khóm Mới", "Ấp 1"]):
            person = Person(full_name=f"Nguyễn Văn {chr(65 + i)}", hamlet=hamlet)
            if i == 6:
                person.deleted_at = utcnow()
            session.add(person)
        for hamlet in ["Ấp 1", "ấp 1", "Ấp 2"]:
            session.add(Household(hamlet=hamlet))
        session.add(Household(hamlet="ấp 1", deleted_at=utcnow()))
    return database.engine


def _hamlets(engine, model) -> dict[str, list[str]]:
    with read_session(engine) as session:
        rows = session.execute(sa.select(model.hamlet, model.deleted_at.is_(None), model.version)).all()
    return sorted((h, live, v) for h, live, v in rows)


def test_usage_counts_live_people_and_households_and_names_written_two_ways(village) -> None:
    assert hamlet_usage(village) == [
        HamletUsage("Ấp 1", 2, 1, ("ấp 1",)),  # the deleted person is not counted
        HamletUsage("ấp 1", 1, 1, ("Ấp 1",)),
        HamletUsage("Ấp 2", 2, 1),
        HamletUsage("Khóm Mới", 1, 0),
    ]


def test_merging_two_names_rewrites_every_record_with_them_and_audits_each(village) -> None:
    result = rename_hamlets(village, ["Ấp 1", "ấp 1"], "  Ấp  Hòa Bình ")

    # the deleted person and household are renamed too, but the message counts what the list showed
    assert (result.people, result.households, result.name) == (3, 2, "Ấp Hòa Bình")
    assert (len(result.before["person"]), len(result.before["household"])) == (4, 3)
    assert result.text == "Đã ghi “Ấp Hòa Bình” cho 3 người lao động và 2 hộ gia đình."
    assert _hamlets(village, Person) == [
        ("Khóm Mới", True, 1),
        ("Ấp 2", True, 1),
        ("Ấp 2", True, 1),
        ("Ấp Hòa Bình", False, 2),  # a restored person does not bring the old name back
        ("Ấp Hòa Bình", True, 2),  # the version went up: a form opened before cannot save the old name
        ("Ấp Hòa Bình", True, 2),
        ("Ấp Hòa Bình", True, 2),
    ]
    assert [(u.name, u.people, u.households) for u in hamlet_usage(village)] == [
        ("Ấp 2", 2, 1),
        ("Ấp Hòa Bình", 3, 2),
        ("Khóm Mới", 1, 0),
    ]
    with read_session(village) as session:
        entries = session.execute(
            sa.select(AuditEvent.table_name, AuditEvent.before_json, AuditEvent.after_json).where(
                AuditEvent.action == "update"
            )
        ).all()
    assert sorted((t, json.loads(b)["hamlet"], json.loads(a)["hamlet"]) for t, b, a in entries) == sorted(
        [("person", "Ấp 1", "Ấp Hòa Bình")] * 3
        + [("person", "ấp 1", "Ấp Hòa Bình")]
        + [("household", "Ấp 1", "Ấp Hòa Bình")]
        + [("household", "ấp 1", "Ấp Hòa Bình")] * 2
    )


def test_the_rename_message_counts_the_live_records_the_list_shows(village) -> None:
    with write_session(village) as session:
        for _ in range(2):
            session.add(Household(hamlet="Khóm Mới", deleted_at=utcnow()))
    [usage] = [u for u in hamlet_usage(village) if u.name == "Khóm Mới"]
    result = rename_hamlets(village, ["Khóm Mới"], "Khóm 1")
    assert (result.people, result.households) == (usage.people, usage.households) == (1, 0)
    assert result.text == "Đã ghi “Khóm 1” cho 1 người lao động và 0 hộ gia đình."
    assert len(result.before["household"]) == 2  # renamed all the same, and undone all the same


def test_a_merge_is_undone_record_by_record_except_what_was_changed_since(village) -> None:
    people_before = sorted(h for h, _live, _v in _hamlets(village, Person))
    households_before = _hamlets(village, Household)
    result = rename_hamlets(village, ["Ấp 1", "ấp 1"], "Ấp Hòa Bình")
    with write_session(village) as session:  # someone corrects one record meanwhile
        moved = session.scalars(sa.select(Person).where(Person.hamlet == "Ấp Hòa Bình").limit(1)).one()
        moved.hamlet = "Khóm Mới"
        moved_from = result.before["person"][moved.id]

    assert undo_rename(village, result) == 6  # of the 7 renamed: the one changed since keeps its change
    expected = list(people_before)
    expected.remove(moved_from)
    assert sorted(h for h, _live, _v in _hamlets(village, Person)) == sorted([*expected, "Khóm Mới"])
    households = _hamlets(village, Household)
    assert [(h, live) for h, live, _v in households] == [(h, live) for h, live, _v in households_before]
    assert {v for h, _live, v in households if h in ("Ấp 1", "ấp 1")} == {3}  # renamed, then back: audited twice


def test_renaming_to_a_name_in_use_merges_into_it(village) -> None:
    result = rename_hamlets(village, ["Khóm Mới", "Ấp 2"], "Ấp 2")
    assert (result.people, result.households) == (1, 0)  # only the records not already in "Ấp 2"
    assert [(u.name, u.people) for u in hamlet_usage(village)] == [("Ấp 1", 2), ("ấp 1", 1), ("Ấp 2", 3)]


@pytest.mark.parametrize(
    ("to", "message"),
    [("  ", "Hãy nhập tên ấp/thôn mới."), ("Ấp " + "x" * 80, "Tên ấp/thôn quá dài (tối đa 80 ký tự).")],
)
def test_an_empty_or_too_long_name_is_refused_and_nothing_changes(village, to, message) -> None:
    before = (_hamlets(village, Person), _hamlets(village, Household))
    with pytest.raises(Refused) as refused:
        rename_hamlets(village, ["Ấp 1"], to)
    assert refused.value.message == message
    assert (_hamlets(village, Person), _hamlets(village, Household)) == before


def test_only_an_officer_of_the_whole_commune_may_rename(village) -> None:
    viewer = access.bind(village, Actor("xem", "Người xem", Role.VIEWER))
    with pytest.raises(AccessDenied):
        rename_hamlets(viewer, ["Ấp 1"], "Ấp Hòa Bình")
    leader = access.bind(village, Actor("clb", "Trưởng CLB", Role.CLUB_LEADER, 1))
    with pytest.raises(AccessDenied):
        rename_hamlets(leader, ["Ấp 1"], "Ấp Hòa Bình")
    with pytest.raises(AccessDenied):
        hamlet_usage(leader)
    assert [u.name for u in hamlet_usage(village)][:2] == ["Ấp 1", "ấp 1"]
