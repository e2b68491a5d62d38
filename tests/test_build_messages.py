"""``webpub build`` speaks Thai: MkDocs' own English warnings are never shown raw."""

from __future__ import annotations

import logging

from conftest import run_cli, write

from webpub.commands.build import _ThaiWarnings, mkdocs_warning_th

PAGE = """---
title: หน้าทดสอบลิงก์
category: "1.1"
topic: history
owner:
  division: secretariat
  officer: jintana.k
published: 2026-01-05
---

## ประวัติ

ดู[หน้าที่ไม่มี](nowhere.md#x)
"""


def test_known_warnings_become_thai():
    text = mkdocs_warning_th("Doc file 'about/a.md' contains a link 'b.md', but the target 'about/b.md' "
                             "is not found among documentation files.")
    assert text.startswith("หน้า about/a.md มีลิงก์ b.md ที่ไม่พบหน้าปลายทาง")
    assert "Doc file" not in mkdocs_warning_th("Some new English warning")


def test_the_collector_prints_only_thai(capsys):
    handler = _ThaiWarnings()
    handler.emit(logging.LogRecord("mkdocs.structure.pages", logging.WARNING, __file__, 1,
                                   "Doc file 'a.md' contains an absolute link '/x/', it was left as is.", None, None))
    handler.report()
    err = capsys.readouterr().err
    assert "ตัวสร้างเว็บไซต์แจ้งเตือน 1 รายการ" in err and "Doc file" not in err and "WARNING" not in err


def test_a_preview_build_with_a_broken_link_shows_no_english(tmp_repo, capsys):
    write(tmp_repo, "content/about/history.md", PAGE)
    code, out, err = run_cli(capsys, "build", "--mode", "preview", "--today", "2026-11-26")
    assert "WARNING" not in err and "Doc file" not in err and "INFO" not in err
