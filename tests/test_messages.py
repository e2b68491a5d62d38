"""The string catalogue loads, is validated, and the role names are the guideline's."""

from __future__ import annotations

import pytest

from webpub import messages
from webpub.approvals import ROLE_TH


def test_every_catalogue_entry_is_non_empty_text():
    cat = messages.catalogue()
    assert cat, "the Thai catalogue is empty"
    assert all(isinstance(v, str) and v.strip() for v in cat.values())


def test_web_head_is_named_as_the_guideline_names_it():
    assert messages.t("roles.web_head") == "หัวหน้ากลุ่มงานที่รับผิดชอบดูแลเว็บไซต์"
    assert ROLE_TH["web_head"].startswith("หัวหน้ากลุ่มงานที่รับผิดชอบดูแลเว็บไซต์")


def test_unknown_key_is_a_programming_error():
    with pytest.raises(KeyError):
        messages.t("roles.nobody")


def test_a_malformed_area_file_is_refused(tmp_path, monkeypatch):
    (tmp_path / "th").mkdir()
    (tmp_path / "th" / "bad.yml").write_text("x: ''\n", encoding="utf-8")
    monkeypatch.setattr(messages, "_ROOT", tmp_path)
    messages.catalogue.cache_clear()
    try:
        with pytest.raises(messages.CatalogueError):
            messages.catalogue()
    finally:
        monkeypatch.undo()
        messages.catalogue.cache_clear()
