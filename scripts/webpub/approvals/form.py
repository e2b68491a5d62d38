"""The request-to-publish form (ITA evidence) of one item, as printable Thai HTML.

Agency, date (B.E.), title, summary, external link, remarks, four signature blocks
(officer, director, web head, webmaster: name, position, B.E. date, key
fingerprint), the content digest and the PR link. Self-contained: no scripts,
no outside resources, so it prints the same anywhere.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from webpub.approvals import ROLE_TH, ROLES
from webpub.approvals.trust import Trust, safe_ref
from webpub.approvals.verify import Trail, evaluate_page
from webpub.dates import BANGKOK, parse_iso_date, thai_date
from webpub.messages import t

# (role, the form's block label, the duty): the duty is the guideline's role name
BLOCKS = tuple((role, t(f"approvals.block_{role}"), t(f"roles.{role}"))
               for role in ("officer", "director", "web_head", "webmaster"))

STYLE = """
body{font-family:"TH Sarabun New","Sarabun","Noto Sans Thai",sans-serif;font-size:16pt;line-height:1.5;margin:2cm;color:#000}
h1{font-size:20pt;text-align:center;margin:0 0 .5em}
.agency{text-align:center;margin:0 0 1em}
table.fields{width:100%;border-collapse:collapse;margin-bottom:1em}
table.fields th{width:28%;text-align:left;vertical-align:top;padding:.2em .5em;font-weight:bold}
table.fields td{padding:.2em .5em;border-bottom:1px dotted #666;word-break:break-word}
.blocks{display:grid;grid-template-columns:1fr 1fr;gap:1em}
.block{border:1px solid #000;padding:.6em;break-inside:avoid}
.block h2{font-size:16pt;margin:0 0 .3em}
.block p{margin:.1em 0}
.missing{color:#a00}
.history{margin-top:1em}.history h2{font-size:16pt}.decision-refused{font-weight:bold}
code{font-family:monospace;font-size:10pt;word-break:break-all}
@media print{body{margin:1.5cm}a{color:#000;text-decoration:none}}
"""


def be_date(value) -> str:
    if isinstance(value, dt.datetime):
        return thai_date(value.astimezone(BANGKOK).date())
    parsed = parse_iso_date(value)
    return thai_date(parsed) if parsed else "—"


def record_time(record: dict) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(record.get("at")))
    except ValueError:
        return None


def pr_link(trail: Trail, host: str) -> str:
    """The pull request of a valid record whose ``ref`` is an https URL on the forge
    (WP217 refuses any other ``ref``; it is never rendered)."""
    for check in trail.records:
        ref = safe_ref(check.record.get("ref"), host) if check.valid else None
        if ref and "/pull/" in ref:
            return ref.split("#", 1)[0]
    return ""


def person_lines(org, person: str | None) -> tuple[str, str]:
    entry = org.people.get(person or "") or {}
    return entry.get("name_th") or (person or "—"), entry.get("position_th") or "—"


def officer_lines(page, org, trail: Trail, repo) -> tuple[str, str, str, str, str]:
    """The officer's block: from the publication's decision record when the bot kept one
    (who confirmed, how, when the request was opened), else the page's own owner."""
    from webpub.approvals import decisions

    record = next((d for d in reversed(decisions.for_item(repo, page.path)) if d.decision == "published"
                   and d.digest == trail.digest and d.prepared_by), None) if repo is not None else None
    if record is None:
        name, position = person_lines(org, page.get("owner", "officer"))
        return name, position, be_date(page.get("updated") or page.get("published")), t("review.form_officer_unrecorded"), "—"
    name, position = person_lines(org, record.prepared_by)
    pr = f" #{record.pr}" if record.pr else ""
    status = t(f"review.form_officer_{record.prepared_how}") + pr
    return name, position, be_date(record.opened_at or record.when), f"{status} ({t('review.form_officer_sealed')})", "—"


def history_html(page, org, repo) -> str:
    """Returns and refusals of the item, with their reasons (``webpub.approvals.decisions``)."""
    from webpub.approvals import decisions

    found = [d for d in decisions.for_item(repo, page.path) if d.decision != "published"] if repo is not None else []
    rows = "".join(
        f'<li class="decision-{escape(d.decision)}">' + escape(t(
            "review.form_decision_row", kind=t(f"review.kind_{d.decision}"), who=org.name(d.person),
            role=ROLE_TH.get(d.role, d.role), when=be_date(d.when), reason=d.reason)) + "</li>"
        for d in found) or f"<li>{escape(t('review.form_history_none'))}</li>"
    return f'<section class="history"><h2>{escape(t("review.form_history"))}</h2><ul>{rows}</ul></section>'


def signature_block(key: str, label: str, duty: str, trail: Trail, page, org, repo=None) -> str:
    if key == "officer":
        name, position, when, status, fingerprint = officer_lines(page, org, trail, repo)
    else:
        chosen = trail.chosen(key)
        if chosen is None:
            return (f'<section class="block"><h2>{escape(label)}</h2><p>{escape(duty)}</p>'
                    f'<p class="missing">{escape(t("approvals.not_signed"))}</p></section>')
        name, position = person_lines(org, chosen.record.get("person"))
        when = be_date(record_time(chosen.record))
        signer = chosen.record.get("signer")
        status = t("approvals.signed_by_bot") if signer else t("approvals.signed_by_key")
        fingerprint = chosen.fingerprint
    return (
        f'<section class="block"><h2>{escape(label)}</h2><p>{escape(duty)}</p>'
        f"<p>{escape(t('approvals.name', name=name))}</p><p>{escape(t('approvals.position', position=position))}</p>"
        f"<p>{escape(t('approvals.date', date=when))}</p>"
        f"<p>{escape(status)}</p><p>{escape(t('approvals.key_fingerprint'))} <code>{escape(fingerprint)}</code></p></section>"
    )


def field_rows(page, org, trail: Trail, ctx) -> list[tuple[str, str, bool]]:
    """(label, value, value is already HTML) for each field of the form."""
    external = str(page.get("external_url") or "")
    link = pr_link(trail, Trust.of_repo(ctx.repo).forge_host)
    return [
        (t("approvals.field_agency"), str((org.data.get("agency") or {}).get("name_th") or ""), False),
        (t("approvals.field_date"), be_date(page.get("updated") or page.get("published") or ctx.today.isoformat()), False),
        (t("approvals.field_title"), str(page.get("title") or ""), False),
        (t("approvals.field_summary"), str(page.get("summary") or "—"), False),
        (t("approvals.field_external"), f'<a href="{escape(external)}">{escape(external)}</a>'
         if external.startswith(("https://", "http://")) else "—", True),
        (t("approvals.field_remarks"), str(page.get("remarks") or "—"), False),
        (t("approvals.field_file"), f"<code>{escape(page.path)}</code>", True),
        (t("approvals.field_digest"), f"<code>{escape(trail.digest or '—')}</code>", True),
        (t("approvals.field_request"), f'<a href="{escape(link)}">{escape(link)}</a>' if link else "—", True),
    ]


def render_form_html(page, ctx, trail=None, stylesheet: str | None = None, icon: str | None = None) -> str:
    """The filled-in request form; ``trail`` if the caller already verified the page.

    ``stylesheet``: on the site, the address of the site's form styles (the site's font,
    no inline style, which its Content Security Policy forbids); without it (``webpub
    form``, a file printed on its own) the styles are inline. ``icon``: the site's icon."""
    from webpub.approvals.org import Org

    org = Org(ctx.repo.organization)
    trail = trail or evaluate_page(page, ctx)
    rows = "".join(
        f"<tr><th>{escape(label)}</th><td>{value if is_html else escape(value)}</td></tr>"
        for label, value, is_html in field_rows(page, org, trail, ctx)
    )
    blocks = "".join(signature_block(key, label, duty, trail, page, org, ctx.repo) for key, label, duty in BLOCKS)
    agency = escape(str((org.data.get("agency") or {}).get("name_th") or ""))
    complete = t("approvals.complete") if trail.complete else t("approvals.incomplete")
    name = t("approvals.form_name")
    return (
        '<!DOCTYPE html>\n<html lang="th"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(name)} — {escape(str(page.get('title') or page.path))}</title>"
        '<meta name="robots" content="noindex">'
        + (f'<link rel="stylesheet" href="{escape(stylesheet)}">' if stylesheet else f"<style>{STYLE}</style>")
        + (f'<link rel="icon" href="{escape(icon)}">' if icon else "")
        + '</head><body class="webpub-form">'
        f"<h1>{escape(name)}</h1>"
        f'<p class="agency">{agency}</p><table class="fields">{rows}</table>'
        f'<div class="blocks">{blocks}</div>{history_html(page, org, ctx.repo)}'
        f"<p>{escape(t('approvals.signing_status', status=complete))}</p>"
        "</body></html>\n"
    )


__all__ = ["render_form_html", "ROLES"]
