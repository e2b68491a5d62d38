#!/usr/bin/env bash
# Rewrite the locks in requirements/ from the version ranges in pyproject.toml.
#
#   bash scripts/lock.sh             keep every pinned version that still fits the ranges
#   bash scripts/lock.sh --upgrade   move every package to the newest version that fits
#   bash scripts/lock.sh --upgrade-package NAME   move one package (repeatable)
#
# The resolver is uv, itself installed from requirements/uv.txt with --require-hashes into
# a throw-away environment. Every lock is for Linux x86_64 and CPython 3.11 (CI and GitHub's
# ubuntu-24.04 runners with setup-python 3.11); the hashes cover every file PyPI has for each
# pinned version. The locks agree: check.txt, runtime.txt and lint.txt are resolved
# under the versions of test.txt, so a package never has two versions across them.
#   requirements/check.txt    [project] dependencies: webpub check, verify, gate, seal, expire,
#                              report, remind (also the build backend, hatchling)
#   requirements/runtime.txt  check.txt + the "site" extra: webpub build (MkDocs, search)
#   requirements/lint.txt     check.txt + the "lint" extra: the workflow linters (zizmor, actionlint)
#   requirements/test.txt     runtime.txt + lint.txt + the "test" extra: the test suite and CI
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

"$PY" -m venv "$tmp/tool"
"$tmp/tool/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes \
  --no-deps --index-url https://pypi.org/simple -r requirements/uv.txt
uv="$tmp/tool/bin/uv"

# The build backend is installed from the lock too (installs use --no-build-isolation), so
# its requirement is read from [build-system] rather than written twice.
"$PY" - "$tmp/build.in" <<'EOF'
import sys, tomllib
with open("pyproject.toml", "rb") as fh:
    requires = tomllib.load(fh)["build-system"]["requires"]
open(sys.argv[1], "w").write("\n".join(requires) + "\n")
EOF

extra_args=("$@")
compile() {
  local out="$1"; shift
  UV_NO_CONFIG=1 "$uv" pip compile --quiet --generate-hashes \
    --python-version 3.11 --python-platform x86_64-manylinux_2_28 \
    --index-url https://pypi.org/simple --no-emit-package webpub \
    --custom-compile-command "bash scripts/lock.sh" \
    "$@" ${extra_args[@]+"${extra_args[@]}"} -o "$out" pyproject.toml "$tmp/build.in"
  # name the inputs as a reader finds them, not by this run's temporary paths
  sed -i -e "s|-c $tmp/constraints.txt|-c requirements/test.txt|" \
    -e "s|-r $tmp/build.in|pyproject.toml [build-system]|" "$out"
}

compile requirements/test.txt --extra test
# The subsets may only choose among test.txt's versions (constraints without hashes).
sed -n 's/^\([A-Za-z0-9._-]*==[^ ]*\).*/\1/p' requirements/test.txt > "$tmp/constraints.txt"
compile requirements/runtime.txt --extra site --constraint "$tmp/constraints.txt"
compile requirements/check.txt --constraint "$tmp/constraints.txt"
compile requirements/lint.txt --extra lint --constraint "$tmp/constraints.txt"
echo "เขียน requirements/check.txt, runtime.txt, lint.txt, test.txt แล้ว (locks written)"
