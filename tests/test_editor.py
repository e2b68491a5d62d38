"""The form editor: its configuration follows schema/ and is checked in current; its page
format writes what webpub's own writer writes and leaves untouched keys byte for byte;
its JavaScript is copied only when the pinned sha256 matches."""

from __future__ import annotations

import json
import subprocess

import pytest
import yaml

from conftest import PROJECT, run_cli
from webpub.commands.new import yaml_lines
from webpub.editor import local, vendor
from webpub.editor.config import build
from webpub.repo import Repo
from webpub.core.results import UsageError


@pytest.fixture(scope="module")
def installed():
    local.npm_ci(PROJECT)
    return PROJECT / "editor" / "node_modules"


def collection(cfg: dict, name: str) -> dict:
    return next(c for c in cfg["collections"] if c["name"] == name)


def field(coll: dict, name: str) -> dict:
    return next(f for f in coll["fields"] if f["name"] == name)


# -- configuration -------------------------------------------------------------------
def test_generated_config_is_current(monkeypatch, capsys):
    monkeypatch.chdir(PROJECT)
    code, _, err = run_cli(capsys, "editor", "config", "--check")
    assert code == 0, err


def test_one_collection_per_category_folder_with_the_rules_fields():
    repo = Repo.discover(PROJECT)
    cfg = build(repo)
    assert [c["folder"] for c in cfg["collections"]] == [f"content/{c['dir']}" for c in repo.categories.values()]
    assert cfg["publish_mode"] == "editorial_workflow" and cfg["locale"] == "th"
    news = collection(cfg, "news")
    topic = field(news, "topic")
    assert {"label": "ประกาศรับสมัครงาน", "value": "job-opening"} in topic["options"]
    assert "ประกาศรับสมัครงาน" in field(news, "closing_date")["hint"]
    assert field(news, "closing_date")["widget"] == "datetime" and field(news, "closing_date")["time_format"] is False
    assert field(news, "category") == {"name": "category", "label": "category", "widget": "hidden", "default": "3.1"}
    owner = field(news, "owner")
    division, officer = owner["fields"]
    assert {"label": "สำนักงานเลขาธิการ", "value": "secretariat"} in division["options"]
    assert any(o["value"] == "jintana.k" for o in officer["options"])
    attachments = field(news, "attachments")
    assert "4 MB" in attachments["hint"] and ".pdf" in attachments["hint"] and ".tiff" in attachments["hint"]
    assert news["media_folder"] == "" and news["public_folder"] == ""  # beside the page
    assert cfg["webpub"]["topic_sections"]["news"]["job-opening"] == ["คุณสมบัติผู้สมัคร", "วิธีการสมัคร"]
    opendata = collection(cfg, "opendata")
    assert field(opendata, "body")["default"].startswith("## รายละเอียดชุดข้อมูล\n")
    assert field(opendata, "dataset")["widget"] == "object" and field(opendata, "attachments")["required"] is True
    for coll in cfg["collections"]:
        names = {f["name"] for f in coll["fields"]}
        assert not names & {"approvals", "withdrawn", "privacy_exceptions"}, coll["name"]
        assert "dataset" not in names or coll["name"] == "opendata"


def test_schema_change_changes_the_form_with_no_code_change(tmp_repo, capsys):
    assert run_cli(capsys, "editor", "config", "--write")[0] == 0
    assert run_cli(capsys, "editor", "config", "--check")[0] == 0
    cats = tmp_repo / "schema" / "categories.yml"
    text = cats.read_text(encoding="utf-8")
    text = text.replace("    dir: news\n    required_fields: [published]\n",
                        "    dir: news\n    required_fields: [published, summary, fiscal_year]\n")
    text += ("\n  - id: \"3.4\"\n    group: \"3\"\n    name_th: ทดสอบหมวดใหม่\n    name_en: New\n    dir: newcat\n"
             "    required_fields: [published, event_date]\n    required_sections: [กำหนดการ]\n"
             "    source_required: false\n    attachment_extras: []\n    default_period_days: null\n"
             "    review_days: null\n    listing: false\n    topics: []\n")
    cats.write_text(text, encoding="utf-8")
    code, _, err = run_cli(capsys, "editor", "config", "--check")
    assert code == 1 and "webpub editor config --write" in err
    cfg = yaml.safe_load(run_cli(capsys, "editor", "config")[1])
    news = collection(cfg, "news")
    assert field(news, "summary")["required"] is True
    assert field(news, "fiscal_year")["widget"] == "number" and field(news, "fiscal_year")["value_type"] == "int"
    new = collection(cfg, "newcat")
    assert new["folder"] == "content/newcat" and field(new, "event_date")["required"] is True
    assert field(new, "body")["default"].startswith("## กำหนดการ\n")


