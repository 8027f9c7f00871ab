"""Enumerations of the domain, each member with its Vietnamese and English label.

Members are stored in the database by their ``value`` (short lower-case ASCII, stable across
versions and databases); ``label("vi")`` / ``label("en")`` give what the user reads. Reports and
the command line use these labels directly, so they do not depend on Qt's translator.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Self


class LabeledEnum(StrEnum):
    """A string enum whose members carry a Vietnamese and an English label."""

    vi: str
    en: str

    def __new__(cls, value: str, vi: str = "", en: str = "") -> Self:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.vi = vi or value
        obj.en = en or value
        return obj

    def label(self, lang: str = "vi") -> str:
        """The member's label in *lang* ("vi" or "en"); Vietnamese by default."""
        return self.en if lang.startswith("en") else self.vi

    @classmethod
    def choices(cls, lang: str = "vi") -> list[tuple[str, str]]:
        """``(value, label)`` pairs in declaration order, for combo boxes and filters."""
        return [(m.value, m.label(lang)) for m in cls]

    @classmethod
    def parse(cls, value: Any) -> Self | None:
        """The member for a stored value or a label in either language (case- and mark-blind)."""
        if value is None or value == "":
            return None
        if isinstance(value, cls):
            return value
        from .text import fold

        key = fold(str(value))
        for member in cls:
            if key in (member.value, fold(member.vi), fold(member.en)):
                return member
        return None


class Gender(LabeledEnum):
    """Giới tính."""

    MALE = "male", "Nam", "Male"
    FEMALE = "female", "Nữ", "Female"


class IdKind(LabeledEnum):
    """Loại giấy tờ tùy thân — CCCD (12 digits) or the old CMND (9 digits)."""

    CCCD = "cccd", "CCCD", "Citizen ID (CCCD)"
    CMND = "cmnd", "CMND (cũ)", "Old ID card (CMND)"


class DatePrecision(LabeledEnum):
    """How much of a date is known: some old lists give only the year of birth."""

    DAY = "day", "Ngày/tháng/năm", "Full date"
    YEAR = "year", "Chỉ năm", "Year only"


class PersonStatus(LabeledEnum):
    """Trạng thái — where a worker is in the lifecycle."""

    CANDIDATE = "candidate", "Trong diện rà soát", "Candidate"
    REGISTERED = "registered", "Đã đăng ký", "Registered"
    TRAINING = "training", "Đang đào tạo", "In training"
    DEPARTED = "departed", "Đã xuất cảnh", "Departed"
    WORKING_ABROAD = "working_abroad", "Đang làm việc ở nước ngoài", "Working abroad"
    RETURNED = "returned", "Đã về nước", "Returned"
    ABSCONDED = "absconded", "Bỏ trốn, cư trú bất hợp pháp", "Absconded / overstaying"
    DIED = "died", "Đã chết", "Died"
    MISSING = "missing", "Mất tích", "Missing"
    WITHDRAWN = "withdrawn", "Rút hồ sơ", "Withdrawn"


class EducationLevel(LabeledEnum):
    """Trình độ học vấn / chuyên môn."""

    NONE = "none", "Chưa qua đào tạo", "No schooling"
    PRIMARY = "primary", "Tiểu học", "Primary school"
    LOWER_SECONDARY = "lower_secondary", "Trung học cơ sở", "Lower secondary"
    UPPER_SECONDARY = "upper_secondary", "Trung học phổ thông", "Upper secondary"
    VOCATIONAL = "vocational", "Trung cấp, sơ cấp nghề", "Vocational"
    COLLEGE = "college", "Cao đẳng", "College"
    UNIVERSITY = "university", "Đại học", "University"
    POSTGRADUATE = "postgraduate", "Sau đại học", "Postgraduate"


