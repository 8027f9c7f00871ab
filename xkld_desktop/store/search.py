"""The people search index and the queries that use it.

``person_name_token`` holds one row per word of each person's folded name, with a copy of the
person's ``sort_key``. It is kept up to date by ORM hooks for ordinary saves and by
:func:`index_names` for bulk inserts (the demo generator and the importer call it for the rows
they insert through Core).

Finding people from words (:func:`name_match_ids`), every query word being a *prefix* of some
word of the name, in any order:
1. for each query word the index tells, cheaply and capped, how many names have such a word;
2. the rarest word drives. With few candidates they are filtered on the other words and sorted;
3. with many, the words are counted further and the rarest one's index entries, when there are
   at most :data:`SORT_CAP` of them, are sorted by their ``sort_key`` copy and filtered on the
   other words — a few milliseconds ("tri": tri, trinh, triet…; "thi hoa" by "hoa");
4. when every word is more common still, a word matching a single token ("thi", "nguyen", but
   not "tran", which also starts "trang") has that token's index entries walked already in name
   order (index ``token, sort_key, person_id``) until the page is full — common words match
   densely, so the page fills at once;
5. a very short, very common prefix ("ng") walks the people in name order through the
   ``sort_key`` index instead: such words match densely, so the page fills at once.
Each path is an index range scan plus at most a page of work, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, event, func, insert, inspect, or_, select
from sqlalchemy.engine import Connection

from ..domain.models import Person, PersonNameToken
from ..domain.text import fold

TOKEN_MAX = 40
#: a word with at most this many matching names drives the search from the index
DRIVER_CAP = 3000
#: a common word with at most this many entries has them sorted (a few ms) rather than walked
SORT_CAP = 15000
_INSERT_CHUNK = 5000
_TOKENS = PersonNameToken.__table__  # type: ignore[attr-defined]


def name_tokens(name_key: str) -> list[str]:
    """The distinct words of a folded name, as stored in the index."""
    seen: dict[str, None] = {}
    for word in name_key.split(" "):
        if word:
            seen.setdefault(word[:TOKEN_MAX], None)
    return list(seen)


def _upper_bound(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def prefix_range(column: Any, prefix: str) -> ColumnElement[bool]:
    """``column`` starts with *prefix*, written as a range an index can serve on any database."""
    return and_(column >= prefix, column < _upper_bound(prefix))


def index_names(conn: Connection, rows: Iterable[tuple[int, str, str]], *, replace: bool = False) -> int:
    """Index ``(person_id, name_key, sort_key)`` rows; with *replace*, drop their old tokens first."""
    batch: list[dict[str, Any]] = []
    ids: list[int] = []
    count = 0

    def flush() -> None:
        nonlocal batch, ids
        if replace and ids:
            conn.execute(delete(_TOKENS).where(_TOKENS.c.person_id.in_(ids)))
        if batch:
            conn.execute(insert(_TOKENS), batch)
        batch, ids = [], []

    for person_id, name_key, sort_key in rows:
        ids.append(person_id)
        for token in name_tokens(name_key):
            batch.append({"token": token, "person_id": person_id, "sort_key": sort_key})
            count += 1
        if len(batch) >= _INSERT_CHUNK:
            flush()
    flush()
    return count


def reindex_all(conn: Connection) -> int:
    """Rebuild the whole index from ``person`` (after a bulk load, or to repair it)."""
    conn.execute(delete(_TOKENS))
    rows = conn.execute(select(Person.id, Person.name_key, Person.sort_key)).all()
    return index_names(conn, ((r[0], r[1], r[2]) for r in rows))


def _capped_count(conn: Connection, word: str, cap: int) -> int:
    inner = select(_TOKENS.c.person_id).where(prefix_range(_TOKENS.c.token, word)).limit(cap + 1).subquery()
    return conn.scalar(select(func.count()).select_from(inner)) or 0


def _single_token_word(conn: Connection, words: Sequence[str]) -> str | None:
    """The first of *words* whose prefix range holds a single token ("thi", not "tran"+"trang")."""
    for word in words:
        first, last = conn.execute(
            select(func.min(_TOKENS.c.token), func.max(_TOKENS.c.token)).where(prefix_range(_TOKENS.c.token, word))
        ).one()
        if first is not None and first == last:
            return str(first)
    return None


def word_conditions(words: Sequence[str]) -> list[ColumnElement[bool]]:
    """For each word: the folded name has a word starting with it (a LIKE on ``name_key``)."""
    conditions = []
    for word in words:
        pattern = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(
            or_(
                Person.name_key.like(f"{pattern}%", escape="\\"),  # type: ignore[attr-defined]
                Person.name_key.like(f"% {pattern}%", escape="\\"),  # type: ignore[attr-defined]
            )
        )
    return conditions


def name_match_ids(
    conn: Connection,
    query: str,
    where: Sequence[ColumnElement[bool]] = (),
    *,
    limit: int | None = None,
) -> list[int]:
    """Ids of people whose name matches every word of *query*, in name order (see module doc)."""
    words = [w[:TOKEN_MAX] for w in fold(query).split(" ") if w]
    if not words:
        return []
    counts = {w: _capped_count(conn, w, DRIVER_CAP) for w in set(words)}
    driver = min(counts, key=lambda w: (counts[w], -len(w)))
    if counts[driver] == 0:
        return []
    conditions = [*word_conditions(words), *where]
    if counts[driver] <= DRIVER_CAP or limit is None:
        candidates = select(_TOKENS.c.person_id).where(prefix_range(_TOKENS.c.token, driver))
        stmt = (
            select(Person.id)
            .where(Person.id.in_(candidates), *conditions)  # type: ignore[union-attr]
            .order_by(Person.sort_key, Person.id)
        )
    else:
        # Every word is common: count the common ones further and take the rarest.
        wide = {w: _capped_count(conn, w, SORT_CAP) for w in counts}
        driver = min(wide, key=lambda w: (wide[w], -len(w)))
        single = _single_token_word(conn, sorted(counts, key=lambda w: (w != driver, -len(w))))
        if wide[driver] <= SORT_CAP:
            # Sort the driver's index entries by their sort_key copy (a few ms for thousands)
            # rather than walking the table: "tri" (tri, trinh, triet…), "thi hoa" (by "hoa").
            ranked = (
                select(_TOKENS.c.person_id, _TOKENS.c.sort_key)
                .join(Person, Person.id == _TOKENS.c.person_id)
                .where(prefix_range(_TOKENS.c.token, driver), *conditions)
                .distinct()
                .order_by(_TOKENS.c.sort_key, _TOKENS.c.person_id)
                .limit(limit)
            )
            return [row[0] for row in conn.execute(ranked)]
        if single is not None:
            stmt = (
                select(Person.id)
                .join(_TOKENS, _TOKENS.c.person_id == Person.id)
                .where(_TOKENS.c.token == single, *conditions)
                .order_by(_TOKENS.c.sort_key, _TOKENS.c.person_id)
            )
        else:
            stmt = select(Person.id).where(*conditions).order_by(Person.sort_key, Person.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(conn.scalars(stmt))


def number_match_ids(
    conn: Connection,
    digits: str,
    where: Sequence[ColumnElement[bool]] = (),
    *,
    limit: int | None = None,
) -> list[int]:
    """Ids of people whose CCCD or phone starts with *digits*, in name order.

    A selective prefix ("0872034") is answered from the two unique/phone indexes and sorted; a
    very common one ("087", the province code every CCCD of the commune shares) walks the list
    in name order and stops when the page is full, like a common name word.
    """
    capped = 0
    for column in (Person.id_number, Person.phone):
        inner = select(Person.id).where(prefix_range(column, digits)).limit(DRIVER_CAP + 1).subquery()
        capped += conn.scalar(select(func.count()).select_from(inner)) or 0
    if capped == 0:
        return []
    # Written with substr() so that no index serves it: the planner then walks ix_person_sort_key.
    dense = or_(
        func.substr(Person.id_number, 1, len(digits)) == digits, func.substr(Person.phone, 1, len(digits)) == digits
    )
    stmt = select(Person.id).where(dense, *where).order_by(Person.sort_key, Person.id)
    if capped <= DRIVER_CAP:
        found: set[int] = set()
        for column in (Person.id_number, Person.phone):
            found.update(conn.scalars(select(Person.id).where(prefix_range(column, digits))))
        stmt = (
            select(Person.id)
            .where(Person.id.in_(found), *where)  # type: ignore[union-attr]
            .order_by(Person.sort_key, Person.id)
        )
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(conn.scalars(stmt))


def _after_insert(_mapper: Any, conn: Connection, target: Person) -> None:
    assert target.id is not None
    index_names(conn, [(target.id, target.name_key, target.sort_key)])


def _after_update(_mapper: Any, conn: Connection, target: Person) -> None:
    assert target.id is not None
    attrs = inspect(target).attrs
    if attrs.name_key.history.has_changes() or attrs.sort_key.history.has_changes():
        index_names(conn, [(target.id, target.name_key, target.sort_key)], replace=True)


event.listen(Person, "after_insert", _after_insert)
event.listen(Person, "after_update", _after_update)
