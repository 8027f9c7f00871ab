"""Render the application icon (resources/icons/xkld.svg) into the pictures the installers need.

    python installer/render_icons.py OUT_DIR

writes ``xkld-desktop-256.png`` and ``xkld-desktop-48.png`` (Linux desktop entry) and
``xkld-desktop.ico`` (Windows executable and installer: 16, 24, 32, 48, 64, 128 and 256 px, each
a PNG inside the ICO, which Windows reads since Vista). The SVG is the only drawing kept in the
repository; these pictures are made at build time, so no binary copy of the icon is committed.
Qt's ICO writer stores one size only, hence the few lines that put the sizes together here.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "xkld.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZES = (256, 48)


def render_png(renderer: object, size: int) -> bytes:
    """The icon drawn at *size* × *size* pixels with a transparent background, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)  # type: ignore[attr-defined]
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit(f"could not encode the {size} px icon as PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding the PNG images of *pngs* (size → PNG bytes)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not an SVG that Qt can draw")
    pngs = {size: render_png(renderer, size) for size in sorted({*ICO_SIZES, *PNG_SIZES})}
    for size in PNG_SIZES:
        (out / f"xkld-desktop-{size}.png").write_bytes(pngs[size])
    (out / "xkld-desktop.ico").write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