# -- the page format (the same JavaScript the browser runs, under node) ----------------
NODE_HARNESS = """
import { parse } from './node_modules/yaml/browser/dist/index.js';
import { makeFormat, yamlLines, withTopicSections } from './admin/webpub-format.js';
import fs from 'node:fs';
const job = JSON.parse(fs.readFileSync(0, 'utf8'));
const fmt = makeFormat(parse, job.order);
const out = {};
out.roundtrip = job.files.filter(f => { const t = fs.readFileSync(f, 'utf8');
  return fmt.toFile(JSON.parse(JSON.stringify(fmt.fromFile(t)))) !== t; });
out.lines = job.values.map(v => yamlLines(v, 0));
out.edited = job.edit ? (() => { const d = fmt.fromFile(fs.readFileSync(job.edit, 'utf8'));
  d.summary = d.summary + ' (แก้ไข)'; d.tags = ['ใหม่']; return fmt.toFile(d); })() : null;
out.sections = withTopicSections('## คุณสมบัติผู้สมัคร\\n\\nก\\n', ['คุณสมบัติผู้สมัคร', 'วิธีการสมัคร'], job.marker);
console.log(JSON.stringify(out));
"""


def node_format(job: dict) -> dict:
    done = subprocess.run(["node", "--input-type=module", "-e", NODE_HARNESS], cwd=PROJECT / "editor",
                          input=json.dumps(job), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_format_round_trips_every_sample_page_byte_for_byte_and_writes_like_webpub_new(installed):
    repo = Repo.discover(PROJECT)
    files = sorted(str(p) for p in (PROJECT / "content").rglob("*.md"))
    values = [
        {"title": "ประกาศรับสมัคร \"พนักงาน\" : รอบที่ 2", "category": "3.1", "topic": "job-opening",
         "owner": {"division": "secretariat", "officer": "jintana.k"}, "published": "2026-11-30",
         "closing_date": "2026-12-31", "fiscal_year": 2569, "period": "2026-10",
         "attachments": [{"file": "job.pdf", "title": "ประกาศฉบับเต็ม"}], "tags": ["งาน", "1.5"],
         "source": "ราชกิจจานุเบกษา", "slug-like": "a-b.c_d", "num": "2569"},
    ]
    signed = PROJECT / "content" / "laws" / "public-administration-act-2534.md"
    out = node_format({"order": list(repo.frontmatter_schema["properties"]), "files": files,
                       "values": values, "edit": str(signed),
                       "marker": build(repo)["webpub"]["section_placeholder"]})
    assert out["roundtrip"] == [], "pages the format would rewrite when saved unchanged"
    assert out["lines"] == [yaml_lines(v, 0, lambda k: None) for v in values]
    original = signed.read_text(encoding="utf-8")
    edited = out["edited"]
    approvals = original[original.index("approvals:"):original.index("\n---\n", original.index("approvals:"))]
    assert approvals in edited  # the records' lines, byte for byte
    assert edited.index("tags:") < edited.index("approvals:")  # a new key at its schema place
    assert original.replace("summary: ", "").split("\n", 5)[:4] == edited.replace("summary: ", "").split("\n", 5)[:4]
    assert out["sections"] == "## คุณสมบัติผู้สมัคร\n\nก\n\n## วิธีการสมัคร\n\n[[กรอก: เนื้อหาหัวข้อวิธีการสมัคร]]\n"


# -- the pinned JavaScript ------------------------------------------------------------
def test_vendor_files_match_their_pins_and_a_changed_file_is_refused(installed, tmp_path):
    admin = vendor.stage_admin(PROJECT, tmp_path / "admin")
    assert (admin / "vendor" / "decap-cms" / "decap-cms.js").is_file()
    assert (admin / "vendor" / "yaml" / "index.js").is_file()
    html = (admin / "index.html").read_text(encoding="utf-8")
    assert 'name="robots" content="noindex' in html and "<script>" not in html and "https://" not in html
    fake = tmp_path / "fake"
    dist = fake / "editor" / "node_modules" / "decap-cms" / "dist"
    dist.mkdir(parents=True)
    (dist / "decap-cms.js").write_text("changed", encoding="utf-8")
    (fake / "editor" / "node_modules" / "yaml" / "browser" / "dist").mkdir(parents=True)
    (fake / "editor" / "vendor.sha256").write_text("0" * 64 + "  decap-cms/dist/decap-cms.js\n", encoding="utf-8")
    with pytest.raises(UsageError, match="sha256"):
        vendor.copy_vendor(fake, tmp_path / "out")
    assert not (tmp_path / "out").exists()


# -- the admin page in the publish build, and `webpub editor` on a laptop ---------------
def test_publish_build_has_the_admin_page_only_when_turned_on(tmp_repo, installed, capsys):
    (tmp_repo / "editor").symlink_to(PROJECT / "editor")
    args = ("build", "--mode", "publish", "--today", "2026-11-30", "--jobs", "1")
    code, out, err = run_cli(capsys, *args)
    assert code == 0, out + err
    assert not (tmp_repo / "site" / "admin").exists()
    settings = tmp_repo / "schema" / "editor.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("publish_admin: false", "publish_admin: true"),
                        encoding="utf-8")
    code, out, err = run_cli(capsys, *args)
    assert code == 0, out + err
    admin = tmp_repo / "site" / "admin"
    assert 'content="noindex' in (admin / "index.html").read_text(encoding="utf-8")
    assert "local_backend" not in (admin / "config.yml").read_text(encoding="utf-8")
    pins = dict(reversed(line.split(None, 1)) for line in (PROJECT / "editor" / "vendor.sha256").read_text(
        encoding="utf-8").splitlines() if line and not line.startswith("#"))
    import hashlib
    assert hashlib.sha256((admin / "vendor" / "decap-cms" / "decap-cms.js").read_bytes()).hexdigest() == \
        pins["decap-cms/dist/decap-cms.js"]
    assert "/admin/" not in (tmp_repo / "site" / "sitemap.xml").read_text(encoding="utf-8")


