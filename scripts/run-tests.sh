#!/usr/bin/env bash
# Set up and run the whole test suite (unit, git, mkdocs, ssh-keygen and browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/install-system-deps.sh
set +e
.venv/bin/python -m pytest -n "${WEBPUB_TEST_JOBS:-2}" "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: treating as a failure" >&2
  exit 1
fi
exit "$status"
