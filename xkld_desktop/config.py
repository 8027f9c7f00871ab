"""Where things live on the user's PC. Plain Python (no Qt), shared by the CLI and the window."""

from __future__ import annotations

import os
from pathlib import Path

from . import APP_ID, ORG_NAME

#: environment variable that overrides the database URL (tests, office set-ups)
DB_URL_ENV = "XKLD_DB_URL"
#: environment variable that overrides the data folder (tests, portable installs)
DATA_DIR_ENV = "XKLD_DATA_DIR"


def data_dir() -> Path:
    """The user's data folder, e.g. ``~/.local/share/xkld-desktop`` or ``%LOCALAPPDATA%\\XKLD\\xkld-desktop``."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir  # (≈ 7 ms: not imported before the window shows)

    return Path(user_data_dir(APP_ID, ORG_NAME))


def cache_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override) / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_ID, ORG_NAME))


def backups_dir() -> Path:
    """``<data folder>/backups`` — the automatic backups (``services.backup.backup_folder``)."""
    return data_dir() / "backups"


def default_db_path() -> Path:
    return data_dir() / "xkld.db"


def default_db_url() -> str:
    """The database URL when none is given: ``XKLD_DB_URL`` or the SQLite file in the data folder."""
    env = os.environ.get(DB_URL_ENV)
    if env:
        return env
    return f"sqlite:///{default_db_path().as_posix()}"
