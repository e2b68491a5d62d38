"""``webpub gate --base REV --head REV --reviews FILE``: may this PR be published yet?"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from webpub.approvals import gate, summary
from webpub.approvals.digest import DigestError
from webpub.forge.reviews import http_get, load_reviews_file, paginate, reviews_url
from webpub.core.results import UsageError
from webpub.messages import t
from webpub.repo import Repo


def add_arguments(parser) -> None:
    add_gate_inputs(parser)
    parser.add_argument("--format", choices=("text", "md", "json", "github"), default="text", help=t("gate.arg_format"))
    parser.add_argument("--json-out", default=None, metavar=t("gate.arg_file_metavar"), help=t("gate.arg_json_out"))
    parser.add_argument("--summary-out", default=None, metavar=t("gate.arg_file_metavar"), help=t("gate.arg_summary_out"))


def add_gate_inputs(parser) -> None:
    rev, file = t("gate.arg_rev_metavar"), t("gate.arg_file_metavar")
    parser.add_argument("--base", required=True, metavar=rev, help=t("gate.arg_base"))
    parser.add_argument("--head", default="HEAD", metavar=rev, help=t("gate.arg_head"))
    parser.add_argument("--reviews", default=None, metavar=file, help=t("gate.arg_reviews"))
    parser.add_argument("--pr", default=None, metavar=t("gate.arg_pr_metavar"), help=t("gate.arg_pr"))
    parser.add_argument("--pull", default=None, metavar=file, help=t("gate.arg_pull"))
    parser.add_argument("--trust-ref", default=None, metavar=rev, help=t("gate.arg_trust_ref"))


def read_reviews(args) -> list[dict]:
    if args.reviews:
        try:
            data = json.loads(Path(args.reviews).read_text(encoding="utf-8"))
            return load_reviews_file(data)
        except (OSError, ValueError) as exc:
            raise UsageError(t("gate.reviews_unreadable", path=args.reviews, error=exc)) from None
    if args.pr:
        repository, _, number = args.pr.partition("#")
        if not number.isdigit():
            raise UsageError(t("gate.pr_format"))
        return paginate(http_get(os.environ.get("GITHUB_TOKEN")), reviews_url(repository, int(number)))
    return []


def read_pull(args) -> dict | None:
    if not getattr(args, "pull", None):
        return None
    try:
        data = json.loads(Path(args.pull).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(t("gate.pull_unreadable", path=args.pull, error=exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("user"), dict):
        raise UsageError(t("gate.pull_shape", path=args.pull))
    return data


def evaluate(args):
    repo = Repo.discover()
    try:
        return repo, gate.evaluate(repo.root, args.base, args.head, read_reviews(args), args.trust_ref, read_pull(args))
    except DigestError as exc:
        raise UsageError(str(exc)) from None


def trust_rev(repo, args, result) -> str:
    return gate.Git(repo.root).resolve(args.trust_ref) if args.trust_ref else result.base


def run(args) -> int:
    repo, result = evaluate(args)
    org = gate.org_at(gate.Git(repo.root), trust_rev(repo, args, result))
    text = summary.render(result, org)
    data = json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n"
    sys.stdout.write(data if args.format == "json" else summary.github(result, org) if args.format == "github" else text)
    if args.json_out:
        Path(args.json_out).write_text(data, encoding="utf-8")
    if args.summary_out:
        with open(args.summary_out, "a", encoding="utf-8") as fh:
            fh.write(text)
    return 0 if result.passed else 1
