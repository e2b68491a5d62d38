#!/usr/bin/env bash
# Set up and build the site from the shipped sample content into site/.
# The built site is meant to be served (links are directory URLs, search fetches its index):
# opening site/index.html from disk shows folder listings and no search, so say how to view it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/webpub build "$@"
.venv/bin/python -c 'from webpub.messages import t; print(t("site.built"))'
