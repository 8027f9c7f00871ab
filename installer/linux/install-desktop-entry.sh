#!/bin/sh
# Add XKLĐ Desktop to this user's application menu (no root needed): run it from the unpacked
# bundle folder, wherever that is (e.g. /opt/xkld-desktop or ~/xkld-desktop). Running it again
# after moving the folder updates the entry. Undo: delete the files it names.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
mkdir -p "$data/applications"
for size in 48 256; do
    mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
    cp "$here/icons/hicolor/${size}x${size}/apps/xkld-desktop.png" "$data/icons/hicolor/${size}x${size}/apps/"
done
sed -e "s|^Exec=.*|Exec=\"$here/xkld-desktop\"|" -e "s|^TryExec=.*|TryExec=$here/xkld-desktop|" \
    "$here/xkld-desktop.desktop" > "$data/applications/xkld-desktop.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" || true
echo "installed: $data/applications/xkld-desktop.desktop and icons under $data/icons/hicolor"
