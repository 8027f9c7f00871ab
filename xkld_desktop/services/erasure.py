"""Xóa dữ liệu theo yêu cầu — erasing one person's personal data on their request.

The right to erasure of Law 91/2025/QH15 on personal data protection (with Decree
356/2025/NĐ-CP): when a person asks, an administrator (:attr:`~.access.Permission.DATA_ERASE`)
erases them with :func:`erase_person`, after typing the person's name (or "XÓA") to confirm.
Nothing goes to the bin: it cannot be undone. In one transaction:

* **Deleted from the database**: the person's record with its search-index words and policy
  groups, status timeline, yearly reviews, outreach attendance, departures with their loans,
  supports, returns and follow-ups, and their row as a household member (name, birth date).
* **Cleared where others' records name them**: a household they head keeps its other members,
  but its head becomes "[đã xóa theo yêu cầu]" (the officer picks a new head) and its phone, if it
  is theirs, is cleared; a club they lead loses the leader's name and phone; in every other text
  of the database (notes, visit reports, meeting notes…) their name (with or without marks, in
  any case, also as a file name's slug "truong-thi-khanh-huyen"), CCCD, passport and phone (also
  in groups: "0912 345 678") are replaced by "[đã xóa]" (:class:`_Matcher` says what is found).
  A name of two words or more is replaced whatever its length ("Lê Na"); a one-word name only
  from :data:`_MIN_LENGTH` characters on (a given name alone is an everyday word as well). Other
  people's own names are never touched, even when the same.
* **Audit trail**: the entries about the deleted records, and any other entry whose fields name
  them, keep who did what and when but lose the field values (:func:`~.audit.redact`: the v2
  chain hashes a digest of them, so ``audit verify`` still passes and still finds a raw edit).
  Entries of the older v1 chain (hashed as text, written by earlier versions) lose the values
  too; the erasure's entry lists each with the digest of what is left
  (:func:`~.audit.content_digest`), which ``audit verify`` accepts only while it still matches.
  One entry records the erasure — table ``person``, the record's uuid and the number of records
  removed per table, no name. An entry's ``detail`` is hashed by the chain as it is and is not
  rewritten: no entry puts the person's identifiers there (the record sheet's entry leaves its
  file name out); one written by an earlier version that did keeps it there, but loses it from
  its search text.

Statistics: departures are deleted, not anonymised. ``departure.person_id`` is required, so
keeping them would need a placeholder person that every list and count would have to skip; the
law does not ask for it, and reports already sent keep their figures on paper. A report made
again afterwards counts one departure fewer — the simplest lawful choice. Where the law requires
the commune to keep the data (the basis recorded is a legal obligation), the administrator weighs
that before confirming: :func:`erasure_preview` shows the basis.

Outside this database: the automatic backups made before the erasure still hold the data until
they expire (``backup`` keeps them 30 days). On SQLite the erasure runs with ``secure_delete`` and
checkpoints the write-ahead log afterwards, so that freed pages do not keep the text.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..domain.enums import LegalBasis
from ..domain.models import (
    AuditEvent,
    Departure,
    FamilyClub,
    Household,
    HouseholdMember,
    Person,
    StatusEvent,
    WorkerReturn,
    metadata,
    utcnow,
)
from ..domain.text import digits_only, fold
from ..domain.validation import format_date
from ..store.session import read_session, write_session
from . import access, audit
from .database import checkpoint
from .errors import NotFound, Refused
from .recycle_bin import hard_delete

log = logging.getLogger(__name__)

ERASURE_ACTION = audit.ERASURE_ACTION
ERASED_TEXT = "Xóa dữ liệu cá nhân theo yêu cầu của chủ thể dữ liệu (Luật 91/2025/QH15)"
REPLACEMENT = "[đã xóa]"
ERASED_HEAD = "[đã xóa theo yêu cầu]"
CONFIRM_WORDS = ("XÓA", "XOA")
WRONG_CONFIRMATION = "Chưa xác nhận đúng: hãy gõ đúng họ tên của người này hoặc chữ XÓA."
GONE = "Không tìm thấy hồ sơ này — có thể đã bị xóa hẳn."
#: numbers, and names of a single word, shorter than this are not searched for in free text (too
#: many false matches: "Na" is a word too); a name of two words or more is, whatever its length
_MIN_LENGTH = 6
#: tables whose texts are not scanned: reference data, the search index, accounts, the audit trail
_SKIP_TABLES = frozenset(
    {"administrative_unit", "unit_succession", "market", "person_name_token", "user_account", "audit_event"}
)
#: columns holding other people's identity or keys, never rewritten by the scan
_SKIP_COLUMNS = frozenset(
    {
        ("person", "full_name"),
        ("person", "name_key"),
        ("person", "sort_key"),
        ("person", "phone"),
        ("household_member", "full_name"),
        ("household", "head_name"),
        ("household", "head_name_key"),
        ("family_club", "leader_name"),
    }
)
_KEY_COLUMNS = frozenset({"uuid", "unit_code"})
_AUDIT = AuditEvent.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ErasurePreview:
    """What the confirmation shows before erasing (the name is what the user types back)."""

    person_id: int
    full_name: str
    date_of_birth: date | None
    birth_text: str  # "02/04/1996", or "1996" when only the year is known; "" when unknown
    in_bin: bool
    legal_basis: LegalBasis | None
    legal_basis_date: date | None
    departures: int
    returns: int
    status_events: int
    household_member: bool
    heads_households: int
    leads_clubs: int


@dataclass(frozen=True)
class ErasureResult:
    """What :func:`erase_person` removed: records per table, texts cleared, audit entries redacted."""

    removed: dict[str, int]
    texts_cleared: int
    audit_redacted: int


# --------------------------------------------------------------------------- preview


def erasure_preview(engine: Engine, person_id: int) -> ErasurePreview:
    """The facts the confirmation names (administrator)."""
    access.require(engine, access.Permission.DATA_ERASE)
    with read_session(engine) as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(GONE)

        def count(model: Any, *where: Any) -> int:
            return int(session.scalar(sa.select(sa.func.count()).select_from(model).where(*where)) or 0)

        departures = sa.select(Departure.id).where(Departure.person_id == person_id)
        return ErasurePreview(
            person_id=person_id,
            full_name=person.full_name,
            date_of_birth=person.date_of_birth,
            birth_text=format_date(person.date_of_birth, person.birth_precision) if person.date_of_birth else "",
            in_bin=person.deleted_at is not None,
            legal_basis=person.legal_basis,
            legal_basis_date=person.legal_basis_date,
            departures=count(Departure, Departure.person_id == person_id),
            returns=count(WorkerReturn, WorkerReturn.departure_id.in_(departures)),  # type: ignore[attr-defined]
            status_events=count(StatusEvent, StatusEvent.person_id == person_id),
            household_member=count(HouseholdMember, HouseholdMember.person_id == person_id) > 0,
            heads_households=count(Household, Household.head_person_id == person_id),
            leads_clubs=count(FamilyClub, FamilyClub.leader_person_id == person_id),
        )


def confirmation_ok(full_name: str, typed: str) -> bool:
    """True when *typed* is the person's name (marks and case aside) or the word "XÓA"."""
    text = unicodedata.normalize("NFC", typed or "").strip()
    if text.upper() in CONFIRM_WORDS:
        return True
    return bool(text) and " ".join(fold(text).split()) == " ".join(fold(full_name).split())


