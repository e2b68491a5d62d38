#!/usr/bin/env bash
# Create .venv (Python 3.11+) and install exactly the locked test set: every package from
# requirements/test.txt with --require-hashes --no-deps (nothing unpinned, nothing
# unverified), then webpub itself, editable, with --no-deps. Packages the lock no longer
# names are removed, so .venv is what CI has. Safe to re-run: the install is skipped while
# the lock, pyproject.toml and the interpreter are the ones recorded in the stamp.
set -euo pipefail
cd "$(dirname "$0")/.."
LOCK=requirements/test.txt
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then PY="$candidate"; break; fi
  done
fi
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || {
  echo "webpub ต้องใช้ Python 3.11 ขึ้นไป (needs Python 3.11+)" >&2; exit 2; }
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.webpub-installed
key="$(.venv/bin/python - "$LOCK" pyproject.toml <<'EOF'
import hashlib, sys
h = hashlib.sha256(sys.version.encode())
for name in sys.argv[1:]:
    h.update(open(name, "rb").read())
print(h.hexdigest())
EOF
)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$key" ]; then
  rm -f "$stamp"
  pip=(.venv/bin/python -m pip --disable-pip-version-check)
  "${pip[@]}" install --quiet --require-hashes --no-deps -r "$LOCK"
  "${pip[@]}" install --quiet --no-deps --no-build-isolation -e .
  # remove what an older lock installed and this one no longer names
  stale="$(.venv/bin/python - "$LOCK" <<'EOF'
import re, sys
from importlib import metadata
norm = lambda name: re.sub(r"[-_.]+", "-", name).lower()
locked = {norm(m.group(1)) for m in re.finditer(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", open(sys.argv[1]).read(), re.M)}
keep = locked | {"pip", "webpub"}
print(" ".join(sorted({norm(d.metadata["Name"]) for d in metadata.distributions()} - keep)))
EOF
)"
  if [ -n "$stale" ]; then
    # shellcheck disable=SC2086  # a list of package names
    "${pip[@]}" uninstall --quiet --yes $stale
  fi
  printf '%s\n' "$key" > "$stamp"
fi
