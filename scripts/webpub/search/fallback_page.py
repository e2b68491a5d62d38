"""``/search/?q=…``: the page the search form submits to.

The site may render its own themed ``search/index.html`` (with the partial inside an
element marked ``data-webpub-search-page``); only when none exists is this plain page
written, so the form always lands somewhere that answers the query. Its text is the
themed page's, from the catalogue.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from webpub.messages import t
from webpub.search import client_text_attribute

PAGE = """<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{search_button}</title>
<meta name="description" content="{fallback_description}">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="../assets/webpub-search/search.css">
</head>
<body>
<main>
<h1>{search_title}</h1>
<p><a href="../">{back_home}</a></p>
<div class="webpub-search" data-webpub-search data-webpub-search-page {client_text}>
  <form class="webpub-search__form" role="search" action="./" method="get" aria-label="{search_title}">
    <label class="webpub-search__label" for="webpub-search-page-input">{search_label}</label>
    <input class="webpub-search__input" id="webpub-search-page-input" type="search" name="q"
           autocomplete="off" enterkeyhint="search" aria-controls="webpub-search-page-results"
           aria-describedby="webpub-search-page-status" data-webpub-search-input>
    <button class="webpub-search__button" type="submit">{search_button}</button>
  </form>
  <noscript><p>{search_noscript} <a href="../sitemap/">{sitemap}</a></p></noscript>
  <div class="webpub-search__panel" data-webpub-search-panel>
    <p class="webpub-search__status" id="webpub-search-page-status" role="status" aria-live="polite"
       data-webpub-search-status></p>
    <ol class="webpub-search__results" id="webpub-search-page-results" aria-label="{search_results}"
        data-webpub-search-results></ol>
    <button class="webpub-search__more" type="button" data-webpub-search-more hidden>{search_more}</button>
  </div>
</div>
</main>
<script src="../assets/webpub-search/search.js"></script>
</body>
</html>
"""


def render() -> str:
    site = ("search_title", "search_label", "search_button", "search_noscript", "sitemap", "search_results",
            "search_more")
    text = {key: escape(t(f"site.{key}")) for key in site}
    text.update({key: escape(t(f"search.{key}")) for key in ("fallback_description", "back_home")})
    return PAGE.format(client_text=client_text_attribute(), **text)


def write_fallback_page(site_dir: Path) -> Path | None:
    """Write ``search/index.html`` unless the site already has one."""
    page = site_dir / "search" / "index.html"
    if page.exists():
        return None
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(render(), encoding="utf-8")
    return page
