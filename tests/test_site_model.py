"""webpub.site.model and webpub.site.item: what a build shows, and what an item page says."""

from __future__ import annotations

from webpub.messages import t

import datetime as dt

from conftest import write

from webpub.messages import t
from webpub.repo import Repo
from webpub.site import item as view
from webpub.site.model import build_model, relative_url, src_to_url

TODAY = dt.date(2026, 11, 26)


def news(title: str, published: str, extra: str = "", topic: str = "general") -> str:
    return (
        f"---\ntitle: {title}\ncategory: \"3.1\"\ntopic: {topic}\nowner:\n  division: secretariat\n"
        f"  officer: jintana.k\npublished: {published}\n{extra}---\n\n## รายละเอียด\n\nเนื้อหาข่าว\n"
    )


def test_src_to_url_follows_directory_urls():
    assert src_to_url("news/2569/a.md") == "news/2569/a/"
    assert src_to_url("about/index.md") == "about/"
    assert src_to_url("index.md") == ""


def test_relative_url_between_pages_and_files():
    assert relative_url("news/a/", "news/b/") == "../b/"
    assert relative_url("news/a/", "news/x.pdf") == "../x.pdf"
    assert relative_url("", "about/") == "about/"
    assert relative_url("about/", "") == "../"


def test_preview_shows_every_item_and_publish_only_publishable(tmp_repo):
    write(tmp_repo, "content/news/a.md", news("ข่าวหนึ่ง", "2026-11-20"))
    write(tmp_repo, "content/news/broken.md", "---\ntitle: [\n---\n")
    repo = Repo(tmp_repo)
    preview = build_model(repo, TODAY, "preview")
    publish = build_model(repo, TODAY, "publish")
    assert {i.src for i in preview.shown} == {"news/a.md", "news/broken.md"}
    assert publish.shown == []  # nothing is approved
    assert {i.src for i in publish.hidden} == {"news/a.md", "news/broken.md"}
    assert [i.src for i in preview.broken] == ["news/broken.md"]


def test_expired_item_is_decided_expired_whatever_else(tmp_repo):
    write(tmp_repo, "content/news/old.md", news("ข่าวเก่า", "2026-01-01", "expires: 2026-03-01\n"))
    model = build_model(Repo(tmp_repo), TODAY, "publish")
    [old] = model.items
    assert old.decision.expired and not old.publishable
    assert old.expires == dt.date(2026, 3, 1)


def test_category_listing_is_newest_first(tmp_repo):
    write(tmp_repo, "content/news/a.md", news("เก่า", "2026-01-05"))
    write(tmp_repo, "content/news/b.md", news("ใหม่", "2026-11-05"))
    model = build_model(Repo(tmp_repo), TODAY, "preview")
    assert [i.title for i in model.in_category("3.1")] == ["ใหม่", "เก่า"]


def test_thai_size_units():
    assert view.thai_size(900) == "900 ไบต์"
    assert view.thai_size(350 * 1024) == "350 กิโลไบต์"
    assert view.thai_size(int(1.2 * 1024 * 1024)) == "1.2 เมกะไบต์"
    assert view.thai_size(4 * 1024 * 1024) == "4 เมกะไบต์"


def test_meta_shows_buddhist_era_dates_owner_expiry_and_source(tmp_repo):
    write(tmp_repo, "content/news/a.md", news(
        "ข่าว", "2026-11-20", "updated: 2026-11-25\nexpires: 2027-01-31\nsource: https://example.go.th/x\n"))
    model = build_model(Repo(tmp_repo), TODAY, "preview")
    html = view.meta_html(model, model.items[0])
    assert "20 พฤศจิกายน 2569" in html and "25 พฤศจิกายน 2569" in html
    assert "31 มกราคม 2570" in html
    assert "สำนักงานเลขาธิการ" in html
    assert 'href="https://example.go.th/x"' in html


def test_attachments_table_lists_existing_files_with_type_and_thai_size(tmp_repo):
    write(tmp_repo, "content/news/report.pdf", b"%PDF-1.4\n" + b"0" * (350 * 1024))
    write(tmp_repo, "content/news/a.md", news(
        "ข่าว", "2026-11-20", "attachments:\n  - file: report.pdf\n    title: รายงาน <ฉบับเต็ม>\n"
        "  - file: missing.pdf\n    title: ไม่มีไฟล์\n"))
    model = build_model(Repo(tmp_repo), TODAY, "preview")
    html = view.attachments_html(model, model.items[0])
    assert 'href="../report.pdf"' in html
    assert "รายงาน &lt;ฉบับเต็ม&gt;" in html
    assert "PDF" in html and "350 กิโลไบต์" in html
    assert "ไม่มีไฟล์" not in html


