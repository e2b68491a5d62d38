"""A dataset page as a CKAN package dict in the data.go.th (ckanext-thai_gdc) shape.

The frontmatter ``dataset`` mapping already uses the GD-Catalog ``field_name``s, so
the package is mostly a copy; what is computed here is the package ``name``, the
page and resource URLs, the tag list and the resource format. The site's catalogue
JSON and ``webpub opendata export`` both use :func:`package_dict`.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

from webpub.content.attachments import resolve

# Formats the OPDC guideline accepts as machine-readable open data (category 2.2).
OPEN_FORMATS = ("CSV", "ODS", "XML", "JSON", "KML", "SHP", "KMZ")

# Keys copied from ``dataset`` unchanged (ckanext-thai_gdc field names).
GDC_FIELDS = (
    "data_type", "data_type_other", "maintainer", "maintainer_email", "objective",
    "update_frequency_unit", "update_frequency_interval", "geo_coverage", "data_source",
    "data_format", "data_category", "license_id", "accessible_condition", "data_language",
    "last_updated_date", "created_date", "data_support", "data_collect",
    "first_year_of_data", "last_year_of_data", "disaggregate", "unit_of_measure",
    "unit_of_multiplier", "calculation_method", "standard", "data_release_calendar",
    "geographic_data_set", "equivalent_scale",
)
_NAME_OK = re.compile(r"^[a-z0-9_-]{2,100}$")


def resource_format(file: str) -> str:
    """CKAN format of an attachment, from its extension (``data.csv`` -> ``CSV``)."""
    return PurePosixPath(file).suffix.lstrip(".").upper()


def site_path(rel: str) -> str:
    """The URL path of a repository file once built (``content/`` is the site root)."""
    inside = rel[len("content/"):] if rel.startswith("content/") else rel
    if not inside.lower().endswith(".md"):
        return inside
    stem = inside[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def absolute_url(site_url: str | None, path: str) -> str:
    base = (site_url or "").rstrip("/")
    return f"{base}/{path}" if base else path


def package_name(page) -> str:
    """The CKAN ``name``: the page's ``dataset.name`` or an ASCII slug of its file name."""
    given = page.get("dataset", "name")
    if isinstance(given, str) and _NAME_OK.match(given):
        return given
    stem = PurePosixPath(page.path).stem
    if stem == "index":
        stem = PurePosixPath(page.path).parent.name
    ascii_only = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9_-]+", "-", ascii_only.lower()).strip("-")
    return slug if len(slug) >= 2 else "dataset-" + slug.rjust(2, "0")


def owner_org(repo) -> str:
    agency = (repo.organization or {}).get("agency") or {}
    short = str(agency.get("short_en") or "agency")
    return re.sub(r"[^a-z0-9_-]+", "-", short.lower()).strip("-") or "agency"


def _tags(dataset: dict) -> list[str]:
    raw = dataset.get("tag_string") or []
    if isinstance(raw, str):
        raw = raw.split(",")
    return [str(t).strip() for t in raw if str(t).strip()]


def resources(page, site_url: str | None) -> list[dict]:
    out = []
    for item in page.get("attachments") or []:
        if not isinstance(item, dict) or not isinstance(item.get("file"), str):
            continue
        rel = resolve(page.path, item["file"])
        out.append({
            "name": str(item.get("title") or PurePosixPath(rel).name),
            "url": absolute_url(site_url, site_path(rel)),
            "format": resource_format(rel),
            "webpub_path": rel,
        })
    return out


def package_dict(page, repo, site_url: str | None = None) -> dict:
    """The CKAN package (``package_create`` payload) for one dataset page."""
    dataset = page.get("dataset") or {}
    if site_url is None:
        site_url = ((repo.organization or {}).get("agency") or {}).get("site_url")
    tags = _tags(dataset)
    package = {
        "name": package_name(page),
        "title": str(page.get("title") or ""),
        "notes": str(dataset.get("notes") or ""),
        "owner_org": owner_org(repo),
        "url": str(dataset.get("url") or absolute_url(site_url, site_path(page.path))),
        "tag_string": ",".join(tags),
        "tags": [{"name": t} for t in tags],
        "resources": resources(page, site_url),
    }
    for key in GDC_FIELDS:
        if key in dataset and dataset[key] is not None:
            package[key] = _plain(dataset[key])
    if str(package.get("update_frequency_interval", "x")).isdigit():
        package["update_frequency_interval"] = int(package["update_frequency_interval"])
    if "allow_harvest" in dataset:
        package["allow_harvest"] = "True" if dataset["allow_harvest"] in (True, "true", "True") else "False"
    if page.get("updated") or page.get("published"):
        package.setdefault("last_updated_date", str(page.get("updated") or page.get("published")))
    return package


def _plain(value):
    """Dates and numbers as CKAN expects them in JSON (strings for dates)."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str) and value.isdigit() and len(value) < 10:
        return value  # years stay strings (first_year_of_data)
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
