"""``schema/hosting.yml``: where the site is served and how, read and validated once.

The file is data (rules as data, like ``organization.yml``); its shape is
``schema/meta/hosting.schema.json``. Everything that serves or deploys the site reads
it through :func:`load`, so a wrong port or a host key without its type is refused here
with the file and key named, before any connection is tried.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from webpub.messages import t
from webpub.core.results import UsageError

FILE = "schema/hosting.yml"
META = "schema/meta/hosting.schema.json"


@dataclass(frozen=True)
class ServerSettings:
    name: str
    root: str
    log_dir: str
    log_days: int
    hsts_max_age: int
    tls_certificate: str | None = None
    tls_certificate_key: str | None = None


@dataclass(frozen=True)
class DeploySettings:
    host: str
    port: int
    user: str
    keep: int
    host_key: str
    root: str


@dataclass(frozen=True)
class Hosting:
    publish_to: str
    server: ServerSettings
    deploy: DeploySettings


def load(root: Path) -> Hosting:
    """The hosting settings of the repository at ``root`` (UsageError, in Thai, when wrong)."""
    from jsonschema import Draft202012Validator

    path = root / FILE
    if not path.is_file():
        raise UsageError(t("deploy.config_missing", file=FILE))
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise UsageError(t("deploy.config_unreadable", file=FILE, error=str(exc).splitlines()[0])) from None
    meta_path = root / META
    schema = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else None
    if schema is None:
        raise UsageError(t("deploy.config_missing", file=META))
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = ".".join(str(p) for p in first.absolute_path) or t("deploy.whole_file")
        raise UsageError(t("deploy.config_invalid", file=FILE, key=where, error=first.message))
    server = ServerSettings(**data["server"])
    deploy = DeploySettings(**data["deploy"], root=server.root)
    return Hosting(data["publish_to"], server, deploy)
