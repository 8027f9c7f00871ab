"""Households: the list (search, filters, order, pages), the household and its members, the rules."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from xkld_desktop.domain.enums import PersonStatus, PovertyStatus, Relationship
from xkld_desktop.domain.models import Household, HouseholdMember, Person, utcnow
from xkld_desktop.services import club as club_service
from xkld_desktop.services.errors import NotFound, Refused, ValidationFailed
from xkld_desktop.services.households import (
    HEAD_IN_BIN_MARK,
    HouseholdFilter,
    add_member,
    count_households,
    create_household,
    delete_household,
    delete_impact,
    fetch_household_rows,
    household_communes,
    household_detail,
    household_hamlets,
    household_of_person,
    list_household_ids,
    remove_member,
    search_households,
    set_head,
    update_household,
    update_member,
)
from xkld_desktop.services.settings import find_unit_id, set_own_unit
from xkld_desktop.store.session import read_session, write_session

TODAY = date(2026, 11, 25)


@pytest.fixture
def engine(database):
    return database.engine


@pytest.fixture
def own_unit(engine) -> int:
    unit_id = find_unit_id(engine, code="29929")
    assert unit_id is not None
    set_own_unit(engine, unit_id=unit_id)
    return unit_id


def make_person(engine, name: str, *, born: date | None = date(1998, 3, 5), status=PersonStatus.REGISTERED) -> int:
    with write_session(engine) as session:
        person = Person(full_name=name, date_of_birth=born, status=status)
        session.add(person)
        session.flush()
        assert person.id is not None
        return person.id


def heads(engine, flt: HouseholdFilter | None = None) -> list[str]:
    ids = list_household_ids(engine, flt or HouseholdFilter())
    rows = fetch_household_rows(engine, ids)
    return [rows[i].head_name for i in ids]


# --------------------------------------------------------------------------- creating


def test_a_new_household_has_its_head_as_a_member_and_carries_the_unit_code(engine, own_unit) -> None:
    hid = create_household(
        engine,
        head_name="  nguyễn   Văn Đức ",
        hamlet="Ấp  3",
        address="Ấp 3, xã Tân Hộ Cơ",
        phone="+84 912 345 678",
        poverty_status=PovertyStatus.NEAR_POOR,
        notes=" hai con đi Nhật ",
    )
    detail = household_detail(engine, hid)
    assert detail.head_name == "nguyễn Văn Đức"
    assert detail.hamlet == "Ấp 3"
    assert detail.phone == "0912345678"
    assert detail.poverty_status is PovertyStatus.NEAR_POOR
    assert detail.notes == "hai con đi Nhật"
    assert detail.commune_id == own_unit  # the database's own commune by default
    assert [(m.full_name, m.relationship) for m in detail.members] == [("nguyễn Văn Đức", Relationship.HEAD)]
    with read_session(engine) as session:
        household = session.get(Household, hid)
        assert household is not None
        assert household.unit_code == "29929"
        assert household.head_name_key == "nguyen van duc"
        member = session.scalars(select(HouseholdMember).where(HouseholdMember.household_id == hid)).one()
        assert member.unit_code == "29929"


def test_the_head_can_be_a_registered_person_whose_name_and_birth_date_are_used(engine) -> None:
    pid = make_person(engine, "Trần Thị Hoà", born=date(1970, 1, 2))
    hid = create_household(engine, head_person_id=pid, hamlet="Ấp 1")
    detail = household_detail(engine, hid)
    assert detail.head_name == "Trần Thị Hoà"
    assert detail.head_person_id == pid
    head = detail.head
    assert head is not None
    assert (head.person_id, head.date_of_birth, head.person_status) == (pid, date(1970, 1, 2), PersonStatus.REGISTERED)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"head_name": "   "}, "head_name", "Họ tên không được để trống"),
        ({"head_name": "Nguyễn Văn 3"}, "head_name", "Họ tên không được chứa chữ số"),
        ({"head_name": "Nguyễn Văn An", "phone": "12345"}, "phone", "Số điện thoại phải gồm 10 chữ số"),
        (
            {"head_name": "Nguyễn Văn An", "head_date_of_birth": date(2027, 1, 1)},
            "head_date_of_birth",
            "Ngày sinh không được ở tương lai",
        ),
    ],
)
def test_invalid_households_are_refused_with_the_field_and_nothing_is_written(engine, fields, field, message) -> None:
    with pytest.raises(ValidationFailed) as caught:
        create_household(engine, today=TODAY, **fields)
    assert any(m.startswith(message) for m in caught.value.errors_for(field))
    assert count_households(engine) == 0


def test_an_unknown_head_person_is_not_found(engine) -> None:
    with pytest.raises(NotFound, match="Không tìm thấy người lao động"):
        create_household(engine, head_person_id=999_999)


# --------------------------------------------------------------------------- the list


@pytest.fixture
def village(engine) -> dict[str, int]:
    made = {}
    for name, hamlet, phone, poverty in (
        ("Nguyễn Văn Đức", "Ấp 3", "0912345678", PovertyStatus.POOR),
        ("Trần Văn An", "Ấp 13", None, PovertyStatus.NONE),
        ("Lê Thị Bình", "Ấp Tân Hòa", "0987000111", PovertyStatus.NEAR_POOR),
        ("Đặng Hữu Đạt", "Ấp 3", None, PovertyStatus.NONE),
    ):
        made[name] = create_household(engine, head_name=name, hamlet=hamlet, phone=phone, poverty_status=poverty)
    return made


def test_the_list_is_in_vietnamese_name_order_given_name_first(engine, village) -> None:
    assert heads(engine) == ["Trần Văn An", "Lê Thị Bình", "Đặng Hữu Đạt", "Nguyễn Văn Đức"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen van duc", ["Nguyễn Văn Đức"]),
        ("ĐỨC", ["Nguyễn Văn Đức"]),
        ("duc nguyen", ["Nguyễn Văn Đức"]),
        ("da", ["Đặng Hữu Đạt"]),  # a word prefix: "Đặng" and "Đạt"
        ("van", ["Trần Văn An", "Nguyễn Văn Đức"]),
        ("ap 3", ["Đặng Hữu Đạt", "Nguyễn Văn Đức"]),  # the hamlet, not "Ấp 13"
        ("tan hoa", ["Lê Thị Bình"]),
        ("0987", ["Lê Thị Bình"]),
        ("0912 345", ["Nguyễn Văn Đức"]),
        ("an", ["Trần Văn An"]),  # a word prefix: not inside "Tân" (name or hamlet)
        ("hoa", ["Lê Thị Bình"]),  # Ấp Tân Hòa
        ("zzz", []),
        ("0", []),  # one digit is too short a phone prefix
    ],
)
def test_search_ignores_case_marks_and_word_order_and_knows_hamlets_and_phones(engine, village, query, expected):
    assert heads(engine, HouseholdFilter(query=query)) == expected


def test_filters_by_poverty_and_by_club_membership(engine, village) -> None:
    assert heads(engine, HouseholdFilter(poverty_status=PovertyStatus.POOR)) == ["Nguyễn Văn Đức"]
    club_id = club_service.create_club(engine, name="CLB xã Tân Hộ Cơ", founded_on=date(2020, 1, 1), today=TODAY)
    other = club_service.create_club(engine, name="CLB thị trấn Sa Rài", today=TODAY)
    club_service.join_club(engine, club_id=club_id, household_id=village["Lê Thị Bình"], joined_on=date(2021, 5, 1))
    membership = club_service.join_club(
        engine, club_id=other, household_id=village["Trần Văn An"], joined_on=date(2021, 5, 1), today=TODAY
    )
    assert heads(engine, HouseholdFilter(in_club=True)) == ["Trần Văn An", "Lê Thị Bình"]
    assert heads(engine, HouseholdFilter(club_id=club_id)) == ["Lê Thị Bình"]
    club_service.leave_club(engine, membership_id=membership, left_on=date(2024, 1, 1), today=TODAY)
    assert heads(engine, HouseholdFilter(in_club=True)) == ["Lê Thị Bình"]
    assert heads(engine, HouseholdFilter(in_club=False)) == ["Trần Văn An", "Đặng Hữu Đạt", "Nguyễn Văn Đức"]
    assert heads(engine, HouseholdFilter(in_club=False, query="ap 3")) == ["Đặng Hữu Đạt", "Nguyễn Văn Đức"]
    assert count_households(engine, HouseholdFilter(in_club=False)) == 3


def test_rows_carry_member_count_club_and_last_visit(engine, village) -> None:
    hid = village["Lê Thị Bình"]
    add_member(engine, household_id=hid, relationship=Relationship.CHILD, full_name="Phạm Văn Cường")
    club_id = club_service.create_club(engine, name="CLB xã Tân Hộ Cơ", today=TODAY)
    club_service.join_club(engine, club_id=club_id, household_id=hid, joined_on=date(2025, 1, 1), today=TODAY)
    club_service.record_visit(
        engine, household_id=hid, visited_on=date(2026, 10, 3), visitor="Chủ nhiệm CLB", today=TODAY
    )
    row = fetch_household_rows(engine, [hid])[hid]
    assert (row.member_count, row.club_id, row.club_name) == (2, club_id, "CLB xã Tân Hộ Cơ")
    assert row.last_visit_on == date(2026, 10, 3)
    assert fetch_household_rows(engine, []) == {}
    assert [r.head_name for r in search_households(engine, "binh")] == ["Lê Thị Bình"]


def test_hamlets_and_communes_for_the_form(engine, village, own_unit) -> None:
    assert household_hamlets(engine) == ["Ấp 13", "Ấp 3", "Ấp Tân Hòa"]
    communes = household_communes(engine)
    assert communes[0][0] == own_unit


# --------------------------------------------------------------------------- members


def test_members_are_people_or_names_with_a_relationship(engine) -> None:
    hid = create_household(engine, head_name="Nguyễn Văn Ba", hamlet="Ấp 2")
    pid = make_person(engine, "Nguyễn Thị Hoa", born=date(1999, 7, 1), status=PersonStatus.WORKING_ABROAD)
    add_member(engine, household_id=hid, relationship=Relationship.CHILD, person_id=pid)
    add_member(
        engine,
        household_id=hid,
        relationship=Relationship.SPOUSE,
        full_name="Lê Thị  Tư",
        date_of_birth=date(1972, 2, 2),
        today=TODAY,
    )
    members = household_detail(engine, hid).members
    assert [(m.full_name, m.relationship, m.person_status) for m in members] == [
        ("Nguyễn Văn Ba", Relationship.HEAD, None),
        ("Lê Thị Tư", Relationship.SPOUSE, None),
        ("Nguyễn Thị Hoa", Relationship.CHILD, PersonStatus.WORKING_ABROAD),
    ]
    assert members[2].date_of_birth == date(1999, 7, 1)  # from the person
    assert household_of_person(engine, person_id=pid) is not None
    assert household_of_person(engine, person_id=pid).id == hid  # type: ignore[union-attr]


def test_a_person_belongs_to_one_household_only(engine) -> None:
    first = create_household(engine, head_name="Nguyễn Văn Ba", hamlet="Ấp 2")
    second = create_household(engine, head_name="Trần Văn Tư", hamlet="Ấp 5")
    pid = make_person(engine, "Nguyễn Thị Hoa")
    member = add_member(engine, household_id=first, relationship=Relationship.CHILD, person_id=pid)
    with pytest.raises(Refused, match="đã là thành viên của hộ này"):
        add_member(engine, household_id=first, relationship=Relationship.CHILD, person_id=pid)
    with pytest.raises(Refused, match=r"Nguyễn Thị Hoa đã là thành viên của hộ Nguyễn Văn Ba \(Ấp 2\)"):
        add_member(engine, household_id=second, relationship=Relationship.CHILD_IN_LAW, person_id=pid)
    with pytest.raises(Refused, match="đã là thành viên"):
        create_household(engine, head_person_id=pid)
    assert count_households(engine) == 2  # the refused household was not written

    remove_member(engine, member_id=member)
    assert [m.full_name for m in household_detail(engine, first).members] == ["Nguyễn Văn Ba"]
    moved = add_member(engine, household_id=second, relationship=Relationship.CHILD_IN_LAW, person_id=pid)
    assert household_of_person(engine, person_id=pid).id == second  # type: ignore[union-attr]
    remove_member(engine, member_id=moved)
    back = add_member(engine, household_id=first, relationship=Relationship.CHILD, person_id=pid)
    assert household_of_person(engine, person_id=pid).id == first  # type: ignore[union-attr]
    remove_member(engine, member_id=back)
    assert add_member(engine, household_id=first, relationship=Relationship.CHILD, person_id=pid) == back  # reused


def test_a_household_has_one_head_who_cannot_be_removed(engine) -> None:
    hid = create_household(engine, head_name="Nguyễn Văn Ba")
    head = household_detail(engine, hid).head
    assert head is not None
    with pytest.raises(Refused, match="Hộ đã có chủ hộ là Nguyễn Văn Ba"):
        add_member(engine, household_id=hid, relationship=Relationship.HEAD, full_name="Lê Thị Tư")
    with pytest.raises(Refused, match="là chủ hộ"):
        remove_member(engine, member_id=head.id)
    child = add_member(engine, household_id=hid, relationship=Relationship.CHILD, full_name="Nguyễn Văn Tèo")
    with pytest.raises(Refused, match="Hộ đã có chủ hộ"):
        update_member(engine, member_id=child, version=1, relationship=Relationship.HEAD, full_name="Nguyễn Văn Tèo")
    with pytest.raises(Refused, match="Không đổi quan hệ của chủ hộ"):
        update_member(
            engine, member_id=head.id, version=head.version, relationship=Relationship.PARENT, full_name="X Y"
        )


def test_set_head_swaps_the_head_and_the_list_follows(engine) -> None:
    hid = create_household(engine, head_name="Nguyễn Văn Ba")
    child = add_member(engine, household_id=hid, relationship=Relationship.CHILD, full_name="Nguyễn Văn Tèo")
    set_head(engine, member_id=child, former_head_relationship=Relationship.PARENT)
    detail = household_detail(engine, hid)
    assert detail.head_name == "Nguyễn Văn Tèo"
    assert [(m.full_name, m.relationship) for m in detail.members] == [
        ("Nguyễn Văn Tèo", Relationship.HEAD),
        ("Nguyễn Văn Ba", Relationship.PARENT),
    ]
    assert heads(engine, HouseholdFilter(query="teo")) == ["Nguyễn Văn Tèo"]
    with pytest.raises(ValidationFailed):
        set_head(engine, member_id=child, former_head_relationship=Relationship.HEAD)


def test_updating_a_member_checks_the_birth_date_and_the_version(engine) -> None:
    hid = create_household(engine, head_name="Nguyễn Văn Ba")
    child = add_member(engine, household_id=hid, relationship=Relationship.CHILD, full_name="Nguyễn Văn Tèo")
    with pytest.raises(ValidationFailed) as caught:
        update_member(
            engine,
            member_id=child,
            version=1,
            relationship=Relationship.CHILD,
            full_name="Nguyễn Văn Tèo",
            date_of_birth=date(2030, 1, 1),
            today=TODAY,
        )
    assert caught.value.errors_for("date_of_birth") == ["Ngày sinh không được ở tương lai"]
    update_member(
        engine,
        member_id=child,
        version=1,
        relationship=Relationship.GRANDCHILD,
        full_name="Nguyễn Văn Tí",
        date_of_birth=date(2015, 1, 1),
        today=TODAY,
    )
    member = household_detail(engine, hid).members[1]
    assert (member.full_name, member.relationship, member.version) == ("Nguyễn Văn Tí", Relationship.GRANDCHILD, 2)
    with pytest.raises(Refused, match="Hồ sơ vừa được người khác sửa"):
        update_member(engine, member_id=child, version=1, relationship=Relationship.CHILD, full_name="Nguyễn Văn Tí")


# --------------------------------------------------------------------------- updating and deleting


def test_update_household_renames_the_head_member_and_refuses_a_stale_copy(engine) -> None:
    hid = create_household(engine, head_name="Nguyen Van Ba", hamlet="Ấp 2")
    detail = household_detail(engine, hid)
    update_household(
        engine,
        household_id=hid,
        version=detail.version,
        head_name="Nguyễn Văn Ba",
        hamlet="Ấp 4",
        phone="0912 345 678",
        poverty_status=PovertyStatus.NEWLY_OUT,
    )
    after = household_detail(engine, hid)
    assert (after.head_name, after.hamlet, after.phone, after.poverty_status) == (
        "Nguyễn Văn Ba",
        "Ấp 4",
        "0912345678",
        PovertyStatus.NEWLY_OUT,
    )
    assert after.head is not None
    assert after.head.full_name == "Nguyễn Văn Ba"
    assert after.version == detail.version + 1
    with pytest.raises(Refused, match="Hồ sơ vừa được người khác sửa"):
        update_household(engine, household_id=hid, version=detail.version, head_name="Ai Đó")
    assert household_detail(engine, hid).head_name == "Nguyễn Văn Ba"


def test_a_member_cannot_be_linked_as_head_through_the_household_form(engine) -> None:
    hid = create_household(engine, head_name="Nguyễn Văn Ba")
    pid = make_person(engine, "Nguyễn Thị Hoa")
    add_member(engine, household_id=hid, relationship=Relationship.CHILD, person_id=pid)
    with pytest.raises(Refused, match="Đặt làm chủ hộ"):
        update_household(engine, household_id=hid, version=None, head_name="", head_person_id=pid)
    other = make_person(engine, "Trần Văn Tư", born=date(1960, 1, 1))
    update_household(engine, household_id=hid, version=None, head_name="", head_person_id=other)
    detail = household_detail(engine, hid)
    assert (detail.head_name, detail.head_person_id) == ("Trần Văn Tư", other)
    assert detail.head is not None
    assert (detail.head.person_id, detail.head.date_of_birth) == (other, date(1960, 1, 1))


def test_deleting_a_household_hides_it_and_frees_its_members(engine) -> None:
    hid = create_household(engine, head_name="Nguyễn Văn Ba", hamlet="Ấp 2")
    pid = make_person(engine, "Nguyễn Thị Hoa")
    add_member(engine, household_id=hid, relationship=Relationship.CHILD, person_id=pid)
    club_id = club_service.create_club(engine, name="CLB xã", today=TODAY)
    club_service.join_club(engine, club_id=club_id, household_id=hid, joined_on=date(2024, 1, 1), today=TODAY)
    club_service.record_visit(engine, household_id=hid, visited_on=date(2025, 1, 1), visitor="Trưởng ấp", today=TODAY)
    impact = delete_impact(engine, hid)
    assert (impact.members, impact.registered_members, impact.active_club, impact.visits) == (2, 1, "CLB xã", 1)

    delete_household(engine, household_id=hid)
    assert list_household_ids(engine) == []
    assert count_households(engine) == 0
    with pytest.raises(NotFound):
        household_detail(engine, hid)
    with pytest.raises(NotFound):
        add_member(engine, household_id=hid, relationship=Relationship.CHILD, full_name="Ai Đó")
    assert household_of_person(engine, person_id=pid) is None
    assert club_service.households_not_visited(engine, quarter_of=TODAY) == []
    assert club_service.club_detail(engine, club_id).active_households == 0
    other = create_household(engine, head_person_id=pid)  # the person is free again
    assert household_detail(engine, other).head_person_id == pid
    with read_session(engine) as session:  # soft: the rows are still there
        assert session.get(Household, hid) is not None


# --------------------------------------------------------------------------- fixes


def test_a_person_removed_from_the_household_can_be_chosen_as_its_head_in_the_form(engine, own_unit) -> None:
    from xkld_desktop.services.person_records import delete_person

    hid = create_household(engine, head_name="Nguyễn Văn Chủ", hamlet="Ấp 1")
    binh = make_person(engine, "Lê Thị Bình")
    remove_member(
        engine, member_id=add_member(engine, household_id=hid, relationship=Relationship.CHILD, person_id=binh)
    )
    update_household(engine, household_id=hid, version=None, head_name="", head_person_id=binh, hamlet="Ấp 1")
    detail = household_detail(engine, hid)
    assert (detail.head_name, detail.head_person_id) == ("Lê Thị Bình", binh)
    assert [(m.full_name, m.relationship, m.person_id) for m in detail.members] == [
        ("Lê Thị Bình", Relationship.HEAD, binh)
    ]

    # the head's record was deleted (no head member): a removed member is chosen as head
    head = make_person(engine, "Hồ Văn Chủ")
    child = make_person(engine, "Hồ Thị Con")
    other = create_household(engine, head_person_id=head, hamlet="Ấp 3")
    removed = add_member(engine, household_id=other, relationship=Relationship.CHILD, person_id=child)
    remove_member(engine, member_id=removed)
    delete_person(engine, person_id=head)
    update_household(engine, household_id=other, version=None, head_name="", head_person_id=child, hamlet="Ấp 3")
    detail = household_detail(engine, other)
    assert (detail.head_name, detail.head_person_id, detail.head_in_recycle_bin) == ("Hồ Thị Con", child, False)
    assert [(m.id, m.relationship, m.person_id) for m in detail.members] == [(removed, Relationship.HEAD, child)]


def test_a_household_whose_heads_record_is_deleted_says_so_and_can_still_be_edited(engine, own_unit) -> None:
    from xkld_desktop.services.person_records import delete_person, restore_person

    duc = make_person(engine, "Nguyễn Văn Đức")
    hid = create_household(engine, head_person_id=duc, hamlet="Ấp 3")
    add_member(engine, household_id=hid, relationship=Relationship.CHILD, full_name="Nguyễn Văn Con")
    delete_person(engine, person_id=duc)

    shown = "Nguyễn Văn Đức" + HEAD_IN_BIN_MARK
    assert shown == "Nguyễn Văn Đức (hồ sơ đang trong thùng rác)"
    row = fetch_household_rows(engine, [hid])[hid]
    assert (row.head_name, row.head_in_recycle_bin) == (shown, True)
    assert [r.head_name for r in search_households(engine, "duc")] == [shown]
    detail = household_detail(engine, hid)
    assert (detail.head_name, detail.recorded_head_name, detail.head_person_id) == (shown, "Nguyễn Văn Đức", duc)
    assert detail.head_in_recycle_bin and detail.head is None
    assert delete_impact(engine, hid).head_name == shown

    # the form leaves the head as it is (unlinked, same name): the rest is saved, the link kept
    update_household(
        engine, household_id=hid, version=detail.version, head_name=detail.recorded_head_name, address="Ấp 3 mới"
    )
    detail = household_detail(engine, hid)
    assert (detail.address, detail.head_person_id, detail.head) == ("Ấp 3 mới", duc, None)
    # the detail's own values (the deleted person) are kept as well
    update_household(
        engine,
        household_id=hid,
        version=detail.version,
        head_name=detail.head_name,
        head_person_id=duc,
        phone="0912345678",
    )
    detail = household_detail(engine, hid)
    assert (detail.phone, detail.head_person_id, detail.head_in_recycle_bin) == ("0912345678", duc, True)

    restore_person(engine, person_id=duc)  # he is head again, unmarked
    detail = household_detail(engine, hid)
    assert (detail.head_name, detail.head_in_recycle_bin) == ("Nguyễn Văn Đức", False)
    assert detail.head is not None and detail.head.person_id == duc

    # another name typed in the form becomes head
    delete_person(engine, person_id=duc)
    version = household_detail(engine, hid).version
    update_household(engine, household_id=hid, version=version, head_name="Nguyễn Thị Mới", hamlet="Ấp 3")
    detail = household_detail(engine, hid)
    assert (detail.head_name, detail.head_person_id, detail.head_in_recycle_bin) == ("Nguyễn Thị Mới", None, False)
    assert detail.head is not None and detail.head.full_name == "Nguyễn Thị Mới"


def test_delete_impact_leaves_out_deleted_meetings(engine) -> None:
    hid = create_household(engine, head_name="Võ Văn Hộ", hamlet="Ấp 1")
    club_id = club_service.create_club(engine, name="CLB xã", founded_on=date(2020, 1, 1), today=TODAY)
    club_service.join_club(engine, club_id=club_id, household_id=hid, joined_on=date(2025, 1, 1), today=TODAY)
    for held_on in (date(2025, 3, 1), date(2025, 4, 1)):
        meeting = club_service.record_meeting(
            engine, club_id=club_id, held_on=held_on, topic="Sinh hoạt", attending_household_ids=[hid], today=TODAY
        )
    club_service.delete_meeting(engine, meeting_id=meeting)
    assert household_detail(engine, hid).memberships[0].meetings_attended == 1
    assert delete_impact(engine, hid).meetings_attended == 1


def test_the_forms_lists_leave_out_deleted_households_and_people(engine, own_unit) -> None:
    from xkld_desktop.services.reference import find_commune

    create_household(engine, head_name="Nguyễn Văn Một", hamlet="Ấp 1")
    elsewhere = find_commune(engine, "29926")[0]
    gone = create_household(engine, head_name="Lê Văn Nhầm", hamlet="Ấp Gõ Nhầm", commune_id=elsewhere.id)
    delete_household(engine, household_id=gone)
    with write_session(engine) as session:
        session.add(Person(full_name="Trần Văn Xóa", hamlet="Ấp Xóa", deleted_at=utcnow()))
        # a hamlet whose first person is deleted and second one alive: offered
        session.add(Person(full_name="Lý Văn Cũ", hamlet="Ấp Hai", deleted_at=utcnow()))
        session.add(Person(full_name="Lý Văn Mới", hamlet="Ấp Hai"))
    assert household_hamlets(engine) == ["Ấp 1", "Ấp Hai"]
    assert [unit_id for unit_id, _name in household_communes(engine)] == [own_unit]
