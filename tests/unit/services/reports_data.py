"""A small known database for the report tests, and the plain data it was built from.

The tests compute the expected figures from the lists below with plain Python, independently of
the SQL in ``services/stats.py``, and compare. One person ("EVIL") carries formula-like text in
every free-text field, for the Excel tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from xkld_desktop.domain.enums import (
    EmploymentAfterReturn as Job,
)
from xkld_desktop.domain.enums import (
    Gender,
    LoanSource,
    MarketRegion,
    PolicyGroup,
    Programme,
    ReturnReason,
    ReturnTiming,
    ReviewClassification,
    StatusAbroad,
    UnitLevel,
)
from xkld_desktop.domain.models import (
    AdministrativeUnit,
    AppSetting,
    ClubMeeting,
    ClubMeetingAttendance,
    ClubMembership,
    Departure,
    FamilyClub,
    FamilyVisit,
    Household,
    Loan,
    Market,
    OutreachSession,
    Person,
    PersonPolicyGroup,
    PlacementCompany,
    ReturnFollowUp,
    Target,
    WorkerReturn,
    YearlyReview,
)
from xkld_desktop.store.session import write_session

D0, D1 = date(2025, 1, 1), date(2025, 12, 31)
DELETED = datetime(2025, 6, 1, tzinfo=UTC)
EVIL = '=HYPERLINK("http://x","y")'
EVIL_TEXTS = ("=1+1", "+84 ấp", "-2+3", "@SUM(A1)", "\tcmd")

# (name, gender, commune "A"/"B", policy groups, deleted)
PEOPLE = [
    ("Nguyễn Văn An", Gender.MALE, "A", [PolicyGroup.POOR], False),  # 0
    ("Trần Thị Bích", Gender.FEMALE, "A", [PolicyGroup.POOR, PolicyGroup.ETHNIC_MINORITY], False),  # 1
    ("Lê Văn Cường", Gender.MALE, "B", [], False),  # 2
    ("Phạm Thị Dung", Gender.FEMALE, "B", [PolicyGroup.NEAR_POOR], False),  # 3
    ("Đỗ Văn Đức", Gender.MALE, "A", [PolicyGroup.POOR], True),  # 4 deleted person
    (EVIL, None, "A", [], False),  # 5 formula-like text everywhere
    ("Hồ Văn Giàu", Gender.MALE, "B", [], False),  # 6
]

# (person, market, programme, departed_on, legal, status abroad, deleted)
DEPARTURES = [
    (0, "JP", Programme.JP_TECHNICAL_INTERN, date(2025, 2, 10), True, StatusAbroad.WORKING, False),  # 0
    (1, "JP", Programme.JP_SPECIFIED_SKILLED, date(2025, 3, 5), True, StatusAbroad.ABSCONDED, False),  # 1
    (2, "KR", Programme.KR_EPS, date(2025, 7, 1), True, StatusAbroad.WORKING, False),  # 2
    (3, "TW", Programme.TAIWAN, date(2025, 12, 31), False, StatusAbroad.WORKING, False),  # 3 last day, illegal
    (4, "JP", Programme.JP_TECHNICAL_INTERN, date(2025, 4, 1), True, StatusAbroad.WORKING, False),  # 4 person deleted
    (0, "KR", Programme.KR_EPS, date(2025, 5, 1), True, StatusAbroad.WORKING, True),  # 5 deleted departure
    (6, "JP", Programme.JP_TECHNICAL_INTERN, date(2022, 1, 15), True, StatusAbroad.WORKING, False),  # 6 before
    (2, "KR", Programme.KR_EPS, date(2021, 6, 1), True, StatusAbroad.ABSCONDED, False),  # 7 before
    (5, "JP", Programme.OTHER, date(2024, 12, 31), True, StatusAbroad.WORKING, False),  # 8 day before
    (3, "JP", Programme.JP_TECHNICAL_INTERN, date(2026, 1, 1), True, StatusAbroad.WORKING, False),  # 9 after
]

# (departure, returned_on, timing, reason)
RETURNS = [
    (6, date(2025, 1, 1), ReturnTiming.ON_TIME, ReturnReason.CONTRACT_ENDED),  # first day
    (7, date(2024, 6, 1), ReturnTiming.EARLY, ReturnReason.DEPORTED),  # before the period
    (8, date(2025, 11, 30), ReturnTiming.EARLY, ReturnReason.EARLY_ILLNESS),
    (0, date(2026, 2, 1), ReturnTiming.EARLY, ReturnReason.OTHER),  # after the period: still abroad on D1
    (4, date(2025, 7, 1), ReturnTiming.ON_TIME, ReturnReason.CONTRACT_ENDED),  # 4 a deleted person's: not counted
]

# (return, followed_on, employment, income)
FOLLOW_UPS = [
    (0, date(2025, 2, 1), Job.JOBLESS, None),
    (0, date(2025, 6, 1), Job.SELF_EMPLOYED, 9_000_000),  # latest of return 0
    (0, date(2026, 1, 5), Job.EMPLOYED, 20_000_000),  # after D1: not counted
    (2, date(2025, 12, 15), Job.EMPLOYED, 7_500_001),
    (4, date(2025, 8, 1), Job.EMPLOYED, 50_000_000),  # a deleted person's return: not counted
]

# (departure, source, amount, disbursed_on)
LOANS = [
    (0, LoanSource.NHCSXH, 100_000_000, date(2025, 1, 20)),
    (1, LoanSource.NHCSXH, 80_000_000, None),  # counted on the departure day (in the period)
    (2, LoanSource.OTHER, 50_000_000, date(2025, 6, 1)),
    (6, LoanSource.NHCSXH, 70_000_000, date(2021, 12, 1)),  # before
    (4, LoanSource.NHCSXH, 60_000_000, date(2025, 5, 1)),  # a deleted person's: not counted
]

TARGETS = [("A", 2025, 2), ("B", 2025, 3), ("A", 2024, 9), ("B", 2026, 5)]

# club of commune A: (household head, joined, left)
MEMBERS = [
    ("Nguyễn Văn Hộ", date(2024, 1, 1), None),
    ("Trần Văn Hai", date(2025, 3, 1), date(2025, 10, 1)),  # left before D1
    ("Lê Văn Ba", date(2026, 1, 10), None),  # joined after D1
    (EVIL, date(2025, 1, 1), None),
]
MEETINGS = [(date(2025, 1, 15), [0, 1]), (date(2025, 8, 1), [0, 3]), (date(2024, 12, 1), [0])]
VISITS = [(0, date(2025, 5, 5)), (3, date(2025, 9, 9)), (0, date(2023, 1, 1))]
# (commune, held_on, attendance)
OUTREACH = [("A", date(2025, 4, 1), 40), ("B", date(2025, 10, 10), 25), ("A", date(2026, 3, 1), 99)]
# (person, year, classification, wished market)
REVIEWS = [
    (0, 2025, ReviewClassification.WANTS_TO_GO, "JP"),
    (5, 2025, ReviewClassification.NOT_NOW, None),
    (2, 2024, ReviewClassification.WANTS_TO_GO, "KR"),
    (2, 2025, ReviewClassification.WANTS_TO_GO, "KR"),
    (3, 2025, ReviewClassification.NOT_ELIGIBLE, None),
    (6, 2025, ReviewClassification.WANTS_TO_GO, "KR"),
    (4, 2025, ReviewClassification.WANTS_TO_GO, "JP"),  # a deleted person's: not counted
]


@dataclass
class Built:
    units: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)


def build(engine) -> Built:
    built = Built()
    with write_session(engine) as s:
        province = AdministrativeUnit(code="99", name="Tỉnh Thử", name_key="tinh thu", level=UnitLevel.PROVINCE)
        s.add(province)
        s.flush()
        for key, code, name in (("A", "99001", "Xã An Bình"), ("B", "99002", "Xã Bình Đức")):
            unit = AdministrativeUnit(
                code=code,
                name=name,
                name_key=name.lower(),
                level=UnitLevel.COMMUNE,
                division_type="Xã",
                parent_id=province.id,
            )
            s.add(unit)
            s.flush()
            built.units[key] = unit.id
            built.names[key] = name
        s.add(AppSetting(key="own_unit_id", value=str(built.units["A"])))
        s.add(AppSetting(key="unit_display_name", value="UBND xã An Bình"))
        for code, name, region in (
            ("JP", "Nhật Bản", MarketRegion.JAPAN),
            ("KR", "Hàn Quốc", MarketRegion.KOREA),
            ("TW", "Đài Loan", MarketRegion.TAIWAN),
        ):
            s.add(Market(code=code, name_vi=name, name_en=code, region=region))
        company = PlacementCompany(name="-Công ty @Evil")
        s.add(company)
        s.flush()
        people = []
        for i, (name, gender, unit, _groups, deleted) in enumerate(PEOPLE):
            evil = name == EVIL
            person = Person(
                full_name=name,
                name_key="",
                gender=gender,
                date_of_birth=date(1995, 1, 2),
                id_number=f"0871950{i:05d}",
                phone="+84 91" if evil else f"09120000{i:02d}",
                hamlet="+Ấp 1" if evil else "Ấp 1",
                commune_id=built.units[unit],
                notes="@note" if evil else "",
                deleted_at=DELETED if deleted else None,
            )
            s.add(person)
            people.append(person)
        s.flush()
        for person, (_n, _g, _u, groups, _d) in zip(people, PEOPLE, strict=True):
            for group in groups:
                s.add(PersonPolicyGroup(person_id=person.id, group=group))
        departures = []
        for p, market, programme, day, legal, abroad, deleted in DEPARTURES:
            evil = PEOPLE[p][0] == EVIL
            dep = Departure(
                person_id=people[p].id,
                market_code=market,
                programme=programme,
                departed_on=day,
                is_legal=legal,
                status_abroad=abroad,
                company_id=company.id,
                occupation="=2*3" if evil else "Cơ khí",
                employer="\tEvil Co" if evil else "Công ty Tanaka",
                contract_months=36,
                notes="-chú ý" if evil else "",
                deleted_at=DELETED if deleted else None,
            )
            s.add(dep)
            departures.append(dep)
        s.flush()
        returns = []
        for d, day, timing, reason in RETURNS:
            ret = WorkerReturn(
                departure_id=departures[d].id,
                returned_on=day,
                timing=timing,
                reason=reason,
                notes="=evil()" if PEOPLE[DEPARTURES[d][0]][0] == EVIL else "",
            )
            s.add(ret)
            returns.append(ret)
        s.flush()
        for r, day, job, income in FOLLOW_UPS:
            s.add(ReturnFollowUp(return_id=returns[r].id, followed_on=day, employment=job, monthly_income=income))
        for d, source, amount, day in LOANS:
            s.add(Loan(departure_id=departures[d].id, source=source, amount=amount, disbursed_on=day))
        # records in the recycle bin, which no figure counts: departure 1's return (the worker still
        # abroad, absconded, on D1) and return 2's latest follow-up (its earlier one is the latest)
        s.add(
            WorkerReturn(
                departure_id=departures[1].id,
                returned_on=date(2025, 3, 20),
                timing=ReturnTiming.EARLY,
                reason=ReturnReason.OTHER,
                deleted_at=DELETED,
            )
        )
        s.add(
            ReturnFollowUp(
                return_id=returns[2].id,
                followed_on=date(2025, 12, 20),
                employment=Job.JOBLESS,
                deleted_at=DELETED,
            )
        )
        for unit, year, n in TARGETS:
            s.add(Target(unit_id=built.units[unit], year=year, departures=n))
        club = FamilyClub(name="CLB xã An Bình", commune_id=built.units["A"])
        s.add(club)
        s.flush()
        households = []
        for head, joined, left in MEMBERS:
            evil = head == EVIL
            hh = Household(
                head_name=head,
                commune_id=built.units["A"],
                hamlet="@Ấp" if evil else "Ấp 2",
                address="+số 1" if evil else "số 1",
                phone="-1" if evil else "0912345678",
                notes="=1" if evil else "",
            )
            s.add(hh)
            s.flush()
            households.append(hh)
            s.add(ClubMembership(club_id=club.id, household_id=hh.id, joined_on=joined, left_on=left))
        for day, attending in MEETINGS:
            meeting = ClubMeeting(club_id=club.id, held_on=day, topic="Sinh hoạt")
            s.add(meeting)
            s.flush()
            for h in attending:
                s.add(ClubMeetingAttendance(meeting_id=meeting.id, household_id=households[h].id))
        for h, day in VISITS:
            s.add(FamilyVisit(household_id=households[h].id, club_id=club.id, visited_on=day))
        for unit, day, n in OUTREACH:
            s.add(OutreachSession(held_on=day, commune_id=built.units[unit], attendance_count=n))
        for p, year, classification, market in REVIEWS:
            s.add(
                YearlyReview(
                    person_id=people[p].id,
                    year=year,
                    classification=classification,
                    wished_market_code=market,
                    notes="+review" if PEOPLE[p][0] == EVIL else "",
                )
            )
    return built


# --------------------------------------------------------------------------- expected figures (plain Python)


def live_departures(d0: date = D0, d1: date = D1, units: set[str] | None = None) -> list[int]:
    return [
        i
        for i, (p, _m, _prog, day, _legal, _abroad, deleted) in enumerate(DEPARTURES)
        if not deleted and not PEOPLE[p][4] and d0 <= day <= d1 and (units is None or PEOPLE[p][2] in units)
    ]


def expected(d0: date = D0, d1: date = D1, units: set[str] | None = None) -> dict:
    deps = live_departures(d0, d1, units)
    out: dict = {"departures": len(deps)}
    out["departures_illegal"] = sum(1 for i in deps if not DEPARTURES[i][4])
    out["departures_legal"] = out["departures"] - out["departures_illegal"]
    out["per_unit"] = {}  # against the targets: legal departures only
    for i in deps:
        if DEPARTURES[i][4]:
            u = PEOPLE[DEPARTURES[i][0]][2]
            out["per_unit"][u] = out["per_unit"].get(u, 0) + 1
    years = range(d0.year, d1.year + 1)
    out["target"] = sum(n for u, y, n in TARGETS if y in years and (units is None or u in units))
    out["by_market"] = {}
    out["by_programme"] = {}
    out["by_gender"] = {}
    out["by_policy"] = {}
    for i in deps:
        p, market, programme = DEPARTURES[i][:3]
        out["by_market"][market] = out["by_market"].get(market, 0) + 1
        out["by_programme"][programme.value] = out["by_programme"].get(programme.value, 0) + 1
        g = PEOPLE[p][1].value if PEOPLE[p][1] else "unknown"
        out["by_gender"][g] = out["by_gender"].get(g, 0) + 1
        for group in PEOPLE[p][3]:
            out["by_policy"][group.value] = out["by_policy"].get(group.value, 0) + 1
    returned_by_end = {d for d, day, _t, _r in RETURNS if day <= d1}
    abroad = [
        i
        for i, (p, _m, _prog, day, _l, _a, deleted) in enumerate(DEPARTURES)
        if not deleted
        and not PEOPLE[p][4]
        and day <= d1
        and i not in returned_by_end
        and (units is None or PEOPLE[p][2] in units)
    ]
    out["currently_abroad"] = len(abroad)
    out["absconded"] = sum(1 for i in abroad if DEPARTURES[i][5] is StatusAbroad.ABSCONDED)
    rets = [
        r
        for r, (d, day, _t, _r) in enumerate(RETURNS)
        if d0 <= day <= d1
        and not DEPARTURES[d][6]
        and not PEOPLE[DEPARTURES[d][0]][4]
        and (units is None or PEOPLE[DEPARTURES[d][0]][2] in units)
    ]
    out["returns"] = len(rets)
    out["returns_by_reason"] = {}
    for r in rets:
        key = RETURNS[r][3].value
        out["returns_by_reason"][key] = out["returns_by_reason"].get(key, 0) + 1
    latest = {}
    for r, day, job, income in FOLLOW_UPS:
        if r in rets and day <= d1 and (r not in latest or day >= latest[r][0]):
            latest[r] = (day, job, income)
    out["employment"] = {}
    for _day, job, _income in latest.values():
        out["employment"][job.value] = out["employment"].get(job.value, 0) + 1
    incomes = [income for _d, _j, income in latest.values() if income is not None]
    out["average_income"] = round(sum(incomes) / len(incomes)) if incomes else None
    loans = [
        (source, amount)
        for d, source, amount, day in LOANS
        if d0 <= (day or DEPARTURES[d][3]) <= d1
        and not DEPARTURES[d][6]
        and not PEOPLE[DEPARTURES[d][0]][4]
        and (units is None or PEOPLE[DEPARTURES[d][0]][2] in units)
    ]
    out["loans"] = len(loans)
    out["loans_amount"] = sum(a for _s, a in loans)
    out["loans_nhcsxh"] = sum(1 for s, _a in loans if s is LoanSource.NHCSXH)
    out["loans_nhcsxh_amount"] = sum(a for s, a in loans if s is LoanSource.NHCSXH)
    club_here = units is None or "A" in units
    out["club_member_households"] = (
        sum(1 for _h, joined, left in MEMBERS if joined <= d1 and (left is None or left > d1)) if club_here else 0
    )
    out["club_meetings"] = sum(1 for day, _a in MEETINGS if d0 <= day <= d1) if club_here else 0
    out["club_meeting_attendances"] = sum(len(a) for day, a in MEETINGS if d0 <= day <= d1) if club_here else 0
    out["family_visits"] = sum(1 for _h, day in VISITS if d0 <= day <= d1) if club_here else 0
    sessions = [n for u, day, n in OUTREACH if d0 <= day <= d1 and (units is None or u in units)]
    out["outreach_sessions"] = len(sessions)
    out["outreach_attendance"] = sum(sessions)
    reviews = [
        (kind, market)
        for p, year, kind, market in REVIEWS
        if year in years and not PEOPLE[p][4] and (units is None or PEOPLE[p][2] in units)
    ]
    out["reviews"] = len(reviews)
    out["reviews_by_classification"] = {}
    out["reviews_wished_markets"] = {}
    for kind, market in reviews:
        out["reviews_by_classification"][kind.value] = out["reviews_by_classification"].get(kind.value, 0) + 1
        if kind is ReviewClassification.WANTS_TO_GO and market:
            out["reviews_wished_markets"][market] = out["reviews_wished_markets"].get(market, 0) + 1
    return out
