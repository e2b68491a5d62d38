"""``/search/?q=…``: the page the search form submits to.

The site may render its own themed ``search/index.html`` (with the partial inside an
element marked ``data-webpub-search-page``); only when none exists is this plain page
written, so the form always lands somewhere that answers the query.
"""

from __future__ import annotations

from pathlib import Path

PAGE = """<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ค้นหา</title>
<meta name="description" content="ค้นหาข้อมูลข่าวสารและเอกสารที่เผยแพร่บนเว็บไซต์">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="../assets/webpub-search/search.css">
</head>
<body>
<main>
<h1>ค้นหาในเว็บไซต์</h1>
<p><a href="../">กลับหน้าแรก</a></p>
<div class="webpub-search" data-webpub-search data-webpub-search-page>
  <form class="webpub-search__form" role="search" action="./" method="get" aria-label="ค้นหาในเว็บไซต์">
    <label class="webpub-search__label" for="webpub-search-page-input">คำค้น</label>
    <input class="webpub-search__input" id="webpub-search-page-input" type="search" name="q"
           autocomplete="off" enterkeyhint="search" aria-controls="webpub-search-page-results"
           aria-describedby="webpub-search-page-status" data-webpub-search-input>
    <button class="webpub-search__button" type="submit">ค้นหา</button>
  </form>
  <noscript><p>การค้นหาต้องเปิดใช้ JavaScript ในเบราว์เซอร์
    หรือดูรายการทั้งหมดได้ที่<a href="../sitemap/">แผนผังเว็บไซต์</a></p></noscript>
  <div class="webpub-search__panel" data-webpub-search-panel>
    <p class="webpub-search__status" id="webpub-search-page-status" role="status" aria-live="polite"
       data-webpub-search-status></p>
    <ol class="webpub-search__results" id="webpub-search-page-results" aria-label="ผลการค้นหา"
        data-webpub-search-results></ol>
    <button class="webpub-search__more" type="button" data-webpub-search-more hidden>แสดงผลเพิ่มเติม</button>
  </div>
</div>
</main>
<script src="../assets/webpub-search/search.js"></script>
</body>
</html>
"""


def write_fallback_page(site_dir: Path) -> Path | None:
    """Write ``search/index.html`` unless the site already has one."""
    page = site_dir / "search" / "index.html"
    if page.exists():
        return None
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(PAGE, encoding="utf-8")
    return page
