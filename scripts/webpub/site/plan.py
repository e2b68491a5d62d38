"""The site plan: everything one build puts on the site, decided before any generator runs.

``webpub build`` computes the plan once (plan), writes it as a staged docs tree
(``webpub.site.stage``), hands the same object to the generator's adapter
(``webpub.site.mkdocs_plugin``) and reads it again for the sitemap and the output
checks. Nothing here knows about MkDocs: a generator only places these answers.
The plan is explicit data passed from the command to the adapter, never a
module-level variable or an environment variable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape

from webpub.messages import t
from webpub.repo import Repo
from webpub.site import pages as site_pages
from webpub.site import portal
from webpub.site.generated import feed_src, generated_files, generated_pages
from webpub.site.markup import GeneratedFile, GeneratedPage
from webpub.site.model import SiteItem, SiteModel, build_model

FOOTER_TOPICS = ("website-policy", "privacy-policy", "security-policy", "disclaimer", "accessibility", "contact")
COMPLIANCE_SRC = "compliance/index.md"
COMPLIANCE_JSON_SRC = "compliance/report.json"


@dataclass
class SitePlan:
    """One build's site: mode, day, what is shown, generated pages and files, the nav."""

    model: SiteModel
    site_url: str  # ends in "/"
    generated: dict[str, GeneratedPage]  # src -> page; a written page at the same src gets it appended
    files: list[GeneratedFile]  # feeds, open-data catalogue, the compliance report's JSON
    nav: list  # MkDocs-shaped nav (titles escaped: they are text, never markup)
    footer: list[dict]  # [{"title", "url"}]
    feeds: list[dict]  # [{"title", "url"}]
    forms: dict[str, str] = field(default_factory=dict)  # item url -> printable request form (HTML)
    chrome: dict = field(default_factory=dict)  # header and footer data (webpub.site.portal.chrome)

    @property
    def mode(self) -> str:
        return self.model.mode

    @property
    def today(self) -> dt.date:
        return self.model.today

    @property
    def repo(self) -> Repo:
        return self.model.repo

    def appendix(self, src: str) -> str | None:
        """The generated list placed below a written page that sits at a generated page's address."""
        page = self.generated.get(src)
        return page.markdown if page is not None and self.model.item(src) is not None else None

    def generated_page(self, src: str) -> GeneratedPage | None:
        """The generated page at ``src`` when no written page sits there."""
        return self.generated.get(src) if self.model.item(src) is None else None

    def sitemap_urls(self) -> list[tuple[str, dt.date | None]]:
        from webpub.site.model import src_to_url

        urls = [(src_to_url(src), self.today) for src in self.generated if self.model.item(src) is None]
        urls += [(i.url, i.updated) for i in self.model.shown]
        return sorted(urls, key=lambda u: u[0])


def plan_site(repo: Repo, today: dt.date, mode: str, site_url: str, model: SiteModel | None = None) -> SitePlan:
    """The plan for ``mode`` on ``today``; ``model`` when the publish gate already built it."""
    if model is None:
        model = build_model(repo, today, mode)
    generated = {p.src: p for p in generated_pages(model)}
    files = generated_files(model, site_url)
    extra_nav: list = []
    compliance_md, compliance_json = _compliance_report(model)
    generated[COMPLIANCE_SRC] = GeneratedPage(COMPLIANCE_SRC, t("site.compliance_title"), compliance_md, [])
    files.append(GeneratedFile(COMPLIANCE_JSON_SRC, _json_bytes(compliance_json)))
    extra_nav.append({t("site.compliance_title"): COMPLIANCE_SRC})
    extra_nav.append(_division_pages(model, generated))
    plan = SitePlan(
        model=model, site_url=site_url, generated=generated, files=files,
        nav=_escaped_titles(site_pages.nav(model, extra_nav)),
        footer=_footer_links(model),
        feeds=[{"title": c["name_th"], "url": feed_src(c)} for c in repo.categories.values() if c.get("listing")],
    )
    plan.chrome = portal.chrome(model, plan.footer)
    plan.forms = {item.url: _form(model, item) for item in model.shown if item.publishable}
    return plan


def _compliance_report(model: SiteModel) -> tuple[str, dict]:
    from webpub.monitor.report import site_page

    # count what is on the public site (status.present): a preview shows drafts, but a
    # draft never counts as ok, here or anywhere
    counted = [i for i in model.shown if i.publishable]
    return site_page(model.repo, model.today, shown={i.src for i in counted},
                     pages={i.page.path: i.page for i in counted})


def _division_pages(model: SiteModel, generated: dict) -> dict:
    """One dashboard page per division (``webpub.monitor.division``) and their nav section."""
    from webpub.monitor.division import site_pages

    nav = []
    for src, title, markdown in site_pages(model.repo, model.today, {i.src for i in model.shown}, model.mode,
                                           pages={i.page.path: i.page for i in model.shown}):
        generated[src] = GeneratedPage(src, title, markdown, [])
        nav.append({title: src})
    return {nav[0] and next(iter(nav[0])): nav}


def _form(model: SiteModel, item: SiteItem) -> str:
    from webpub.approvals.form import render_form_html
    from webpub.context import Context

    from webpub.site.model import relative_url

    here = item.url + "form/"
    logo = (model.repo.organization.get("portal") or {}).get("logo")
    return render_form_html(item.page, Context(repo=model.repo, today=model.today), trail=item.decision.trail,
                            stylesheet=relative_url(here, portal.FORM_CSS),
                            icon=relative_url(here, logo) if logo else None)


def _footer_links(model: SiteModel) -> list[dict]:
    links = []
    for topic in FOOTER_TOPICS:
        found = model.with_topic("1.1", topic)
        if found:
            links.append({"title": found.topic["name_th"], "url": found.url})
    sitemap = model.repo.categories.get("1.7")
    if sitemap:
        links.append({"title": sitemap["name_th"], "url": f"{sitemap['dir']}/"})
    return links


def _escaped_titles(entries):
    """Material prints nav titles unescaped; officers' titles are text, never markup."""
    if isinstance(entries, list):
        return [_escaped_titles(e) for e in entries]
    if isinstance(entries, dict):
        return {escape(k): _escaped_titles(v) for k, v in entries.items()}
    return entries


def _json_bytes(data) -> bytes:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
