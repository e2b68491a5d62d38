"""The pages and files the site generates: sitemap page and sitemap.xml, the Official
Information Act centre (2.1), the open-data catalogue (2.2, page + JSON), the news
feed (Atom), and the category/topic/listing pages of ``webpub.site.pages``.
"""

from __future__ import annotations

import datetime as dt
import json
from xml.sax.saxutils import escape as xml_escape

from webpub.site import pages as P
from webpub.dates import parse_iso_date, thai_date
from webpub.messages import t
from webpub.site import portal
from webpub.site.markup import GeneratedFile, GeneratedPage, empty_note, item_line, md_link, md_text
from webpub.site.model import SiteItem, SiteModel

SITEMAP_CATEGORY = "1.7"
OIA_CATEGORY = "2.1"
OPENDATA_CATEGORY = "2.2"
FEED_ITEMS = 50
OIA_SECTIONS = ("7", "9")  # headings: site.page.oia_section_<n>
DATASET_KEYS = ("data_type", "data_category", "data_format", "update_frequency_unit", "license_id",
                "maintainer", "last_updated_date")  # labels: site.dataset.<key>


# -- 1.7 sitemap page ----------------------------------------------------
def sitemap_page(model: SiteModel, category: dict) -> GeneratedPage:
    here = P.category_src(category)
    lines = [f"{t('site.page.sitemap_intro')}\n",
             f"- {md_link(t('site.home'), here, 'index.md')}\n"]
    for group in model.repo.groups:
        lines.append(f"## {md_text(group['name_th'])}\n")
        for cat in model.repo.categories.values():
            if cat["group"] != group["id"]:
                continue
            lines.append(f"- {md_link(cat['name_th'], here, P.category_src(cat))}")
            lines += sitemap_topics(model, cat, here)
        lines.append("")
    return GeneratedPage(here, category["name_th"], "\n".join(lines), P.category_crumbs(model, category)[:-1])


def sitemap_topics(model: SiteModel, cat: dict, here: str) -> list[str]:
    lines = []
    for topic in cat.get("topics") or []:
        items = model.in_topic(cat["id"], topic["id"])
        if not items:  # an empty topic has no page
            continue
        lines.append(f"    - {md_link(topic['name_th'], here, P.topic_src(cat, topic['id']))}")
        if not cat.get("listing") and len(items) <= P.NAV_ITEMS_PER_TOPIC:
            lines += [f"        {item_line(i, here)}" for i in items]
    if cat.get("listing"):
        lines.append(f"    - {md_link(t('site.page.archive_nav'), here, P.archive_src(cat))}")
    elif not cat.get("topics"):
        loose = model.in_topic(cat["id"], None)
        lines += [f"    {item_line(i, here)}" for i in loose[:P.NAV_ITEMS_PER_TOPIC]]
    return lines


# -- 2.1 Official Information Act centre ---------------------------------
def oia_page(model: SiteModel, category: dict) -> GeneratedPage:
    here = P.category_src(category)
    lines = [f"{t('site.page.oia_intro')}\n"]
    topics = category.get("topics") or []
    for section in OIA_SECTIONS:
        lines.append(f"## {t(f'site.page.oia_section_{section}')}\n")
        for topic in (x for x in topics if str(x.get("section")) == section):
            items = model.in_topic(category["id"], topic["id"])
            if not items:  # an empty topic has no page; the compliance page says what is missing
                continue
            lines.append(f"### {md_link(topic['name_th'], here, P.topic_src(category, topic['id']))}\n")
            lines += [item_line(i, here) for i in items[:P.SUMMARY_ITEMS]]
            if len(items) > P.SUMMARY_ITEMS:
                lines.append(f"\n{md_link(t('site.page.see_all', count=len(items)), here, P.topic_src(category, topic['id']))}")
            lines.append("")
    return GeneratedPage(here, category["name_th"], "\n".join(lines), P.category_crumbs(model, category)[:-1],
                         searchable=True)


# -- 2.2 open-data catalogue ---------------------------------------------
def _field_text(value) -> str:
    """A dataset field as a person reads it: lists joined, a date in B.E. with the Thai month."""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    date = parse_iso_date(value)
    if date is not None:
        return thai_date(date)
    return str(value)


def dataset_block(item: SiteItem, here: str) -> list[str]:
    dataset = item.page.get("dataset") or {}
    lines = [f"## {md_link(item.title, here, item.src)}\n"]
    if isinstance(dataset, dict) and dataset.get("notes"):
        lines.append(md_text(dataset["notes"]) + "\n")
    rows = [(t(f"site.dataset.{key}"), dataset.get(key)) for key in DATASET_KEYS if isinstance(dataset, dict)]
    rows = [(label, value) for label, value in rows if value]
    if rows:
        lines += [f"| {t('site.page.dataset_item')} | {t('site.page.dataset_detail')} |", "| --- | --- |"]
        lines += [f"| {md_text(label)} | {md_text(_field_text(value))} |" for label, value in rows]
        lines.append("")
    return lines


