"""webpub: docs-as-code publishing engine for Thai government websites.

The engine knows nothing about MkDocs or GitHub; adapters in ``hooks/`` and
``.github/`` call into it.
"""

__version__ = "0.1.0"
