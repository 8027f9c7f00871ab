"""Ấp/thôn — the hamlets people and households live in: how many in each, renaming and merging.

A hamlet is the text of ``person.hamlet`` and ``household.hamlet`` (the person form and the
household dialog offer the names already used). When a commune renames or merges hamlets (sáp
nhập ấp, khóm), or one hamlet came to be written two ways ("Ấp 1" and "ấp 1", "Ap Cong Binh"),
:func:`rename_hamlets` writes one name on every record in one transaction. Deleted records are
renamed too, so a restored one does not bring the old name back. The audit log keeps each
record's old name (the automatic entry of an update), and every record's version goes up, so a
form opened before the rename is refused its save rather than writing the old name back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ..domain.models import Household, Person, utcnow
from ..domain.text import clean_text, fold
from ..store.session import read_session, write_session
from .access import Permission, require_unlimited
from .errors import Refused

HAMLET_MAX_LENGTH = 80
_PERSON = Person.__table__  # type: ignore[attr-defined]
_HOUSEHOLD = Household.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class HamletUsage:
    """One hamlet name as written, with the live people and households that have it."""

    name: str
    people: int
    households: int
    #: the other names written with the same letters (case and marks aside): "ấp 1" beside "Ấp 1"
    same_letters: tuple[str, ...] = ()


@dataclass(frozen=True)
class RenameResult:
    """What :func:`rename_hamlets` wrote; ``people`` and ``households`` count the live records (as
    :func:`hamlet_usage` does; deleted ones are renamed too, unsaid); ``before`` (per table: each
    record's id and old name, deleted ones included) lets :func:`undo_rename` put the old names back."""

    people: int
    households: int
    name: str
    before: dict[str, dict[int, str]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def text(self) -> str:
        from ..domain.numbers import group_digits

        return (
            f"Đã ghi “{self.name}” cho {group_digits(self.people)} người lao động "
            f"và {group_digits(self.households)} hộ gia đình."
        )


def hamlet_usage(engine: Engine) -> list[HamletUsage]:
    """Every hamlet name in use, in Vietnamese order, with its live people and households."""
    require_unlimited(engine, Permission.RECORDS_READ)
    counts: dict[str, list[int]] = {}
    with read_session(engine) as session:
        for position, table in enumerate((_PERSON, _HOUSEHOLD)):
            query = (
                sa.select(table.c.hamlet, sa.func.count())
                .where(table.c.hamlet != "", table.c.deleted_at.is_(None))
                .group_by(table.c.hamlet)
            )
            for name, n in session.execute(query):
                counts.setdefault(name, [0, 0])[position] = n
    by_letters: dict[str, list[str]] = {}
    for name in counts:
        by_letters.setdefault(fold(name), []).append(name)
    return [
        HamletUsage(name, people, households, tuple(sorted(n for n in by_letters[fold(name)] if n != name)))
        for name, (people, households) in sorted(counts.items(), key=lambda item: (fold(item[0]), item[0]))
    ]


def rename_hamlets(engine: Engine, names: Sequence[str], to: str) -> RenameResult:
    """Write *to* as the hamlet of every person and household (deleted ones too) now in one of *names*.

    One transaction; nothing is written when *to* is empty or too long (:class:`Refused`).
    """
    require_unlimited(engine, Permission.RECORDS_WRITE)
    new_name = clean_text(to)
    if not new_name:
        raise Refused("Hãy nhập tên ấp/thôn mới.")
    if len(new_name) > HAMLET_MAX_LENGTH:
        raise Refused(f"Tên ấp/thôn quá dài (tối đa {HAMLET_MAX_LENGTH} ký tự).")
    old_names = sorted({n for n in names if n and n != new_name})
    if not old_names:
        return RenameResult(0, 0, new_name)
    now = utcnow()
    before: dict[str, dict[int, str]] = {}
    live: dict[str, int] = {}
    with write_session(engine) as session:  # the audit hook writes each record's entry in it
        for model in (Person, Household):
            table = model.__table__  # type: ignore[attr-defined]
            found = session.execute(
                sa.select(table.c.id, table.c.hamlet, table.c.deleted_at.is_(None)).where(table.c.hamlet.in_(old_names))
            ).all()
            before[table.name] = {record_id: name for record_id, name, _live in found}
            live[table.name] = sum(1 for _id, _name, is_live in found if is_live)
            if before[table.name]:
                session.execute(
                    sa.update(model)
                    .where(model.hamlet.in_(old_names))  # type: ignore[attr-defined]
                    .values(hamlet=new_name, version=model.version + 1, updated_at=now)
                )
    return RenameResult(live["person"], live["household"], new_name, before)


def undo_rename(engine: Engine, result: RenameResult) -> int:
    """Hoàn tác — give the records *result* renamed their old names back; how many got them.

    A record whose hamlet was changed again since keeps it. One transaction, audited as the rename.
    """
    require_unlimited(engine, Permission.RECORDS_WRITE)
    now = utcnow()
    restored = 0
    with write_session(engine) as session:
        for model in (Person, Household):
            table = model.__table__  # type: ignore[attr-defined]
            by_name: dict[str, list[int]] = {}
            for record_id, old_name in result.before.get(table.name, {}).items():
                by_name.setdefault(old_name, []).append(record_id)
            for old_name, ids in by_name.items():
                for start in range(0, len(ids), 500):
                    statement = (
                        sa.update(model)
                        .where(model.id.in_(ids[start : start + 500]), model.hamlet == result.name)  # type: ignore[union-attr]
                        .values(hamlet=old_name, version=model.version + 1, updated_at=now)
                    )
                    restored += session.execute(statement).rowcount or 0  # type: ignore[attr-defined]
    return restored
