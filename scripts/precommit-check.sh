#!/usr/bin/env bash
# pre-commit entry: run this repository's webpub on the staged content files.
set -euo pipefail
root="$(git rev-parse --show-toplevel)"
if [ -x "$root/.venv/bin/webpub" ]; then
  exec "$root/.venv/bin/webpub" check --stage pre-commit "$@"
elif command -v webpub >/dev/null 2>&1; then
  exec webpub check --stage pre-commit "$@"
fi
echo "ไม่พบคำสั่ง webpub — รัน bash scripts/bootstrap.sh ก่อน (webpub not found: run scripts/bootstrap.sh)" >&2
exit 2
