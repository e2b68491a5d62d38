"""The MkDocs adapter: places one build's plan (``webpub.site.plan``) into MkDocs.

Registered as the ``webpub`` entry point of ``mkdocs.plugins``. ``webpub build``
loads the configuration, gives this plugin instance its plan (``plugin.plan``) and
a search index to feed (``plugin.search``), and runs MkDocs on the staged tree
(``webpub.site.stage``), which already holds only what may be published. The
plugin adds what Material needs beyond files: the generated nav, breadcrumbs,
titles from the engine's strict parse (MkDocs swallows frontmatter errors, so
``page.meta`` is never trusted), the item's head and foot (dates, attachments,
approval trail), the draft banner, the taken-down notice, withheld links as plain
text, and the rendered content for the search index. Templates read their Thai
from the catalogue through the ``t`` global it gives Jinja (``{{ t("site.home") }}``).

Without a plan it refuses: a plain ``mkdocs build`` or ``mkdocs serve`` at the
repository root cannot build the site (``webpub build`` or ``webpub serve`` can).
All state is on the instance; nothing is read from the environment.
"""

from __future__ import annotations

import logging
from html import escape

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from webpub.messages import t
from webpub.search import SearchDoc, client_text
from webpub.site import item as item_view
from webpub.site import pages as site_pages
from webpub.site import portal
from webpub.site.model import src_to_url
from webpub.site.plan import SitePlan
from webpub.site.withheld import WithheldLinksExtension, unlink_raw_html
from webpub.slug import slugify

log = logging.getLogger("mkdocs.plugins.webpub")



class WebpubPlugin(BasePlugin):
    """One instance per build; ``plan`` and ``search`` are set by ``webpub build``."""

    def __init__(self) -> None:
        super().__init__()
        self.plan: SitePlan | None = None
        self.search = None  # webpub.search's streaming index, or None
        self._rendering = ""  # src of the page being rendered (for its withheld links)
        self._raw_html = False  # its Markdown holds raw <a>/<img>, which the Markdown tree never sees

    # -- configuration -----------------------------------------------------------
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        plan = self.plan
        if plan is None:
            raise PluginError(t("site.no_plan"))
        toc = config.mdx_configs.setdefault("toc", {})
        toc["slugify"] = slugify  # Thai-keeping heading ids, the same the link checker uses
        if plan.mode == "publish" and plan.model.broken:
            names = ", ".join(i.page.path for i in plan.model.broken[:5])
            log.warning(t("site.unreadable_left_out", names=names))
        config.markdown_extensions.append(
            WithheldLinksExtension(lambda href: plan.model.withheld_target(self._rendering, href)))
        config.nav = plan.nav
        config.extra["webpub_footer"] = plan.footer
        config.extra["webpub_portal"] = plan.chrome
        config.extra["webpub_mode"] = plan.mode
        config.extra["webpub_feeds"] = plan.feeds
        return config

    def on_env(self, env, /, *, config: MkDocsConfig, files: Files):
        """The catalogue for the templates: ``t(key, **values)`` gives the escaped text, and
        ``webpub_search_text()`` the search script's strings as an attribute value (the
        scripts hold no Thai; they read it from the page)."""
        env.globals["t"] = lambda key, **values: Markup(escape(t(key, **values)))
        env.globals["webpub_search_text"] = lambda: Markup(escape(client_text()))
        return env

    # -- pages ---------------------------------------------------------------------
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        plan = self._plan()
        model = plan.model
        src = page.file.src_uri
        self._rendering = src
        notice = model.notice(src)
        if notice is not None:  # taken down: title and notice only, never the body
            page.meta = {"title": escape(notice.title)}
            page.webpub_crumbs = _crumbs(site_pages.item_crumbs(model, notice))
            page.webpub_banner = None
            page.webpub_noindex = True
            return ""
        item = model.item(src)
        if item is not None:
            page.meta = {"title": escape(item.title)}
            page.webpub_crumbs = _crumbs(site_pages.item_crumbs(model, item))
            page.webpub_banner = item_view.draft_banner(item)
            lowered = markdown.lower()
            self._raw_html = model.mode == "publish" and ("<a" in lowered or "<img" in lowered)
            return markdown
        generated = plan.generated_page(src)
        if generated is not None:
            page.meta = {"title": escape(generated.title)}
            if src in portal.FULL_WIDTH:  # the home and search pages use the whole width
                page.meta["hide"] = ["navigation", "toc"]
            page.webpub_crumbs = _crumbs(generated.crumbs)
            page.webpub_banner = None
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        plan = self._plan()
        model = plan.model
        src = page.file.src_uri
        notice = model.notice(src)
        if notice is not None:
            return item_view.notice_html(model, notice)
        item = model.item(src)
        generated = plan.generated_page(src)
        if item is not None and self._raw_html:
            html = unlink_raw_html(html, lambda href: model.withheld_target(src, href))
        if item is not None or (generated is not None and generated.searchable):
            self._collect_search_doc(html, page, item)
        if item is None:
            return html
        has_form = item.url in plan.forms
        return (item_view.head_html(model, item) + html + item_view.foot_html(model, item, has_form)
                + portal.share_html(plan.site_url, item))

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        # MkDocs keeps every page's HTML until the build ends; once a page is written
        # nothing reads it again (anchor validation uses the ids kept beside it), and on
        # a 10,000-item site that HTML is a few hundred MB of the build's peak.
        page.content = None
        page.markdown = None
        return output

    # -- helpers -------------------------------------------------------------------
    def _plan(self) -> SitePlan:
        if self.plan is None:
            raise PluginError(t("site.no_plan"))
        return self.plan

    def _collect_search_doc(self, html: str, page: Page, item) -> None:
        if self.search is None:
            return
        date = item.updated.isoformat() if item is not None and item.updated else None
        category = item.category_id if item is not None else None
        self.search.add(SearchDoc(url=page.url, title=page.title, html=html, date=date, category=category))


def _crumbs(crumbs) -> list[dict]:
    """Breadcrumbs for the template; a step named like the one before it (a group and its
    only category, "ข้อมูลเปิดภาครัฐ › ข้อมูลเปิดภาครัฐ") is shown once, as the link."""
    out: list[dict] = []
    for title, src in crumbs:
        url = src_to_url(src) if src is not None else None
        if out and out[-1]["title"] == title:
            out[-1]["url"] = out[-1]["url"] if url is None else url
            continue
        out.append({"title": title, "url": url})
    return out
