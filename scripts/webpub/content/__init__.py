"""The content model: what an item under ``content/`` is, and the one way to reach it.

``walk`` is the one walker of ``content/`` (one skip list), ``attachments`` the one
resolver of the files a page lists. Loading a page strictly lives in ``webpub.content.page``
(with ``yamlstrict``, ``fmschema``, ``fastschema`` and ``catrules``); see
docs/architecture.md, "Where each decision lives".
"""
