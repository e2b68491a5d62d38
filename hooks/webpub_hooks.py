"""MkDocs adapter: the engine (``webpub.site``) decides, these hooks only place its answers.

Mode comes from ``WEBPUB_MODE`` (``preview`` when unset, so plain ``mkdocs build``
and ``mkdocs serve`` preview) and today from ``WEBPUB_TODAY`` (ISO date; default
today in Asia/Bangkok). MkDocs swallows frontmatter errors, so nothing here reads
``page.meta``: bodies, titles and dates come from the engine's strict parse.
What a publish build ships, which addresses show a taken-down notice and which
links become plain text are the model's answers (``webpub.site.model``).
"""

from __future__ import annotations

import gzip
import logging
import os
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from webpub.dates import date_problem, parse_iso_date, today_bangkok
from webpub.repo import Repo
from webpub.site import item as item_view
from webpub.site import pages as site_pages
from webpub.site.generated import feed_src, generated_files, generated_pages, sitemap_xml
from webpub.site.model import build_model, src_to_url
from webpub.site.withheld import WithheldLinksExtension, unlink_raw_html
from webpub.slug import slugify

log = logging.getLogger("mkdocs.hooks.webpub")
FOOTER_TOPICS = ("website-policy", "privacy-policy", "security-policy", "disclaimer", "accessibility", "contact")


class _State:
    model = None
    generated: dict = {}
    appendix: dict = {}
    search = None  # webpub.search's streaming index, fed as pages render
    forms: dict = {}
    compliance_md: str | None = None
    compliance_json: dict | None = None
    rendering: str = ""  # src of the page being rendered (for its withheld links)
    raw_html: bool = False  # its Markdown holds raw <a>/<img>, which the Markdown tree never sees


S = _State()


def _mode() -> str:
    mode = os.environ.get("WEBPUB_MODE", "preview")
    if mode not in ("preview", "publish"):
        raise PluginError(f"WEBPUB_MODE ต้องเป็น preview หรือ publish ไม่ใช่ '{mode}'")
    return mode


def _today():
    value = os.environ.get("WEBPUB_TODAY")
    if not value:
        return today_bangkok()
    parsed = parse_iso_date(value)
    if parsed is None:
        message, hint = date_problem(value) or ("", "")
        raise PluginError(f"WEBPUB_TODAY ต้องเป็นวันที่ YYYY-MM-DD ไม่ใช่ '{value}': {message} {hint}".strip())
    return parsed


def _site_url(config) -> str:
    url = config.get("site_url") or "/"
    return url if url.endswith("/") else url + "/"


def on_config(config):
    toc = config.mdx_configs.setdefault("toc", {})
    toc["slugify"] = slugify  # Thai-keeping heading ids, the same the link checker uses
    repo = Repo(Path(config.config_file_path).resolve().parent)
    mode = _mode()
    # A page whose frontmatter cannot be read cannot be known to be approved: the
    # model leaves it out of a publish build like any draft, and it blocks nothing else.
    S.model = build_model(repo, _today(), mode)
    if mode == "publish" and S.model.broken:
        names = ", ".join(i.page.path for i in S.model.broken[:5])
        log.warning("webpub: ไม่เผยแพร่หน้าที่อ่านข้อมูลกำกับไม่ได้ (%s) — รัน webpub check", names)
    config.markdown_extensions.append(
        WithheldLinksExtension(lambda href: S.model.withheld_target(S.rendering, href)))
    S.generated = {p.src: p for p in generated_pages(S.model)}
    S.appendix, S.forms = {}, {}
    S.search = _new_search_index(repo)
    S.compliance_md, S.compliance_json = _compliance_report()
    config.nav = _escaped_titles(site_pages.nav(S.model, _compliance_nav()))
    config.extra["webpub_footer"] = _footer_links()
    config.extra["webpub_mode"] = mode
    config.extra["webpub_feeds"] = [
        {"title": c["name_th"], "url": feed_src(c)}
        for c in repo.categories.values() if c.get("listing")
    ]
    return config


def _escaped_titles(entries):
    """Material prints nav titles unescaped; officers' titles are text, never markup."""
    if isinstance(entries, list):
        return [_escaped_titles(e) for e in entries]
    if isinstance(entries, dict):
        return {escape(k): _escaped_titles(v) for k, v in entries.items()}
    return entries


def _compliance_nav() -> list:
    if S.compliance_md is None:
        return []
    return [{"รายงานความครบถ้วนของข้อมูล": "compliance/index.md"}]


def _compliance_report():
    """The completeness report page (webpub.monitor.report)."""
    from webpub.monitor.report import site_page

    # count what this build shows: preview shows drafts, publish only what it publishes
    return site_page(S.model.repo, S.model.today, shown={i.src for i in S.model.shown},
                     pages={i.page.path: i.page for i in S.model.shown})


def _footer_links() -> list[dict]:
    links = []
    for topic in FOOTER_TOPICS:
        found = S.model.with_topic("1.1", topic)
        if found:
            links.append({"title": found.topic["name_th"], "url": found.url})
    sitemap = S.model.repo.categories.get("1.7")
    if sitemap:
        links.append({"title": sitemap["name_th"], "url": f"{sitemap['dir']}/"})
    return links


