#!/usr/bin/env bash
# Installs the native packages reportsite needs, only when one is missing:
# cmark-gfm and its extensions (Debian's libcmark-gfm-dev,
# libcmark-gfm-extensions-dev) and pkg-config, which SwiftPM uses to find them.
set -euo pipefail
packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null
$SUDO apt-get install -y -q -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
