"""The Qt layer: main window, panes, dialogs, background tasks. Only this package imports Qt.

Modules here import services, domain and config — of the store only its helpers without
SQLAlchemy (lock files, database URLs), never SQLAlchemy or SQLModel themselves — and import
services lazily (inside functions), so the first window shows before the ~0.5 s that
``import sqlmodel`` costs.

Importing this package makes one start-up saving in PySide6 (:func:`quicker_pyside_import_check`).
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

import PySide6.QtCore  # noqa: F401 - loads shibokensupport, patched below


def quicker_pyside_import_check() -> bool:
    """Let PySide6 ask "does this module use PySide6?" by reading bytes, not through ``inspect``.

    After PySide6 is loaded it looks at every module imported for the first time (for its
    ``__feature__`` switches) with ``inspect.getsource``: each source file read, decoded, split
    into lines and kept in ``linecache``. On the ≈ 400 modules the database thread imports at
    start-up (SQLAlchemy, SQLModel, pydantic…) that is ≈ 45 ms of the wait for the first figures,
    and memory held for nothing. The answer is the same when read from the file's bytes ("PySide6"
    is ASCII, so it reads the same in UTF-8 or any other source encoding); anything without a
    readable ``.py`` file (built-in, extension, a frozen bundle) is asked the original way.

    Returns whether the check was replaced (False: a PySide6 without it, or already replaced).
    """
    feature = sys.modules.get("shibokensupport.feature")
    original: Any = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original) or getattr(original, "xkld_quicker", False):
        return False

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(original(module))

    uses_pyside.xkld_quicker = True  # type: ignore[attr-defined]
    uses_pyside.original = original  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True


quicker_pyside_import_check()
