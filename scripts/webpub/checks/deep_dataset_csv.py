"""WP146: CSV resources of dataset pages are valid tables, by row and column (webpub.opendata.csvcheck)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from webpub.core.results import Finding
from webpub.messages import t
from webpub.opendata.csvcheck import validate_csv_file
from webpub.opendata.pages import is_dataset_page, resources

ID = "WP146"
NAME = "dataset-csv-valid"
DESCRIPTION = t("opendata.csv_description")


def check(page, ctx) -> Iterator[Finding]:
    if not is_dataset_page(page):
        return
    for index, file, rel in resources(page):
        if PurePosixPath(rel).suffix.lower() != ".csv" or not ctx.index.exists(rel):
            continue
        problems = validate_csv_file(ctx.repo.root / rel)
        if any(p.kind == "encoding-error" for p in problems):
            continue  # WP140 reports the encoding on the file itself, with the command that fixes it
        for problem in problems:
            yield page.finding(ID, page.line_of("attachments", index),
                               f"{file}: {problem.message_th()}", problem.hint_th())
