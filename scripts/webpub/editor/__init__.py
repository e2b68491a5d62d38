"""The form editor for officers: a Decap CMS configuration generated from ``schema/``,
its JavaScript copied into a site after a checksum check, and a local try-out server.

``config`` builds the CMS configuration (one collection per category folder) from the
rules, so a new category, topic or required field changes the form with no code change;
``vendor`` copies the pinned CMS files; ``local`` runs Decap's git proxy against a local
repository with the admin page and the preview site. Why Decap and not Sveltia:
docs/guides/editor-setup.md.
"""