class PolicyGroup(LabeledEnum):
    """Đối tượng chính sách — a person may belong to several."""

    POOR = "poor", "Hộ nghèo", "Poor household"
    NEAR_POOR = "near_poor", "Hộ cận nghèo", "Near-poor household"
    NEWLY_OUT_OF_POVERTY = "newly_out_of_poverty", "Hộ mới thoát nghèo", "Newly out of poverty"
    ETHNIC_MINORITY = "ethnic_minority", "Dân tộc thiểu số", "Ethnic minority"
    LOST_FARMLAND = "lost_farmland", "Bị thu hồi đất nông nghiệp", "Lost farmland"
    MERIT_RELATIVE = "merit_relative", "Thân nhân người có công", "Relative of a person with merit"
    DEMOBILISED = "demobilised", "Bộ đội, công an xuất ngũ", "Demobilised soldier or police"


class OutreachGroup(LabeledEnum):
    """Nhóm vận động — the classification of working-age people the plans ask for."""

    DEMOBILISED = "demobilised", "Bộ đội, công an xuất ngũ", "Demobilised soldier or police"
    SCHOOL_LEAVER = "school_leaver", "Tốt nghiệp THPT không học tiếp", "School leaver"
    UNEMPLOYED_GRADUATE = "unemployed_graduate", "Sinh viên ra trường chưa có việc", "Unemployed graduate"
    SKILLED = "skilled", "Lao động có tay nghề", "Skilled worker"
    OTHER = "other", "Khác", "Other"


class PovertyStatus(LabeledEnum):
    """Tình trạng hộ."""

    NONE = "none", "Không thuộc diện nghèo", "Not poor"
    POOR = "poor", "Hộ nghèo", "Poor"
    NEAR_POOR = "near_poor", "Hộ cận nghèo", "Near-poor"
    NEWLY_OUT = "newly_out", "Hộ mới thoát nghèo", "Newly out of poverty"


class Relationship(LabeledEnum):
    """Quan hệ với chủ hộ."""

    HEAD = "head", "Chủ hộ", "Head of household"
    SPOUSE = "spouse", "Vợ/chồng", "Spouse"
    CHILD = "child", "Con", "Child"
    PARENT = "parent", "Cha/mẹ", "Parent"
    SIBLING = "sibling", "Anh/chị/em", "Sibling"
    GRANDCHILD = "grandchild", "Cháu", "Grandchild"
    CHILD_IN_LAW = "child_in_law", "Con dâu/con rể", "Child-in-law"
    OTHER = "other", "Khác", "Other"


class ReviewClassification(LabeledEnum):
    """Phân loại khi rà soát hằng năm."""

    WANTS_TO_GO = "wants_to_go", "Có nhu cầu đi", "Wants to go"
    NOT_NOW = "not_now", "Chưa có nhu cầu", "Not now"
    NOT_ELIGIBLE = "not_eligible", "Không đủ điều kiện", "Not eligible"


class DepartureForm(LabeledEnum):
    """Hình thức đi làm việc ở nước ngoài (Luật 69/2020/QH14, Điều 5)."""

    PUBLIC_SERVICE_UNIT = "public_service_unit", "Qua đơn vị sự nghiệp công", "Through a public service unit"
    LICENSED_COMPANY = "licensed_company", "Qua doanh nghiệp dịch vụ", "Through a licensed company"
    CONTRACT_OR_INVESTMENT = (
        "contract_or_investment",
        "Qua doanh nghiệp trúng thầu, đầu tư ra nước ngoài",
        "Through a company that won a contract or invests abroad",
    )
    INTERNSHIP = "internship", "Thực tập nâng cao tay nghề", "Skills internship through a company"
    DIRECT_CONTRACT = "direct_contract", "Hợp đồng trực tiếp với chủ sử dụng", "Direct contract with the employer"


