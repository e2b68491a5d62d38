"""webpub: docs-as-code publishing engine for Thai government websites.

The engine knows nothing about MkDocs or GitHub; its adapters (the
``webpub`` MkDocs plugin in ``site/mkdocs_plugin.py``, ``.github/``) call into it.
"""

__version__ = "0.1.0"
