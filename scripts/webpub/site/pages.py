"""Generated pages built from the taxonomy: category pages, topic pages and
dated listings (year / month, paginated) for categories whose items come in hundreds.

Paths (docs-relative; URLs follow MkDocs' directory URLs):
``<dir>/index.md``; ``<dir>/topic-<id>/index.md`` (+ ``<n>/index.md``);
``<dir>/archive/index.md``, ``<dir>/archive/<พ.ศ.>/index.md``,
``<dir>/archive/<พ.ศ.>/<MM>/index.md`` (+ ``<n>/index.md``).
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from webpub.dates import BE_OFFSET, MONTHS_TH
from webpub.messages import t
from webpub.site.markup import GeneratedPage, empty_note, item_line, md_link, md_text
from webpub.site.model import SiteItem, SiteModel

PER_PAGE = 20
SUMMARY_ITEMS = 10  # items shown per topic on a category page
NAV_ITEMS_PER_TOPIC = 12  # beyond this a topic is reached through its listing page only


def category_src(category: dict) -> str:
    return f"{category['dir']}/index.md"


def topic_src(category: dict, topic_id: str, page_no: int = 1) -> str:
    base = f"{category['dir']}/topic-{topic_id}"
    return f"{base}/index.md" if page_no == 1 else f"{base}/{page_no}/index.md"


def archive_src(category: dict, year_be: int | None = None, month: int | None = None, page_no: int = 1) -> str:
    parts = [category["dir"], "archive"]
    if year_be:
        parts.append(str(year_be))
    if month:
        parts.append(f"{month:02d}")
    if page_no > 1:
        parts.append(str(page_no))
    return "/".join(parts) + "/index.md"


def feed_src(category: dict) -> str:
    # At the site root: Material fetches sitemap.xml beside every <link rel=alternate>.
    return f"feed-{category['dir']}.xml"


def group_of(model: SiteModel, category: dict) -> dict:
    return next((g for g in model.repo.groups if g["id"] == category["group"]), {"name_th": ""})


def category_crumbs(model: SiteModel, category: dict) -> list[tuple[str, str | None]]:
    return [(t("site.home"), "index.md"), (group_of(model, category)["name_th"], None),
            (category["name_th"], category_src(category))]


def item_crumbs(model: SiteModel, item: SiteItem) -> list[tuple[str, str | None]]:
    category = item.category
    if not category:
        return [(t("site.home"), "index.md")]
    crumbs = category_crumbs(model, category)
    topic = item.topic
    if topic and model.in_topic(category["id"], topic["id"]):  # an empty topic has no page to link to
        crumbs.append((topic["name_th"], topic_src(category, topic["id"])))
    return crumbs


# -- pagination ----------------------------------------------------------
def paginate(items: list, per_page: int = PER_PAGE) -> list[list]:
    pages = [items[i:i + per_page] for i in range(0, len(items), per_page)]
    return pages or [[]]


def pager(srcs: list[str], index: int) -> str:
    """Links to the previous/next pages and every page number."""
    if len(srcs) < 2:
        return ""
    here = srcs[index]
    parts = []
    if index > 0:
        parts.append(md_link(t("site.page.previous"), here, srcs[index - 1]))
    for number, src in enumerate(srcs, start=1):
        parts.append(f"**{number}**" if number - 1 == index else md_link(str(number), here, src))
    if index < len(srcs) - 1:
        parts.append(md_link(t("site.page.next"), here, srcs[index + 1]))
    return f"\n\n{t('site.page.position', page=index + 1, pages=len(srcs))} " + " · ".join(parts) + "\n"


def listing_pages(title: str, items: list[SiteItem], src_for_page, crumbs, intro: str = "") -> list[GeneratedPage]:
    chunks = paginate(items)
    srcs = [src_for_page(n) for n in range(1, len(chunks) + 1)]
    pages = []
    for index, chunk in enumerate(chunks):
        src = srcs[index]
        lines = [intro] if intro else []
        lines += [item_line(item, src) for item in chunk] or [empty_note()]
        heading = title if index == 0 else t("site.page.numbered", title=title, page=index + 1)
        markdown = "\n".join(lines) + pager(srcs, index)
        pages.append(GeneratedPage(src, heading, markdown, crumbs))
    return pages


# -- topics --------------------------------------------------------------
def topic_pages(model: SiteModel, category: dict) -> list[GeneratedPage]:
    pages = []
    crumbs = category_crumbs(model, category)
    for topic in category.get("topics") or []:
        items = model.in_topic(category["id"], topic["id"])
        if not items:  # an empty topic gets no page (nothing "ยังไม่มีข้อมูล" goes public)
            continue
        pages += listing_pages(
            topic["name_th"], items, lambda n, topic=topic: topic_src(category, topic["id"], n), crumbs,
        )
    return pages


# -- dated archive -------------------------------------------------------
def by_month(items: list[SiteItem]) -> dict[tuple[int, int], list[SiteItem]]:
    months: dict[tuple[int, int], list[SiteItem]] = defaultdict(list)
    for item in items:
        if item.published:
            months[(item.published.year + BE_OFFSET, item.published.month)].append(item)
    return dict(sorted(months.items(), reverse=True))


def archive_pages(model: SiteModel, category: dict) -> list[GeneratedPage]:
    items = model.in_category(category["id"])
    months = by_month(items)
    crumbs = category_crumbs(model, category)
    index_src = archive_src(category)
    archive_title = t("site.page.archive", category=category["name_th"])
    lines = []
    pages = []
    for year_be, group in itertools.groupby(months.items(), key=lambda kv: kv[0][0]):
        group = list(group)
        year_src = archive_src(category, year_be)
        lines.append(f"## {md_link(t('site.page.year', year=year_be), index_src, year_src)}\n")
        year_lines = []
        for (_, month), month_items in group:
            month_name = f"{MONTHS_TH[month - 1]} {year_be}"
            first = archive_src(category, year_be, month)
            count = t("site.page.count", count=len(month_items))
            lines.append(f"- {md_link(month_name, index_src, first)} {count}")
            year_lines.append(f"- {md_link(month_name, year_src, first)} {count}")
            pages += listing_pages(
                t("site.page.month", category=category["name_th"], month=month_name), month_items,
                lambda n, y=year_be, m=month: archive_src(category, y, m, n),
                crumbs + [(archive_title, index_src)],
            )
        lines.append("")
        pages.append(GeneratedPage(year_src, t("site.page.category_year", category=category["name_th"], year=year_be),
                                   "\n".join(year_lines) + "\n", crumbs + [(archive_title, index_src)]))
    pages.insert(0, GeneratedPage(index_src, archive_title, "\n".join(lines) or empty_note(), crumbs))
    return pages


# -- category pages ------------------------------------------------------
def topic_summary(model: SiteModel, category: dict, here: str) -> list[str]:
    lines = []
    for topic in category.get("topics") or []:
        items = model.in_topic(category["id"], topic["id"])
        if not items:
            continue
        lines.append(f"## {md_link(topic['name_th'], here, topic_src(category, topic['id']))}\n")
        lines += [item_line(i, here) for i in items[:SUMMARY_ITEMS]]
        if len(items) > SUMMARY_ITEMS:
            lines.append(f"\n{md_link(t('site.page.see_all', count=len(items)), here, topic_src(category, topic['id']))}")
        lines.append("")
    loose = model.in_topic(category["id"], None)
    if loose:
        lines.append(f"## {t('site.page.others')}\n" if category.get("topics") else "")
        lines += [item_line(i, here) for i in loose[:PER_PAGE * 5]]
    if not loose and not any(model.in_topic(category["id"], topic["id"]) for topic in category.get("topics") or []):
        lines.append(empty_note())
    return lines


def listing_category_body(model: SiteModel, category: dict, here: str) -> list[str]:
    items = model.in_category(category["id"])
    lines = [f"## {t('site.page.latest')}\n"]
    lines += [item_line(i, here) for i in items[:PER_PAGE]] or [empty_note()]
    lines.append(f"\n{md_link(t('site.page.all_by_month'), here, archive_src(category))}"
                 f" · {md_link(t('site.page.feed'), here, feed_src(category))}\n")
    topics = category.get("topics") or []
    if topics:
        lines.append(f"## {t('site.page.by_topic')}\n")
        for topic in topics:
            count = len(model.in_topic(category["id"], topic["id"]))
            if not count:
                continue
            lines.append(f"- {md_link(topic['name_th'], here, topic_src(category, topic['id']))} {t('site.page.count', count=count)}")
    return lines


def generic_category_page(model: SiteModel, category: dict) -> GeneratedPage:
    here = category_src(category)
    body = listing_category_body(model, category, here) if category.get("listing") else topic_summary(model, category, here)
    return GeneratedPage(here, category["name_th"], "\n".join(body) + "\n",
                         category_crumbs(model, category)[:-1], searchable=False)


# -- navigation ----------------------------------------------------------
def category_nav(model: SiteModel, category: dict) -> list:
    entries: list = [category_src(category)]
    for topic in category.get("topics") or []:
        items = model.in_topic(category["id"], topic["id"])
        if not items:  # no page for an empty topic, so no link to one
            continue
        first = topic_src(category, topic["id"])
        if category.get("listing") or len(items) > NAV_ITEMS_PER_TOPIC:
            entries.append({topic["name_th"]: first})
        else:
            entries.append({topic["name_th"]: [first] + [{i.title: i.src} for i in items]})
    loose = model.in_topic(category["id"], None)
    if not category.get("listing") and len(loose) <= NAV_ITEMS_PER_TOPIC:
        entries += [{i.title: i.src} for i in loose]
    if category.get("listing"):
        entries.append({t("site.page.archive_nav"): archive_src(category)})
    return entries


def nav(model: SiteModel, extra: list | None = None) -> list:
    """MkDocs ``nav``: groups and categories in the standard's order, topics below.

    Items that come in hundreds stay out of the navigation (MkDocs renders the whole
    navigation into every page, so a long one makes the build quadratic).
    """
    entries: list = [{t("site.home"): "index.md"}]
    for group in model.repo.groups:
        section = [
            {c["name_th"]: category_nav(model, c)}
            for c in model.repo.categories.values() if c["group"] == group["id"]
        ]
        entries.append({group["name_th"]: section})
    return entries + (extra or [])