class Programme(LabeledEnum):
    """Chương trình."""

    JP_TECHNICAL_INTERN = "jp_tits", "Thực tập sinh kỹ năng (Nhật Bản)", "Technical intern (Japan)"
    JP_SPECIFIED_SKILLED = "jp_ssw", "Kỹ năng đặc định (Nhật Bản)", "Specified skilled worker (Japan)"
    KR_EPS = "kr_eps", "EPS (Hàn Quốc)", "EPS (Korea)"
    SEASONAL = "seasonal", "Lao động thời vụ", "Seasonal work"
    TAIWAN = "taiwan", "Đài Loan", "Taiwan"
    LOCAL_COOPERATION = "local_cooperation", "Hợp tác địa phương", "Local cooperation"
    OTHER = "other", "Khác", "Other"


class MarketRegion(LabeledEnum):
    """Nhóm thị trường (Thông tư 21/2021/TT-BLĐTBXH)."""

    JAPAN = "japan", "Nhật Bản", "Japan"
    TAIWAN = "taiwan", "Đài Loan", "Taiwan"
    KOREA = "korea", "Hàn Quốc", "Korea"
    WEST_ASIA_AFRICA = "west_asia_africa", "Tây Á và châu Phi", "West Asia and Africa"
    EUROPE_OCEANIA = "europe_oceania", "Châu Âu và châu Đại Dương", "Europe and Oceania"
    AMERICAS = "americas", "Châu Mỹ", "The Americas"
    CHINA_SEA = "china_sea", "Trung Quốc và Đông Nam Á", "China and South-East Asia"
    SEAFARERS = "seafarers", "Thuyền viên", "Seafarers"


class StatusAbroad(LabeledEnum):
    """Tình trạng ở nước ngoài."""

    WORKING = "working", "Đang làm việc", "Working"
    CHANGED_EMPLOYER = "changed_employer", "Chuyển chủ sử dụng", "Changed employer"
    ABSCONDED = "absconded", "Bỏ trốn, cư trú bất hợp pháp", "Absconded / overstaying"


class LoanSource(LabeledEnum):
    """Nguồn vay."""

    NHCSXH = "nhcsxh", "Ngân hàng Chính sách xã hội", "Social Policy Bank"
    EMPLOYMENT_FUND = "employment_fund", "Quỹ quốc gia về việc làm", "National Employment Fund"
    OTHER = "other", "Nguồn khác", "Other"


class RepaymentStatus(LabeledEnum):
    """Tình trạng trả nợ."""

    OUTSTANDING = "outstanding", "Chưa trả", "Outstanding"
    REPAYING = "repaying", "Đang trả", "Repaying"
    REPAID = "repaid", "Đã trả hết", "Repaid"
    OVERDUE = "overdue", "Quá hạn", "Overdue"


class SupportKind(LabeledEnum):
    """Khoản hỗ trợ khi đi."""

    TRAINING = "training", "Đào tạo nghề", "Vocational training"
    LANGUAGE = "language", "Học ngoại ngữ", "Language course"
    ORIENTATION = "orientation", "Bồi dưỡng kiến thức cần thiết", "Orientation course"
    HEALTH_CHECK = "health_check", "Khám sức khỏe", "Health check"
    PASSPORT = "passport", "Hộ chiếu", "Passport"
    VISA = "visa", "Thị thực", "Visa"
    CRIMINAL_RECORD = "criminal_record", "Lý lịch tư pháp", "Criminal-record certificate"
    LIVING_ALLOWANCE = "living_allowance", "Tiền ăn, ở, đi lại", "Living allowance"
    OTHER = "other", "Khác", "Other"


class ReturnTiming(LabeledEnum):
    """Về nước đúng hạn, trước hạn hay sau hạn."""

    ON_TIME = "on_time", "Đúng hạn", "On time"
    EARLY = "early", "Trước hạn", "Early"
    LATE = "late", "Sau hạn", "Late"


