"""The agency portal: the home page, the site chrome's data, the search page and share links.

What a citizen sees first is decided here, from data: the ``portal:`` section of
``schema/organization.yml`` (logo, the announcements and news it features, quick links to
the services the standard asks for) and the agency's contact facts in ``agency:``. The
templates in ``overrides/`` only place what :func:`chrome` returns; the home page and the
search page are generated pages like the category pages. Every fragment is escaped HTML
using the site's CSS vocabulary (docs/site-style.md), with no inline script or style
(the site's Content Security Policy forbids both).
"""

from __future__ import annotations

import posixpath
from html import escape
from urllib.parse import quote

from webpub.dates import thai_date
from webpub.messages import t
from webpub.core.results import UsageError
from webpub.site.markup import GeneratedPage
from webpub.search import client_text_attribute
from webpub.site.model import SiteItem, SiteModel, attachment_srcs, relative_url

HOME_SRC = "index.md"
SEARCH_SRC = "search/index.md"
FULL_WIDTH = (HOME_SRC, SEARCH_SRC)  # no side navigation or table of contents
FORM_CSS = "assets/webpub/form.css"  # the request form's styles on the site
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
DEFAULT_NEWS = {"category": "3.1", "count": 6}
MAP_URL = "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
SHARE = (
    ("facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ("line", "https://social-plugins.line.me/lineit/share?url={url}"),
    ("x", "https://x.com/intent/post?url={url}&text={title}"),
)
# Icons: Material Design Icons (Pictogrammers, Apache-2.0), as shipped with mkdocs-material.
ICONS = {
    "complaint": "M13 10h-2V6h2zm0 2h-2v2h2zm9-8v12a2 2 0 0 1-2 2H6l-4 4V4a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2m-2 0H4v13.2L5.2 16H20z",
    "qa": "M15 4v7H5.17L4 12.17V4zm1-2H3a1 1 0 0 0-1 1v14l4-4h10a1 1 0 0 0 1-1V3a1 1 0 0 0-1-1m5 4h-2v9H6v2a1 1 0 0 0 1 1h11l4 4V7a1 1 0 0 0-1-1",
    "oia": "M16 0H8C6.9 0 6 .9 6 2v16c0 1.1.9 2 2 2h12c1.1 0 2-.9 2-2V6zm4 18H8V2h7v5h5zM4 4v18h16v2H4c-1.1 0-2-.9-2-2V4zm6 6v2h8v-2zm0 4v2h5v-2z",
    "opendata": "M12 3C7.58 3 4 4.79 4 7v10c0 2.21 3.59 4 8 4s8-1.79 8-4V7c0-2.21-3.58-4-8-4m6 14c0 .5-2.13 2-6 2s-6-1.5-6-2v-2.23c1.61.78 3.72 1.23 6 1.23s4.39-.45 6-1.23zm0-4.55c-1.3.95-3.58 1.55-6 1.55s-4.7-.6-6-1.55V9.64c1.47.83 3.61 1.36 6 1.36s4.53-.53 6-1.36zM12 9C8.13 9 6 7.5 6 7s2.13-2 6-2 6 1.5 6 2-2.13 2-6 2",
    "ita": "M12 3c-1.27 0-2.4.8-2.82 2H3v2h1.95L2 14c-.47 2 1 3 3.5 3s4.06-1 3.5-3L6.05 7h3.12c.33.85.98 1.5 1.83 1.83V20H2v2h20v-2h-9V8.82c.85-.32 1.5-.97 1.82-1.82h3.13L15 14c-.47 2 1 3 3.5 3s4.06-1 3.5-3l-2.95-7H21V5h-6.17C14.4 3.8 13.27 3 12 3m0 2a1 1 0 0 1 1 1 1 1 0 0 1-1 1 1 1 0 0 1-1-1 1 1 0 0 1 1-1m-6.5 5.25L7 14H4zm13 0L20 14h-3z",
    "procurement": "M17 18a2 2 0 0 1 2 2 2 2 0 0 1-2 2 2 2 0 0 1-2-2c0-1.11.89-2 2-2M1 2h3.27l.94 2H20a1 1 0 0 1 1 1c0 .17-.05.34-.12.5l-3.58 6.47c-.34.61-1 1.03-1.75 1.03H8.1l-.9 1.63-.03.12a.25.25 0 0 0 .25.25H19v2H7a2 2 0 0 1-2-2c0-.35.09-.68.24-.96l1.36-2.45L3 4H1zm6 16a2 2 0 0 1 2 2 2 2 0 0 1-2 2 2 2 0 0 1-2-2c0-1.11.89-2 2-2m9-7 2.78-5H6.14l2.36 5z",
    "contact": "M20 15.5c-1.2 0-2.5-.2-3.6-.6h-.3c-.3 0-.5.1-.7.3l-2.2 2.2c-2.8-1.5-5.2-3.8-6.6-6.6l2.2-2.2c.3-.3.4-.7.2-1-.3-1.1-.5-2.4-.5-3.6 0-.5-.5-1-1-1H4c-.5 0-1 .5-1 1 0 9.4 7.6 17 17 17 .5 0 1-.5 1-1v-3.5c0-.5-.5-1-1-1M5 5h1.5c.1.9.3 1.8.5 2.6L5.8 8.8C5.4 7.6 5.1 6.3 5 5m14 14c-1.3-.1-2.6-.4-3.8-.8l1.2-1.2c.8.2 1.7.4 2.6.4z",
    "link": "M10.59 13.41c.41.39.41 1.03 0 1.42-.39.39-1.03.39-1.42 0a5 5 0 0 1 0-7.07l3.54-3.54a5 5 0 0 1 7.07 0 5 5 0 0 1 0 7.07l-1.49 1.49c.01-.82-.12-1.64-.4-2.42l.47-.48a3 3 0 0 0 0-4.24 3 3 0 0 0-4.24 0l-3.53 3.53a3 3 0 0 0 0 4.24m2.82-4.24c.39-.39 1.03-.39 1.42 0a5 5 0 0 1 0 7.07l-3.54 3.54a5 5 0 0 1-7.07 0 5 5 0 0 1 0-7.07l1.49-1.49c-.01.82.12 1.64.4 2.43l-.47.47a3 3 0 0 0 0 4.24 3 3 0 0 0 4.24 0l3.53-3.53a3 3 0 0 0 0-4.24.97.97 0 0 1 0-1.42",
}


# -- configuration -------------------------------------------------------------
def portal_config(model: SiteModel) -> dict:
    """The ``portal:`` section, checked against the meta-schema and the categories.

    A mistake there is a maintainer's: the build stops with a Thai message naming the
    file and what to fix, never with a traceback or a half-built home page.
    """
    import json

    from jsonschema import Draft202012Validator

    repo = model.repo
    meta = json.loads((repo.root / "schema" / "meta" / "organization.schema.json").read_text(encoding="utf-8"))
    errors = sorted(Draft202012Validator(meta).iter_errors(repo.organization), key=lambda e: list(e.path))
    for error in errors:
        if list(error.path)[:1] in (["portal"], ["agency"]):
            where = "/".join(str(p) for p in error.path)
            raise UsageError(t("site.bad_portal", problem=f"{where}: {error.message}"))
    portal = dict(repo.organization.get("portal") or {})
    for entry in [*(portal.get("quick_links") or []), *(v for k, v in portal.items() if k in ("news", "announcements"))]:
        if "category" in entry and _target_src(model, entry) is None:
            topic = t("site.bad_link_topic", topic=entry["topic"]) if entry.get("topic") else ""
            raise UsageError(t("site.bad_link", title=entry.get("title_th", ""), category=entry["category"], topic=topic))
    return portal


def _target_src(model: SiteModel, entry: dict) -> str | None:
    """The docs-relative page a category (and topic) reference points at, or None."""
    from webpub.site import pages as P

    category = model.repo.categories.get(str(entry["category"]))
    if category is None:
        return None
    if not entry.get("topic"):
        return P.category_src(category)
    if not any(topic["id"] == entry["topic"] for topic in category.get("topics") or []):
        return None
    if not model.in_topic(category["id"], entry["topic"]):  # an empty topic has no page: its category's
        return P.category_src(category)
    return P.topic_src(category, entry["topic"])


def link_url(model: SiteModel, entry: dict) -> str:
    """A quick link's site-relative URL (``oia/``) or its https address."""
    from webpub.site.model import src_to_url

    if entry.get("url"):
        return entry["url"]
    if entry.get("path") is not None:
        return entry["path"]
    return src_to_url(_target_src(model, entry))


def icon(name: str) -> str:
    return (f'<svg class="webpub-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
            f'<path d="{ICONS.get(name, ICONS["link"])}"/></svg>')


# -- chrome (header and footer data for the templates) -------------------------
def chrome(model: SiteModel, footer_links: list[dict]) -> dict:
    """What every page's header and footer show, for ``overrides/`` to place."""
    portal = portal_config(model)
    agency = model.agency
    lat, lon = agency.get("latitude"), agency.get("longitude")
    return {
        "name_th": agency.get("name_th", ""),
        "short_th": agency.get("short_th", ""),
        "name_en": agency.get("name_en", ""),
        "logo": portal.get("logo"),
        "logo_alt": t("site.logo_alt", agency=agency.get("short_th") or agency.get("name_th", "")),
        "address": agency.get("address_th"),
        "phone": agency.get("phone"),
        "fax": agency.get("fax"),
        "email": agency.get("email"),
        "map_url": MAP_URL.format(lat=lat, lon=lon) if lat is not None and lon is not None else None,
        "policies": footer_links,
    }


# -- home page -----------------------------------------------------------------
def _items(model: SiteModel, feature: dict | None) -> list[SiteItem]:
    if not feature:
        return []
    if feature.get("topic"):
        return model.in_topic(str(feature["category"]), feature["topic"])
    return model.in_category(str(feature["category"]))


def thumbnail(model: SiteModel, item: SiteItem) -> str | None:
    """The docs-relative path of the item's first image attachment that exists, if any."""
    for src in attachment_srcs(item):
        if posixpath.splitext(src)[1].lower() in IMAGE_EXTENSIONS and (model.repo.content_dir / src).is_file():
            return src
    return None


def _date_html(item: SiteItem) -> str:
    if not item.published:
        return ""
    day = item.sort_date
    return f'<time datetime="{day.isoformat()}">{escape(thai_date(day))}</time>'


def news_card(model: SiteModel, item: SiteItem, here: str = "") -> str:
    image = thumbnail(model, item)
    img = (f'<img class="webpub-card__image" src="{escape(relative_url(here, image))}" alt="" loading="lazy">'
           if image else "")
    topic = item.topic
    chip = f'<span class="webpub-chip">{escape(topic["name_th"])}</span>' if topic else ""
    summary = item.page.get("summary")
    summary_html = f'<p class="webpub-card__text">{escape(str(summary))}</p>' if summary else ""
    return (f'<li class="webpub-card">{img}<div class="webpub-card__body">'
            f'<p class="webpub-card__meta">{chip} {_date_html(item)}</p>'
            f'<h3 class="webpub-card__title"><a href="{escape(relative_url(here, item.url))}">{escape(item.title)}</a></h3>'
            f"{summary_html}</div></li>")


def home_page(model: SiteModel) -> GeneratedPage:
    """The portal's home: announcements, quick links, latest news as cards, the categories."""
    portal = portal_config(model)
    agency = model.agency
    parts = [f'<h1 class="webpub-sr-only">{escape(agency.get("name_th") or t("site.home"))}</h1>']
    announcements = portal.get("announcements")
    featured = _items(model, announcements)[:int((announcements or {}).get("count", 3))]
    if featured:
        rows = "".join(f'<li>{_date_html(i)} <a href="{escape(i.url)}">{escape(i.title)}</a></li>' for i in featured)
        more = f'<p><a href="{escape(link_url(model, announcements))}">{escape(t("site.all_announcements"))}</a></p>'
        parts.append(f'<section class="webpub-announce" aria-labelledby="webpub-announce-h">'
                     f'<h2 id="webpub-announce-h">{escape(t("site.announcements"))}</h2>'
                     f'<ul class="webpub-announce__list">{rows}</ul>{more}</section>')
    links = portal.get("quick_links") or []
    if links:
        rows = "".join(
            f'<li><a class="webpub-quick__link" href="{escape(link_url(model, link))}">'
            f'{icon(link.get("icon", "link"))}<span>{escape(link["title_th"])}</span></a></li>' for link in links)
        parts.append(f'<nav class="webpub-quick" aria-labelledby="webpub-quick-h">'
                     f'<h2 id="webpub-quick-h">{escape(t("site.quick_links"))}</h2>'
                     f'<ul class="webpub-quick__list">{rows}</ul></nav>')
    news = portal.get("news") or DEFAULT_NEWS
    shown = {i.src for i in featured}
    latest = [i for i in _items(model, news) if i.src not in shown][:int(news.get("count", 6))]
    cards = "".join(news_card(model, i) for i in latest) or f'<li class="webpub-card"><p>{escape(t("site.no_news"))}</p></li>'
    parts.append(f'<section class="webpub-news" aria-labelledby="webpub-news-h">'
                 f'<h2 id="webpub-news-h">{escape(t("site.latest_news"))}</h2>'
                 f'<ul class="webpub-cards">{cards}</ul>'
                 f'<p><a href="{escape(link_url(model, {k: v for k, v in news.items() if k != "count"}))}">'
                 f'{escape(t("site.all_news"))}</a></p></section>')
    groups = []
    for group in model.repo.groups:
        cats = "".join(f'<li><a href="{escape(c["dir"])}/">{escape(c["name_th"])}</a></li>'
                       for c in model.repo.categories.values() if c["group"] == group["id"])
        groups.append(f'<li class="webpub-card"><div class="webpub-card__body"><h3 class="webpub-card__title">'
                      f'{escape(group["name_th"])}</h3><ul>{cats}</ul></div></li>')
    parts.append(f'<section class="webpub-groups" aria-labelledby="webpub-groups-h">'
                 f'<h2 id="webpub-groups-h">{escape(t("site.categories"))}</h2>'
                 f'<ul class="webpub-cards webpub-cards--wide">{"".join(groups)}</ul></section>')
    markdown = "\n\n".join(parts)
    return GeneratedPage(HOME_SRC, t("site.home_title"), markdown + "\n", [])


# -- search page -----------------------------------------------------------------
def search_page() -> GeneratedPage:
    """``/search/``: the themed page the search form submits to (answers ``?q=``)."""
    text = lambda key: escape(t(f"site.{key}"))  # noqa: E731
    html = (
        f'<div class="webpub-search webpub-search--page" data-webpub-search data-webpub-search-page {client_text_attribute()}>'
        f'<form class="webpub-search__form" role="search" action="./" method="get" aria-label="{text("search_title")}">'
        f'<label class="webpub-search__label" for="webpub-search-page-input">{text("search_label")}</label>'
        '<input class="webpub-search__input" id="webpub-search-page-input" type="search" name="q" autocomplete="off"'
        ' enterkeyhint="search" aria-controls="webpub-search-page-results"'
        ' aria-describedby="webpub-search-page-status" data-webpub-search-input>'
        f'<button class="webpub-search__button" type="submit">{text("search_button")}</button></form>'
        f'<noscript><p>{text("search_noscript")} <a href="../sitemap/">{text("sitemap")}</a></p></noscript>'
        '<div class="webpub-search__panel" data-webpub-search-panel>'
        '<p class="webpub-search__status" id="webpub-search-page-status" role="status" aria-live="polite"'
        ' data-webpub-search-status></p>'
        f'<ol class="webpub-search__results" id="webpub-search-page-results" aria-label="{text("search_results")}"'
        ' data-webpub-search-results></ol>'
        f'<button class="webpub-search__more" type="button" data-webpub-search-more hidden>{text("search_more")}</button>'
        "</div></div>"
    )
    return GeneratedPage(SEARCH_SRC, t("site.search_title"), html + "\n", [(t("site.home"), HOME_SRC)])


# -- share links (standard 3.2, "sharing") ---------------------------------------
def share_html(site_url: str, item: SiteItem) -> str:
    """Plain links to share the item on Facebook, LINE and X: no third-party script, no tracking."""
    url = quote(site_url + item.url, safe="")
    title = quote(item.title, safe="")
    links = "".join(
        f'<li><a class="webpub-share__link webpub-share__link--{name}" href="{escape(pattern.format(url=url, title=title))}"'
        f' rel="noopener noreferrer">{escape(t(f"site.share_{name}"))}</a></li>' for name, pattern in SHARE)
    return (f'<nav class="webpub-share" aria-labelledby="webpub-share-h"><h2 id="webpub-share-h">'
            f'{escape(t("site.share"))}</h2><ul>{links}</ul></nav>\n')