def on_files(files, config):
    model = S.model
    shown = {i.src for i in model.shown}
    content_dir = os.path.abspath(config["docs_dir"])
    for file in list(files):
        if _in_content(file, content_dir) and not model.ships(file.src_uri):
            files.remove(file)
    for src, page in S.generated.items():
        if src in shown:
            S.appendix[src] = page.markdown  # a written page there gets the generated list below it
        else:
            _remove(files, src)
            files.append(File.generated(config, src, content=page.markdown))
    if S.compliance_md is not None:
        files.append(File.generated(config, "compliance/index.md", content=S.compliance_md))
        files.append(File.generated(config, "compliance/report.json", content=_json_bytes(S.compliance_json)))
    for extra in generated_files(model, _site_url(config)):
        _remove(files, extra.src)
        files.append(File.generated(config, extra.src, content=extra.content))
    return files


def _json_bytes(data) -> bytes:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def _in_content(file, content_dir: str) -> bool:
    source = file.abs_src_path
    return bool(source) and os.path.abspath(source).startswith(content_dir + os.sep)


def _remove(files, src: str) -> None:
    found = files.get_file_from_path(src)
    if found is not None:
        files.remove(found)


def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    S.rendering = src
    item = S.model.item(src)
    generated = S.generated.get(src)
    notice = S.model.notice(src)
    if notice is not None:  # taken down: title and notice only, never the body
        page.meta = {"title": escape(notice.title)}
        page.webpub_crumbs = _crumbs(site_pages.item_crumbs(S.model, notice))
        page.webpub_banner = None
        page.webpub_noindex = True
        return ""
    if item is not None:
        markdown = item.page.body if item.page.text is not None else ""
        page.meta = {"title": escape(item.title)}
        page.webpub_crumbs = _crumbs(site_pages.item_crumbs(S.model, item))
        page.webpub_banner = item_view.draft_banner(item)
        S.raw_html = S.model.mode == "publish" and ("<a" in markdown.lower() or "<img" in markdown.lower())
        appendix = S.appendix.get(src)
        if appendix:
            markdown += "\n\n" + appendix
    elif generated is not None:
        page.meta = {"title": escape(generated.title)}
        page.webpub_crumbs = _crumbs(generated.crumbs)
        page.webpub_banner = None
    return markdown


def _crumbs(crumbs) -> list[dict]:
    return [{"title": title, "url": src_to_url(src) if src is not None else None} for title, src in crumbs]


def on_page_content(html, page, config, files):
    src = page.file.src_uri
    notice = S.model.notice(src)
    if notice is not None:
        return item_view.notice_html(S.model, notice)
    item = S.model.item(src)
    generated = S.generated.get(src)
    if item is not None and S.raw_html:
        html = unlink_raw_html(html, lambda href: S.model.withheld_target(src, href))
    if item is not None or (generated is not None and generated.searchable):
        _collect_search_doc(html, page, item)
    if item is None:
        return html
    has_form = _form_for(item)
    return item_view.head_html(S.model, item) + html + item_view.foot_html(S.model, item, has_form)


def _new_search_index(repo):
    if S.search is not None:
        S.search.close()  # a rebuild under mkdocs serve
    from webpub.search import streaming_index

    return streaming_index(repo.root)


def _collect_search_doc(html, page, item) -> None:
    if S.search is None:
        return
    from webpub.search import SearchDoc

    date = item.updated.isoformat() if item is not None and item.updated else None
    category = item.category_id if item is not None else None
    S.search.add(SearchDoc(url=page.url, title=page.title, html=html, date=date, category=category))


def _form_for(item) -> bool:
    if not item.publishable:
        return False
    from webpub.approvals.form import render_form_html
    from webpub.context import Context

    S.forms[item.url] = render_form_html(item.page, Context(repo=S.model.repo, today=S.model.today),
                                         trail=item.decision.trail)
    return True


def on_post_page(output, page, config):
    # MkDocs keeps every page's HTML until the build ends; once a page is written
    # nothing reads it again (anchor validation uses the ids kept beside it), and on
    # a 10,000-item site that HTML is a few hundred MB of the build's peak.
    page.content = None
    page.markdown = None
    return output


def on_post_build(config):
    site_dir = Path(config.site_dir)
    for url, form_html in S.forms.items():
        target = site_dir / url / "form" / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(form_html, encoding="utf-8")
    _write_sitemap(site_dir, _site_url(config))
    _write_search_index(site_dir)


def _write_sitemap(site_dir: Path, site_url: str) -> None:
    urls = [(src_to_url(src), S.model.today) for src in S.generated if S.model.item(src) is None]
    urls += [(i.url, i.updated) for i in S.model.shown]
    data = sitemap_xml(sorted(urls, key=lambda u: u[0]), site_url)
    (site_dir / "sitemap.xml").write_bytes(data)
    with gzip.GzipFile(site_dir / "sitemap.xml.gz", "wb", mtime=0) as fh:
        fh.write(data)


def _write_search_index(site_dir: Path) -> None:
    if S.search is None:
        log.info("webpub: ยังไม่มีตัวสร้างดัชนีค้นหา")
        return
    figures = S.search.write(site_dir)
    S.search = None
    log.info("webpub: ดัชนีค้นหา %s", figures)


def on_build_error(error):
    if S.search is not None:  # stop the segmenting workers of a failed build
        S.search.close()
        S.search = None
