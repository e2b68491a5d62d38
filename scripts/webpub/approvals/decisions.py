"""Decision records: what happened to a pull request's items, kept in the repository.

A refused pull request is never merged, so its items' own frontmatter cannot carry the
refusal; and the time a request was opened is a fact of the forge, not of the page.
Both are kept as **decision records**, one small YAML file per item and decision under
``records/decisions/`` on the default branch, written and **sealed by the publishing bot**
(``webpub record`` for a return or a refusal, ``webpub seal --pull`` for a publication):

``{decision: returned|refused|published, item, title, division, category, officer,
pr, pr_url, opened, author, prepared_by, prepared_how, role, person, at, reason, digest,
ref, signer, sig}``

Why sealed by the bot and not signed by the person: the return or refusal is given as a
review in the forge (Request changes with its reason), exactly like an approval the bot
attests; the reviewer needs no key of their own, and the record is written by the
trusted workflow that read the review through the API (``ref`` = the review). The
signature is an SSH signature by the bot's key (namespace ``webpub-approval``) over the
canonical JSON of every field plus ``"type": "webpub-decision/1"``, so a decision record
can never be mistaken for (or replayed as) an approval record. Readers (the form, the
division dashboards, the annual report) count only records that verify against the
default branch's ``schema/allowed_signers``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from webpub.approvals import NAMESPACE, records, sshsig
from webpub.approvals.canonical import canonical_json
from webpub.messages import t

RECORD_TYPE = "webpub-decision/1"
FOLDER = "records/decisions"
DECISIONS = ("returned", "refused", "published")
FIELDS = ("decision", "item", "title", "division", "category", "officer", "pr", "pr_url", "opened", "author",
          "prepared_by", "prepared_how", "role", "person", "at", "reason", "digest", "ref", "signer", "sig")
REQUIRED = ("decision", "item", "role", "person", "at", "signer", "sig")


def message(record: dict) -> bytes:
    signed = {k: str(v) for k, v in record.items() if k != "sig" and v not in (None, "")}
    signed["type"] = RECORD_TYPE
    return canonical_json(signed)


def make(fields: dict, key_path, bot: str) -> dict:
    record = {k: str(fields[k]) for k in FIELDS if fields.get(k) not in (None, "") and k not in ("signer", "sig")}
    record["signer"] = bot
    record["sig"] = records.ssh_sign(message(record), key_path)
    return record


def to_yaml(record: dict) -> str:
    lines = [f"{name}: {json.dumps(str(record[name]), ensure_ascii=False)}" for name in FIELDS
             if name in record and name != "sig"]
    lines.append("sig: |-")
    lines.extend(f"  {ln}" for ln in str(record["sig"]).strip().splitlines())
    return "\n".join(lines) + "\n"


def file_name(record: dict) -> str:
    day = str(record.get("at") or "")[:10]
    tag = hashlib.sha256(f"{record['item']}|{record['decision']}|{record.get('ref') or record.get('at')}".encode()).hexdigest()[:10]
    return f"{FOLDER}/{day[:4]}/{day}-pr{record.get('pr') or 0}-{record['decision']}-{tag}.yml"


def write(root: Path, record: dict) -> str:
    from webpub.fileio import write_atomically

    rel = file_name(record)
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    write_atomically(root / rel, to_yaml(record).encode("utf-8"))
    return rel


@dataclass
class Decision:
    """A verified decision record as the readers use it."""

    path: str  # the record file
    record: dict

    def __getattr__(self, name: str):
        if name in FIELDS:
            return self.record.get(name) or ""
        raise AttributeError(name)

    @property
    def when(self) -> dt.datetime | None:
        return records.parse_at(self.record.get("at"))

    @property
    def opened_at(self) -> dt.datetime | None:
        return records.parse_at(self.record.get("opened"))

    def to_json(self) -> dict:
        return {k: v for k, v in self.record.items() if k != "sig"} | {"record": self.path}


def problem(record, trust) -> str | None:
    """Why a record does not count (Thai), or None when it is well formed and sealed by the bot."""
    if not isinstance(record, dict):
        return t("approvals.decision_not_mapping")
    if any(not isinstance(record.get(k), str) or not record.get(k) for k in REQUIRED) or set(record) - set(FIELDS):
        return t("approvals.decision_malformed")
    if record["decision"] not in DECISIONS or records.parse_at(record["at"]) is None:
        return t("approvals.decision_bad_value")
    if record["signer"] != trust.org.bot_id:
        return t("approvals.decision_not_bot", bot=trust.org.bot_id)
    try:
        sig = sshsig.parse(record["sig"])
    except sshsig.SignatureError as exc:
        return t("approvals.decision_sig_unreadable", error=exc)
    keys = [e for e in trust.signers.for_principal(record["signer"])
            if e.key == sig.public_key and e.allows_namespace(NAMESPACE)]
    if not keys:
        return t("approvals.decision_not_bot_key")
    try:
        sshsig.verify(sig, message(record), NAMESPACE)
    except sshsig.SignatureError as exc:
        return t("approvals.decision_sig_invalid", error=exc)
    return None


def load_all(repo) -> list[Decision]:
    """Every decision record of the repository that verifies, oldest first (cached per Repo)."""
    key = "decision_records"
    if key in repo._cache:
        return repo._cache[key]
    from webpub.approvals.trust import Trust

    trust = Trust.of_repo(repo)
    found: list[Decision] = []
    folder = repo.root / FOLDER
    for path in sorted(folder.rglob("*.yml")) if folder.is_dir() else []:
        if path.is_symlink():
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(data, dict):
            data = {str(k): str(v) for k, v in data.items() if v is not None}
        if problem(data, trust) is None:
            found.append(Decision(path.relative_to(repo.root).as_posix(), data))
    found.sort(key=lambda d: (d.when or dt.datetime.min.replace(tzinfo=dt.timezone.utc), d.path))
    repo._cache[key] = found
    return found


def for_item(repo, item_path: str) -> list[Decision]:
    return [d for d in load_all(repo) if d.record.get("item") == item_path]
