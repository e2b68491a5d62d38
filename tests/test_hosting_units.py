"""The hosting pieces without servers: each page's CSP, precompression, schema/hosting.yml
and its refusals, the deploy manifest, WP320 (no style attributes)."""

from __future__ import annotations

import base64
import gzip
import hashlib
import shutil
import subprocess

import brotli
import pytest
import yaml
from conftest import PROJECT

from webpub.hosting import csp
from webpub.hosting.config import load
from webpub.hosting.deploy import known_hosts_line, manifest
from webpub.hosting.postbuild import add_policy, compress
from webpub.core.results import UsageError
from webpub.site.output_checks import STYLE_ATTRIBUTE, check_html, SiteFiles

PAGE = ('<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
        '<script>var a=1;</script><style>p{color:red}</style>'
        '<script type="application/json" id="__config">{"x":1}</script>'
        '<script src="x.js"></script></head><body><script>var a=1;</script></body></html>')


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_each_inline_script_and_style_is_hashed_into_the_page_before_the_first_one():
    out = add_policy(PAGE)
    meta_at = out.index('http-equiv="Content-Security-Policy"')
    assert meta_at < out.index("<script")
    policy = out[meta_at:].split('content="', 1)[1].split('"', 1)[0]
    assert f"script-src 'self' {sha('var a=1;')};" in policy  # once, though written twice
    assert f"style-src 'self' {sha('p{color:red}')};" in policy
    assert sha('{"x":1}') not in policy  # data, not a script
    assert "unsafe" not in policy and "default-src 'self'" in policy
    assert add_policy(out) == out  # never a second policy


def test_the_server_header_never_loosens_and_frames_nothing():
    for html in (True, False):
        header = csp.header_policy(html)
        assert "unsafe" not in header and "frame-ancestors 'none'" in header
    assert "default-src" not in csp.header_policy(True)  # the page's own hashes decide scripts
    assert "default-src 'self'; script-src 'self'" in csp.header_policy(False)


def test_precompressed_copies_decode_to_the_original(tmp_path):
    page = tmp_path / "index.html"
    page.write_text("<p>ภาษาไทย</p>" * 200, encoding="utf-8")
    compress(page)
    assert gzip.decompress((tmp_path / "index.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress((tmp_path / "index.html.br").read_bytes()) == page.read_bytes()


def test_the_sample_configuration_loads(tmp_path):
    hosting = load(PROJECT)
    assert hosting.publish_to in ("pages", "server") and hosting.server.log_days >= 90
    assert known_hosts_line("h", 2222, "ssh-ed25519 AAAA").startswith("[h]:2222 ssh-ed25519")


@pytest.mark.parametrize("key, value, named", [
    ("deploy.host_key", "AAAAC3NzaC1lZDI1NTE5", "deploy.host_key"),
    ("deploy.port", 70000, "deploy.port"),
    ("server.log_days", 30, "server.log_days"),
    ("publish_to", "ftp", "publish_to"),
    ("server.root", "/srv/../etc", "server.root"),
])
def test_a_wrong_setting_is_refused_in_thai_naming_the_key(tmp_path, key, value, named):
    shutil.copytree(PROJECT / "schema", tmp_path / "schema")
    path = tmp_path / "schema" / "hosting.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    section, _, name = key.rpartition(".")
    (data[section] if section else data)[name] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(UsageError) as error:
        load(tmp_path)
    assert named in str(error.value) and "schema/hosting.yml" in str(error.value)


def test_the_manifest_is_what_sha256sum_checks(tmp_path):
    site = tmp_path / "site"
    (site / "ข่าว").mkdir(parents=True)
    (site / "index.html").write_text("a")
    (site / "ข่าว" / "index.html").write_text("ข")
    files, text = manifest(site)
    assert files == ["index.html", "ข่าว/index.html"]
    (site / "m.sha256").write_text(text, encoding="utf-8")
    done = subprocess.run(["sha256sum", "--strict", "-c", "m.sha256"], cwd=site, capture_output=True)
    assert done.returncode == 0
    (site / "link").symlink_to(site / "index.html")
    with pytest.raises(UsageError):
        manifest(site)


def test_a_style_attribute_in_the_output_is_wp320(tmp_path):
    (tmp_path / "index.html").write_text('<p style="color:red">x</p>', encoding="utf-8")
    found = check_html(SiteFiles(tmp_path), "index.html", (), "index.html")
    assert [f.rule for f in found] == [STYLE_ATTRIBUTE]
