#!/bin/bash
# Tapline's deb post-remove: takes away the command link (dpkg removes the files).
# The tapline group is kept: users were added to it by hand, and a reinstall reuses it.

app_dir='/opt/${sanitizedProductName}'

if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove '${executable}' "$app_dir/${executable}" || true
fi
if [ -L '/usr/bin/${executable}' ] && [ ! -e '/usr/bin/${executable}' ]; then
    rm -f '/usr/bin/${executable}'
fi
exit 0
