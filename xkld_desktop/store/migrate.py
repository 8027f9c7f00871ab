"""Running the Alembic migrations shipped in the wheel (``xkld_desktop.db``).

:func:`migrate` brings a database to the newest schema this version knows:
- a new, empty database is created by the migrations (Alembic owns the schema);
- an older database is first copied with SQLite's backup API to a timestamped file next to
  it, then migrated inside one transaction (SQLite's DDL is transactional, so a failure
  leaves it as it was);
- a database stamped with a revision this version does not know was made by a newer version
  of the program: it is refused with :class:`~xkld_desktop.store.errors.NewerDatabaseError`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from .backup import backup_sqlite, timestamped_backup_path
from .engine import WRITE_OPTION, sqlite_path
from .errors import MigrationError, NewerDatabaseError, classify
from .first_look import head_revision_from_files

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory


@dataclass(frozen=True)
class MigrationReport:
    """What :func:`migrate` did: revisions before and after, and the backup it made (if any)."""

    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(files("xkld_desktop.db")))
    return cfg


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None
    return head


def revisions_oldest_first() -> list[str]:
    """Every revision id, from the first migration to the head."""
    return [rev.revision for rev in reversed(list(script_directory().walk_revisions()))]


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def stamped_revision(engine: Engine) -> str | None:
    """The revision stamped in the database (plain SQL); ``None`` for a database without one."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
    return rows[0] if len(rows) == 1 else None


def migrate(
    engine: Engine,
    *,
    target: str = "head",
    backup: bool = True,
    on_upgrade: Callable[[str | None, str], None] | None = None,
) -> MigrationReport:
    """Bring the database of *engine* to *target* (see the module docstring).

    *on_upgrade(from, to)* is called once an upgrade is known to be needed, before its backup
    and its steps (which take a while on a large database: the window says so).
    """
    # read from the migration files' text: Alembic (≈ 0.1 s of imports) loads only to migrate
    head = head_revision_from_files() if target == "head" else None
    if head is not None:
        try:
            stamped = stamped_revision(engine)
        except Exception as error:
            env = classify(error)
            if env is not None:
                raise env from error
            raise
        if stamped == head:  # already at the newest schema: no Alembic needed
            return MigrationReport(stamped, head, None)
    scripts = script_directory()
    try:
        current = current_revision(engine)
    except Exception as error:
        env = classify(error)
        if env is not None:
            raise env from error
        raise
    known = {rev.revision for rev in scripts.walk_revisions()}
    if current is not None and current not in known:
        raise NewerDatabaseError(
            "Cơ sở dữ liệu này do một phiên bản mới hơn của chương trình tạo ra "
            f"(phiên bản lược đồ {current}). Hãy cập nhật XKLĐ Desktop lên bản mới nhất để mở nó."
        )
    wanted = scripts.get_current_head() if target == "head" else target
    assert wanted is not None
    if current == wanted:
        return MigrationReport(current, wanted, None)

    if on_upgrade is not None:
        on_upgrade(current, wanted)
    backup_path: Path | None = None
    path = sqlite_path(engine)
    if backup and current is not None and path is not None and path.exists():
        backup_path = backup_sqlite(path, timestamped_backup_path(path, f"truoc-nang-cap-{current[:8]}"))

    from alembic import command

    cfg = alembic_config()
    try:
        with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, wanted)
    except Exception as error:
        env = classify(error)
        if env is not None:
            raise env from error
        raise MigrationError(
            f"Nâng cấp cơ sở dữ liệu thất bại, dữ liệu được giữ nguyên. Chi tiết: {error}"
            + (f" Bản sao lưu: {backup_path}" if backup_path else "")
        ) from error
    return MigrationReport(current, wanted, backup_path)


def downgrade(engine: Engine, target: str) -> None:
    """Take the schema back to *target* (for tests and developers, not offered to users)."""
    from alembic import command

    cfg = alembic_config()
    with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, target)
