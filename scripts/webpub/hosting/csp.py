"""The content security policy, decided once: what each page's ``<meta>`` policy says
and what the web server's header adds.

Strict, with no ``'unsafe-inline'``: the theme's few inline scripts and the request
forms' inline style are allowed by their SHA-256 hashes, computed over the built output
(``webpub.hosting.postbuild``), so a template another change edits is covered by the
next build, never by hand. The hashes are written into each page as a ``<meta
http-equiv>`` policy, before the first inline script: they change with the theme and
even with how deep a page sits (the theme's first script names its base path), so they
travel with the release the ``current`` link switches to, never with a server
configuration that would have to be reloaded in step with every deploy. The server's
header adds what a ``<meta>`` policy cannot say (``frame-ancestors``) and restricts
every other fetch; browsers enforce both policies, so a script must pass both.
"""

from __future__ import annotations

import base64
import hashlib

# Fetch directives both policies share (the page's own and the server's header).
COMMON = (
    ("default-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("media-src", "'self'"),
    ("object-src", "'none'"),
    ("frame-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
# Only a header can say these (a <meta> policy ignores them).
HEADER_ONLY = (("frame-ancestors", "'none'"),)


def source_hash(text: str) -> str:
    """The CSP source expression of one inline script or style body, exactly as written."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def page_policy(script_hashes: list[str], style_hashes: list[str]) -> str:
    """The policy one page carries in its ``<meta http-equiv="Content-Security-Policy">``."""
    parts = [f"{name} {value}" for name, value in COMMON]
    parts.insert(1, "script-src 'self'" + "".join(f" {h}" for h in script_hashes))
    parts.insert(2, "style-src 'self'" + "".join(f" {h}" for h in style_hashes))
    return "; ".join(parts)


def header_policy(html: bool) -> str:
    """The policy the web server sends. On HTML the page's own policy governs scripts
    and styles (``default-src`` is left out, or it would refuse the hashed inline
    scripts); every other file may load only the site's own files and run no inline
    code (a script's own header is the policy of a worker started from it, so
    ``script-src 'none'`` would stop a worker's ``importScripts``), and nothing frames it."""
    common = [(n, v) for n, v in COMMON if not (html and n == "default-src")]
    if not html:
        common.insert(1, ("script-src", "'self'"))
        common.insert(2, ("style-src", "'self'"))
    return "; ".join(f"{n} {v}" for n, v in (*common, *HEADER_ONLY))