# --------------------------------------------------------------------------- text matching


class _FoldChar(dict[int, str]):
    """``str.translate`` table: a character → itself lower case without its marks (đ → d).

    Unlike :func:`~..domain.text.fold` it keeps whitespace as it is, so that a text folded with it
    lines up with the original; a character whose fold is not one character (a combining mark
    gives "") is noted in :attr:`irregular`, and texts holding one are lined up by offsets.
    """

    def __init__(self) -> None:
        super().__init__()
        self.irregular: set[str] = set()

    def __missing__(self, code: int) -> str:
        char = chr(code)
        decomposed = unicodedata.normalize("NFD", char.translate(_D_TABLE))
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
        if len(plain) != 1:
            self.irregular.add(char)
        self[code] = plain
        return plain


_D_TABLE = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
_FOLD_CHAR = _FoldChar()


def _fold_aligned(text: str) -> tuple[str, list[int] | None]:
    """*text* lower case without marks, and where each of its characters comes from.

    The offsets are ``None`` when character *i* of the result comes from character *i* of *text*
    (the usual case: NFC text); otherwise entry *i* is the offset in *text* of character *i*.
    Whitespace is kept as it is (:func:`~..domain.text.fold` makes runs one space, and its
    result no longer lines up with the text).
    """
    folded = text.translate(_FOLD_CHAR)
    if len(folded) == len(text) and _FOLD_CHAR.irregular.isdisjoint(text):
        return folded, None
    offsets: list[int] = []
    for index, char in enumerate(text):
        offsets.extend([index] * len(_FOLD_CHAR[ord(char)]))
    return folded, offsets


