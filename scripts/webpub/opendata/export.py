"""The open-data catalogue: every dataset page as a CKAN package."""

from __future__ import annotations

from dataclasses import dataclass, field

from webpub.content import walk
from webpub.opendata.ckan import OPEN_FORMATS, package_dict
from webpub.opendata.classification import classification
from webpub.opendata.pages import is_dataset_page
from webpub.content.page import load_page
from webpub.messages import t


@dataclass
class Catalogue:
    packages: list[tuple[str, dict]] = field(default_factory=list)   # (page path, package)
    problems: list[str] = field(default_factory=list)                # Thai, one line each


def dataset_pages(repo):
    cap = repo.file_rules.get("frontmatter_max_bytes", 65536)
    for rel in walk.page_paths(repo):
        path = repo.root / rel
        with open(path, "rb") as fh:
            page = load_page(rel, path, fh.read(), cap)
        if is_dataset_page(page):
            yield page


def build_catalogue(repo, site_url: str | None = None) -> Catalogue:
    catalogue = Catalogue()
    seen: dict[str, str] = {}
    for page in dataset_pages(repo):
        package = package_dict(page, repo, site_url)
        _check_package(page.path, package, repo, seen, catalogue.problems)
        classed = classification(page.get("dataset"))
        if classed and package["resources"]:
            catalogue.problems.append(t("opendata.export_classified", path=page.path, what=classed[1]))
        catalogue.packages.append((page.path, package))
    return catalogue


def _check_package(path: str, package: dict, repo, seen: dict, problems: list[str]) -> None:
    if package["name"] in seen:
        problems.append(t("opendata.export_duplicate_name", path=path, name=package["name"],
                          other=seen[package["name"]]))
    seen.setdefault(package["name"], path)
    if not package["resources"]:
        problems.append(t("opendata.export_no_resources", path=path))
    for resource in package["resources"]:
        if resource["format"] not in OPEN_FORMATS:
            problems.append(t("opendata.export_closed_format", path=path, file=resource["webpub_path"],
                              format=resource["format"], formats=", ".join(OPEN_FORMATS)))
        if not (repo.root / resource["webpub_path"]).is_file():
            problems.append(t("opendata.export_missing_file", path=path, file=resource["webpub_path"]))