class ReturnReason(LabeledEnum):
    """Lý do về nước (Luật 69/2020/QH14, Điều 67, và các trường hợp khác)."""

    CONTRACT_ENDED = "contract_ended", "Hết hạn hợp đồng", "Contract ended"
    EARLY_ILLNESS = "illness_accident", "Tai nạn, ốm đau", "Accident or illness"
    EMPLOYER_CLOSED = (
        "employer_closed",
        "Chủ sử dụng phá sản, chiến tranh, thiên tai",
        "Employer closed, war or disaster",
    )
    ABUSE = "abuse", "Người lao động chấm dứt hợp đồng do bị ngược đãi", "Ended by the worker for abuse"
    DEATH_MISSING = "death_missing", "Chết, mất tích", "Death or missing"
    CONTRACT_BREACH = "contract_breach", "Vi phạm hợp đồng", "Contract breach"
    DEPORTED = "deported", "Bị trục xuất", "Deported"
    OTHER = "other", "Khác", "Other"


class EmploymentAfterReturn(LabeledEnum):
    """Việc làm sau khi về nước."""

    EMPLOYED = "employed", "Làm công ăn lương trong nước", "Employed at home"
    SELF_EMPLOYED = "self_employed", "Tự làm", "Self-employed"
    STARTED_BUSINESS = "started_business", "Khởi nghiệp, lập doanh nghiệp", "Started a business"
    ABROAD_AGAIN = "abroad_again", "Tiếp tục đi nước ngoài", "Went abroad again"
    JOBLESS = "jobless", "Chưa có việc làm", "Jobless"


class SupportNeed(LabeledEnum):
    """Nhu cầu hỗ trợ sau khi về nước (Luật 69/2020/QH14, Điều 60–61)."""

    JOB_REFERRAL = "job_referral", "Giới thiệu việc làm", "Job referral"
    START_UP = "start_up", "Hỗ trợ khởi nghiệp", "Start-up support"
    VOCATIONAL_TRAINING = "vocational_training", "Đào tạo nghề", "Vocational training"
    LOAN = "loan", "Vay vốn", "Loan"
    COUNSELLING = "counselling", "Tư vấn, hỗ trợ tâm lý", "Counselling"


class UnitLevel(LabeledEnum):
    """Cấp hành chính."""

    PROVINCE = "province", "Tỉnh/thành phố", "Province"
    DISTRICT = "district", "Huyện/quận (trước 2025)", "District (before 2025)"
    COMMUNE = "commune", "Xã/phường/thị trấn", "Commune"


class LegalBasis(LabeledEnum):
    """Căn cứ xử lý dữ liệu cá nhân — why the commune may keep a person's data (Law 91/2025/QH15).

    ``None`` on a record means nobody recorded it yet ("chưa ghi").
    """

    CONSENT = "consent", "Đồng ý của chủ thể dữ liệu", "Consent of the data subject"
    LEGAL_OBLIGATION = (
        "legal_obligation",
        "Thực hiện nghĩa vụ theo luật (Luật 69/2020/QH14)",
        "Legal obligation (Law 69/2020/QH14)",
    )
    PUBLIC_INTEREST = "public_interest", "Nhiệm vụ vì lợi ích công cộng", "Task in the public interest"


class Role(LabeledEnum):
    """Vai trò người dùng."""

    ADMIN = "admin", "Quản trị", "Administrator"
    OFFICER = "officer", "Cán bộ", "Officer"
    CLUB_LEADER = "club_leader", "Trưởng CLB", "Club leader"
    VIEWER = "viewer", "Chỉ xem", "Viewer"


ALL_ENUMS: tuple[type[LabeledEnum], ...] = (
    Gender,
    IdKind,
    DatePrecision,
    PersonStatus,
    EducationLevel,
    PolicyGroup,
    OutreachGroup,
    PovertyStatus,
    Relationship,
    ReviewClassification,
    DepartureForm,
    Programme,
    MarketRegion,
    StatusAbroad,
    LoanSource,
    RepaymentStatus,
    SupportKind,
    ReturnTiming,
    ReturnReason,
    EmploymentAfterReturn,
    SupportNeed,
    UnitLevel,
    Role,
    LegalBasis,
)
