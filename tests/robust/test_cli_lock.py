"""The command line refuses record-changing commands while a window holds the database's lock file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from tests.robust.hold_window import Holder
from tests.unit.services.excel_import_books import simple_workbook
from xkld_desktop import cli
from xkld_desktop.domain.models import Person
from xkld_desktop.store.lockinfo import host_name, os_user

pytestmark = pytest.mark.sqlite_only


def _people(database: Any) -> int:
    with database.engine.connect() as conn:
        return conn.scalar(sa.select(sa.func.count()).select_from(Person)) or 0


def test_import_is_refused_while_a_window_has_the_database_open(
    database: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = simple_workbook(tmp_path / "ds.xlsx", ["Họ và tên", "Giới tính"], [["Trần Thị Bình", "Nữ"]])
    holder = Holder(database.url, str(tmp_path / "holder-settings"))
    try:
        assert holder.first_line == "HELD"

        status = cli.main(["--db", database.url, "import", str(sheet)])

        err = capsys.readouterr().err
        assert status == cli.EXIT_ERROR
        assert "đang được mở trong cửa sổ chương trình" in err
        assert f"người dùng “{os_user()}” trên máy “{host_name()}”" in err
        assert _people(database) == 0
        # Reading (and a dry run) still works beside the window.
        assert cli.main(["--db", database.url, "import", str(sheet), "--dry-run"]) == cli.EXIT_OK
        assert cli.main(["--db", database.url, "info"]) == cli.EXIT_OK
        assert _people(database) == 0
    finally:
        holder.close()

    assert cli.main(["--db", database.url, "import", str(sheet)]) == cli.EXIT_OK
    assert _people(database) == 1


def test_a_stale_lock_does_not_block_the_command_line(database: Any, tmp_path: Path) -> None:
    sheet = simple_workbook(tmp_path / "ds.xlsx", ["Họ và tên", "Giới tính"], [["Trần Thị Bình", "Nữ"]])
    holder = Holder(database.url, str(tmp_path / "holder-settings"))
    assert holder.first_line == "HELD"
    holder.kill()

    assert cli.main(["--db", database.url, "import", str(sheet)]) == cli.EXIT_OK
    assert _people(database) == 1
