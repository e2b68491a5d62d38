"""The forge adapter for notices: the one place webpub posts to GitHub's REST API.

(Reading a pull request's reviews is ``webpub.forge.reviews``.)

Kept thin on purpose: what a notice says is computed by ``webpub.notify`` as data;
this module only finds an open issue by label and title, opens one, or adds a
comment. The base URL comes from ``GITHUB_API_URL`` (set by GitHub Actions, and
pointed at a local recording server by the tests), the token from ``GITHUB_TOKEN``
or ``GH_TOKEN``, the repository from ``GITHUB_REPOSITORY``. Standard library only.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from webpub.messages import t

from webpub.forge.reviews import API as DEFAULT_API  # the reviews adapter's; one address for GitHub
TIMEOUT = 30  # seconds per request: a hung API call must not hang the workflow
MAX_PAGES = 10  # open issues scanned per label: 10 x 100


class ForgeError(Exception):
    """The forge refused or could not be reached; the message is Thai, for the job log."""


@dataclass
class Forge:
    api_url: str
    repository: str  # owner/name
    token: str

    @classmethod
    def from_env(cls, env: dict | None = None) -> "Forge":
        env = os.environ if env is None else env
        repository = env.get("GITHUB_REPOSITORY", "")
        token = env.get("GITHUB_TOKEN") or env.get("GH_TOKEN") or ""
        if "/" not in repository:
            raise ForgeError(t("forge.no_repository"))
        if not token:
            raise ForgeError(t("forge.no_token"))
        return cls(env.get("GITHUB_API_URL") or DEFAULT_API, repository, token)

    # -- the three calls a notice needs ---------------------------------------
    def find_open_issue(self, label: str, title: str) -> int | None:
        """The number of the open issue (not pull request) with this label and exact title."""
        for page in range(1, MAX_PAGES + 1):
            query = urllib.parse.urlencode({"state": "open", "labels": label, "per_page": 100, "page": page})
            found = self._call("GET", f"/repos/{self.repository}/issues?{query}")
            if not isinstance(found, list):
                raise ForgeError(t("forge.not_issues"))
            for issue in found:
                if isinstance(issue, dict) and "pull_request" not in issue and issue.get("title") == title:
                    return int(issue["number"])
            if len(found) < 100:
                return None
        return None

    def create_issue(self, title: str, body: str, labels: list[str]) -> dict:
        return self._call("POST", f"/repos/{self.repository}/issues",
                          {"title": title, "body": body, "labels": labels})

    def comment(self, number: int, body: str) -> dict:
        """A comment on an issue or a pull request (GitHub treats both as issues here)."""
        return self._call("POST", f"/repos/{self.repository}/issues/{int(number)}/comments", {"body": body})

    def open_or_comment(self, label: str, title: str, body: str) -> dict:
        """One open issue per title: comment on it if it exists, else open it."""
        number = self.find_open_issue(label, title)
        if number is not None:
            return {"action": "commented", "number": number, "response": self.comment(number, body)}
        created = self.create_issue(title, body, [label])
        return {"action": "created", "number": created.get("number"), "response": created}

    def last_successful_run(self, workflow: str, event: str = "schedule") -> dict | None:
        """The newest successful run of ``workflow`` (file name) started by ``event``, or None."""
        query = urllib.parse.urlencode({"event": event, "status": "success", "per_page": 1})
        found = self._call("GET", f"/repos/{self.repository}/actions/workflows/"
                                  f"{urllib.parse.quote(workflow, safe='')}/runs?{query}")
        runs = found.get("workflow_runs") if isinstance(found, dict) else None
        if not isinstance(runs, list):
            raise ForgeError(t("forge.not_runs"))
        return runs[0] if runs and isinstance(runs[0], dict) else None

    # -- transport ---------------------------------------------------------------
    def _call(self, method: str, path: str, payload: dict | None = None):
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8") if payload is not None else None
        request = urllib.request.Request(
            self.api_url.rstrip("/") + path, data=data, method=method,
            headers={
                "Accept": "application/vnd.github+json",
                "Authorization": f"Bearer {self.token}",
                "X-GitHub-Api-Version": "2022-11-28",
                "User-Agent": "webpub",
                **({"Content-Type": "application/json; charset=utf-8"} if data is not None else {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:300].decode("utf-8", "replace")
            raise ForgeError(t("forge.http_error", code=exc.code, method=method, path=path.split("?")[0], detail=detail)) from None
        except (urllib.error.URLError, OSError) as exc:
            raise ForgeError(t("forge.unreachable", method=method, path=path.split("?")[0], error=exc)) from None
        try:
            return json.loads(raw) if raw else {}
        except ValueError:
            raise ForgeError(t("forge.unreadable", method=method, path=path.split("?")[0])) from None
