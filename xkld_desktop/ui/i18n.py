"""The UI language: English source strings, Vietnamese translation, switched at run time.

Every UI string is written in English and goes through Qt's translator (``self.tr(...)`` or
``QCoreApplication.translate(context, ...)``). The Vietnamese translation lives in
``resources/translations/xkld_vi.ts``; it is compiled with PySide6's ``lrelease`` into the cache
folder (``config.cache_dir()/translations``) when the ``.qm`` is missing or older than the
``.ts``. A ``.qm`` shipped in the package (the installer's bundle compiles them at build time and
carries neither the ``.ts`` nor ``lrelease``) is used as it is, unless its ``.ts`` is newer.
Qt's own ``qtbase_<lang>.qm`` is loaded too when Qt has one.

:func:`install_language` replaces the installed translators; Qt then sends every widget a
``QEvent.LanguageChange`` and each one re-reads its strings in ``retranslate_ui()``.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from .. import config

log = logging.getLogger(__name__)

# (code, name of the language in that language) — what Settings offers
LANGUAGES: tuple[tuple[str, str], ...] = (("vi", "Tiếng Việt"), ("en", "English"))
DEFAULT_LANGUAGE = "vi"
# the language the source strings are written in (no translator needed)
SOURCE_LANGUAGE = "en"
CATALOGUE = "xkld"

# Qt has no Vietnamese catalogue of its own, so the texts of standard buttons and of the message
# box's details button are translated in ours (same contexts as in Qt's sources).
_QT_STRINGS = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
    QT_TRANSLATE_NOOP("QMessageBox", "Show Details..."),
    QT_TRANSLATE_NOOP("QMessageBox", "Hide Details..."),
    # the import wizard's buttons (Windows and Linux styles)
    QT_TRANSLATE_NOOP("QWizard", "< &Back"),
    QT_TRANSLATE_NOOP("QWizard", "&Next >"),
    QT_TRANSLATE_NOOP("QWizard", "&Finish"),
    QT_TRANSLATE_NOOP("QWizard", "Cancel"),
    QT_TRANSLATE_NOOP("QWizard", "&Help"),
    QT_TRANSLATE_NOOP("QWizard", "Commit"),
)

_translators: list[QTranslator] = []
_current = SOURCE_LANGUAGE


def current_language() -> str:
    """The language the UI speaks now (``"vi"`` or ``"en"``), for labels that are not Qt strings."""
    return _current


def _locale() -> QLocale:
    if current_language() == "vi":
        return QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def format_count(n: int) -> str:
    """*n* with the thousands separator of the UI language ("12.345" in Vietnamese, "12,345" in English)."""
    return _locale().toString(n)


def format_decimal(x: float, digits: int = 1) -> str:
    """*x* with *digits* decimals in the UI language's way ("1,5" in Vietnamese, "1.5" in English)."""
    return _locale().toString(float(x), "f", digits)


def format_size(size: int) -> str:
    """A file size in the UI language's way ("1,2 GB" in Vietnamese, "1.2 GB" in English)."""
    from ..domain.numbers import file_size

    if current_language() == "vi":
        return file_size(size)
    return file_size(size, decimal=".", thousands=",")


def market_label(code: str | None) -> str:
    """A market's name in the UI's language (the lists' rows carry the code and the Vietnamese name)."""
    from ..services.reference import market_name  # imported with the database, before any row

    return market_name(code, _current)


_resources: Path | None = None


def resources_dir() -> Path | None:
    """The folder of the shipped resources (the package ``xkld_desktop.resources``), or ``None``
    when they are not real files (a zip).

    Read from the package's import spec: ``importlib.resources`` is not loaded before the window
    shows (it finds the same folder: a source tree, a wheel or the installer's bundle).
    """
    global _resources
    if _resources is None:
        spec = importlib.util.find_spec("xkld_desktop.resources")
        locations = list(spec.submodule_search_locations or ()) if spec is not None else []
        _resources = next((Path(p) for p in locations if Path(p).is_dir()), None)
        if _resources is None:
            from importlib.resources import files

            found = files("xkld_desktop.resources")
            _resources = found if isinstance(found, Path) and found.is_dir() else None
    return _resources


def _resource_file(name: str) -> Path | None:
    folder = resources_dir()
    resource = folder / "translations" / name if folder is not None else None
    # Installed from a wheel or a folder the resource is a real file (not so from a zip).
    return resource if resource is not None and resource.is_file() else None


def ts_path(lang: str) -> Path | None:
    """The ``.ts`` source of *lang* as a real file, or ``None`` when the program has none."""
    return _resource_file(f"{CATALOGUE}_{lang}.ts")


def shipped_qm_path(lang: str) -> Path | None:
    """The ``.qm`` of *lang* shipped in the package (the installer's bundle), or ``None``."""
    return _resource_file(f"{CATALOGUE}_{lang}.qm")


def lrelease_executable() -> str | None:
    """PySide6's ``lrelease`` (inside the wheel), or one on PATH."""
    import shutil

    import PySide6

    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    bundled = Path(PySide6.__file__).parent / name
    if bundled.is_file() and os.access(bundled, os.X_OK):
        return str(bundled)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def compile_catalogue(ts: Path, qm: Path) -> bool:
    """Compile *ts* into *qm* with ``lrelease``; ``True`` when *qm* is there afterwards."""
    import subprocess  # only when the catalogue is (re)compiled: not on the way to the window

    tool = lrelease_executable()
    if tool is None:
        log.warning("lrelease not found: cannot compile %s", ts)
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    partial = qm.with_suffix(f".{os.getpid()}.tmp")
    try:
        subprocess.run(
            [tool, "-silent", str(ts), "-qm", str(partial)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        partial.replace(qm)  # atomic: two programs starting at once never read half a file
    except (OSError, subprocess.SubprocessError) as error:
        log.warning("Compiling %s failed: %s", ts, error)
        partial.unlink(missing_ok=True)
        return False
    return True


def qm_path(lang: str) -> Path | None:
    """The compiled catalogue of *lang*: the shipped one, or one compiled into the cache when needed."""
    ts = ts_path(lang)
    shipped = shipped_qm_path(lang)
    if shipped is not None and (ts is None or shipped.stat().st_mtime >= ts.stat().st_mtime):
        return shipped
    cached = config.cache_dir() / "translations" / f"{CATALOGUE}_{lang}.qm"
    if ts is None:
        return cached if cached.is_file() else None
    if cached.is_file() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    if compile_catalogue(ts, cached):
        return cached
    return shipped  # stale, but better than no translation


def install_language(lang: str) -> str:
    """Make *lang* the UI language now; returns the language installed.

    A language without a catalogue falls back to English (the source strings). Widgets update
    themselves on the ``LanguageChange`` event Qt sends when translators change.
    """
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language() needs a QApplication")
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    installed = SOURCE_LANGUAGE
    if lang != SOURCE_LANGUAGE:
        qm = qm_path(lang)
        own = QTranslator(app)
        if qm is not None and own.load(str(qm)):
            _translators.append(own)
            installed = lang
            qt_own = QTranslator(app)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt_own.load(f"qtbase_{lang}", qt_dir):
                _translators.append(qt_own)
        else:
            log.warning("No translation for %r: the interface stays in English", lang)
    _current = installed
    # Qt's catalogue first, ours last: the last installed translator is asked first, so our
    # button texts win over Qt's when both exist.
    for translator in reversed(_translators):
        app.installTranslator(translator)
    log.info("UI language: %s", installed)
    return installed
