#!/usr/bin/env bash
# Installs the native packages reportsite needs, only when one is missing:
# cmark-gfm and its extensions (Debian's libcmark-gfm-dev,
# libcmark-gfm-extensions-dev) and pkg-config, which SwiftPM uses to find
# them; and libcurl4-openssl-dev, which the release build links against: it
# links the Swift runtime and Foundation into the executable (see build.sh),
# and the preview server's dependency brings in Foundation's networking part.
set -euo pipefail
packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config libcurl4-openssl-dev)
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
