"""The portal's data and pages without a browser: the ``portal:`` section is validated with a
Thai message naming the file, quick links resolve, breadcrumbs never repeat a step, share links
carry no script, and the build script tells how to view the site (never from disk)."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from conftest import PROJECT, write

from webpub.messages import t
from webpub.repo import Repo
from webpub.core.results import UsageError
from webpub.site import portal
from webpub.site.mkdocs_plugin import _crumbs
from webpub.site.model import build_model

TODAY = dt.date(2026, 11, 26)


def edit_portal(repo_dir, change) -> Repo:
    path = repo_dir / "schema" / "organization.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return Repo(repo_dir)


def test_quick_links_resolve_to_category_topic_path_or_address(tmp_repo):
    model = build_model(Repo(tmp_repo), TODAY, "preview")
    urls = {link["title_th"]: portal.link_url(model, link) for link in portal.portal_config(model)["quick_links"]}
    assert urls["ร้องเรียน ร้องทุกข์"] == "interaction/"  # the topic is empty here: no page, its category's
    write(tmp_repo, "content/interaction/complaint.md", "---\ntitle: ช่องทางร้องเรียน\ncategory: \"3.2\"\ntopic: complaint\n"
          "owner:\n  division: service\n  officer: kittipong.m\npublished: 2026-01-05\n---\n\n## ช่องทางร้องเรียน\n\nx\n")
    model = build_model(Repo(tmp_repo), TODAY, "preview")
    urls = {link["title_th"]: portal.link_url(model, link) for link in portal.portal_config(model)["quick_links"]}
    assert urls["ร้องเรียน ร้องทุกข์"] == "interaction/topic-complaint/"
    assert urls["ศูนย์ข้อมูลข่าวสารของราชการ"] == "oia/"
    assert urls["การประเมินคุณธรรมและความโปร่งใส (ITA)"] == "compliance/"


def test_adding_a_quick_link_is_a_data_edit(tmp_repo):
    repo = edit_portal(tmp_repo, lambda d: d["portal"]["quick_links"].append(
        {"title_th": "ระบบสารบรรณอิเล็กทรอนิกส์", "url": "https://saraban.opdc.go.th/", "icon": "link"}))
    page = portal.home_page(build_model(repo, TODAY, "preview"))
    assert 'href="https://saraban.opdc.go.th/"' in page.markdown and "ระบบสารบรรณอิเล็กทรอนิกส์" in page.markdown


def test_a_link_to_a_missing_topic_is_refused_in_thai(tmp_repo):
    repo = edit_portal(tmp_repo, lambda d: d["portal"]["quick_links"].append(
        {"title_th": "ลิงก์ผิด", "category": "3.2", "topic": "no-such-topic"}))
    with pytest.raises(UsageError) as refused:
        portal.home_page(build_model(repo, TODAY, "preview"))
    assert "schema/organization.yml" in str(refused.value) and "ลิงก์ผิด" in str(refused.value)


@pytest.mark.parametrize("bad", [
    {"title_th": "ไม่มีปลายทาง"},
    {"title_th": "สองปลายทาง", "path": "oia/", "url": "https://x.go.th/"},
    {"title_th": "ลิงก์", "url": "javascript:alert(1)"},
    {"title_th": "English only", "path": "oia/"},
    {"title_th": "ออกนอกเว็บ", "path": "../etc/"},
])
def test_malformed_portal_section_is_refused_with_the_file_named(tmp_repo, bad):
    repo = edit_portal(tmp_repo, lambda d: d["portal"]["quick_links"].append(bad))
    with pytest.raises(UsageError) as refused:
        portal.portal_config(build_model(repo, TODAY, "preview"))
    assert str(refused.value).startswith("schema/organization.yml ส่วน portal:")


def test_news_cards_show_buddhist_era_date_topic_and_image_thumbnail(tmp_repo):
    write(tmp_repo, "content/news/photo.jpg", (PROJECT / "content" / "news" / "2026-11-12-network-meeting.jpg").read_bytes())
    write(tmp_repo, "content/news/photo.md", "---\ntitle: ข่าวมีภาพ\ncategory: \"3.1\"\ntopic: activity\nowner:\n"
          "  division: secretariat\n  officer: jintana.k\npublished: 2026-11-20\nattachments:\n"
          "  - {file: photo.jpg, title: ภาพกิจกรรม}\n---\n\nเนื้อหา\n")
    page = portal.home_page(build_model(Repo(tmp_repo), TODAY, "preview"))
    assert "20 พฤศจิกายน 2569" in page.markdown
    assert '<span class="webpub-chip">ข่าวกิจกรรมของหน่วยงาน</span>' in page.markdown
    assert 'class="webpub-card__image" src="news/photo.jpg" alt=""' in page.markdown


def test_breadcrumbs_show_a_step_named_like_the_one_before_once():
    crumbs = _crumbs([("หน้าแรก", "index.md"), ("ข้อมูลเปิดภาครัฐ", None), ("ข้อมูลเปิดภาครัฐ", "opendata/index.md")])
    assert crumbs == [{"title": "หน้าแรก", "url": ""}, {"title": "ข้อมูลเปิดภาครัฐ", "url": "opendata/"}]


def test_share_links_are_plain_links_with_the_address_quoted(sample_repo):
    model = build_model(Repo(sample_repo), TODAY, "preview")
    item = model.shown[0]
    html = portal.share_html("https://www.opdc.go.th/", item)
    assert "<script" not in html and html.count("<a ") == 3
    assert "https%3A%2F%2Fwww.opdc.go.th%2F" in html and 'rel="noopener noreferrer"' in html


def test_build_script_says_how_to_view_the_site_never_from_disk():
    script = (PROJECT / "scripts" / "build-site.sh").read_text(encoding="utf-8")
    assert "file://" not in script and 'print(t("site.built"))' in script
    assert "webpub serve" in t("site.built") and "http://127.0.0.1:8000/" in t("site.built")
