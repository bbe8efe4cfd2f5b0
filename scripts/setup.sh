#!/usr/bin/env bash
# Installs what Tapline needs on Debian/Ubuntu, and only what is missing:
# OS packages (as root; otherwise prints the command), npm packages, then the build.
set -euo pipefail
cd "$(dirname "$0")/.."

# libcap2-bin: setcap/getcap, for the capture helper's least-privilege tests.
packages=(libpcap-dev tcpdump tshark chromium iproute2 python3 make g++ libcap2-bin swaks)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
    || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "[setup] installing OS packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "[setup] missing OS packages: ${missing[*]}" >&2
    echo "[setup] run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# Electron's binary cannot always be downloaded; Tapline then runs as a local web app.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[setup] installing npm packages"
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

if [ ! -f out/main/serve.js ] || [ -n "$(find src -newer out/main/serve.js -print -quit)" ]; then
  echo "[setup] building"
  npm run --silent build
fi
