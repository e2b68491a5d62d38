#!/usr/bin/env bash
# Set up and run the whole test suite (unit, git, mkdocs, ssh-keygen and browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/install-system-deps.sh
export PATH="$PWD/.venv/bin:$PATH"  # tests that start webpub, mkdocs or pre-commit find this install
set +e
.venv/bin/python -m pytest -n "${WEBPUB_TEST_JOBS:-2}" "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: treating as a failure" >&2
  exit 1
fi
exit "$status"
