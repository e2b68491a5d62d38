"""The forge adapter for reviews: the shape of GitHub's REST API, nothing more.

``GET /repos/{owner}/{repo}/pulls/{n}/reviews`` returns pages (30 by default) of
``{id, user: {id, login}, state, commit_id, submitted_at, body, html_url}``, with a
``Link: <…>; rel="next"`` header while more pages follow. ``paginate`` takes any
``get(url) -> (headers, body)``: the live HTTP one in the workflow, a recording
in the tests.
"""

from __future__ import annotations

import json
import re
import urllib.request
from typing import Callable

from webpub.messages import t

API = "https://api.github.com"
COUNTED_STATES = {"APPROVED", "CHANGES_REQUESTED", "DISMISSED"}
_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="next"')

Get = Callable[[str], "tuple[dict, object]"]


def reviews_url(repository: str, number: int) -> str:
    return f"{API}/repos/{repository}/pulls/{number}/reviews?per_page=30"


def next_link(headers: dict) -> str | None:
    link = next((v for k, v in headers.items() if k.lower() == "link"), "") or ""
    match = _NEXT.search(link)
    return match.group(1) if match else None


def paginate(get: Get, url: str, max_pages: int = 100) -> list:
    items: list = []
    for _ in range(max_pages):
        headers, body = get(url)
        if not isinstance(body, list):
            raise ValueError(t("forge.not_reviews", url=url))
        items.extend(body)
        url = next_link(headers)
        if not url:
            return items
    raise ValueError(t("forge.too_many_pages"))


def http_get(token: str | None) -> Get:
    def get(url: str):
        request = urllib.request.Request(url, headers={
            "Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28",
            **({"Authorization": f"Bearer {token}"} if token else {}),
        })
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - fixed https API host
            return dict(response.headers.items()), json.loads(response.read().decode("utf-8"))
    return get


def recording_get(responses: list[dict]) -> Get:
    """A ``get`` that replays recorded ``{url, headers, body}`` responses."""
    by_url = {r["url"]: r for r in responses}

    def get(url: str):
        if url not in by_url:
            raise ValueError(t("forge.not_recorded", url=url))
        return by_url[url].get("headers") or {}, by_url[url]["body"]
    return get


def load_reviews_file(data) -> list[dict]:
    """Reviews from a file: a plain list, a list of pages (``gh api --paginate --slurp``),
    or a recording ``{"responses": [{url, headers, body}…]}`` replayed from its first URL."""
    if isinstance(data, dict) and "responses" in data:
        responses = data["responses"]
        return paginate(recording_get(responses), responses[0]["url"])
    if isinstance(data, list) and all(isinstance(page, list) for page in data):
        return [review for page in data for review in page]
    if isinstance(data, list):
        return data
    raise ValueError(t("forge.bad_reviews_file"))


def latest_per_user(reviews: list[dict]) -> list[dict]:
    """The latest review that counts per user; COMMENTED and PENDING never replace a verdict."""
    latest: dict = {}
    ordered = sorted(
        (r for r in reviews if r.get("state") in COUNTED_STATES and r.get("user")),
        key=lambda r: (str(r.get("submitted_at") or ""), r.get("id") or 0),
    )
    for review in ordered:
        latest[review["user"].get("id") or review["user"].get("login")] = review
    return [r for r in latest.values() if r["state"] != "DISMISSED"]