def test_webpub_editor_starts_the_proxy_and_the_admin_page_and_refuses_a_dirty_tree(sample_repo, installed):
    import signal
    import urllib.request

    from conftest import git

    (sample_repo / "editor").symlink_to(PROJECT / "editor")
    git(sample_repo, "add", "editor")
    git(sample_repo, "commit", "-q", "-m", "editor")
    exe = str(PROJECT / ".venv" / "bin" / "webpub")
    proc = subprocess.Popen([exe, "editor", "--no-preview", "--port", "0"], cwd=sample_repo,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert "แบบฟอร์มแก้ไขเนื้อหา" in line, line + proc.stderr.read()
        admin = line.split("ที่ ", 1)[1].split()[0]
        with urllib.request.urlopen(admin, timeout=10) as answer:
            assert answer.headers["X-Robots-Tag"] == "noindex, nofollow"
            assert 'src="webpub-cms.js"' in answer.read().decode("utf-8")
        with urllib.request.urlopen(admin + "config.yml", timeout=10) as answer:
            api = yaml.safe_load(answer.read())["local_backend"]["url"]
        request = urllib.request.Request(api, data=b'{"action":"info"}', headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            info = json.loads(answer.read())
        assert info["type"] == "local_git" and "editorial_workflow" in info["publish_modes"]
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.communicate(timeout=60)  # drains both pipes while it stops
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            raise AssertionError(f"webpub editor did not stop on Ctrl+C:\n{out}\n{err}") from None
    assert proc.returncode == 0, proc.returncode
    (sample_repo / "content" / "news" / "scratch.md").write_text("x", encoding="utf-8")
    done = subprocess.run([exe, "editor", "--no-preview", "--port", "0"], cwd=sample_repo,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "git stash" in done.stderr and "Traceback" not in done.stderr
