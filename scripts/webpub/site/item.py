"""What an item page shows around its body: owner, B.E. dates, source, contact,
attachments with Thai sizes, and the approval trail.

Everything here returns escaped HTML fragments; the hooks only place them.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from html import escape

from webpub.messages import t
from webpub import dates
from webpub.dates import thai_date
from webpub.site.model import SiteItem, SiteModel, attachment_srcs, relative_url

ROLE_NAMES_TH = {role: t(f"roles.{role}") for role in ("director", "web_head", "webmaster")}
FILE_TYPES_TH = {
    ".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".xls": "Excel", ".xlsx": "Excel",
    ".jpg": t("site.type.jpeg"), ".jpeg": t("site.type.jpeg"), ".png": t("site.type.png"), ".zip": "ZIP", ".rar": "RAR",
    ".csv": "CSV", ".ods": "ODS", ".xml": "XML", ".json": "JSON", ".kml": "KML", ".kmz": "KMZ",
    ".shp": "Shapefile", ".txt": t("site.type.text"), ".tif": t("site.type.tiff"), ".tiff": t("site.type.tiff"),
}
MAP_URL = "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


def thai_size(size: int) -> str:
    """``350 กิโลไบต์``, ``1.2 เมกะไบต์`` (binary units, as file managers show)."""
    if size < 1024:
        return t("site.size.bytes", size=size)
    if size < 1024 * 1024:
        return t("site.size.kilobytes", size=round(size / 1024))
    megabytes = f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")
    return t("site.size.megabytes", size=megabytes)


def file_type_th(path: str) -> str:
    ext = posixpath.splitext(path)[1].lower()
    return FILE_TYPES_TH.get(ext, ext.lstrip(".").upper() or t("site.type.file"))


def thai_datetime(value: str) -> str:
    """An ISO timestamp as ``26 พฤศจิกายน 2569 เวลา 14:05 น.`` (Bangkok time), HTML-escaped."""
    return escape(dates.thai_datetime(value))


def _row(label: str, value_html: str) -> str:
    return f"<dt>{escape(label)}</dt><dd>{value_html}</dd>"


def _link_or_text(text: str) -> str:
    if text.startswith(("https://", "http://")):
        return f'<a href="{escape(text)}" rel="noopener">{escape(text)}</a>'
    return escape(text)


def division_name(model: SiteModel, item: SiteItem) -> str | None:
    division = model.repo.divisions.get(str(item.page.get("owner", "division") or ""))
    return division.get("name_th") if division else None


def meta_html(model: SiteModel, item: SiteItem) -> str:
    """Owner, dates and source, shown under the title."""
    rows = []
    division = division_name(model, item)
    if division:
        rows.append(_row(t("site.item.division"), escape(division)))
    if item.published:
        rows.append(_row(t("site.item.published"), _time(item.published)))
    if item.updated:
        rows.append(_row(t("site.item.updated"), _time(item.updated)))
    if item.expires:
        rows.append(_row(t("site.item.expires"), _time(item.expires)))
    sources = item.page.get("source")
    if isinstance(sources, str):
        sources = [sources]
    if isinstance(sources, list) and sources:
        rows.append(_row(t("site.item.source"), "<br>".join(_link_or_text(str(s)) for s in sources)))
    if not rows:
        return ""
    return f'<dl class="webpub-meta" aria-label="{escape(t("site.item.meta"))}">{"".join(rows)}</dl>\n'


def _time(value: dt.date) -> str:
    return f'<time datetime="{value.isoformat()}">{escape(thai_date(value))}</time>'


def contact_html(item: SiteItem) -> str:
    """The structured contact fields (1.1 contact, 1.3 CIO) with a map link, no embed."""
    contact = item.page.get("contact")
    if not isinstance(contact, dict):
        return ""
    rows = []
    labels = (("address", t("site.address")), ("phone", t("site.phone")), ("fax", t("site.fax")),
              ("hours", t("site.item.hours")))
    for key, label in labels:
        if contact.get(key):
            rows.append(_row(label, escape(str(contact[key]))))
    email = contact.get("email")
    if email:
        rows.append(_row(t("site.email"), f'<a href="mailto:{escape(str(email))}">{escape(str(email))}</a>'))
    lat, lon = contact.get("latitude"), contact.get("longitude")
    if _is_number(lat) and _is_number(lon):
        url = MAP_URL.format(lat=float(lat), lon=float(lon))
        rows.append(_row(
            t("site.item.map"),
            f'<a href="{escape(url)}" rel="noopener">'
            f'{escape(t("site.item.map_link", lat=float(lat), lon=float(lon)))}</a>',
        ))
    return (
        '<section class="webpub-contact" aria-labelledby="webpub-contact-h">'
        f'<h2 id="webpub-contact-h">{escape(t("site.item.contact"))}</h2>'
        f'<dl>{"".join(rows)}</dl></section>\n'
    )


def _is_number(value) -> bool:
    if isinstance(value, bool):
        return False
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def attachments_html(model: SiteModel, item: SiteItem) -> str:
    """Title, type and size of each attachment that exists, as a table."""
    entries = [e for e in item.page.get("attachments") or [] if isinstance(e, dict)]
    rows = []
    for entry, src in zip(entries, attachment_srcs(item)):
        full = model.repo.content_dir / src
        if not full.is_file():
            continue
        href = relative_url(item.url, src)
        title = str(entry.get("title") or posixpath.basename(src))
        rows.append(
            f'<tr><td><a href="{escape(href)}">{escape(title)}</a></td>'
            f"<td>{escape(file_type_th(src))}</td>"
            f"<td>{escape(thai_size(os.path.getsize(full)))}</td></tr>"
        )
    if not rows:
        return ""
    return (
        '<section class="webpub-attachments" aria-labelledby="webpub-attachments-h">'
        f'<h2 id="webpub-attachments-h">{escape(t("site.item.attachments"))}</h2>'
        f'<table><thead><tr><th scope="col">{escape(t("site.item.attachment_name"))}</th>'
        f'<th scope="col">{escape(t("site.item.attachment_type"))}</th>'
        f'<th scope="col">{escape(t("site.item.attachment_size"))}</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>\n"
    )


def person_label(model: SiteModel, person_id: str) -> str:
    person = model.repo.people.get(person_id)
    if not person:
        return person_id
    position = person.get("position_th")
    return f"{person['name_th']} ({position})" if position else person["name_th"]


def approvals_html(model: SiteModel, item: SiteItem) -> str:
    """Who approved the item and when, for transparency."""
    records = [r for r in item.page.get("approvals") or [] if isinstance(r, dict)]
    if not records:
        return ""
    rows = []
    for record in records:
        role = ROLE_NAMES_TH.get(str(record.get("role")), str(record.get("role")))
        rows.append(
            f"<tr><td>{escape(role)}</td><td>{escape(person_label(model, str(record.get('person'))))}</td>"
            f"<td>{thai_datetime(record.get('at', ''))}</td></tr>"
        )
    return (
        '<section class="webpub-approvals" aria-labelledby="webpub-approvals-h">'
        f'<h2 id="webpub-approvals-h">{escape(t("site.item.approvals"))}</h2>'
        f'<table><thead><tr><th scope="col">{escape(t("site.item.role"))}</th>'
        f'<th scope="col">{escape(t("site.item.approver"))}</th>'
        f'<th scope="col">{escape(t("site.item.approved_at"))}</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>\n"
    )


def form_link_html(item: SiteItem, has_form: bool) -> str:
    if not has_form:
        return ""
    return (
        f'<p class="webpub-form-link"><a href="form/">{t("approvals.form_link")}</a></p>\n'
    )


def draft_banner(item: SiteItem) -> str | None:
    """Thai text of the preview banner, or None for a publishable item."""
    if item.publishable:
        return None
    if item.broken:
        return t("site.item.draft_broken")
    reasons = "; ".join(item.decision.reasons) or t("site.item.draft_not_approved")
    return t("site.item.draft", reasons=reasons)


def head_html(model: SiteModel, item: SiteItem) -> str:
    return meta_html(model, item) + contact_html(item)


def foot_html(model: SiteModel, item: SiteItem, has_form: bool = False) -> str:
    return attachments_html(model, item) + approvals_html(model, item) + form_link_html(item, has_form)


# -- taken down --------------------------------------------------------------
def notice_html(model: SiteModel, item: SiteItem) -> str:
    """What the address of a taken-down item shows (after GOV.UK's "withdrawn" pages):
    that it was taken down from the website and when, why, and where to look now.
    No body, no attachments; the page carries ``noindex`` and is in no list."""
    decision = item.decision
    when = decision.taken_down_on
    heading = (escape(t("site.item.taken_down_on", date="\0")).replace("\0", _time(when)) if when
               else escape(t("site.item.taken_down")))
    category = item.category
    if category:
        href = relative_url(item.url, f"{category['dir']}/")
        where = (f'<p>{escape(t("site.item.see_category"))} '
                 f'<a href="{escape(href)}">{escape(category["name_th"])}</a></p>')
    else:
        where = f'<p><a href="{escape(relative_url(item.url, ""))}">{escape(t("site.item.back_home"))}</a></p>'
    return (
        '<section class="webpub-notice" aria-labelledby="webpub-notice-h">'
        f'<h2 id="webpub-notice-h">{heading}</h2>'
        f'<p>{escape(t("site.item.taken_down_reason", reason=decision.notice_reason))}</p>'
        f"{where}</section>\n"
    )
