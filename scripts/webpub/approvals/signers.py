"""``schema/allowed_signers`` in git's / OpenSSH's format.

One key a line: ``principals [options] keytype base64 [comment]``. Options used
here: ``namespaces="…"`` (patterns), ``valid-after="YYYYMMDD[HHMM[SS]][Z]"`` and
``valid-before=…``; times without ``Z`` are read as Asia/Bangkok time (OpenSSH
reads them in the machine's zone; our machines run in UTC, so write ``Z`` or
keep to Bangkok). ``cert-authority`` lines are not supported and are reported.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import fnmatch
import re
from dataclasses import dataclass, field

from webpub.dates import BANGKOK, thai_datetime
from webpub.messages import t

KEY_TYPES = ("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521")
_TIME = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?(Z)?$")


@dataclass
class SignerEntry:
    line: int
    principals: list[str]
    key_type: str
    key: bytes
    namespaces: list[str] | None = None
    valid_after: dt.datetime | None = None
    valid_before: dt.datetime | None = None
    comment: str = ""

    def matches_principal(self, name: str) -> bool:
        return match_patterns(name, self.principals)

    def allows_namespace(self, namespace: str) -> bool:
        return self.namespaces is None or match_patterns(namespace, self.namespaces)

    def valid_at(self, when: dt.datetime) -> bool:
        if self.valid_after and when < self.valid_after:
            return False
        return not (self.valid_before and when > self.valid_before)

    def validity_th(self) -> str:
        after = thai_datetime(self.valid_after) if self.valid_after else t("verify.unbounded")
        before = thai_datetime(self.valid_before) if self.valid_before else t("verify.unbounded")
        return t("verify.validity", after=after, before=before)


@dataclass
class AllowedSigners:
    entries: list[SignerEntry] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, Thai)
    _by_name: dict = field(default_factory=dict, repr=False)

    def for_principal(self, name: str) -> list[SignerEntry]:
        if name not in self._by_name:  # thousands of records share a handful of signers
            self._by_name[name] = [e for e in self.entries if e.matches_principal(name)]
        return self._by_name[name]


def match_patterns(name: str, patterns: list[str]) -> bool:
    """OpenSSH pattern lists: ``*``/``?`` wildcards, ``!`` negates and wins."""
    matched = False
    for pattern in patterns:
        if pattern.startswith("!"):
            if fnmatch.fnmatchcase(name, pattern[1:]):
                return False
        elif fnmatch.fnmatchcase(name, pattern):
            matched = True
    return matched


def parse_time(value: str) -> dt.datetime:
    match = _TIME.match(value)
    if not match:
        raise ValueError(t("verify.signer_time", value=value))
    y, mo, d, h, mi, s, zulu = match.groups()
    zone = dt.timezone.utc if zulu else BANGKOK
    return dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), tzinfo=zone)


def split_fields(line: str) -> list[str]:
    """Whitespace-separated fields; double quotes protect spaces (as in options)."""
    fields, current, quoted = [], [], False
    for char in line:
        if char == '"':
            quoted = not quoted
            current.append(char)
        elif char in " \t" and not quoted:
            if current:
                fields.append("".join(current))
                current = []
        else:
            current.append(char)
    if current:
        fields.append("".join(current))
    return fields


def split_options(text: str) -> dict[str, str | None]:
    options, current, quoted = [], [], False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            options.append("".join(current))
            current = []
            continue
        current.append(char)
    options.append("".join(current))
    out: dict[str, str | None] = {}
    for option in options:
        name, eq, value = option.partition("=")
        out[name.strip().lower()] = value.strip().strip('"') if eq else None
    return out


def parse_line(number: int, line: str) -> SignerEntry:
    fields = split_fields(line)
    if len(fields) < 3:
        raise ValueError(t("verify.signer_fields"))
    principals = [p for p in fields[0].strip('"').split(",") if p]
    options: dict[str, str | None] = {}
    rest = fields[1:]
    if rest[0] not in KEY_TYPES:
        options = split_options(rest[0])
        rest = rest[1:]
    if not rest or rest[0] not in KEY_TYPES or len(rest) < 2:
        raise ValueError(t("verify.signer_key_type"))
    if "cert-authority" in options:
        raise ValueError(t("verify.signer_cert"))
    try:
        blob = base64.b64decode(rest[1], validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(t("verify.signer_base64")) from None
    entry = SignerEntry(number, principals, rest[0], blob, comment=" ".join(rest[2:]))
    if "namespaces" in options:
        entry.namespaces = [n for n in (options["namespaces"] or "").split(",") if n]
    if options.get("valid-after"):
        entry.valid_after = parse_time(options["valid-after"])
    if options.get("valid-before"):
        entry.valid_before = parse_time(options["valid-before"])
    return entry


def parse(text: str) -> AllowedSigners:
    result = AllowedSigners()
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            result.entries.append(parse_line(number, line))
        except ValueError as exc:
            result.problems.append((number, str(exc)))
    return result


def load(repo) -> AllowedSigners:
    """The repository's allowed signers, read once per ``Repo``."""
    if "allowed_signers" not in repo._cache:
        path = repo.schema_dir / "allowed_signers"
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        repo._cache["allowed_signers"] = parse(text)
    return repo._cache["allowed_signers"]
