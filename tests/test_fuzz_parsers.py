"""Bounded fuzzing of every parser on the check path (issue 11, item 5).

Seeded random and adversarial inputs up to 4 MB go to the strict YAML reader, the
page loader, the render guard + Markdown render + HTML scan, and each attachment
inspector. Each input runs in a worker of the real runner under a budget, so a hang
shows up as a failed job rather than a stuck suite; every input must return
(findings or none) with no exception escaping. Seeds make each case reproducible.
"""

from __future__ import annotations

import random
import traceback
from pathlib import Path

import deep_files
import realfiles
from webpub.core import runner
from webpub.rendering import htmlscan
from webpub.content import yamlstrict
from webpub.files import inspect_bytes
from webpub.content.page import load_page
from webpub.rendering.render import Renderer

PROJECT = Path(__file__).resolve().parent.parent
BUDGET = runner.FileBudget(seconds=120)  # hard: only a call stuck in C reaches it
SOFT = runner.FileBudget(seconds=10)  # the runner's own budget: crossing it is a finding (WP061), not a failure
SEED = 11
_RENDERER: Renderer | None = None


def _noise(rng: random.Random, size: int, alphabet: bytes) -> bytes:
    return bytes(rng.choice(alphabet) for _ in range(min(size, 4096))) * (size // 4096 + 1)


def _mutate(rng: random.Random, data: bytes, flips: int = 40) -> bytes:
    buf = bytearray(data)
    for _ in range(flips):
        if buf:
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    return bytes(buf)


def _work(job):
    try:
        with runner.bounded(SOFT):
            return _parse(job)
    except runner.OverBudget:
        return None  # what `webpub check` reports as WP061: bounded, a finding


def _parse(job):
    kind, payload = job
    try:
        if kind == "yaml":
            try:
                yamlstrict.load(payload.decode("utf-8", "replace"), 0)
            except yamlstrict.YamlProblem:
                pass
        elif kind == "page":
            load_page("content/about/x.md", Path("x.md"), payload, 65536)
        elif kind == "render":
            page = load_page("content/about/x.md", Path("x.md"), payload, 65536)
            from webpub.rendering import renderguard

            if page.text is not None and renderguard.refusal(page.body) is None:
                htmlscan.parse(_RENDERER.render(page.body))
        else:
            inspect_bytes(payload, kind)
        return None
    except runner.OverBudget:
        raise  # the soft budget crossed (a loaded machine): bounded, handled by _work as WP061 would be
    except BaseException:  # noqa: BLE001 - the test reports it
        return f"{kind}: {traceback.format_exc()[-600:]}"


def _failed(job, what):
    return f"{job[0]}: over budget ({what})"


def _run(jobs):
    global _RENDERER
    _RENDERER = Renderer(PROJECT)
    problems = [r for r in runner.run_pool(jobs, 2, _work, _failed, BUDGET) if r]
    assert problems == []


def test_yaml_and_page_loader_and_render():
    rng = random.Random(SEED)
    front = "---\ntitle: ทดสอบ\ncategory: \"1.1\"\n---\n\n"
    yaml_cases = [
        b"a: " + b"[" * 50_000, b"a: " + b"{" * 50_000, b"- " * 200_000, b"&a x\n" + b"b: *a\n" * 10_000,
        b"a: !!python/object:os.system x\n", b"a: '" + b"x" * (4 << 20),
        b"k: " + b"\"\\" * 100_000, b"? " * 100_000, _noise(rng, 1 << 20, b"-:[]{}&*!|>'\" \n#?,%@`ab"),
    ]
    page_cases = [front.encode() + _noise(rng, 1 << 18, b"#*_[]()<>!`|>-:=~^ \n\tabc\xe0\xb8\x81"),
                  b"---\n" + b"a: b\n" * 20_000 + b"---\n", b"\xef\xbb\xbf---\r\n" * 50_000,
                  b"---\n" + _noise(rng, 1 << 16, bytes(range(256))), bytes(rng.randrange(256) for _ in range(4 << 10)) * 1024]
    render_cases = [front.encode() + _noise(rng, n, alphabet) for n, alphabet in (
        (1 << 16, b"[]()!<>*_`#\n "), (1 << 17, b"> -1.\n  \t*"), (1 << 18, b"|-: a\n"),
        (1 << 16, b"*[]^:!?\n abc"), (1 << 17, b"`~\n    abc"), (300_000, b"ab \n"))]
    render_cases.append(front.encode() + b"\n\n".join(b"## h%d\n\n[x](#h%d) *a* <b>" % (i, i) for i in range(3000)))
    _run([("yaml", c) for c in yaml_cases] + [("page", c) for c in page_cases]
         + [("render", c) for c in render_cases])


def test_attachment_inspectors():
    rng = random.Random(SEED + 1)
    seeds = {
        "a.pdf": deep_files.pdf(), "b.pdf": deep_files.pdf_js(objstm=True),
        "a.docx": deep_files.docx(), "a.xlsx": deep_files.xlsx(), "a.ods": realfiles.ods_bytes(),
        "a.doc": realfiles.ole_bytes(), "a.zip": realfiles.zip_bytes(), "a.rar": deep_files.rar5(),
        "a.jpg": realfiles.image_bytes("JPEG"), "a.png": realfiles.image_bytes("PNG"),
        "a.tif": realfiles.image_bytes("TIFF"), "a.csv": "ชื่อ,เลข\nก,1\n".encode() * 100,
    }
    jobs = []
    for name, data in seeds.items():
        jobs += [(name, _mutate(rng, data, flips)) for flips in (1, 10, 200)]
        jobs.append((name, data + bytes(rng.randrange(256) for _ in range(1 << 12)) * 256))  # ~1 MB tail
    big = 4 << 20
    jobs += [
        ("c.pdf", b"%PDF-1.7\n" + b"1" * big), ("d.pdf", b"%PDF-1.7\n" + b"1 " * (big // 2)),
        ("e.pdf", b"%PDF-1.7\n" + b"/Filter[" * (big // 8)), ("f.pdf", b"%PDF-1.7\n" + b"stream\n" * (big // 7)),
        ("g.pdf", b"%PDF-1.7\n" + b"beginbfrange<00><ff>[" * (big // 21)),
        ("h.pdf", b"%PDF-1.7\n" + b"/OpenAction 1 0 R " * (big // 18)),
        ("b.csv", b"1234567890123," * (big // 14)), ("c.csv", b"\xff\xfe" + b"\x00" * big),
        ("b.zip", b"PK\x03\x04" * (big // 4)), ("b.rar", b"Rar!\x1a\x07\x01\x00" + b"\x00" * big),
        ("b.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * big), ("b.jpg", b"\xff\xd8" + b"\xff\xe1\xff\xff" * (big // 4)),
        ("b.tif", b"II*\x00" + b"\x08\x00\x00\x00" * (big // 4)), ("b.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * big),
        ("b.xlsx", deep_files.rezip(deep_files.xlsx(), add={"xl/sharedStrings.xml": b"<si><t>" * (1 << 20)})),
        ("c.xlsx", deep_files.rezip(deep_files.xlsx(), add={"xl/worksheets/sheet2.xml": b"<c r=\"A1\">" * (1 << 19)})),
        ("c.docx", deep_files.rezip(deep_files.docx(), add={"word/_rels/x.rels": b"<Relationship " * (1 << 19)})),
    ]
    _run(jobs)
