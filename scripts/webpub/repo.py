"""The repository a command works on, and the rules it carries in ``schema/``.

Rules always come from the repository being checked (found from the current
directory), never from beside the installed code, so one installed ``webpub``
serves every agency's repository.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from webpub.core.results import UsageError
from webpub.messages import t

SCHEMA_FILES = (
    "categories.yml",
    "organization.yml",
    "file-rules.yml",
    "rules.yml",
    "frontmatter.schema.json",
)


def find_root(start: Path | None = None) -> Path:
    """The nearest folder upwards that has ``schema/categories.yml``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "schema" / "categories.yml").is_file():
            return folder
    raise UsageError(t("cli.no_repo"))


def _read_yaml(path: Path):
    with open(path, "rb") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@dataclass
class Repo:
    root: Path
    _cache: dict = field(default_factory=dict, repr=False)

    @classmethod
    def discover(cls, start: Path | None = None) -> "Repo":
        return cls(find_root(start))

    # -- paths -------------------------------------------------------------
    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def schema_dir(self) -> Path:
        return self.root / "schema"

    def rel(self, path: Path) -> str:
        """Repository-relative POSIX path."""
        return Path(os.path.relpath(Path(path).resolve(), self.root)).as_posix()

    def abs(self, rel: str) -> Path:
        return self.root / rel

    # -- schema data -------------------------------------------------------
    def schema(self, name: str):
        if name not in self._cache:
            path = self.schema_dir / name
            if not path.is_file():
                raise UsageError(t("cli.no_schema", name=name))
            try:
                if name.endswith(".json"):
                    self._cache[name] = json.loads(path.read_text(encoding="utf-8"))
                else:
                    self._cache[name] = _read_yaml(path)
            except (ValueError, yaml.YAMLError) as exc:
                raise UsageError(t("cli.bad_schema", name=name, error=exc)) from None
        return self._cache[name]

    @cached_property
    def categories(self) -> dict[str, dict]:
        return {c["id"]: c for c in self.schema("categories.yml")["categories"]}

    @cached_property
    def groups(self) -> list[dict]:
        return self.schema("categories.yml")["groups"]

    @cached_property
    def organization(self) -> dict:
        return self.schema("organization.yml")

    @cached_property
    def divisions(self) -> dict[str, dict]:
        return {d["id"]: d for d in self.organization["divisions"]}

    @cached_property
    def people(self) -> dict[str, dict]:
        return {p["id"]: p for p in self.organization["people"]}

    @cached_property
    def roles(self) -> dict[str, list[str]]:
        return self.organization.get("roles", {})

    @cached_property
    def file_rules(self) -> dict:
        return self.schema("file-rules.yml")

    @cached_property
    def rules(self) -> dict[str, dict]:
        return self.schema("rules.yml")["rules"]

    @cached_property
    def expiring_soon_days(self) -> int:
        """The one "expiring soon" window (``expiring_soon_days`` in ``schema/rules.yml``):
        WP014, ``expire``, ``report`` and ``remind`` all read it here."""
        value = self.schema("rules.yml").get("expiring_soon_days")
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 366:
            raise UsageError(t("cli.bad_expiring_soon_days"))
        return value

    @cached_property
    def frontmatter_schema(self) -> dict:
        return self.schema("frontmatter.schema.json")

    def topic(self, category_id: str, topic_id: str | None) -> dict | None:
        category = self.categories.get(category_id)
        if not category or not topic_id:
            return None
        for topic in category.get("topics") or []:
            if topic["id"] == topic_id:
                return topic
        return None

    def allowed_extensions(self, category_id: str | None) -> list[str]:
        base = list(self.file_rules["allowed"])
        category = self.categories.get(category_id or "")
        extras = (category or {}).get("attachment_extras") or []
        return base + [e for e in extras if e not in base]

    def all_allowed_extensions(self) -> set[str]:
        allowed = set(self.file_rules["allowed"])
        for category in self.categories.values():
            allowed.update(category.get("attachment_extras") or [])
        return allowed

    def severity(self, rule: str, stage: str = "ci") -> str:
        entry = self.rules.get(rule) or {}
        return entry.get(stage) or entry.get("severity") or "error"

    def schema_fingerprint(self) -> str:
        """Hash of every rule file and the site config: part of every cache key."""
        digest = hashlib.sha256()
        for name in sorted(os.listdir(self.schema_dir)):
            path = self.schema_dir / name
            if path.is_file():
                digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
        mkdocs = self.root / "mkdocs.yml"
        if mkdocs.is_file():
            digest.update(mkdocs.read_bytes())
        return digest.hexdigest()