def _original_span(text: str, offsets: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """The span of *text* that gave ``folded[start:end]`` (with the marks that follow its last letter)."""
    if offsets is None:
        return start, end
    first, last = offsets[start], offsets[end - 1] + 1
    while last < len(text) and _FOLD_CHAR[ord(text[last])] == "":
        last += 1
    return first, last


def _like_escaped(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


#: not preceded / followed by a letter or digit (an underscore or hyphen may join a name to a word)
_BEFORE = r"(?<![^\W_])"
_AFTER = r"(?![^\W_])"
#: between the words of a name: spaces and line breaks, or one hyphen, underscore or dot
#: ("phieu-thong-tin-nguyen-van-an.pdf", "nguyen_van_an", "nguyen.van.an@…")
_NAME_GAP = r"(?:\s+|[-_.])"
#: between the digits of a number: nothing, or one space, dot or hyphen ("0912 345 678", "0912.345.678")
_DIGIT_GAP = r"[ .\-]?"
#: a number as stored: digits, maybe in groups
_NUMBER = re.compile(r"\d[\d .\-]*")
#: the groups a phone number is commonly written in, by its count of digits (the +84 form without its 0):
#: "0912 345 678" and "+84 912 345 678" hold ``912_345_678``, "091 234 5678" holds ``091_234_5678``
_PHONE_GROUPS: dict[int, tuple[tuple[int, ...], ...]] = {9: ((3, 3, 3),), 10: ((3, 3, 4),)}


def _grouped(digits: str, sizes: tuple[int, ...]) -> str:
    """*digits* in groups of *sizes*, ``_`` (any one character) between them: a ``LIKE`` pattern."""
    groups, start = [], 0
    for size in sizes:
        groups.append(digits[start : start + size])
        start += size
    return "_".join(groups)


class _Matcher:
    """Finds and replaces one person's identifiers in a text.

    * The name, when it has two words or more (whatever its length: "Lê Na"), or is one word of
      at least :data:`_MIN_LENGTH` characters (a given name alone, "Na", is an everyday word and
      stays): with or without marks, in any case, its words apart by spaces or line breaks or
      joined by a hyphen, underscore or dot (the slug of a file name: "phieu-nguyen-van-an.pdf").
      Compared on the text folded character by character (:func:`_fold_aligned`), so that what
      is found is replaced in the text as written.
    * CCCD and phone (digits): also written in groups ("0912 345 678", "0912.345.678"), the phone
      also as "+84 912 345 678". The passport number in any case. Numbers shorter than
      :data:`_MIN_LENGTH` are not searched for.
    """

    def __init__(self, name: str, *, numbers: Iterable[str] = (), codes: Iterable[str] = (), phone: str = "") -> None:
        name = " ".join(unicodedata.normalize("NFC", name or "").split())
        words = fold(name).split()
        self.name = name if len(words) >= 2 or len(name) >= _MIN_LENGTH else ""
        self.name_pattern = (
            re.compile(_BEFORE + _NAME_GAP.join(re.escape(w) for w in words) + _AFTER) if self.name else None
        )
        numbers = [n.strip() for n in numbers]
        codes = [*(c.strip() for c in codes), *(n for n in numbers if not _NUMBER.fullmatch(n))]  # "B1234567"
        self.codes = [c for c in dict.fromkeys(codes) if len(c) >= _MIN_LENGTH]
        digits = (digits_only(n) for n in numbers if _NUMBER.fullmatch(n))
        self.numbers = [n for n in dict.fromkeys(digits) if len(n) >= _MIN_LENGTH]
        phone_digits = digits_only(phone)
        if phone.strip().startswith("+84") and len(phone_digits) > 2:
            phone_digits = "0" + phone_digits[2:]
        self.phone = phone_digits if len(phone_digits) >= _MIN_LENGTH else ""
        alternatives = [re.escape(c) for c in self.codes]
        alternatives += [_DIGIT_GAP.join(n) for n in self.numbers]
        if self.phone.startswith("0"):  # 0912…, +84 912…, (+84) 912…
            alternatives.append(r"(?:0|\(?\+\s?84\)?[ .\-]?)" + _DIGIT_GAP.join(self.phone[1:]))
        elif self.phone:
            alternatives.append(_DIGIT_GAP.join(self.phone))
        alternatives.sort(key=len, reverse=True)
        self.pattern = (
            re.compile(_BEFORE + "(?:" + "|".join(alternatives) + ")" + _AFTER, re.IGNORECASE) if alternatives else None
        )

    def like_terms(self, *, json_escaped: bool = False) -> list[str]:
        """``LIKE`` patterns (escaped with ``\\``, without the enclosing ``%``) a SQL prefilter looks
        for; every text :meth:`replace` changes holds one of them, except a name split by two spaces or
        more, or stored without marks and written with them, and a CCCD written in groups.

        SQL's case folding is ASCII-only on SQLite (and on PostgreSQL with the C locale), so the
        name is looked for with ``_`` (any one character) for each letter that is not plain ASCII
        and for each gap between words: "Trương Thị Khánh Huyền" → ``tr__ng_th__kh_nh_huy_n``,
        which also finds "TRƯƠNG THỊ KHÁNH HUYỀN", "truong thi khanh huyen" and the slug
        "truong-thi-khanh-huyen". The phone is looked for also in its usual groups. Each term
        costs a pass over every text of the database, hence so few. *json_escaped* adds the
        identifiers as JSON with ``\\u`` escapes writes them (for the audit trail's field values).
        """
        terms: list[str] = []
        if self.name:
            terms.append(
                "".join("_" if ch.isspace() or not ch.isascii() else _like_escaped(ch.lower()) for ch in self.name)
            )
        terms += [_like_escaped(code) for code in self.codes]
        terms += self.numbers
        if self.phone.startswith("0"):  # "912345678" is in "0912345678" and in "+84912345678"
            national = self.phone[1:]
            terms.append(national)
            terms += [_grouped(national, sizes) for sizes in _PHONE_GROUPS.get(len(national), ())]
            terms += [_grouped(self.phone, sizes) for sizes in _PHONE_GROUPS.get(len(self.phone), ())]
        elif self.phone:
            terms.append(self.phone)
        if json_escaped:
            for text in [self.name, *self.codes]:
                escaped = json.dumps(text)[1:-1]
                if text and escaped != text:
                    terms.append(_like_escaped(escaped))
        return list(dict.fromkeys(terms))

    def replace(self, text: str) -> str:
        """*text* with every identifier replaced by :data:`REPLACEMENT`."""
        if self.pattern is not None:
            text = self.pattern.sub(REPLACEMENT, text)
        if self.name_pattern is not None:
            folded, offsets = _fold_aligned(text)
            spans = [m.span() for m in self.name_pattern.finditer(folded)]
            for start, end in reversed(spans):
                first, last = _original_span(text, offsets, start, end)
                text = text[:first] + REPLACEMENT + text[last:]
        return text

    def found_in(self, text: str | None) -> bool:
        """True when *text* (or, for JSON text, any string in it) names the person."""
        if not text:
            return False
        if self.replace(text) != text:
            return True
        try:
            data = json.loads(text)
        except ValueError:
            return False
        return any(self.replace(value) != value for value in _strings(data))


def _strings(data: Any) -> Iterable[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, Mapping):
        for key, value in data.items():
            yield str(key)
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def _prefilter(column: Any, terms: list[str], dialect: str = "sqlite") -> Any:
    """*column* matches one of the ``LIKE`` patterns *terms* (:meth:`_Matcher.like_terms`) somewhere,
    ASCII case aside (SQLite's LIKE is so already; ILIKE elsewhere)."""
    if dialect == "sqlite":  # lower() on every row would cost twice the scan
        return sa.or_(*(column.like(f"%{t}%", escape="\\") for t in terms))
    return sa.or_(*(column.ilike(f"%{t}%", escape="\\") for t in terms))


def is_text(column: sa.Column[Any]) -> bool:
    """True for a column of free text (SQLModel's AutoString included, enums excluded)."""
    kind = column.type
    if isinstance(kind, sa.types.TypeDecorator):
        kind = kind.impl_instance
    return isinstance(kind, sa.String) and not isinstance(kind, sa.Enum)


def _text_columns(table: sa.Table) -> list[sa.Column[Any]]:
    return [
        c
        for c in table.columns
        if is_text(c) and c.name not in _KEY_COLUMNS and (table.name, c.name) not in _SKIP_COLUMNS
    ]


def _scrub_texts(conn: Connection, matcher: _Matcher) -> int:
    """Replace the person's identifiers in every free text of the database; returns texts changed.

    One scan per table (every text column and term in one condition), then Python on the few
    rows found.
    """
    terms = matcher.like_terms()
    if not terms:
        return 0
    changed = 0
    for table in metadata.sorted_tables:
        columns = _text_columns(table)
        if table.name in _SKIP_TABLES or not columns:
            continue
        pk = list(table.primary_key.columns)
        query = sa.select(*pk, *columns).where(
            sa.or_(*(_prefilter(column, terms, conn.dialect.name) for column in columns))
        )
        for row in conn.execute(query).all():
            values: dict[str, Any] = {}
            for offset, column in enumerate(columns, len(pk)):
                old = row[offset]
                new = matcher.replace(old) if old else old
                if new != old:
                    values[column.name] = new
            if not values:
                continue
            changed += len(values)
            if "version" in table.c:
                values["version"] = table.c.version + 1
            where = sa.and_(*(c == row[i] for i, c in enumerate(pk)))
            conn.execute(sa.update(table).where(where).values(**values))
    return changed


# --------------------------------------------------------------------------- audit trail


def _redacted(text: str) -> str:
    """The v2 stand-in for a before/after text: its digest only (what the chain hashed)."""
    return json.dumps({audit.REDACTED_KEY: hashlib.sha256(text.encode("utf-8")).hexdigest()})


def _redact_audit(
    conn: Connection, erased: list[tuple[str, str]], matcher: _Matcher
) -> tuple[int, dict[str, str], int]:
    """Redact the audit entries about the erased records and those naming the person.

    v2 entries keep the digest of what they lose (the chain hashed it). Old v1 entries (hashed
    as text) lose their before/after values, and the erasure's own entry lists them with
    :func:`~.audit.content_digest` of what is left, which ``audit verify`` then accepts.
    Returns (entries redacted, ``{v1 entry id: digest}``, unchained entries left as they were).
    """
    by_table: dict[str, list[str]] = {}
    for table, uuid in erased:
        by_table.setdefault(table, []).append(uuid)
    done = sum(audit.redact(conn, table=table, record_uuids=uuids) for table, uuids in by_table.items())
    old: dict[str, str] = {}
    legacy = 0

    def redact_v1(row: Any) -> None:
        values = {"before_json": None, "after_json": None}
        conn.execute(sa.update(_AUDIT).where(_AUDIT.c.id == row.id).values(**audit.rewritten(row._mapping, values)))
        old[str(row.id)] = audit.content_digest({**row._mapping, **values})

    for table, uuids in by_table.items():
        for start in range(0, len(uuids), 500):
            query = sa.select(_AUDIT).where(
                _AUDIT.c.table_name == table,
                _AUDIT.c.record_uuid.in_(uuids[start : start + 500]),
                sa.or_(_AUDIT.c.before_json.is_not(None), _AUDIT.c.after_json.is_not(None)),
            )
            for row in conn.execute(query).all():
                version = _chain_version(row.detail)
                if version == 1:
                    redact_v1(row)
                    done += 1
                elif version == 0:
                    legacy += 1
    terms = matcher.like_terms()
    if terms:
        fields = matcher.like_terms(json_escaped=True)
        query = sa.select(_AUDIT).where(
            sa.or_(
                _prefilter(_AUDIT.c.before_json, fields, conn.dialect.name),
                _prefilter(_AUDIT.c.after_json, fields, conn.dialect.name),
            )
        )
        for row in conn.execute(query).all():
            values: dict[str, str] = {}
            for name in ("before_json", "after_json"):
                text = getattr(row, name)
                if text and not text.startswith('{"' + audit.REDACTED_KEY) and matcher.found_in(text):
                    values[name] = _redacted(text)
            if not values:
                continue
            version = _chain_version(row.detail)
            if version == 2:
                conn.execute(
                    sa.update(_AUDIT).where(_AUDIT.c.id == row.id).values(**audit.rewritten(row._mapping, values))
                )
            elif version == 1:
                redact_v1(row)
            else:
                legacy += 1
                continue
            done += 1
        # the log's search text also holds the names of records (a visit's household, by its head):
        # the entries of records kept that still name the person there get it made again (no name)
        # (an entry's detail is hashed by the chain as it is and stays: entries written before the
        # record sheet's file name was left out of them keep it there, but not in their search text)
        query = sa.select(_AUDIT).where(_prefilter(_AUDIT.c.search_text, terms, conn.dialect.name))
        for row in conn.execute(query).all():
            if matcher.found_in(row.search_text):
                values = audit.rewritten(row._mapping, {})
                values["search_text"] = matcher.replace(values["search_text"] or "")
                conn.execute(sa.update(_AUDIT).where(_AUDIT.c.id == row.id).values(**values))
    return done, old, legacy


def _chain_version(detail: str | None) -> int:
    try:
        data = json.loads(detail or "")
    except ValueError:
        return 0
    chain = data.get("chain") if isinstance(data, dict) else None
    return int(chain.get("v", 1)) if isinstance(chain, Mapping) else 0


# --------------------------------------------------------------------------- erasing


def _clear_links(conn: Connection, person: Any) -> dict[str, int]:
    """Households they head and clubs they lead lose the person's name and phone."""
    pid = person.id
    household = Household.__table__  # type: ignore[attr-defined]
    club = FamilyClub.__table__  # type: ignore[attr-defined]
    heads = conn.execute(
        sa.update(household)
        .where(household.c.head_person_id == pid)
        .values(
            head_name=ERASED_HEAD,
            head_name_key=fold(ERASED_HEAD),
            head_person_id=None,
            version=household.c.version + 1,
            updated_at=utcnow(),
        )
    ).rowcount
    if person.phone:
        conn.execute(
            sa.update(household)
            .where(household.c.phone == person.phone)
            .values(phone=None, version=household.c.version + 1)
        )
        conn.execute(
            sa.update(club)
            .where(club.c.leader_phone == person.phone)
            .values(leader_phone=None, version=club.c.version + 1)
        )
    leads = conn.execute(
        sa.update(club)
        .where(club.c.leader_person_id == pid)
        .values(leader_name="", leader_person_id=None, version=club.c.version + 1, updated_at=utcnow())
    ).rowcount
    return {"household_head": int(heads or 0), "club_leader": int(leads or 0)}


def erase_person(engine: Engine, *, person_id: int, confirmation: str) -> ErasureResult:
    """Erase person *person_id* for good (see the module docstring); administrator only.

    *confirmation* is what the user typed: the person's name or "XÓA"; anything else is refused
    and nothing is written. A person in the bin can be erased too.
    """
    actor = access.require(engine, access.Permission.DATA_ERASE)
    person_table = Person.__table__  # type: ignore[attr-defined]
    with write_session(engine) as session:
        conn = session.connection()
        person = conn.execute(sa.select(person_table).where(person_table.c.id == person_id)).first()
        if person is None:
            raise NotFound(GONE)
        if not confirmation_ok(person.full_name, confirmation):
            raise Refused(WRONG_CONFIRMATION)
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.exec_driver_sql("PRAGMA secure_delete=ON")
        matcher = _Matcher(
            person.full_name,
            numbers=[person.id_number or ""],
            codes=[person.passport_number or ""],
            phone=person.phone or "",
        )
        erased: list[tuple[str, str]] = []
        member = HouseholdMember.__table__  # type: ignore[attr-defined]
        member_ids = list(conn.scalars(sa.select(member.c.id).where(member.c.person_id == person_id)))
        hard_delete(conn, member, member_ids, done=erased)
        links = _clear_links(conn, person)
        hard_delete(conn, person_table, [person_id], done=erased)
        cleared = _scrub_texts(conn, matcher)
        redacted, old_entries, legacy = _redact_audit(conn, erased, matcher)
        if legacy:
            log.warning("Erasure: %d unchained audit entries name the person and were left as they are", legacy)
        removed: dict[str, int] = {}
        for table, _uuid in erased:
            removed[table] = removed.get(table, 0) + 1
        audit.record_event(
            conn,
            username=actor.username if actor is not None else access.username_of(engine),
            action=ERASURE_ACTION,
            table="person",
            record_uuid=person.uuid,
            detail={
                "text": ERASED_TEXT,
                "removed": removed,
                "texts_cleared": cleared,
                "audit_redacted": redacted,
                audit.REDACTED_V1_KEY: old_entries,
                **links,
            },
        )
        if sqlite:
            conn.exec_driver_sql("PRAGMA secure_delete=OFF")
    checkpoint(engine, "TRUNCATE")  # (another reader holding the log: logged, the log reset later)
    return ErasureResult(removed=removed, texts_cleared=cleared, audit_redacted=redacted)


__all__ = [
    "CONFIRM_WORDS",
    "ERASURE_ACTION",
    "ErasurePreview",
    "ErasureResult",
    "confirmation_ok",
    "erase_person",
    "erasure_preview",
]
