#!/usr/bin/env bash
# Quick start, step 2: install what is missing and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"
bash install-deps.sh
swift build --build-tests
swift test --skip-build