def opendata_page(model: SiteModel, category: dict) -> GeneratedPage:
    here = P.category_src(category)
    items = model.in_category(category["id"])
    lines = [t("site.page.opendata_intro", link=md_link("catalog.json", here, catalog_src(category))) + "\n"]
    for item in items:
        lines += dataset_block(item, here)
    if not items:
        lines.append(empty_note())
    return GeneratedPage(here, category["name_th"], "\n".join(lines) + "\n",
                         P.category_crumbs(model, category)[:-1], searchable=True)


def catalog_src(category: dict) -> str:
    return f"{category['dir']}/catalog.json"


def package_for(item: SiteItem, model: SiteModel, site_url: str) -> dict:
    from webpub.opendata.ckan import package_dict

    return package_dict(item.page, model.repo, site_url)


def catalog_json(model: SiteModel, category: dict, site_url: str) -> bytes:
    """A CKAN ``package_search``-shaped result holding every dataset on the site."""
    packages = [package_for(i, model, site_url) for i in model.in_category(category["id"])]
    data = {"success": True, "result": {"count": len(packages), "results": packages}}
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")


# -- feeds and sitemap.xml -----------------------------------------------
feed_src = P.feed_src


def _stamp(value: dt.date | None) -> str:
    return f"{(value or dt.date(1970, 1, 1)).isoformat()}T00:00:00+07:00"


def atom_feed(model: SiteModel, category: dict, site_url: str) -> bytes:
    items = model.in_category(category["id"])[:FEED_ITEMS]
    newest = max((i.updated for i in items if i.updated), default=model.today)
    feed_url = site_url + feed_src(category)
    entries = []
    for item in items:
        summary = item.page.get("summary")
        entries.append(
            "<entry>"
            f"<title>{xml_escape(item.title)}</title>"
            f'<link rel="alternate" href="{xml_escape(site_url + item.url)}"/>'
            f"<id>{xml_escape(site_url + item.url)}</id>"
            f"<published>{_stamp(item.published)}</published>"
            f"<updated>{_stamp(item.updated)}</updated>"
            + (f"<summary>{xml_escape(str(summary))}</summary>" if summary else "")
            + f"<category term=\"{xml_escape(item.topic_id or category['id'])}\"/>"
            "</entry>"
        )
    text = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="th">'
        f"<title>{xml_escape(model.agency.get('short_th', ''))} — {xml_escape(category['name_th'])}</title>"
        f'<link rel="self" href="{xml_escape(feed_url)}"/>'
        f'<link rel="alternate" href="{xml_escape(site_url + P.category_src(category)[:-len("index.md")])}"/>'
        f"<id>{xml_escape(feed_url)}</id><updated>{_stamp(newest)}</updated>"
        f"<author><name>{xml_escape(model.agency.get('name_th', ''))}</name></author>"
        + "".join(entries) + "</feed>\n"
    )
    return text.encode("utf-8")


def sitemap_xml(urls: list[tuple[str, dt.date | None]], site_url: str) -> bytes:
    rows = []
    for url, lastmod in urls:
        mod = f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else ""
        rows.append(f"<url><loc>{xml_escape(site_url + url)}</loc>{mod}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(rows) + "\n</urlset>\n"
    ).encode("utf-8")


# -- everything ----------------------------------------------------------
SPECIAL_PAGES = {SITEMAP_CATEGORY: sitemap_page, OIA_CATEGORY: oia_page, OPENDATA_CATEGORY: opendata_page}


def generated_pages(model: SiteModel) -> list[GeneratedPage]:
    pages = [portal.home_page(model), portal.search_page()]
    for category in model.repo.categories.values():
        make = SPECIAL_PAGES.get(category["id"], P.generic_category_page)
        pages.append(make(model, category))
        pages += P.topic_pages(model, category)
        if category.get("listing"):
            pages += P.archive_pages(model, category)
    return pages


def generated_files(model: SiteModel, site_url: str) -> list[GeneratedFile]:
    files = []
    for category in model.repo.categories.values():
        if category["id"] == OPENDATA_CATEGORY:
            files.append(GeneratedFile(catalog_src(category), catalog_json(model, category, site_url)))
        if category.get("listing"):
            files.append(GeneratedFile(feed_src(category), atom_feed(model, category, site_url)))
    return files
