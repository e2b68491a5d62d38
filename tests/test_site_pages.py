"""Generated pages: navigation from the taxonomy, dated listings, OIA centre, open data, feed, sitemap."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import markdown
from conftest import write

from webpub.repo import Repo
from webpub.site import generated as G
from webpub.site import pages as P
from webpub.site.markup import md_text
from webpub.site.model import build_model

TODAY = dt.date(2026, 11, 26)
ATOM = "{http://www.w3.org/2005/Atom}"


def news(n: int, published: str, topic: str = "general") -> str:
    return (
        f"---\ntitle: ข่าวฉบับที่ {n}\ncategory: \"3.1\"\ntopic: {topic}\nowner:\n  division: secretariat\n"
        f"  officer: jintana.k\npublished: {published}\nsummary: สรุปข่าว {n}\n---\n\nเนื้อหา\n"
    )


def many_news(repo, count: int, month: str = "2026-10"):
    for n in range(count):
        write(repo, f"content/news/n{n:03d}.md", news(n, f"{month}-{n % 28 + 1:02d}"))


def pages_by_src(model):
    return {p.src: p for p in G.generated_pages(model)}


def test_md_text_neutralises_markup_and_html():
    html = markdown.markdown(md_text("<script>x</script> *ตัวหนา* [ลิงก์](javascript:y)"))
    assert "<script>" not in html and "<em>" not in html and "<a " not in html
    assert "&lt;script&gt;" in html


def test_nav_follows_the_standard_order_and_keeps_listing_items_out(tmp_repo):
    many_news(tmp_repo, 30)
    write(tmp_repo, "content/about/history.md", (
        "---\ntitle: ประวัติ\ncategory: \"1.1\"\ntopic: history\nowner:\n  division: secretariat\n"
        "  officer: jintana.k\npublished: 2026-01-01\n---\n\nx\n"))
    repo = Repo(tmp_repo)
    nav = P.nav(build_model(repo, TODAY, "preview"))
    groups = [next(iter(e)) for e in nav[1:]]
    assert groups == [g["name_th"] for g in repo.groups]
    first_group = nav[1][groups[0]]
    assert [next(iter(c)) for c in first_group] == [c["name_th"] for c in repo.categories.values() if c["group"] == "1"]
    flat = json.dumps(nav, ensure_ascii=False)
    assert "news/n000.md" not in flat  # hundreds of news items never enter the navigation
    assert "news/archive/index.md" in flat
    assert "about/history.md" in flat  # a few standing pages do, under their topic


def test_monthly_archive_is_paginated(tmp_repo):
    many_news(tmp_repo, 45)
    model = build_model(Repo(tmp_repo), TODAY, "preview")
    pages = pages_by_src(model)
    assert "news/archive/2569/10/index.md" in pages
    assert "news/archive/2569/10/2/index.md" in pages
    assert "news/archive/2569/10/3/index.md" in pages
    assert "news/archive/2569/10/4/index.md" not in pages
    first = pages["news/archive/2569/10/index.md"].markdown
    assert sum(line.startswith("- [") for line in first.splitlines()) == P.PER_PAGE
    assert "หน้าถัดไป" in first and "หน้า 1 จาก 3" in first
    assert "ตุลาคม 2569" in pages["news/archive/index.md"].markdown
    assert "(45 รายการ)" in pages["news/archive/index.md"].markdown


def test_oia_centre_lists_the_section_7_and_9_items_it_has_and_no_empty_topic(tmp_repo):
    write(tmp_repo, "content/oia/structure.md", (
        "---\ntitle: โครงสร้างองค์กร\ncategory: \"2.1\"\ntopic: s7-1\nowner:\n  division: secretariat\n"
        "  officer: jintana.k\npublished: 2026-01-01\n---\n\nx\n"))
    repo = Repo(tmp_repo)
    pages = pages_by_src(build_model(repo, TODAY, "preview"))
    page = pages["oia/index.md"]
    topics = repo.categories["2.1"]["topics"]
    assert md_text(topics[0]["name_th"]) in page.markdown
    for topic in topics[1:]:  # nothing filed: no heading, no page, no "ยังไม่มีข้อมูล"
        assert md_text(topic["name_th"]) not in page.markdown
        assert f"oia/topic-{topic['id']}/index.md" not in pages
    assert "มาตรา 7" in page.markdown and "มาตรา 9" in page.markdown
    assert "[โครงสร้างองค์กร](<structure.md>)" in page.markdown
    assert "ยังไม่มีข้อมูล" not in page.markdown
    assert "oia/topic-s7-1/index.md" in pages


def test_open_data_catalogue_json_uses_data_go_th_field_names(tmp_repo):
    write(tmp_repo, "content/opendata/stats.csv", "a,b\n1,2\n")
    write(tmp_repo, "content/opendata/stats.md", (
        "---\ntitle: สถิติการให้บริการ\ncategory: \"2.2\"\nowner:\n  division: digital\n  officer: wanpen.s\n"
        "published: 2026-01-01\nattachments:\n  - file: stats.csv\n    title: ข้อมูล CSV\ndataset:\n"
        "  data_type: ข้อมูลสถิติ\n  maintainer: สุดา\n  maintainer_email: suda.t@opdc.go.th\n"
        "  tag_string: [บริการ]\n  notes: จำนวนผู้รับบริการ\n  objective: [พันธกิจหน่วยงาน]\n"
        "  update_frequency_unit: ปี\n  geo_coverage: ประเทศ\n  data_source: สำนักงาน ก.พ.ร.\n"
        "  data_format: [CSV]\n  data_category: ข้อมูลสาธารณะ\n  license_id: Open Data Common\n"
        "---\n\n## รายละเอียดชุดข้อมูล\n\nx\n"))
    repo = Repo(tmp_repo)
    model = build_model(repo, TODAY, "preview")
    data = json.loads(G.catalog_json(model, repo.categories["2.2"], "https://www.opdc.go.th/"))
    [package] = data["result"]["results"]
    assert package["data_type"] == "ข้อมูลสถิติ" and package["license_id"] == "Open Data Common"
    assert package["maintainer_email"] == "suda.t@opdc.go.th"
    assert any(r["url"].endswith("opendata/stats.csv") for r in package["resources"])
    page = pages_by_src(model)["opendata/index.md"]
    assert "catalog.json" in page.markdown and "จำนวนผู้รับบริการ" in page.markdown


def test_atom_feed_is_valid_xml_with_newest_items(tmp_repo):
    many_news(tmp_repo, 3)
    repo = Repo(tmp_repo)
    model = build_model(repo, TODAY, "preview")
    feed = ET.fromstring(G.atom_feed(model, repo.categories["3.1"], "https://www.opdc.go.th/"))
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3
    assert entries[0].find(f"{ATOM}title").text == "ข่าวฉบับที่ 2"
    assert entries[0].find(f"{ATOM}link").get("href") == "https://www.opdc.go.th/news/n002/"


def test_sitemap_xml_lists_urls_with_lastmod():
    data = G.sitemap_xml([("", dt.date(2026, 11, 1)), ("news/a/", None)], "https://x.go.th/")
    root = ET.fromstring(data)
    locs = [u.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text for u in root]
    assert locs == ["https://x.go.th/", "https://x.go.th/news/a/"]


def test_sitemap_page_covers_groups_categories_and_topics(tmp_repo):
    repo = Repo(tmp_repo)
    page = pages_by_src(build_model(repo, TODAY, "preview"))["sitemap/index.md"]
    for group in repo.groups:
        assert group["name_th"] in page.markdown
    for category in repo.categories.values():
        assert md_text(category["name_th"]) in page.markdown


def test_home_page_has_agency_groups_and_latest_news(tmp_repo):
    many_news(tmp_repo, 8)
    repo = Repo(tmp_repo)
    page = pages_by_src(build_model(repo, TODAY, "preview"))["index.md"]
    assert "สำนักงานคณะกรรมการพัฒนาระบบราชการ" in page.markdown
    assert page.markdown.count("ข่าวฉบับที่") == repo.organization["portal"]["news"]["count"]
    for group in repo.groups:
        assert group["name_th"] in page.markdown
