#!/bin/bash
# Tapline's deb post-install: the usual Electron links, plus capture rights for one group.
#
# electron-builder fills in the two macros in braces (executable name, install folder);
# shell variables here are written without braces so that it leaves them alone.

app_dir='/opt/${sanitizedProductName}'
app="$app_dir/${executable}"
capture_group=tapline
# The capture helper (native/helper/tapline-capture.c, a small libpcap program like dumpcap),
# shipped by electron-builder.yml's extraResources.
helper="$app_dir/resources/capture/tapline-capture"

# The command on PATH, through alternatives where the system has them.
if type update-alternatives >/dev/null 2>&1; then
    if [ -L '/usr/bin/${executable}' ] && [ "$(readlink '/usr/bin/${executable}')" != '/etc/alternatives/${executable}' ]; then
        rm -f '/usr/bin/${executable}'
    fi
    update-alternatives --install '/usr/bin/${executable}' '${executable}' "$app" 100 \
        || ln -sf "$app" '/usr/bin/${executable}'
else
    ln -sf "$app" '/usr/bin/${executable}'
fi

# Chromium's sandbox needs its SUID helper only where unprivileged user namespaces are off.
if [ -L /proc/self/ns/user ] && unshare --user true 2>/dev/null; then
    chmod 0755 "$app_dir/chrome-sandbox" || true
else
    chmod 4755 "$app_dir/chrome-sandbox" || true
fi

# Capture rights, as Wireshark's dumpcap has them: a system group whose members may run the
# capture helper, and the helper alone holding cap_net_raw and cap_net_admin.
if ! getent group "$capture_group" >/dev/null; then
    groupadd --system "$capture_group" || addgroup --system "$capture_group" || true
fi

# Only the helper gets the rights, never the app's executable: that would hand raw sockets
# to the whole browser engine, and glibc ignores $ORIGIN library paths in a binary that has
# file capabilities, which Electron's executable needs. The helper drops both capabilities
# once its capture socket is open (docs/CAPTURE.md).
if [ -f "$helper" ]; then
    chown root:"$capture_group" "$helper"
    chmod 0750 "$helper"
    if command -v setcap >/dev/null 2>&1 && setcap cap_net_raw,cap_net_admin=ep "$helper"; then
        echo "Tapline: members of the '$capture_group' group may capture live traffic;"
        echo "Tapline: add one with: sudo usermod -aG $capture_group USERNAME, then log in again"
    else
        echo "Tapline: could not grant the capture capabilities (setcap from libcap2-bin is" \
            "missing, or this file system keeps none); capturing needs root." >&2
    fi
else
    echo "Tapline: the capture helper is missing from this package; live capture needs root."
fi

if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database /usr/share/mime || true
fi
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database /usr/share/applications || true
fi
exit 0
