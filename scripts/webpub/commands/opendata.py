"""``webpub opendata export``: the dataset pages as CKAN package JSON, one file each.

Each ``<name>.json`` is a ``package_create`` payload in the data.go.th
(ckanext-thai_gdc) field names, ready for an agency CKAN or the national catalogue
(e.g. ``ckanapi action package_create -I <name>.json``). A resource in a format
other than CSV, ODS, XML, JSON, KML, SHP or KMZ makes the export fail (exit 1)
without writing anything.
"""

from __future__ import annotations

import json
from pathlib import Path

from webpub.fileio import write_atomically
from webpub.messages import t
from webpub.opendata.export import build_catalogue
from webpub.repo import Repo


def add_arguments(parser) -> None:
    parser.description = t("opendata.export_description")
    parser.add_argument("action", choices=("export",), help=t("opendata.export_action_help"))
    parser.add_argument("--out", default="opendata-export", metavar=t("opendata.export_out_metavar"),
                        help=t("opendata.export_out_help"))
    parser.add_argument("--site-url", default=None, metavar=t("opendata.export_site_url_metavar"),
                        help=t("opendata.export_site_url_help"))


def run(args) -> int:
    repo = Repo.discover()
    catalogue = build_catalogue(repo, args.site_url)
    if catalogue.problems:
        for line in catalogue.problems:
            print(t("opendata.export_problem", problem=line))
        print(t("opendata.export_not_written", count=len(catalogue.problems)))
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for path, package in catalogue.packages:
        target = out / f"{package['name']}.json"
        _write_json(target, package)
        print(t("opendata.export_wrote", target=target, path=path, count=len(package["resources"])))
    print(t("opendata.export_done", count=len(catalogue.packages), out=out))
    return 0


def _write_json(target: Path, package: dict) -> None:
    text = json.dumps(package, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    write_atomically(target, text.encode("utf-8"))
