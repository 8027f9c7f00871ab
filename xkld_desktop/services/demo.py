"""Demo data — dữ liệu mẫu: a believable commune's records, for trying the program and for load tests.

By default the former Tân Hồng district of Đồng Tháp (the district plan in the domain folder):
people spread over its nine communes as they were before 1 July 2025, in the proportions of the
plan's table (Tân Hộ Cơ 50, Sa Rài 49, Bình Phú 46 …). Records keep the old ``commune_id``; the
reform maps them to the merged communes through ``unit_succession``. With ``commune_code`` the
people live in that one commune (current or former) instead.

What is made, all consistent with each person's lifecycle status:
- people in every :class:`~xkld_desktop.domain.enums.PersonStatus`, with Vietnamese names,
  valid and unique CCCDs (province of birth, gender and century digit, year) and phones, policy
  groups and the dated :class:`StatusEvent` timeline; everyone is at least 18 at departure;
- households with heads and members, the commune's family club with member households,
  quarterly meetings with attendance and visits to families;
- yearly reviews, outreach sessions with attendance, placement companies with licences;
- departures to many markets (Japan the majority), with programmes, terms, salaries, loans from
  the Social Policy Bank and support grants; illegal departures; absconding; returns with
  reasons, residence notification and follow-ups; targets per commune and year.
No date lies after *today*, except the expected end of contracts still running.

Everything is drawn from one ``random.Random(seed)`` (uuids too), so a seed and a *today* give
the same rows every time. Rows go in through executemany of SQLAlchemy Core inserts with explicit
ids, in one write transaction, the plain indexes built once at the end: 200,000 people (about
1.9 million rows, a 490 MB file) take about 45 seconds on a two-core PC, half of it making the
rows in Python and half SQLite writing them.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import random
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..domain.enums import (
    DatePrecision,
    DepartureForm,
    EducationLevel,
    EmploymentAfterReturn,
    Gender,
    IdKind,
    LoanSource,
    OutreachGroup,
    PersonStatus,
    PolicyGroup,
    PovertyStatus,
    Programme,
    Relationship,
    RepaymentStatus,
    ReturnReason,
    ReturnTiming,
    ReviewClassification,
    StatusAbroad,
    SupportKind,
    SupportNeed,
    UnitLevel,
)
from ..domain.models import (
    ClubMeeting,
    ClubMeetingAttendance,
    ClubMembership,
    Departure,
    DepartureSupport,
    FamilyClub,
    FamilyVisit,
    FollowUpSupportNeed,
    Household,
    HouseholdMember,
    Loan,
    OutreachAttendance,
    OutreachSession,
    Person,
    PersonNameToken,
    PersonPolicyGroup,
    PlacementCompany,
    ReturnFollowUp,
    StatusEvent,
    Target,
    WorkerReturn,
    YearlyReview,
)
from ..domain.numbers import group_digits
from ..domain.text import fold
from ..domain.validation import expected_end_date
from ..store.bulk import bulk_load, no_cyclic_gc
from ..store.engine import WRITE_OPTION
from ..store.errors import StoreError, classify
from ..store.events import person_keys
from ..store.search import index_names, name_tokens
from .audit import record_event
from .reference import UnitInfo, find_commune, get_unit, seed_reference_data

__all__ = ["DEFAULT_DISTRICT_CODE", "DemoDataError", "DemoSummary", "generate_demo"]

#: the former Huyện Tân Hồng, Tỉnh Đồng Tháp (abolished 1 July 2025)
DEFAULT_DISTRICT_CODE = "869"
#: departures per commune in the district plan (2016 – October 2020): the weights of the demo
_TAN_HONG_WEIGHTS = {
    "29929": 50,  # Xã Tân Hộ Cơ
    "29926": 49,  # Thị trấn Sa Rài
    "29935": 46,  # Xã Bình Phú
    "29932": 43,  # Xã Thông Bình
    "29938": 41,  # Xã Tân Thành A
    "29947": 34,  # Xã Tân Công Chí
    "29944": 33,  # Xã Tân Phước
    "29950": 23,  # Xã An Phước
    "29941": 16,  # Xã Tân Thành B
}
# Invented hamlets (ấp; khóm in the town), plausible for the area.
_TAN_HONG_HAMLETS = {
    "29929": ("Ấp Gò Chuối", "Ấp Cả Găng", "Ấp Dinh Bà", "Ấp Bắc Trang", "Ấp Thống Nhất"),
    "29926": ("Khóm 1", "Khóm 2", "Khóm 3", "Khóm 4", "Khóm 5"),
    "29935": ("Ấp Bình Tân", "Ấp Bình Hòa", "Ấp Bình Thạnh", "Ấp Chiến Thắng"),
    "29932": ("Ấp Cả Vừng", "Ấp Bến Phố", "Ấp Thông Lưu", "Ấp Gò Bói"),
    "29938": ("Ấp 1", "Ấp 2", "Ấp 3", "Ấp 4"),
    "29947": ("Ấp 1", "Ấp 2", "Ấp 3", "Ấp 4", "Ấp 5"),
    "29944": ("Ấp Phước Tiên", "Ấp Phước Lập", "Ấp Phước Hòa"),
    "29950": ("Ấp An Thạnh", "Ấp An Hòa", "Ấp An Thới"),
    "29941": ("Ấp Tân Hòa", "Ấp Tân Thạnh", "Ấp Công Binh"),
}

_CHUNK = 2_000  # people generated and written per round
_CACHE_KIB = 256 * 1024  # SQLite page cache while inserting (KiB)
_BUSINESS_START = date(2016, 1, 1)  # the district plan's period starts in 2016
#: the earliest "today" the demo can be made for: its stories need a few months of the plan behind them
EARLIEST_TODAY = date(2016, 6, 1)
_COVID = (date(2020, 4, 1).toordinal(), date(2021, 10, 31).toordinal())

# --------------------------------------------------------------------------- names

# fmt: off
_FAMILY = (
    ("Nguyễn", 31), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Huỳnh", 5.5), ("Võ", 4.5), ("Phan", 4.5),
    ("Đặng", 2), ("Bùi", 2), ("Đỗ", 1.5), ("Hồ", 1.5), ("Ngô", 1.3), ("Dương", 1.2), ("Lý", 0.8),
    ("Trương", 1), ("Đinh", 0.6), ("Lâm", 0.8), ("Mai", 0.5), ("Châu", 0.5), ("Cao", 0.4),
)
_KHMER_FAMILY = ("Thạch", "Danh", "Sơn", "Kim", "Chau")
_HOA_FAMILY = ("Lâm", "Quách", "Trương", "Lý", "Tăng")
_MIDDLE = {
    Gender.MALE: (("Văn", 45), ("Hữu", 8), ("Minh", 10), ("Thanh", 8), ("Quốc", 6), ("Công", 5), ("Đức", 4),
                  ("Hoàng", 4), ("Tấn", 6), ("Thành", 4)),
    Gender.FEMALE: (("Thị", 55), ("Ngọc", 12), ("Thanh", 6), ("Kim", 7), ("Mỹ", 6), ("Thúy", 4), ("Bích", 3),
                    ("Hồng", 4), ("Phương", 3)),
}
_GIVEN = {
    Gender.MALE: (
        "Hùng", "Dũng", "Tuấn", "Minh", "Phúc", "Tài", "Lộc", "Thịnh", "Hải", "Nam", "Khang", "Huy", "Sang", "Tâm",
        "Thành", "Trung", "Nghĩa", "Phong", "Quang", "Long", "Hiếu", "Toàn", "Hậu", "Vũ", "Đạt", "Khoa", "Duy",
        "Bảo", "Trí", "Nhân", "Lợi", "Tín", "Kiệt", "Thắng", "Cường", "Định", "Út", "Tú", "Đức", "Hào", "Phát",
        "Quý", "Vinh", "Hoàng", "Thiện", "Luân", "Nhựt", "Tuấn Anh", "Hoài Phong", "Em",
    ),
    Gender.FEMALE: (
        "Lan", "Hương", "Thảo", "Trang", "Ngọc", "Nhung", "Hạnh", "Linh", "Mai", "Hoa", "Thu", "Hằng", "Diễm",
        "Tuyết", "Yến", "Vy", "Nhi", "Trinh", "Thủy", "Loan", "Phượng", "Kiều", "Hồng", "Nga", "Oanh", "Cúc",
        "Xuân", "Trâm", "Tiên", "Giang", "Huyền", "Quyên", "Mơ", "Ngân", "Như", "Uyên", "Vân", "Thư", "Duyên",
        "Hiền", "Lệ", "My", "Bé", "Út", "Kim Ngân", "Thanh Tâm", "Diệu", "Châu", "Ánh", "Tuyền",
    ),
}
# fmt: on

# --------------------------------------------------------------------------- markets and programmes


@dataclass(frozen=True)
class _Offer:
    """One kind of job abroad: market, programme, form, terms and the people it suits."""

    market: str
    weight: float
    programme: Programme
    form: DepartureForm
    months: tuple[int, ...]
    salary: tuple[int, int]  # millions of đồng a month
    cost: tuple[int, int]  # millions of đồng paid
    occupations: tuple[str, ...]
    employers: tuple[str, ...]
    places: tuple[str, ...]
    language: str
    deposit: tuple[float, int, int] | None = None  # probability, min, max (millions)
    companies: str = "general"


_P, _F = Programme, DepartureForm
# fmt: off
_JP_EMPLOYERS = ("Công ty TNHH Yamato Foods", "Công ty Sato Kensetsu", "Công ty Tanaka Kogyo",
                 "Công ty Nishimura Seiki", "Nông trại Green Field", "Công ty Kaigo Service Hikari",
                 "Công ty Kobayashi Metal")
_JP_PLACES = ("Aichi", "Osaka", "Saitama", "Chiba", "Gifu", "Hokkaido", "Ibaraki", "Kumamoto", "Hiroshima")
_EN = "Tiếng Anh (giao tiếp)"
_OFFERS: tuple[_Offer, ...] = (
    _Offer("JP", 47, _P.JP_TECHNICAL_INTERN, _F.LICENSED_COMPANY, (36,), (26, 34), (90, 160),
           ("Chế biến thực phẩm", "Xây dựng (giàn giáo)", "Hàn", "Cơ khí", "May mặc", "Nông nghiệp (trồng trọt)",
            "Đóng gói công nghiệp", "Chế biến thủy sản", "Lắp đặt nội thất"),
           _JP_EMPLOYERS, _JP_PLACES, "Tiếng Nhật N4", companies="jp"),
    _Offer("JP", 12, _P.JP_SPECIFIED_SKILLED, _F.LICENSED_COMPANY, (12, 24, 36, 60), (33, 45), (70, 120),
           ("Điều dưỡng, hộ lý", "Chế biến thực phẩm", "Nhà hàng", "Xây dựng", "Nông nghiệp"),
           _JP_EMPLOYERS, _JP_PLACES, "Tiếng Nhật N3", companies="jp"),
    _Offer("JP", 1.5, _P.OTHER, _F.INTERNSHIP, (12,), (25, 30), (60, 90),
           ("Thực tập sinh cơ khí", "Thực tập sinh điện tử"), _JP_EMPLOYERS, _JP_PLACES, "Tiếng Nhật N5",
           companies="jp"),
    _Offer("TW", 14, _P.TAIWAN, _F.LICENSED_COMPANY, (36,), (17, 24), (80, 110),
           ("Công nhân nhà máy", "Hộ lý, khán hộ công", "Xây dựng", "Công nhân dệt may"),
           ("Công ty Điện tử Hồng Đạt", "Công ty Dệt may Phúc Hưng", "Công ty Cơ khí Vĩnh Thịnh",
            "Viện dưỡng lão An Khang"),
           ("Đào Viên", "Đài Trung", "Tân Bắc", "Cao Hùng", "Chương Hóa"), "Tiếng Trung (giao tiếp)",
           deposit=(0.6, 6, 12), companies="tw"),
    _Offer("KR", 7.5, _P.KR_EPS, _F.PUBLIC_SERVICE_UNIT, (36, 58), (40, 52), (20, 30),
           ("Sản xuất chế tạo", "Nông nghiệp", "Ngư nghiệp", "Xây dựng"),
           ("Công ty Hanil Metal", "Công ty Daesung Plastic", "Công ty Seoyoung Textile", "Trang trại Haenam"),
           ("Gyeonggi", "Incheon", "Busan", "Chungcheong", "Gyeongsang"), "Tiếng Hàn (đạt EPS-TOPIK)",
           deposit=(0.5, 20, 36), companies="public"),
    _Offer("KR", 2.5, _P.SEASONAL, _F.PUBLIC_SERVICE_UNIT, (5, 8), (35, 45), (10, 20),
           ("Lao động nông nghiệp thời vụ (E-8)",), ("Hợp tác xã nông nghiệp Yeongam", "Trang trại Goesan"),
           ("Jeollanam", "Chungcheongbuk", "Gangwon"), "Tiếng Hàn (sơ cấp)", deposit=(0.5, 10, 20),
           companies="public"),
    _Offer("CN", 2, _P.LOCAL_COOPERATION, _F.PUBLIC_SERVICE_UNIT, (6, 12), (8, 12), (5, 10),
           ("Lao động thời vụ (mía đường)", "Công nhân nhà máy"),
           ("Nông trường Sùng Tả", "Nhà máy đường Quảng Tây"), ("Quảng Tây",), "", companies="public"),
    _Offer("DE", 1.5, _P.OTHER, _F.PUBLIC_SERVICE_UNIT, (36,), (55, 75), (20, 40),
           ("Điều dưỡng viên",), ("Bệnh viện St. Marien", "Viện dưỡng lão Haus Sonnenschein"),
           ("Berlin", "Bayern", "Hessen", "Sachsen"), "Tiếng Đức B1", companies="public"),
    _Offer("DE", 1, _P.OTHER, _F.LICENSED_COMPANY, (24, 36), (45, 60), (80, 150),
           ("Đầu bếp", "Cơ khí", "Khách sạn"), ("Công ty Müller Metallbau", "Nhà hàng Goldener Hirsch"),
           ("Bayern", "Niedersachsen"), "Tiếng Đức B1", companies="eu"),
    _Offer("RO", 1, _P.OTHER, _F.LICENSED_COMPANY, (24,), (18, 26), (70, 110),
           ("Công nhân xây dựng", "Phụ bếp", "Lái xe"), ("Công ty Constructii Nord",), ("Bucharest", "Cluj"),
           _EN, companies="eu"),
    _Offer("HU", 0.8, _P.OTHER, _F.LICENSED_COMPANY, (24,), (18, 26), (70, 110),
           ("Công nhân nhà máy điện tử",), ("Công ty Elektro Kft.",), ("Győr", "Budapest"), _EN, companies="eu"),
    _Offer("PL", 0.7, _P.OTHER, _F.LICENSED_COMPANY, (24,), (20, 28), (70, 110),
           ("Công nhân nhà máy", "Xây dựng"), ("Công ty Budowa Sp. z o.o.",), ("Warszawa", "Kraków"), _EN,
           companies="eu"),
    _Offer("CZ", 0.4, _P.OTHER, _F.LICENSED_COMPANY, (24,), (20, 28), (70, 110),
           ("Công nhân nhà máy ô tô",), ("Công ty Auto Díly s.r.o.",), ("Plzeň",), _EN, companies="eu"),
    _Offer("SA", 0.8, _P.OTHER, _F.LICENSED_COMPANY, (24,), (9, 15), (20, 40),
           ("Giúp việc gia đình", "Xây dựng"), ("Hộ gia đình Al-Harbi", "Công ty Al-Rashid Contracting"),
           ("Riyadh", "Jeddah"), _EN, companies="me"),
    _Offer("AE", 0.5, _P.OTHER, _F.CONTRACT_OR_INVESTMENT, (24,), (12, 18), (20, 40),
           ("Phục vụ nhà hàng", "Xây dựng"), ("Khách sạn Marina Bay", "Công ty Gulf Builders"), ("Dubai",), _EN,
           companies="me"),
    _Offer("QA", 0.4, _P.OTHER, _F.LICENSED_COMPANY, (24,), (12, 18), (20, 40),
           ("Xây dựng",), ("Công ty Doha Construction",), ("Doha",), _EN, companies="me"),
    _Offer("AU", 1, _P.SEASONAL, _F.PUBLIC_SERVICE_UNIT, (12, 36), (60, 80), (30, 60),
           ("Nông nghiệp (thu hoạch trái cây)",), ("Trang trại Sunny Orchard",), ("Queensland", "Victoria"), _EN,
           companies="public"),
    _Offer("NZ", 0.2, _P.SEASONAL, _F.PUBLIC_SERVICE_UNIT, (7,), (55, 70), (20, 40),
           ("Nông nghiệp thời vụ (RSE)",), ("Vườn táo Hawke's Bay",), ("Hawke's Bay",), _EN, companies="public"),
    _Offer("MY", 0.8, _P.OTHER, _F.LICENSED_COMPANY, (24, 36), (9, 14), (15, 30),
           ("Công nhân nhà máy điện tử",), ("Công ty Penang Electronics",), ("Penang", "Johor"), "", companies="me"),
    _Offer("SG", 0.4, _P.OTHER, _F.LICENSED_COMPANY, (24,), (15, 22), (30, 60),
           ("Đóng tàu", "Xây dựng"), ("Công ty Jurong Marine",), ("Singapore",), _EN, companies="me"),
    _Offer("MO", 0.2, _P.OTHER, _F.LICENSED_COMPANY, (24,), (18, 25), (40, 70),
           ("Phục vụ khách sạn",), ("Khách sạn Lisboa Garden",), ("Ma Cao",), "Tiếng Trung (giao tiếp)",
           companies="me"),
    _Offer("SEA", 1.2, _P.OTHER, _F.LICENSED_COMPANY, (12, 24), (18, 30), (20, 40),
           ("Thuyền viên tàu cá", "Thủy thủ tàu hàng"), ("Tàu cá Hải Phong 168", "Tàu hàng Pacific Star"),
           ("Đài Loan", "Hàn Quốc", "Hàng hải quốc tế"), "Tiếng Anh (hàng hải)", companies="sea"),
)
# fmt: on
_OFFER_CUM = list(itertools.accumulate(o.weight for o in _OFFERS))

# Placement companies: invented names (not real firms), with licence numbers in the usual form.
_COMPANIES = (
    ("Công ty CP Cung ứng nhân lực Miền Tây", "jp", "Quận 3, TP. Hồ Chí Minh"),
    ("Công ty TNHH Hợp tác lao động Phương Nam", "jp", "TP. Cần Thơ"),
    ("Công ty CP Nhân lực Kỹ năng Việt – Nhật", "jp", "Quận Cầu Giấy, Hà Nội"),
    ("Công ty CP Phát triển nguồn nhân lực Sen Hồng", "jp", "TP. Cao Lãnh, Đồng Tháp"),
    ("Công ty CP Dịch vụ việc làm quốc tế Tràm Chim", "tw", "Quận Tân Bình, TP. Hồ Chí Minh"),
    ("Công ty TNHH Nhân lực Quốc tế Mê Kông", "tw", "TP. Long Xuyên, An Giang"),
    ("Công ty CP Hợp tác quốc tế Đồng Xanh", "eu", "Quận Hoàng Mai, Hà Nội"),
    ("Công ty CP Cung ứng nhân lực Cửu Long", "me", "TP. Thủ Đức, TP. Hồ Chí Minh"),
    ("Công ty TNHH Cung ứng thuyền viên Biển Đông", "sea", "TP. Vũng Tàu"),
)
_PUBLIC_UNIT = ("Trung tâm Lao động ngoài nước", "public", "Quận Hai Bà Trưng, Hà Nội")

# --------------------------------------------------------------------------- other vocabularies

# fmt: off
_EDUCATION = (
    (EducationLevel.PRIMARY, 4), (EducationLevel.LOWER_SECONDARY, 28), (EducationLevel.UPPER_SECONDARY, 44),
    (EducationLevel.VOCATIONAL, 11), (EducationLevel.COLLEGE, 7), (EducationLevel.UNIVERSITY, 5),
    (EducationLevel.NONE, 1),
)
_OUTREACH = (
    (OutreachGroup.SCHOOL_LEAVER, 35), (OutreachGroup.OTHER, 33), (OutreachGroup.SKILLED, 15),
    (OutreachGroup.DEMOBILISED, 9), (OutreachGroup.UNEMPLOYED_GRADUATE, 8),
)
_SKILLS = ("Hàn điện", "Cơ khí", "Điện dân dụng", "May công nghiệp", "Nấu ăn", "Trồng trọt", "Nề, xây dựng",
           "Sửa chữa xe máy", "Chăn nuôi", "Điều dưỡng")
_WITHDRAW_NOTES = ("Gia đình không đồng ý", "Không đạt yêu cầu sức khỏe", "Trượt phỏng vấn đơn hàng",
                   "Đã có việc làm trong nước", "Không thu xếp được chi phí", "Lập gia đình, không đi nữa")
# fmt: on
_VISIT_ISSUES = (
    ("Gia đình lo lắng vì con chưa quen công việc", "Liên hệ doanh nghiệp phái cử nắm tình hình"),
    ("Cần hướng dẫn thủ tục vay vốn NHCSXH", "Hướng dẫn gia đình làm hồ sơ vay vốn"),
    ("Người lao động phản ánh bị chủ sử dụng chậm trả lương", "Báo cáo UBND xã, liên hệ doanh nghiệp"),
    ("Hỏi thủ tục gia hạn hợp đồng", "Hướng dẫn liên hệ doanh nghiệp phái cử"),
    ("Gia đình khó khăn, đề nghị hỗ trợ", "Đề xuất Hội Chữ thập đỏ xã thăm hỏi"),
    ("Không có vấn đề phát sinh", ""),
    ("Người lao động sắp về nước, cần tư vấn việc làm", "Giới thiệu Trung tâm Dịch vụ việc làm tỉnh"),
)
_MEETING_TOPICS = (
    "Sinh hoạt định kỳ, nắm tình hình người lao động ở nước ngoài",
    "Phổ biến Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng",
    "Cách quản lý, sử dụng tiền gửi về hiệu quả",
    "Phòng, chống bỏ trốn, cư trú bất hợp pháp",
    "Chính sách hỗ trợ người lao động về nước khởi nghiệp",
    "Giao lưu trực tuyến với người lao động tại Nhật Bản",
    "Tổng kết năm, bình xét gia đình tiêu biểu",
)
_OUTREACH_TOPICS = (
    "Tuyên truyền chương trình thực tập sinh kỹ năng Nhật Bản",
    "Giới thiệu chương trình kỹ năng đặc định Nhật Bản",
    "Giới thiệu chương trình EPS đi làm việc tại Hàn Quốc",
    "Tư vấn thị trường Đài Loan",
    "Chính sách vay vốn NHCSXH cho người đi làm việc ở nước ngoài",
    "Phòng ngừa xuất cảnh trái phép, mua bán người",
    "Chương trình đào tạo điều dưỡng viên sang Đức",
)
_EARLY_REASONS = (
    (ReturnReason.EARLY_ILLNESS, 28),
    (ReturnReason.EMPLOYER_CLOSED, 14),
    (ReturnReason.ABUSE, 5),
    (ReturnReason.CONTRACT_BREACH, 16),
    (ReturnReason.DEPORTED, 14),
    (ReturnReason.OTHER, 23),
)
_EARLY_NOTES = {
    ReturnReason.EARLY_ILLNESS: "Bị bệnh, không đủ sức khỏe làm việc",
    ReturnReason.EMPLOYER_CLOSED: "Xí nghiệp thu hẹp sản xuất, chấm dứt hợp đồng",
    ReturnReason.ABUSE: "Bị chủ sử dụng đối xử không đúng hợp đồng",
    ReturnReason.CONTRACT_BREACH: "Tự ý nghỉ việc, vi phạm hợp đồng",
    ReturnReason.DEPORTED: "Bị trục xuất do cư trú bất hợp pháp",
    ReturnReason.OTHER: "Hoàn cảnh gia đình",
}
_SUPPORT_AMOUNTS = {
    SupportKind.TRAINING: (3_000_000, 4_500_000),
    SupportKind.LANGUAGE: (3_000_000, 6_000_000),
    SupportKind.ORIENTATION: (500_000, 1_000_000),
    SupportKind.HEALTH_CHECK: (750_000, 750_000),
    SupportKind.PASSPORT: (200_000, 200_000),
    SupportKind.VISA: (1_000_000, 2_000_000),
    SupportKind.CRIMINAL_RECORD: (200_000, 200_000),
    SupportKind.LIVING_ALLOWANCE: (1_000_000, 3_000_000),
}
_SUPPORT_POLICY = frozenset(
    {
        PolicyGroup.POOR,
        PolicyGroup.NEAR_POOR,
        PolicyGroup.NEWLY_OUT_OF_POVERTY,
        PolicyGroup.ETHNIC_MINORITY,
        PolicyGroup.LOST_FARMLAND,
        PolicyGroup.MERIT_RELATIVE,
        PolicyGroup.DEMOBILISED,
    }
)
# fmt: off
_PHONE_PREFIXES = ("032", "033", "034", "035", "036", "037", "038", "039", "070", "076", "077", "078", "079",
                   "081", "082", "083", "084", "085", "086", "088", "089", "090", "091", "093", "094", "096",
                   "097", "098")
# fmt: on

# Stories: which lifecycle a person lives; lone people and members of recorded households differ
# (families in the club are those with someone abroad).
_S = PersonStatus
# fmt: off
_STORY_LONE = ((_S.CANDIDATE, 55), (_S.REGISTERED, 6), (_S.TRAINING, 5), (_S.WITHDRAWN, 7), (_S.DEPARTED, 1.5),
               (_S.WORKING_ABROAD, 9.6), (_S.ABSCONDED, 1.2), (_S.RETURNED, 10.9), (_S.DIED, 0.5), (_S.MISSING, 0.3))
_STORY_FAMILY = ((_S.CANDIDATE, 33), (_S.REGISTERED, 6), (_S.TRAINING, 5), (_S.WITHDRAWN, 6), (_S.DEPARTED, 2.5),
                 (_S.WORKING_ABROAD, 17.3), (_S.ABSCONDED, 2), (_S.RETURNED, 21), (_S.DIED, 1), (_S.MISSING, 0.5))
# fmt: on


class DemoDataError(StoreError):
    """The demo data cannot be made here (the database already holds records, or no such unit)."""


@dataclass
class DemoSummary:
    """What :func:`generate_demo` wrote: rows per table, the units, the seed and the time taken."""

    counts: dict[str, int]
    seconds: float
    seed: int
    today: date
    communes: list[str] = field(default_factory=list)

    @property
    def people(self) -> int:
        return self.counts.get("person", 0)


# --------------------------------------------------------------------------- helpers


def _weighted(pairs: Sequence[tuple[Any, float]]) -> tuple[list[Any], list[float]]:
    return [p[0] for p in pairs], list(itertools.accumulate(p[1] for p in pairs))


def _years_before(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


_UUID_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_UUID_SET = (0x4000 << 64) | (0x8000 << 48)


def _lower_type(unit: UnitInfo | None) -> str:
    """The unit as an address line writes it: "xã Tân Hộ Cơ" for "Xã Tân Hộ Cơ"."""
    if unit is None:
        return ""
    kind = unit.division_type
    return f"{kind.lower()} {unit.short_name}" if kind else unit.name


@dataclass
class _Commune:
    unit: UnitInfo
    hamlets: tuple[str, ...]
    weight: float
    address_tail: str
    club_id: int = 0
    club_leader: str = ""
    club_founded: int = 0
    meetings: list[int] = field(default_factory=list)  # ordinals, sorted
    meeting_ids: list[int] = field(default_factory=list)
    sessions: list[int] = field(default_factory=list)  # ordinals, sorted
    session_ids: list[int] = field(default_factory=list)


@dataclass
class _Departure:
    """A departure being generated, with its optional return."""

    offer: _Offer | None  # None: an illegal departure
    departed: int
    months: int | None
    end: int | None
    status_abroad: StatusAbroad = StatusAbroad.WORKING
    status_abroad_on: int | None = None
    returned: int | None = None
    timing: ReturnTiming = ReturnTiming.ON_TIME
    reason: ReturnReason = ReturnReason.CONTRACT_ENDED
    return_note: str = ""
    abroad_again: int | None = None  # a follow-up "went abroad again" before this date
    notes: str = ""
    working: int = 0  # when the commune learnt that the worker had started work


class _BulkWriter:
    """Inserts the queued rows (dicts) of one table with one executemany of Core's ``insert(table)``.

    On SQLite (``fast``) the generator has already put every value in the form SQLAlchemy's
    SQLite types store (dates ``YYYY-MM-DD``, timestamps ``YYYY-MM-DD HH:MM:SS.ffffff`` in UTC;
    enums are ``str`` by value, booleans ``int``), so the rows go to the driver as they are,
    without SQLAlchemy's per-value processing — a third of the time of a large demo. Other
    databases get date and datetime objects and Core's own processing.
    """

    def __init__(self, conn: Connection, table: sa.Table) -> None:
        self.table = table
        self.fast = _stores_text(conn)
        if self.fast:
            compiled = sa.insert(table).compile(dialect=conn.dialect)
            self.sql = str(compiled)
            names = list(compiled.positiontup or [])
            assert sorted(names) == sorted(c.key for c in table.columns), names
            self.getter = operator.itemgetter(*names)

    def write(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        if self.fast:
            getter = self.getter
            conn.exec_driver_sql(self.sql, [getter(row) for row in rows])
        else:
            conn.execute(sa.insert(self.table), rows)


def _stores_text(conn: Connection) -> bool:
    """True when rows are written as SQLite stores them (see :class:`_BulkWriter`)."""
    return conn.dialect.name == "sqlite"


def _stamp_text(value: datetime) -> str:
    """A timestamp as SQLAlchemy's SQLite ``DATETIME`` stores it (UTC, no offset)."""
    utc = value.astimezone(UTC)
    return f"{utc:%Y-%m-%d %H:%M:%S}.{utc.microsecond:06d}"