def test_approval_trail_names_people_roles_and_bangkok_time(tmp_repo):
    records = (
        "approvals:\n  - role: director\n    person: pranee.w\n    at: \"2026-11-21T09:30:00+07:00\"\n"
        "    digest: sha256:" + "0" * 64 + "\n    sig: x\n"
    )
    write(tmp_repo, "content/news/a.md", news("ข่าว", "2026-11-20", records))
    model = build_model(Repo(tmp_repo), TODAY, "preview")
    html = view.approvals_html(model, model.items[0])
    assert "นางปราณี วงศ์สวัสดิ์" in html
    assert t("roles.director") in html
    assert "21 พฤศจิกายน 2569 เวลา 09:30 น." in html


def test_contact_block_links_a_public_map_without_embedding(tmp_repo):
    write(tmp_repo, "content/about/contact.md", (
        "---\ntitle: ติดต่อ\ncategory: \"1.1\"\ntopic: contact\nowner:\n  division: secretariat\n"
        "  officer: jintana.k\npublished: 2026-11-01\ncontact:\n  address: ถนนพิษณุโลก\n  phone: 0 2356 9999\n"
        "  email: saraban@opdc.go.th\n  latitude: 13.7626\n  longitude: 100.5138\n---\n\n## ที่อยู่\n\nx\n"))
    model = build_model(Repo(tmp_repo), TODAY, "preview")
    html = view.contact_html(model.items[0])
    assert "ถนนพิษณุโลก" in html and "mailto:saraban@opdc.go.th" in html
    assert "openstreetmap.org/?mlat=13.7626&amp;mlon=100.5138" in html
    assert "<iframe" not in html and "<script" not in html


def test_draft_banner_is_thai_and_absent_for_publishable(tmp_repo):
    write(tmp_repo, "content/news/a.md", news("ข่าว", "2026-11-20"))
    write(tmp_repo, "content/news/broken.md", "---\ntitle: [\n---\n")
    model = build_model(Repo(tmp_repo), TODAY, "preview")
    by_src = {i.src: i for i in model.items}
    assert view.draft_banner(by_src["news/a.md"]).startswith("ฉบับร่าง")
    assert "frontmatter" in view.draft_banner(by_src["news/broken.md"])


def test_deciding_on_several_cores_gives_the_serial_decisions(sample_repo, monkeypatch, tmp_path):
    """The sample is signed: most decisions verify real signatures, some refuse."""
    import os

    from webpub.core import runner
    from webpub.site import model as site_model

    today = dt.date(2026, 11, 26)
    edited = sorted((sample_repo / "content").rglob("*.md"))[5]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nแก้ไขหลังอนุมัติ\n", encoding="utf-8")
    serial = build_model(Repo(sample_repo), today, "publish")
    marks = tmp_path / "workers"
    monkeypatch.setenv("WEBPUB_TEST_MARKS", str(marks))
    monkeypatch.setattr(runner, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(site_model, "_decide_range", _range_marking_its_process)
    _REAL[0] = _real_decide_range
    parallel = build_model(Repo(sample_repo), today, "publish")
    pids = set(marks.read_text().split()) if marks.exists() else set()
    assert pids and str(os.getpid()) not in pids, "the decisions were not made in worker processes"
    assert [(i.src, i.decision) for i in parallel.items] == [(i.src, i.decision) for i in serial.items]
    assert sum(i.publishable for i in parallel.items) > 50
    stale = [i for i in parallel.items if not i.decision.approved]
    assert [i.page.abspath for i in stale] == [edited] and "WP201" in " ".join(stale[0].decision.reasons)


def _real_decide_range(bounds):
    from webpub.site import model as site_model

    pages, ctx, decider = site_model._JOB
    return [decider(page, ctx) for page in pages[bounds[0]:bounds[1]]]


_REAL = [None]


def _range_marking_its_process(bounds):
    import os

    with open(os.environ["WEBPUB_TEST_MARKS"], "a") as fh:
        fh.write(f"{os.getpid()}\n")
    return _REAL[0](bounds)


def test_decisions_made_during_the_check_equal_the_models_own(sample_repo):
    """The publish gate passes the decisions its check made to the model."""
    from webpub.core.engine import run_check

    today = dt.date(2026, 11, 26)
    edited = sorted((sample_repo / "content").rglob("*.md"))[7]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nแก้ไขหลังอนุมัติ\n", encoding="utf-8")
    repo = Repo(sample_repo)
    result = run_check(repo, today=today, decide_pages=True, use_cache=False)
    pages = sorted(str(p.relative_to(sample_repo)) for p in (sample_repo / "content").rglob("*.md"))
    assert sorted(result.decisions) == pages
    reused = build_model(repo, today, "publish", decisions=result.decisions)
    fresh = build_model(Repo(sample_repo), today, "publish")
    assert [(i.src, i.decision) for i in reused.items] == [(i.src, i.decision) for i in fresh.items]
    assert all(i.decision is result.decisions[i.page.path] for i in reused.items)
    assert [i.src for i in reused.items if not i.decision.approved] == [
        str(edited.relative_to(sample_repo / "content"))]
    assert run_check(repo, today=today, use_cache=False).decisions == {}  # only when asked
