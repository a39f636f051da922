#!/usr/bin/env bash
# Quick start, step 2: install what is missing and run the whole test suite:
# the real-browser quality gate on the example site (Tests/quality/) and the
# Swift tests.
set -euo pipefail
cd "$(dirname "$0")"
bash install-deps.sh
bash Tests/quality/install.sh
swift build --build-tests

# The quality gate: build the example site into a temporary folder, prove on
# a hand-written broken site that the gate fails with each planted mistake,
# then require the example site to pass it. A failure here does not stop the
# Swift tests from running; the script still exits non-zero at the end.
quality_python="${REPORTSITE_QUALITY_VENV:-/opt/reportsite-quality-venv}/bin/python"
site_tmp=$(mktemp -d)
trap 'rm -rf "$site_tmp"' EXIT
gate_failed=""
"$(swift build --show-bin-path)/reportsite" build --root . --output "$site_tmp/site" --quiet
"$quality_python" Tests/quality/gate.py Tests/quality/broken-site \
  --expect Tests/quality/broken-site.expect || gate_failed+=" self-test"
"$quality_python" Tests/quality/gate.py "$site_tmp/site" || gate_failed+=" example-site"
# The offline search, typed into as a reader would.
"$quality_python" Tests/quality/search_test.py "$site_tmp/site" || gate_failed+=" search"

# Last, so that its closing line is the last line CI reads.
swift test --skip-build
if [ -n "$gate_failed" ]; then
  echo "test.sh: the quality gate failed (${gate_failed# }); see its report above" >&2
  exit 1
fi
