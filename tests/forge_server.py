"""A small GitHub REST stand-in on localhost for the forge adapter's tests: real HTTP, recorded shapes.

It answers the calls ``webpub.forge.issues`` makes with the recorded payloads in
``tests/data/github/``, keeps the issues it was asked to open (so a second run finds
them), and records every request (method, path, query, headers, JSON body).
"""

from __future__ import annotations

import copy
import json
import re
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "github"


def recorded(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


class ForgeServer:
    def __init__(self, repository: str = "opdc/website", issues: list | None = None, fail_with: int | None = None,
                 runs: dict | None = None):
        self.repository = repository
        self.runs = runs
        self.issues = copy.deepcopy(recorded("issues-list.json") if issues is None else issues)
        self.requests: list[dict] = []
        self.fail_with = fail_with
        self._next = 57
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep pytest output clean
                pass

            def _reply(self, status: int, payload) -> None:
                raw = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def _handle(self, method: str) -> None:
                parsed = urllib.parse.urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length).decode("utf-8")) if length else None
                server.requests.append({"method": method, "path": parsed.path,
                                        "query": dict(urllib.parse.parse_qsl(parsed.query)),
                                        "headers": dict(self.headers.items()), "json": body})
                if server.fail_with:
                    return self._reply(server.fail_with, {"message": "Resource not accessible by integration",
                                                          "documentation_url": "https://docs.github.com/rest"})
                self._reply(*server.route(method, parsed.path, dict(urllib.parse.parse_qsl(parsed.query)), body))

            def do_GET(self):
                self._handle("GET")

            def do_POST(self):
                self._handle("POST")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def route(self, method: str, path: str, query: dict, body):
        base = f"/repos/{self.repository}/issues"
        if method == "GET" and path == base:
            label = query.get("labels")
            found = [i for i in self.issues if i["state"] == query.get("state", "open")
                     and (not label or any(lb["name"] == label for lb in i["labels"]))]
            per_page, page = int(query.get("per_page", 30)), int(query.get("page", 1))
            return 200, found[(page - 1) * per_page: page * per_page]
        if method == "POST" and path == base:
            issue = recorded("issue-created.json")
            issue.update(number=self._next, title=body["title"], body=body["body"],
                         labels=[{"id": 7, "name": n, "color": "B60205", "default": False} for n in body["labels"]])
            self._next += 1
            self.issues.insert(0, issue)
            return 201, issue
        runs = re.fullmatch(rf"/repos/{re.escape(self.repository)}/actions/workflows/([^/]+)/runs", path)
        if method == "GET" and runs:
            found = recorded("workflow-runs.json") if self.runs is None else self.runs
            return 200, found
        match = re.fullmatch(rf"{re.escape(base)}/(\d+)/comments", path)
        if method == "POST" and match:
            comment = recorded("comment-created.json")
            comment["body"] = body["body"]
            return 201, comment
        return 404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}

    def posted(self) -> list[dict]:
        return [r for r in self.requests if r["method"] == "POST"]

    def env(self, **extra) -> dict:
        return {"GITHUB_API_URL": self.url, "GITHUB_REPOSITORY": self.repository, "GITHUB_TOKEN": "t0ken", **extra}

    def __enter__(self) -> "ForgeServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()
