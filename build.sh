#!/usr/bin/env bash
# Quick start, step 1: install what is missing, build reportsite, and build
# the example site (Content/ + Templates/) into Output/.
# Extra arguments go to `reportsite build`, e.g. `bash build.sh --base-url https://opcc.example.org/`.
set -euo pipefail
cd "$(dirname "$0")"
bash install-deps.sh
swift build -c release --product reportsite
.build/release/reportsite build --root . "$@"