# --------------------------------------------------------------------------- the generator


@dataclass
class _Batch:
    """Rows made by the generator, ready to write; the last one carries the session totals."""

    rows: dict[str, list[dict[str, Any]]]
    names: list[tuple[int, str, str]]
    made: int
    session_counts: dict[int, int] | None = None


class _Generator:
    """Makes the rows (no database access): hands them over in :class:`_Batch` es to *emit*."""

    def __init__(
        self,
        rng: random.Random,
        today: date,
        communes: list[_Commune],
        district: UnitInfo | None,
        cccd_province: str,
        start_ids: dict[str, int],
        emit: Callable[[_Batch], None],
        *,
        as_text: bool = False,
    ) -> None:
        self.emit = emit
        self.as_text = as_text
        self.days: dict[int, date | str] = {}
        self.rng = rng
        self.rand = rng.random
        self.today = today
        self.T = today.toordinal()
        self.communes = communes
        self.commune_cum = list(itertools.accumulate(c.weight for c in communes))
        self.district = district
        self.cccd_province = cccd_province
        self.office_code = district.code if district is not None else communes[0].unit.code
        self.ids: dict[str, int] = dict(start_ids)
        self.made = 0
        self.counts: dict[str, int] = {}
        self.pending: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.getrandbits = rng.getrandbits
        self.cccds: set[str] = set()
        self.phones: set[str] = set()
        self.stamps: dict[int, datetime | str] = {}
        self.departures_by_year: dict[tuple[int, int], int] = {}
        self.session_attendance: dict[int, int] = {}
        self.name_rows: list[tuple[int, str, str]] = []
        self.family_names, self.family_cum = _weighted(_FAMILY)
        self.middle = {g: _weighted(v) for g, v in _MIDDLE.items()}
        self.education, self.education_cum = _weighted(_EDUCATION)
        self.outreach, self.outreach_cum = _weighted(_OUTREACH)
        self.story_lone = _weighted(_STORY_LONE)
        self.story_family = _weighted(_STORY_FAMILY)
        self.early_reasons = _weighted(_EARLY_REASONS)
        self.companies: dict[str, list[int]] = {}
        self.public_company = 0
        self.keys: dict[str, dict[str, str]] = {}

    # ---- small random helpers

    def pick(self, seq: Sequence[Any]) -> Any:
        return seq[int(self.rand() * len(seq))]

    def choose(self, items: list[Any], cum: list[float]) -> Any:
        return items[bisect.bisect(cum, self.rand() * cum[-1])]

    def between(self, lo: int, hi: int) -> int:
        """A whole number in [lo, hi] (hi < lo gives lo)."""
        return lo if hi <= lo else lo + int(self.rand() * (hi - lo + 1))

    def money(self, lo_m: float, hi_m: float, step: int = 100_000) -> int:
        value = (lo_m + self.rand() * (hi_m - lo_m)) * 1_000_000
        return int(value // step * step)

    def stamp(self, ordinal: int) -> datetime | str:
        """When a record made on that day was saved: 09:00 in Vietnam, as aware UTC."""
        found = self.stamps.get(ordinal)
        if found is None:
            d = date.fromordinal(min(ordinal, self.T))
            moment = datetime(d.year, d.month, d.day, 2, 0, tzinfo=UTC)
            found = self.stamps[ordinal] = _stamp_text(moment) if self.as_text else moment
        return found

    def day(self, ordinal: int | None) -> date | str | None:
        """The value of a date column for an ordinal (see :class:`_BulkWriter`)."""
        if ordinal is None:
            return None
        found = self.days.get(ordinal)
        if found is None:
            d = date.fromordinal(ordinal)
            found = self.days[ordinal] = d.isoformat() if self.as_text else d
        return found

    def next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.pending[table].append(row)

    def record(self, table: str, unit_code: str, made: int, changed: int | None = None, **values: Any) -> int:
        """Queue a row of a RecordMixin table, made on day *made*, last changed on *changed*; return its id."""
        ids = self.ids
        row_id = ids[table] = ids[table] + 1
        n = (self.getrandbits(128) & _UUID_CLEAR) | _UUID_SET
        h = f"{n:032x}"
        values["id"] = row_id
        values["uuid"] = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
        values["unit_code"] = unit_code
        stamps = self.stamps
        values["created_at"] = stamps[made] if made in stamps else self.stamp(made)
        if changed is None or changed == made:
            values["updated_at"] = values["created_at"]
        else:
            values["updated_at"] = stamps[changed] if changed in stamps else self.stamp(changed)
        values["version"] = 1
        values["deleted_at"] = None
        self.pending[table].append(values)
        return row_id

    def flush(self, session_counts: dict[int, int] | None = None) -> None:
        """Hand the queued rows over to the writer."""
        for table, rows in self.pending.items():
            self.counts[table] = self.counts.get(table, 0) + len(rows)
        self.emit(_Batch(dict(self.pending), self.name_rows, self.made, session_counts))
        self.pending, self.name_rows = defaultdict(list), []

    def date_in(self, lo: int, hi: int, *, recent: float = 1.0, avoid_covid: bool = False) -> int:
        """An ordinal in [lo, hi], skewed towards *hi* when *recent* > 1, few in the pandemic."""
        if hi <= lo:
            return lo
        for _ in range(6):
            o = hi - int((hi - lo + 1) * self.rand() ** recent)
            o = max(lo, min(hi, o))
            if not (avoid_covid and _COVID[0] <= o <= _COVID[1] and self.rand() < 0.85):
                return o
        return o

    def new_phone(self) -> str:
        while True:
            phone = self.pick(_PHONE_PREFIXES) + f"{int(self.rand() * 10_000_000):07d}"
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def new_cccd(self, gender: Gender, dob: date) -> str:
        century = 0 if dob.year < 2000 else 2
        digit = century + (0 if gender is Gender.MALE else 1)
        head = f"{self.cccd_province}{digit}{dob.year % 100:02d}"
        while True:
            cccd = head + f"{int(self.rand() * 1_000_000):06d}"
            if cccd not in self.cccds:
                self.cccds.add(cccd)
                return cccd

    def name(self, gender: Gender, family: str | None = None) -> str:
        family = family or self.choose(self.family_names, self.family_cum)
        middle = self.choose(*self.middle[gender])
        given = self.pick(_GIVEN[gender])
        if middle == given or (middle in ("Thị", "Văn") and " " in given):
            return f"{family} {given}" if " " in given else f"{family} {middle} {given}"
        return f"{family} {middle} {given}"

    # ---- set-up rows

    def setup(self) -> None:
        T = self.T
        for name, group, address in (*_COMPANIES, _PUBLIC_UNIT):
            licence = "" if group == "public" else f"{self.between(10, 420)}/LĐTBXH-GP"
            made = date(2019, 1, 2).toordinal() + self.between(0, 900)
            company_id = self.record(
                "placement_company",
                self.office_code,
                made,
                name=name,
                name_key=fold(name),
                licence_number=licence,
                address=address,
                phone=f"028{self.between(30_000_000, 39_999_999)}"
                if "Hồ Chí Minh" in address
                else f"02{self.between(10, 99)}{self.between(3_000_000, 3_999_999)}",
            )
            if group == "public":
                self.public_company = company_id
            else:
                self.companies.setdefault(group, []).append(company_id)
        self.companies["general"] = [c for ids in self.companies.values() for c in ids]

        for commune in self.communes:
            unit_code = commune.unit.code
            founded = date(2017, 3, 1).toordinal() + self.between(0, 1000)
            commune.club_founded = founded
            commune.club_leader = self.name(Gender.FEMALE if self.rand() < 0.6 else Gender.MALE)
            commune.club_id = self.record(
                "family_club",
                unit_code,
                founded,
                name=f"CLB gia đình có người đi lao động ở nước ngoài {_lower_type(commune.unit)}",
                commune_id=commune.unit.id,
                founded_on=self.day(founded),
                leader_name=commune.club_leader,
                leader_person_id=None,
                leader_phone=self.new_phone(),
                notes="",
            )
            # Quarterly meetings, the middle month of each quarter, up to today.
            d = date.fromordinal(founded)
            quarter = (d.year, (d.month - 1) // 3)
            while True:
                year, q = quarter
                held = date(year, q * 3 + 2, 1).toordinal() + self.between(0, 27)
                if held > T:
                    break
                if held >= founded:
                    meeting_id = self.record(
                        "club_meeting",
                        unit_code,
                        held,
                        club_id=commune.club_id,
                        held_on=self.day(held),
                        topic=_MEETING_TOPICS[(year * 4 + q) % len(_MEETING_TOPICS)] if q != 3 else _MEETING_TOPICS[-1],
                        place=f"Hội trường UBND {_lower_type(commune.unit)}"
                        if self.rand() < 0.6
                        else f"Nhà văn hóa {self.pick(commune.hamlets).lower()}",
                        fund_contribution=0 if self.rand() < 0.3 else self.money(0.2, 1.5, 50_000),
                        notes="",
                    )
                    commune.meetings.append(held)
                    commune.meeting_ids.append(meeting_id)
                quarter = (year + 1, 0) if q == 3 else (year, q + 1)
            # Outreach sessions: a few a year since 2019.
            sessions = []
            for year in range(2019, self.today.year + 1):
                for _ in range(self.between(3, 6)):
                    held = date(year, 1, 5).toordinal() + self.between(0, 350)
                    if held <= T:
                        sessions.append(held)
            sessions.sort()
            for held in sessions:
                topic = self.pick(_OUTREACH_TOPICS)
                organiser = self.pick(
                    (
                        f"UBND {_lower_type(commune.unit)}",
                        f"UBND {_lower_type(commune.unit)} phối hợp {self.pick(_COMPANIES)[0]}",
                        f"Trung tâm Dịch vụ việc làm {_lower_type(get_province(commune.unit))}",
                        f"Hội Liên hiệp Phụ nữ {_lower_type(commune.unit)}",
                        f"Đoàn Thanh niên {_lower_type(commune.unit)}",
                    )
                )
                session_id = self.record(
                    "outreach_session",
                    unit_code,
                    held,
                    held_on=self.day(held),
                    place=f"Nhà văn hóa {self.pick(commune.hamlets).lower()}"
                    if self.rand() < 0.5
                    else f"Hội trường UBND {_lower_type(commune.unit)}",
                    organiser=organiser,
                    topic=topic,
                    commune_id=commune.unit.id,
                    attendance_count=0,
                    notes="",
                )
                commune.sessions.append(held)
                commune.session_ids.append(session_id)
                self.session_attendance[session_id] = 0
        self.flush()

    # ---- people

    def run(self, people: int) -> None:
        """Make *people* people and everything around them, emitting a batch every few thousand."""
        self.setup()
        made = 0
        forced = list(PersonStatus)  # the first people cover every status, whatever the size
        next_report = 0
        while made < people:
            commune = self.communes[bisect.bisect(self.commune_cum, self.rand() * self.commune_cum[-1])]
            hamlet = self.pick(commune.hamlets)
            if forced:
                self.lone_person(commune, hamlet, forced.pop(0))
                made += 1
            elif self.rand() < 0.112:
                size = min(people - made, self.choose([1, 2, 3, 4], [35, 70, 90, 100]))
                self.household(commune, hamlet, size)
                made += size
            else:
                self.lone_person(commune, hamlet, None)
                made += 1
            if made >= next_report:
                self.made = made
                self.flush()
                next_report = made + _CHUNK
        self.made = made
        self.finish()

    def lone_person(self, commune: _Commune, hamlet: str, story: PersonStatus | None) -> None:
        if story is None:
            story = self.choose(*self.story_lone)
        self.person(commune, hamlet, story, family=None, policy=self.policy_groups(None))

    def policy_groups(self, poverty: PovertyStatus | None) -> list[PolicyGroup]:
        groups: list[PolicyGroup] = []
        if poverty is None:
            r = self.rand()
            if r < 0.05:
                groups.append(PolicyGroup.POOR)
            elif r < 0.13:
                groups.append(PolicyGroup.NEAR_POOR)
            elif r < 0.16:
                groups.append(PolicyGroup.NEWLY_OUT_OF_POVERTY)
        elif poverty is PovertyStatus.POOR:
            groups.append(PolicyGroup.POOR)
        elif poverty is PovertyStatus.NEAR_POOR:
            groups.append(PolicyGroup.NEAR_POOR)
        elif poverty is PovertyStatus.NEWLY_OUT:
            groups.append(PolicyGroup.NEWLY_OUT_OF_POVERTY)
        if self.rand() < 0.03:
            groups.append(PolicyGroup.LOST_FARMLAND)
        if self.rand() < 0.04:
            groups.append(PolicyGroup.MERIT_RELATIVE)
        return groups

    def household(self, commune: _Commune, hamlet: str, size: int) -> None:
        r = self.rand()
        poverty = (
            PovertyStatus.POOR
            if r < 0.07
            else PovertyStatus.NEAR_POOR
            if r < 0.17
            else PovertyStatus.NEWLY_OUT
            if r < 0.22
            else PovertyStatus.NONE
        )
        family = self.choose(self.family_names, self.family_cum)
        unit_code = commune.unit.code
        members: list[dict[str, Any]] = []
        for _ in range(size):
            story = self.choose(*self.story_family)
            members.append(self.person(commune, hamlet, story, family=family, policy=self.policy_groups(poverty)))
        members.sort(key=lambda m: m["dob"])
        oldest = members[0]
        first_seen = min(m["first"] for m in members)
        rows: list[tuple[int | None, str, Relationship, date | None]] = []
        head_person = oldest if (oldest["age"] >= 30 and self.rand() < 0.5) else None
        if head_person is not None:
            head_name, head_id = head_person["name"], head_person["id"]
            rows.append((head_id, head_name, Relationship.HEAD, head_person["dob"]))
            spouse_gender = Gender.FEMALE if head_person["gender"] is Gender.MALE else Gender.MALE
            spouse_dob = _years_before(head_person["dob"], self.between(-4, 5))
            rows.append((None, self.name(spouse_gender), Relationship.SPOUSE, spouse_dob))
            for m in members[1:]:
                gap = (m["dob"] - head_person["dob"]).days / 365.25
                relationship = Relationship.CHILD if gap >= 18 else Relationship.SIBLING
                rows.append((m["id"], m["name"], relationship, m["dob"]))
        else:
            father_dob = _years_before(oldest["dob"], self.between(22, 34)) - timedelta(days=self.between(0, 364))
            head_gender = Gender.MALE if self.rand() < 0.8 else Gender.FEMALE
            head_name, head_id = self.name(head_gender, family if head_gender is Gender.MALE else None), None
            rows.append((None, head_name, Relationship.HEAD, father_dob))
            if self.rand() < 0.85:
                spouse_gender = Gender.FEMALE if head_gender is Gender.MALE else Gender.MALE
                spouse_family = family if spouse_gender is Gender.MALE else None
                rows.append(
                    (
                        None,
                        self.name(spouse_gender, spouse_family),
                        Relationship.SPOUSE,
                        _years_before(father_dob, self.between(-5, 3)),
                    )
                )
            for m in members:
                rows.append((m["id"], m["name"], Relationship.CHILD, m["dob"]))
        made = max(self.T - 3000, first_seen - self.between(0, 200))
        household_id = self.record(
            "household",
            unit_code,
            made,
            head_name=head_name,
            head_name_key=fold(head_name),
            head_person_id=head_id,
            hamlet=hamlet,
            commune_id=commune.unit.id,
            address=f"{hamlet}, {commune.address_tail}",
            phone=self.new_phone() if self.rand() < 0.8 else None,
            poverty_status=poverty,
            notes="",
        )
        for person_id, full_name, relationship, dob in rows:
            self.record(
                "household_member",
                unit_code,
                made,
                household_id=household_id,
                person_id=person_id,
                full_name=full_name,
                relationship=relationship,
                date_of_birth=self.day(dob.toordinal()) if dob else None,
            )

        # The family club: households with someone who has gone abroad.
        departures = sorted(d for m in members for d in m["departed"])
        if departures and self.rand() < 0.8:
            joined = max(departures[0] + self.between(0, 60), commune.club_founded + self.between(0, 90))
            joined = min(joined, self.T)
            left = None
            if all(m["home_since"] is not None for m in members if m["departed"]) and self.rand() < 0.4:
                back = max(m["home_since"] for m in members if m["home_since"] is not None)
                candidate = max(back, joined) + self.between(30, 240)
                left = candidate if candidate <= self.T else None
            self.record(
                "club_membership",
                unit_code,
                joined,
                left,
                club_id=commune.club_id,
                household_id=household_id,
                joined_on=self.day(joined),
                left_on=self.day(left),
            )
            until = left or self.T
            lo = bisect.bisect_left(commune.meetings, joined)
            hi = bisect.bisect_right(commune.meetings, until)
            for index in range(lo, hi):
                if self.rand() < 0.55:
                    self.add(
                        "club_meeting_attendance",
                        {"meeting_id": commune.meeting_ids[index], "household_id": household_id},
                    )
            visits = self.between(0, 4)
            for _ in range(visits):
                visited = self.date_in(joined, until, recent=0.8)
                issue, follow = self.pick(_VISIT_ISSUES)
                done = bool(follow) and self.rand() < 0.7
                follow_on = min(visited + self.between(3, 30), self.T) if done else None
                self.record(
                    "family_visit",
                    unit_code,
                    visited,
                    follow_on,
                    household_id=household_id,
                    club_id=commune.club_id,
                    visited_on=self.day(visited),
                    visitor=self.pick(
                        (
                            f"{commune.club_leader} (Chủ nhiệm CLB)",
                            "Cán bộ Văn hóa - Xã hội xã",
                            "Chi hội Phụ nữ ấp",
                            "Trưởng ấp",
                        )
                    ),
                    issues_raised=issue,
                    follow_up=follow,
                    follow_up_done=done,
                    follow_up_on=self.day(follow_on),
                )

    # ---- one person and their whole history

    def person(
        self, commune: _Commune, hamlet: str, story: PersonStatus, *, family: str | None, policy: list[PolicyGroup]
    ) -> dict[str, Any]:
        rand = self.rand
        T = self.T
        unit_code = commune.unit.code
        abroad_story = story in (_S.DEPARTED, _S.WORKING_ABROAD, _S.ABSCONDED, _S.RETURNED, _S.DIED, _S.MISSING)
        gender = Gender.MALE if rand() < (0.63 if abroad_story else 0.5) else Gender.FEMALE
        r = rand()
        ethnicity = "Kinh" if r < 0.975 else ("Khmer" if r < 0.99 else "Hoa")
        if ethnicity != "Kinh":
            family = self.pick(_KHMER_FAMILY if ethnicity == "Khmer" else _HOA_FAMILY)
            policy.append(PolicyGroup.ETHNIC_MINORITY)
        full_name = self.name(gender, family)
        events: list[tuple[PersonStatus, int, str]] = []
        departures: list[_Departure] = []
        reviews: list[tuple[int, int, ReviewClassification, bool, str | None]] = []
        notes = ""

        def pre_departure(departed: int, first: bool = True) -> None:
            registered = departed - self.between(90, 300)
            training = registered + self.between(15, 60)
            if first:
                events.append((_S.CANDIDATE, registered - self.between(20, 240), ""))
            events.append((_S.REGISTERED, registered, ""))
            events.append((_S.TRAINING, min(training, departed - 10), ""))

        def abroad(d: _Departure, first: bool = True) -> None:
            pre_departure(d.departed, first)
            events.append((_S.DEPARTED, d.departed, ""))
            if d.working < T and (d.returned is None or d.working < d.returned):
                events.append((_S.WORKING_ABROAD, d.working, ""))
            departures.append(d)

        if story is _S.CANDIDATE:
            age = 15 + int(43 * rand() ** 1.6)
            dob = _years_before(self.today, age) - timedelta(days=self.between(0, 364))
            years = [
                y
                for y in (self.today.year - 2, self.today.year - 1, self.today.year)
                if rand() < (0.85 if y == self.today.year else 0.55)
            ] or [self.today.year]
            for year in years:
                age_then = year - dob.year
                if 15 <= age_then <= 60:
                    reviewed = self.review_date(year)
                    klass = self.choose(
                        [
                            ReviewClassification.WANTS_TO_GO,
                            ReviewClassification.NOT_NOW,
                            ReviewClassification.NOT_ELIGIBLE,
                        ],
                        [25, 85, 100],
                    )
                    reviews.append((year, reviewed, klass, rand() < 0.4, None))
            first = min((r[1] for r in reviews), default=T - self.between(30, 600))
            events.append((_S.CANDIDATE, first, ""))
        elif story in (_S.REGISTERED, _S.TRAINING):
            registered = T - self.between(10, 330)
            age = 18 + int(17 * rand() ** 1.5)
            dob = _years_before(date.fromordinal(registered), age) - timedelta(days=self.between(0, 364))
            events.append((_S.CANDIDATE, registered - self.between(20, 300), ""))
            events.append((_S.REGISTERED, registered, ""))
            if story is _S.TRAINING:
                events.append((_S.TRAINING, min(T, registered + self.between(10, 90)), ""))
        elif story is _S.WITHDRAWN:
            registered = self.date_in(date(2019, 1, 1).toordinal(), T - 60)
            age = 18 + int(20 * rand() ** 1.5)
            dob = _years_before(date.fromordinal(registered), age) - timedelta(days=self.between(0, 364))
            events.append((_S.CANDIDATE, registered - self.between(20, 300), ""))
            events.append((_S.REGISTERED, registered, ""))
            step = registered
            if rand() < 0.5:
                step = min(T, registered + self.between(10, 90))
                events.append((_S.TRAINING, step, ""))
            notes = self.pick(_WITHDRAW_NOTES)
            events.append((_S.WITHDRAWN, min(T, step + self.between(15, 200)), notes))
        else:
            d = self.make_departure(story)
            age = 18 + int(20 * rand() ** 1.8)
            earlier: _Departure | None = None
            if story in (_S.WORKING_ABROAD, _S.DEPARTED) and d.offer is not None and rand() < 0.1:
                earlier = self.earlier_departure(d.departed)
                if earlier is not None:
                    age += (d.departed - earlier.departed) // 365 + 1
            dob = _years_before(date.fromordinal(d.departed), age) - timedelta(days=self.between(0, 364))
            if earlier is not None:
                abroad(earlier)
                events.append((_S.RETURNED, earlier.returned or T, ""))
                abroad(d, first=False)
            else:
                abroad(d)
            if story is _S.ABSCONDED:
                events.append((_S.ABSCONDED, d.status_abroad_on or T, ""))
            elif story is _S.MISSING:
                missing_on = min(T, d.departed + self.between(120, 900))
                d.notes = f"Mất liên lạc với gia đình và doanh nghiệp từ {date.fromordinal(missing_on):%d/%m/%Y}"
                events.append((_S.MISSING, missing_on, d.notes))
            elif story is _S.RETURNED:
                if d.status_abroad is StatusAbroad.ABSCONDED and d.status_abroad_on is not None:
                    events.append((_S.ABSCONDED, d.status_abroad_on, ""))
                events.append((_S.RETURNED, d.returned or T, ""))
            elif story is _S.DIED:
                if d.reason is ReturnReason.DEATH_MISSING:
                    died = (d.returned or T) - self.between(7, 30)
                    events.append((_S.DIED, max(died, d.departed + 1), d.return_note))
                else:
                    events.append((_S.RETURNED, d.returned or T, ""))
                    died = min(T, (d.returned or T) + self.between(60, 1500))
                    events.append((_S.DIED, died, "Mất tại địa phương do bệnh"))
            first_registered = min(o for s, o, _ in events if s is _S.REGISTERED)
            year = date.fromordinal(first_registered).year
            if year >= 2019:
                reviews.append(
                    (
                        year,
                        min(first_registered, self.review_date(year)),
                        ReviewClassification.WANTS_TO_GO,
                        True,
                        departures[0].offer.market if departures[0].offer else None,
                    )
                )
            if story is _S.RETURNED and rand() < 0.3 and self.today.year not in {r[0] for r in reviews}:
                back = d.returned or T
                if date.fromordinal(back).year < self.today.year:
                    reviews.append(
                        (
                            self.today.year,
                            self.review_date(self.today.year),
                            self.choose([ReviewClassification.WANTS_TO_GO, ReviewClassification.NOT_NOW], [40, 100]),
                            rand() < 0.5,
                            "JP" if rand() < 0.5 else "KR",
                        )
                    )

        # Events in order, never after today, never before birth + 15 years.
        floor = _years_before(dob, -15).toordinal()
        events = [(s, min(T, max(o, floor)), n) for s, o, n in events]
        events.sort(key=lambda e: e[1])
        if events[-1][0] is not story:  # same-day events: the story's own status comes last
            terminal = next((e for e in reversed(events) if e[0] is story), None)
            if terminal is None:  # its own day is today, left out above (work abroad began today)
                events.append((story, T, ""))
            else:
                events.remove(terminal)
                events.append((story, events[-1][1], terminal[2]))
        first_seen = events[0][1]
        last = events[-1]
        keys = self.keys.get(full_name)
        if keys is None:
            keys = self.keys[full_name] = person_keys(full_name)
        precision = DatePrecision.YEAR if story is _S.CANDIDATE and rand() < 0.02 else DatePrecision.DAY
        if precision is DatePrecision.YEAR:
            dob = date(dob.year, 1, 1)
        cccd = self.new_cccd(gender, dob) if (story is not _S.CANDIDATE or rand() < 0.97) else None
        issued = None
        if cccd:
            lo = max(date(2021, 1, 15).toordinal(), _years_before(dob, -14).toordinal())
            issued = self.day(self.between(lo, T) if lo < T else T)
        offer = departures[-1].offer if departures else None
        education = self.choose(self.education, self.education_cum)
        outreach = self.choose(self.outreach, self.outreach_cum)
        if outreach is OutreachGroup.DEMOBILISED:
            if gender is Gender.MALE:
                policy.append(PolicyGroup.DEMOBILISED)
            else:
                outreach = OutreachGroup.OTHER
        if departures:
            language = offer.language if offer else ""
        elif story is _S.TRAINING:
            language = self.pick(("Đang học tiếng Nhật", "Đang học tiếng Hàn", "Đang học tiếng Trung"))
        else:
            language = ""
        passport = None
        if departures or (story is _S.TRAINING and rand() < 0.5):
            passport = (
                "P" if last[1] >= date(2022, 7, 1).toordinal() else "C"
            ) + f"{self.between(1_000_000, 9_999_999)}"
        person_row = {
            **keys,
            "gender": gender,
            "date_of_birth": self.day(dob.toordinal()),
            "birth_precision": precision,
            "id_number": cccd,
            "id_kind": IdKind.CCCD if cccd else None,
            "id_issued_on": issued,
            "passport_number": passport,
            "phone": self.new_phone() if rand() < 0.9 else None,
            "hamlet": hamlet,
            "commune_id": commune.unit.id,
            "address": f"{hamlet}, {commune.address_tail}",
            "ethnicity": ethnicity,
            "education": education,
            "trade_skill": self.pick(_SKILLS) if rand() < 0.45 else "",
            "foreign_language": language,
            "outreach_group": outreach,
            "worker_code": None,
            "status": last[0],
            "status_since": self.day(last[1]),
            "consent_on": self.day(first_seen) if rand() < 0.85 else None,
            "notes": notes,
        }
        # legal basis (Law 91/2025/QH15): the consent, when the person consented (no extra draw)
        person_row["legal_basis"] = "consent" if person_row["consent_on"] is not None else None
        person_row["legal_basis_date"] = person_row["consent_on"]
        person_row["legal_basis_note"] = ""
        person_id = self.record("person", unit_code, first_seen, last[1], **person_row)
        self.name_rows.append((person_id, keys["name_key"], keys["sort_key"]))
        for group in dict.fromkeys(policy):
            self.add("person_policy_group", {"person_id": person_id, "group": group})
        for status, ordinal, note in events:
            self.record(
                "status_event",
                unit_code,
                ordinal,
                person_id=person_id,
                status=status,
                happened_on=self.day(ordinal),
                note=note,
            )
        seen_years: set[int] = set()
        for year, reviewed, klass, counselled, market in reviews:
            if year in seen_years:
                continue
            seen_years.add(year)
            reviewed = min(reviewed, T)
            self.record(
                "yearly_review",
                unit_code,
                reviewed,
                person_id=person_id,
                year=year,
                reviewed_on=self.day(reviewed),
                classification=klass,
                outreach_group=outreach,
                wished_market_code=market if klass is ReviewClassification.WANTS_TO_GO else None,
                counselled=counselled,
                notes="",
            )
        # Outreach sessions attended before registering (or up to today).
        if commune.sessions and rand() < 0.45:
            until = next((o for s, o, _ in events if s is _S.REGISTERED), T)
            lo = bisect.bisect_left(commune.sessions, first_seen - 400)
            hi = bisect.bisect_right(commune.sessions, until)
            if hi > lo:
                chosen = {lo + int(rand() * (hi - lo)) for _ in range(1 if rand() < 0.7 else 2)}
                for index in sorted(chosen):
                    session_id = commune.session_ids[index]
                    self.add("outreach_attendance", {"session_id": session_id, "person_id": person_id})
                    self.session_attendance[session_id] += 1
        home_since = None
        for d in departures:
            self.write_departure(person_id, unit_code, d, policy, commune)
            if d.returned is not None:
                home_since = d.returned
        if departures and departures[-1].returned is None:
            home_since = None
        return {
            "id": person_id,
            "name": keys["full_name"],
            "dob": dob,
            "age": (self.T - dob.toordinal()) // 365,
            "gender": gender,
            "first": first_seen,
            "departed": [d.departed for d in departures],
            "home_since": home_since,
        }

    def review_date(self, year: int) -> int:
        o = date(year, 2, 1).toordinal() + self.between(0, 280)
        return min(o, self.T)

    def pick_offer(self) -> _Offer:
        return _OFFERS[bisect.bisect(_OFFER_CUM, self.rand() * _OFFER_CUM[-1])]

    def make_departure(self, story: PersonStatus) -> _Departure:
        rand = self.rand
        T = self.T
        start = _BUSINESS_START.toordinal()
        illegal = rand() < 0.03 and story in (_S.WORKING_ABROAD, _S.ABSCONDED, _S.RETURNED)
        if illegal:
            offer = None
            months = None
        else:
            offer = self.pick_offer()
            months = self.pick(offer.months)
        span = int((months or 24) * 30.44)

        if story is _S.DEPARTED:
            departed = T - self.between(1, 55)
        elif story in (_S.WORKING_ABROAD, _S.MISSING):
            lo = max(start, T - span + (20 if rand() < 0.93 else -200))
            departed = self.date_in(lo, T - 60, avoid_covid=True)
        elif story is _S.ABSCONDED:
            departed = self.date_in(start, T - 150, recent=0.9, avoid_covid=True)
        else:  # RETURNED, DIED
            departed = self.date_in(start, T - 100, recent=0.9, avoid_covid=True)
        end = expected_end_date(date.fromordinal(departed), months).toordinal() if months else None
        d = _Departure(offer, departed, months, end, working=departed + self.between(20, 60))
        if illegal:
            d.notes = self.pick(("Xuất cảnh trái phép qua đường mòn biên giới", "Đi du lịch rồi ở lại làm việc"))
        if offer is not None and rand() < 0.07 and story is _S.WORKING_ABROAD:
            d.status_abroad = StatusAbroad.CHANGED_EMPLOYER
            d.status_abroad_on = min(T, departed + self.between(120, 700))

        if story is _S.ABSCONDED:
            d.status_abroad = StatusAbroad.ABSCONDED
            d.status_abroad_on = min(T - 1, self.between(d.working + 1, min(end or T, T)))
        elif story in (_S.RETURNED, _S.DIED):
            if story is _S.DIED and rand() < 0.5:
                d.returned = self.between(d.working + 40, min(T, end or T))
                d.timing, d.reason = ReturnTiming.EARLY, ReturnReason.DEATH_MISSING
                d.return_note = self.pick(("Tai nạn lao động", "Đột quỵ", "Tai nạn giao thông"))
            elif illegal:
                d.status_abroad, d.status_abroad_on = StatusAbroad.ABSCONDED, departed
                d.returned = self.between(departed + 30, T - 1)
                d.timing, d.reason = ReturnTiming.EARLY, ReturnReason.DEPORTED
            else:
                assert end is not None
                r = rand()
                if r < 0.68 and end + 20 < T:
                    d.returned = end + self.between(-10, 20)
                elif r < 0.76 and end + 200 < T:
                    d.returned, d.timing = end + self.between(30, 180), ReturnTiming.LATE
                    d.return_note = "Gia hạn hợp đồng"
                else:
                    d.returned = self.between(departed + 45, min(end - 20, T - 1))
                    d.timing = ReturnTiming.EARLY
                    d.reason = self.choose(*self.early_reasons)
                    if d.reason is ReturnReason.DEPORTED and d.returned < d.working + 30:
                        d.reason = ReturnReason.CONTRACT_BREACH
                    if d.reason is ReturnReason.EMPLOYER_CLOSED and rand() < 0.4:
                        d.return_note = "Ảnh hưởng dịch COVID-19, xí nghiệp tạm dừng"
                    else:
                        d.return_note = _EARLY_NOTES[d.reason]
                    if d.reason is ReturnReason.DEPORTED:
                        d.status_abroad = StatusAbroad.ABSCONDED
                        d.status_abroad_on = self.between(d.working + 1, d.returned - 1)
                d.returned = min(d.returned, T - 1)
                if d.status_abroad_on is not None and d.status_abroad_on >= d.returned:
                    d.status_abroad_on = d.returned - 1
        return d

    def earlier_departure(self, second: int) -> _Departure | None:
        """A first, finished departure before *second* (the person went abroad again)."""
        offer = self.pick_offer()
        months = min(offer.months)
        latest_return = second - self.between(320, 600)
        departed = latest_return - int(months * 30.44) - self.between(0, 20)
        if departed < _BUSINESS_START.toordinal():
            return None
        end = expected_end_date(date.fromordinal(departed), months).toordinal()
        d = _Departure(
            offer,
            departed,
            months,
            end,
            returned=min(end + self.between(-5, 10), latest_return),
            working=departed + self.between(20, 60),
        )
        d.abroad_again = second
        return d

    def write_departure(
        self, person_id: int, unit_code: str, d: _Departure, policy: list[PolicyGroup], commune: _Commune
    ) -> None:
        rand = self.rand
        offer = d.offer
        year = date.fromordinal(d.departed).year
        key = (commune.unit.id, year)
        self.departures_by_year[key] = self.departures_by_year.get(key, 0) + 1
        changed = max(o for o in (d.departed, d.status_abroad_on, d.returned) if o is not None)
        if offer is None:
            departure_id = self.record(
                "departure",
                unit_code,
                d.departed,
                changed,
                person_id=person_id,
                form=DepartureForm.DIRECT_CONTRACT,
                programme=Programme.OTHER,
                market_code=self.pick(("CN", "CN", "CN", "TW", "KR", "MY")),
                company_id=None,
                occupation="Lao động tự do",
                employer="",
                contract_months=None,
                departed_on=self.day(d.departed),
                expected_end_on=None,
                orientation_cert_on=None,
                monthly_salary=None,
                deposit=None,
                cost_paid=None,
                is_legal=False,
                status_abroad=d.status_abroad,
                status_abroad_on=self.day(d.status_abroad_on),
                notes=d.notes,
            )
        else:
            if offer.companies == "public":
                company = self.public_company
            else:
                company = self.pick(self.companies.get(offer.companies) or self.companies["general"])
            deposit = None
            if offer.deposit is not None and rand() < offer.deposit[0]:
                deposit = self.between(offer.deposit[1], offer.deposit[2]) * 1_000_000
                if offer.market == "TW" and rand() < 0.02:
                    deposit = 15_000_000  # above the cap: the form warns
            cert = d.departed - (self.between(740, 800) if rand() < 0.02 else self.between(20, 150))
            departure_id = self.record(
                "departure",
                unit_code,
                d.departed,
                changed,
                person_id=person_id,
                form=offer.form,
                programme=offer.programme,
                market_code=offer.market,
                company_id=company,
                occupation=self.pick(offer.occupations),
                employer=f"{self.pick(offer.employers)} ({self.pick(offer.places)})",
                contract_months=d.months,
                departed_on=self.day(d.departed),
                expected_end_on=self.day(d.end),
                orientation_cert_on=self.day(cert),
                monthly_salary=self.money(*offer.salary),
                deposit=deposit,
                cost_paid=self.money(*offer.cost, step=1_000_000),
                is_legal=True,
                status_abroad=d.status_abroad,
                status_abroad_on=self.day(d.status_abroad_on),
                notes=d.notes,
            )
            poor = any(g in (PolicyGroup.POOR, PolicyGroup.NEAR_POOR) for g in policy)
            if rand() < (0.7 if poor else 0.3):
                self.loan(unit_code, departure_id, d)
            if any(g in _SUPPORT_POLICY for g in policy):
                kinds = list(_SUPPORT_AMOUNTS)
                for kind in sorted(self.rng.sample(kinds, self.between(2, 5)), key=kinds.index):
                    received = d.departed - self.between(10, 120)
                    self.record(
                        "departure_support",
                        unit_code,
                        received,
                        departure_id=departure_id,
                        kind=kind,
                        amount=self.money(_SUPPORT_AMOUNTS[kind][0] / 1e6, _SUPPORT_AMOUNTS[kind][1] / 1e6, 50_000),
                        received_on=self.day(received),
                    )
        if d.returned is not None:
            self.write_return(unit_code, departure_id, d)

    def loan(self, unit_code: str, departure_id: int, d: _Departure) -> None:
        rand = self.rand
        T = self.T
        r = rand()
        source = LoanSource.NHCSXH if r < 0.85 else LoanSource.EMPLOYMENT_FUND if r < 0.95 else LoanSource.OTHER
        disbursed = d.departed - self.between(5, 45)
        age_days = T - disbursed
        repaid_on = None
        if d.status_abroad is StatusAbroad.ABSCONDED and rand() < 0.5:
            status = RepaymentStatus.OVERDUE
        elif age_days > 3 * 365 or (d.returned is not None and rand() < 0.6):
            status = RepaymentStatus.REPAID
            repaid_on = min(T, disbursed + self.between(540, 1100))
        elif age_days > 365:
            status = RepaymentStatus.REPAYING
        else:
            status = RepaymentStatus.OUTSTANDING
        self.record(
            "loan",
            unit_code,
            disbursed,
            repaid_on,
            departure_id=departure_id,
            source=source,
            amount=self.money(30, 150, 5_000_000),
            disbursed_on=self.day(disbursed),
            repayment_status=status,
            repaid_on=self.day(repaid_on),
        )

    def write_return(self, unit_code: str, departure_id: int, d: _Departure) -> None:
        rand = self.rand
        T = self.T
        returned = d.returned
        assert returned is not None
        notified_on = None
        r = rand()
        if d.reason is not ReturnReason.DEATH_MISSING:
            if r < 0.8:
                notified_on = returned + self.between(1, 15)
            elif r < 0.85:
                notified_on = returned + self.between(16, 40)
        if notified_on is not None and notified_on > T:
            notified_on = None
        return_id = self.record(
            "worker_return",
            unit_code,
            returned,
            notified_on,
            departure_id=departure_id,
            returned_on=self.day(returned),
            timing=d.timing,
            reason=d.reason,
            residence_notified=notified_on is not None,
            residence_notified_on=self.day(notified_on),
            notes=d.return_note,
        )
        if d.reason is ReturnReason.DEATH_MISSING:
            return
        follow = returned + self.between(30, 90)
        limit = T if d.abroad_again is None else d.abroad_again - 90
        plan: list[tuple[int, EmploymentAfterReturn]] = []
        while follow <= limit and len(plan) < 3:
            r = rand()
            plan.append(
                (
                    follow,
                    EmploymentAfterReturn.EMPLOYED
                    if r < 0.38
                    else EmploymentAfterReturn.SELF_EMPLOYED
                    if r < 0.68
                    else EmploymentAfterReturn.STARTED_BUSINESS
                    if r < 0.76
                    else EmploymentAfterReturn.JOBLESS,
                )
            )
            follow += self.between(120, 260)
        if d.abroad_again is not None:
            plan.append((max(returned + 1, d.abroad_again - self.between(10, 60)), EmploymentAfterReturn.ABROAD_AGAIN))
        for follow, employment in plan:
            income = {
                EmploymentAfterReturn.EMPLOYED: (7, 12),
                EmploymentAfterReturn.SELF_EMPLOYED: (5, 15),
                EmploymentAfterReturn.STARTED_BUSINESS: (10, 30),
            }.get(employment)
            follow_id = self.record(
                "return_follow_up",
                unit_code,
                follow,
                return_id=return_id,
                followed_on=self.day(follow),
                employment=employment,
                monthly_income=self.money(*income) if income else None,
                notes="",
            )
            needs: list[SupportNeed] = []
            if employment is EmploymentAfterReturn.JOBLESS:
                needs = [SupportNeed.JOB_REFERRAL] + ([SupportNeed.VOCATIONAL_TRAINING] if rand() < 0.4 else [])
            elif employment is EmploymentAfterReturn.STARTED_BUSINESS:
                needs = [SupportNeed.START_UP] + ([SupportNeed.LOAN] if rand() < 0.6 else [])
            elif employment is EmploymentAfterReturn.SELF_EMPLOYED and rand() < 0.3:
                needs = [SupportNeed.LOAN]
            if rand() < 0.04:
                needs.append(SupportNeed.COUNSELLING)
            for need in needs:
                self.add("follow_up_support_need", {"follow_up_id": follow_id, "need": need})

    # ---- targets and totals

    def finish(self) -> None:
        this_year = self.today.year
        day_of_year = self.today.timetuple().tm_yday
        district_totals: dict[int, int] = {}
        for commune in self.communes:
            for year in range(2021, this_year + 1):
                actual = self.departures_by_year.get((commune.unit.id, year), 0)
                if year == this_year:
                    actual = round(actual * 365 / max(day_of_year, 1))
                target = max(1, round(actual * (0.8 + self.rand() * 0.45))) if actual else self.between(1, 3)
                district_totals[year] = district_totals.get(year, 0) + target
                made = date(year, 1, 10).toordinal() + self.between(0, 40)
                self.record("target", commune.unit.code, made, unit_id=commune.unit.id, year=year, departures=target)
        if self.district is not None:
            for year, total in district_totals.items():
                made = date(year, 1, 5).toordinal()
                self.record(
                    "target",
                    self.district.code,
                    made,
                    unit_id=self.district.id,
                    year=year,
                    departures=max(1, round(total * (0.85 + self.rand() * 0.15))),
                )
        # Sessions were written first; their head counts (registered people and others) come last.
        self.flush({sid: count + self.between(5, 40) for sid, count in self.session_attendance.items()})


def get_province(unit: UnitInfo) -> UnitInfo | None:
    """A stand-in :class:`UnitInfo` for the province of *unit* (for address lines)."""
    if not unit.province_name:
        return None
    kind = "Thành phố" if unit.province_name.startswith("Thành phố") else "Tỉnh"
    return UnitInfo(
        0,
        unit.province_code or "",
        unit.province_name,
        UnitLevel.PROVINCE,
        kind,
        unit.legacy,
        None,
        unit.province_code,
        unit.province_name,
    )


# Tables in the order their rows can be inserted (foreign keys point backwards).
_TABLES: tuple[sa.Table, ...] = tuple(
    model.__table__  # type: ignore[attr-defined,union-attr]
    for model in (
        PlacementCompany,
        FamilyClub,
        ClubMeeting,
        OutreachSession,
        Person,
        PersonPolicyGroup,
        StatusEvent,
        YearlyReview,
        OutreachAttendance,
        Household,
        HouseholdMember,
        ClubMembership,
        ClubMeetingAttendance,
        FamilyVisit,
        Departure,
        Loan,
        DepartureSupport,
        WorkerReturn,
        ReturnFollowUp,
        FollowUpSupportNeed,
        Target,
    )
)


# --------------------------------------------------------------------------- entry point


def _demo_communes(engine: Engine, commune_code: str | None) -> tuple[list[_Commune], UnitInfo | None, str]:
    """The communes to fill, the district above them (if any) and the CCCD province code."""
    from .reference import list_communes, predecessors_of

    if commune_code is None:
        legacy = [u for u in list_communes(engine, "87", legacy=True) if u.code in _TAN_HONG_WEIGHTS]
        if not legacy:
            raise DemoDataError(
                "Chưa có danh mục đơn vị hành chính của huyện Tân Hồng cũ; hãy khởi tạo lại cơ sở dữ liệu."
            )
        district = get_unit(engine, legacy[0].parent_id) if legacy[0].parent_id else None
        communes = [
            _Commune(u, _TAN_HONG_HAMLETS[u.code], _TAN_HONG_WEIGHTS[u.code], _address_tail(u))
            for u in sorted(legacy, key=lambda u: -_TAN_HONG_WEIGHTS[u.code])
        ]
        return communes, district, "087"
    found = find_commune(engine, commune_code)
    exact = [u for u in found if u.code == str(commune_code).strip().zfill(5)]
    if not exact:
        raise DemoDataError(f"Không tìm thấy xã, phường có mã {commune_code}.")
    unit = exact[0]  # a current commune before a former one with the same code
    if unit.legacy:
        cccd_province = (unit.province_code or "87").zfill(3)
    else:
        olds = predecessors_of(engine, unit, default_only=True)
        codes = [o.province_code for o in olds if o.province_code]
        cccd_province = (max(set(codes), key=codes.count) if codes else unit.province_code or "87").zfill(3)
    southern = int(unit.province_code or "0") >= 48
    word = "Ấp" if southern else "Thôn"
    hamlets = tuple(f"{word} {i}" for i in range(1, 7))
    if unit.legacy and unit.code in _TAN_HONG_HAMLETS:
        hamlets = _TAN_HONG_HAMLETS[unit.code]
    district = get_unit(engine, unit.parent_id) if unit.legacy and unit.parent_id else None
    return [_Commune(unit, hamlets, 1, _address_tail(unit))], district, cccd_province


def _address_tail(unit: UnitInfo) -> str:
    parts = [_lower_type(unit)]
    if unit.district_name:
        kind = next((k for k in ("Thành phố", "Thị xã", "Huyện", "Quận") if unit.district_name.startswith(k)), "")
        parts.append(f"{kind.lower()}{unit.district_name[len(kind) :]}" if kind else unit.district_name)
    province = get_province(unit)
    if province is not None:
        parts.append(_lower_type(province))
    return ", ".join(parts)


def _index_names(conn: Connection, writers: dict[str, _BulkWriter], names: list[tuple[int, str, str]]) -> None:
    """Fill the people search index for new people (``store.search`` owns its tokens and rules).

    On SQLite the token rows go through :class:`_BulkWriter` like everything else; elsewhere
    :func:`~xkld_desktop.store.search.index_names` writes them.
    """
    table = PersonNameToken.__table__  # type: ignore[attr-defined]
    writer = writers.get(table.name)
    if writer is None:
        writer = writers[table.name] = _BulkWriter(conn, table)
    if not writer.fast:
        index_names(conn, names)
        return
    rows = [
        {"token": token, "person_id": person_id, "sort_key": sort_key}
        for person_id, name_key, sort_key in names
        for token in name_tokens(name_key)
    ]
    if rows:
        writer.write(conn, rows)


def _write_batch(conn: Connection, writers: dict[str, _BulkWriter], batch: _Batch) -> None:
    for table in _TABLES:
        rows = batch.rows.get(table.name)
        if rows:
            writer = writers.get(table.name)
            if writer is None:
                writer = writers[table.name] = _BulkWriter(conn, table)
            writer.write(conn, rows)
        if table.name == "person" and batch.names:
            _index_names(conn, writers, batch.names)
    if batch.session_counts:
        sessions = OutreachSession.__table__  # type: ignore[attr-defined]
        conn.execute(
            sa.update(sessions)
            .where(sessions.c.id == sa.bindparam("b_id"))
            .values(attendance_count=sa.bindparam("b_count")),
            [{"b_id": sid, "b_count": count} for sid, count in batch.session_counts.items()],
        )


def _run_pipeline(
    conn: Connection,
    make: Callable[[Callable[[_Batch], None]], None],
    progress: Callable[[int, int], None] | None,
    people: int,
) -> None:
    """Run *make*, writing each batch it emits before it makes the next.

    (Making the rows in a second thread does not pay: the two threads fight over Python's lock
    at every row SQLite writes, and the whole takes longer.)
    """
    writers: dict[str, _BulkWriter] = {}

    def write(batch: _Batch) -> None:
        _write_batch(conn, writers, batch)
        if progress is not None and batch.made:
            progress(batch.made, people)

    make(write)


def _count_people(conn: Connection) -> int:
    table = Person.__table__  # type: ignore[attr-defined]
    return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0)


def _refusal(count: int) -> DemoDataError:
    return DemoDataError(
        f"Cơ sở dữ liệu này đã có {group_digits(count)} người lao động. "
        "Chỉ tạo dữ liệu mẫu trong một cơ sở dữ liệu trống, để không lẫn với hồ sơ thật — "
        "hãy chọn một tệp mới (ví dụ: xkld-desktop --db sqlite:///du-lieu-mau.db demo)."
    )


def check_today(today: date) -> None:
    """Refuse (:class:`DemoDataError`) a *today* before :data:`EARLIEST_TODAY`: the demo's stories
    (departures, returns, absconding …) start with the district plan of 2016."""
    if today < EARLIEST_TODAY:
        raise DemoDataError(
            f"Dữ liệu mẫu mô phỏng kế hoạch đưa người đi làm việc ở nước ngoài từ năm {_BUSINESS_START.year}: "
            f"ngày được coi là hôm nay ({today:%d/%m/%Y}) phải từ {EARLIEST_TODAY:%d/%m/%Y} trở đi."
        )


def generate_demo(
    engine: Engine,
    *,
    people: int = 500,
    seed: int = 1,
    commune_code: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    today: date | None = None,
) -> DemoSummary:
    """Fill an empty database with *people* demo people and everything around them.

    Deterministic for a given *seed* and *today* (``date.today()`` when not given). Refuses
    with :class:`DemoDataError` (a Vietnamese message) when the database already has people.
    *progress* is called with (people made, people wanted) after each chunk.
    """
    from .access import Permission, require

    require(engine, Permission.SETTINGS_MANAGE)
    if people < 1:
        raise DemoDataError("Số người cần tạo phải lớn hơn 0.")
    started = time.perf_counter()
    today = today or date.today()
    check_today(today)
    try:
        seed_reference_data(engine)
        with engine.connect() as conn:
            existing = _count_people(conn)
        if existing:
            raise _refusal(existing)
        communes, district, cccd_province = _demo_communes(engine, commune_code)
        rng = random.Random(seed)
        with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
            existing = _count_people(conn)  # another program may have written meanwhile
            if existing:
                raise _refusal(existing)
            start_ids = {
                table.name: int(conn.execute(sa.select(sa.func.max(table.c.id))).scalar() or 0)
                for table in _TABLES
                if "id" in table.c
            }
            generator = _Generator(
                rng, today, communes, district, cccd_province, start_ids, lambda batch: None, as_text=_stores_text(conn)
            )

            def make(emit: Callable[[_Batch], None]) -> None:
                generator.emit = emit
                generator.run(people)

            with (
                bulk_load(
                    conn, [table.name for table in _TABLES] + [PersonNameToken.__tablename__], cache_kib=_CACHE_KIB
                ),
                no_cyclic_gc(),
            ):
                _run_pipeline(conn, make, progress, people)
            record_event(
                conn,
                username="",
                action="demo",
                detail={"text": f"Tạo dữ liệu mẫu: {people} người, seed {seed}, ngày {today:%d/%m/%Y}"},
            )
    except StoreError:
        raise
    except Exception as error:
        env = classify(error)
        if env is not None:
            raise env from error
        raise
    return DemoSummary(
        counts=dict(generator.counts),
        seconds=time.perf_counter() - started,
        seed=seed,
        today=today,
        communes=[c.unit.name for c in communes],
    )
