#!/usr/bin/env bash
# Set up and build the site from the shipped sample content into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/webpub build "$@"
echo "site/ พร้อมแล้ว (built): เปิด site/index.html หรือรัน .venv/bin/webpub serve"
