"""The program's write path under a kill test: saves and imports in a loop until SIGKILL.

Run by :mod:`tests.robust.test_kill` as ``python -m tests.robust.worker DB_URL SHEET TAG``. It
opens the database the way the program does (:func:`~xkld_desktop.services.database.open_database`)
and then, forever: saves a person through the real service and, every few saves, imports the
sheet through the real import (preview, then the all-or-nothing commit). Each line it prints is
flushed at once; a ``SAVED``/``IMPORTED`` line is printed only after the service call has returned
— that is the moment the program would tell the user "saved", so whatever such a line names must
survive the kill.

Lines: ``READY``; ``SAVING tag``, ``SAVED id tag``; ``IMPORTING n``, ``IMPORTED batch rows``.
"""

from __future__ import annotations

import random
import sys

from xkld_desktop.domain.enums import Gender
from xkld_desktop.services.database import open_database
from xkld_desktop.services.excel_import.commit import commit_import
from xkld_desktop.services.excel_import.preview import preview_files
from xkld_desktop.services.person_records import PersonInput, create_person

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ")
MIDDLE = ("Văn", "Thị", "Hữu", "Ngọc", "Minh", "Thanh", "Đức", "Quốc")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hùng", "Khánh", "Linh", "Lộc", "Nga", "Phúc", "Quyên")

#: saves between two imports
IMPORT_EVERY = 5
#: the hamlet of the people a worker saves one by one (the import's rows have another)
SAVED_HAMLET = "Ấp Kiểm Thử"


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    url, sheet, run_tag = argv[0], argv[1], argv[2]
    rng = random.Random(run_tag)
    db = open_database(url)
    engine = db.engine
    say("READY")
    n = 0
    imports = 0
    while True:
        n += 1
        tag = f"KT-{run_tag}-{n}"
        data = PersonInput(
            full_name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
            gender=rng.choice((Gender.MALE, Gender.FEMALE)),
            hamlet=SAVED_HAMLET,
            worker_code=tag,
        )
        say(f"SAVING {tag}")
        person = create_person(engine, data=data, allow_same_name=True)
        say(f"SAVED {person.id} {tag}")
        if n % IMPORT_EVERY == 2:
            imports += 1
            say(f"IMPORTING {imports}")
            previews = preview_files(engine, [sheet])
            result = commit_import(engine, previews)
            say(f"IMPORTED {result.batch_id} {result.imported}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
