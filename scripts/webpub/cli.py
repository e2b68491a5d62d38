"""The ``webpub`` command line: ``main`` only dispatches.

Each command is a module in ``webpub.commands`` with ``add_arguments(parser)``
and ``run(args) -> int``; only the chosen command's module is imported, so the
pre-commit path stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from webpub import __version__
from webpub.core.results import UsageError

# name -> (module, help). Order is the order shown in --help.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("check", "ตรวจเนื้อหาตามกฎทั้งหมด (check content against every rule)"),
    "new": ("new", "สร้างหน้าใหม่จากแม่แบบของหมวดหมู่ (scaffold a page)"),
    "build": ("build", "สร้างเว็บไซต์ site/ (build the site: preview or publish)"),
    "deploy": ("deploy", "นำเว็บไซต์ขึ้นเครื่องแม่ข่ายของหน่วยงานผ่าน SSH หรือย้อนกลับรุ่น (deploy over SSH; --rollback)"),
    "server-config": ("server_config", "สร้างไฟล์ตั้งค่า nginx และ Apache จากเว็บไซต์ (web server configuration)"),
    "serve": ("serve", "ดูตัวอย่างเว็บไซต์ในเครื่อง (build the preview and serve it locally)"),
    "digest": ("digest", "พิมพ์ค่าย่อยเนื้อหา sha256 (print an item's content digest)"),
    "approve": ("approve", "ลงนามอนุมัติด้วยกุญแจ SSH (sign an approval record)"),
    "verify": ("verify", "ตรวจลายมือชื่อการอนุมัติ (verify approval trails)"),
    "gate": ("gate", "ตรวจว่า PR ได้รับการอนุมัติครบหรือยัง (decide whether a PR may be published)"),
    "record": ("record", "บันทึกการส่งกลับหรือการไม่อนุญาตพร้อมเหตุผลไว้กับรายการ (seal a return or refusal with its reason)"),
    "seal": ("seal", "บันทึกการอนุมัติจากรีวิวของ PR และลงนาม (write signed records from PR reviews)"),
    "form": ("form", "แบบฟอร์มขอเผยแพร่ข้อมูล (request-to-publish form, printable HTML)"),
    "expire": ("expire", "รายการที่หมดอายุหรือใกล้หมดอายุ (expired and expiring items)"),
    "report": ("report", "รายงานความครบถ้วน (completeness report)"),
    "remind": ("remind", "ข้อความแจ้งเตือนเจ้าของข้อมูล (reminders per owner)"),
    "notify": ("notify", "ข้อความแจ้งหลังการเผยแพร่ (notices after a publish: published, taken down, failed)"),
    "strip-metadata": ("strip_metadata", "ลบข้อมูลตำแหน่งออกจากรูปภาพ (remove location metadata from an image)"),
    "opendata": ("opendata", "ส่งออกบัญชีข้อมูลเปิด (open-data catalogue export)"),
    "codeowners": ("codeowners", "สร้างไฟล์ CODEOWNERS จาก organization.yml (generate CODEOWNERS)"),
    "editor": ("editor", "แบบฟอร์มแก้ไขเนื้อหาสำหรับเจ้าหน้าที่ (the form editor: start locally, config, vendor)"),
}


def _parser(chosen: str | None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="webpub",
        description="webpub: ระบบเผยแพร่เนื้อหาเว็บไซต์หน่วยงานภาครัฐแบบ docs-as-code",
    )
    parser.add_argument("--version", action="version", version=f"webpub {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        if name == chosen:
            module = _load(module_name)
            module.add_arguments(command_parser)
            command_parser.set_defaults(_run=module.run)
    return parser


def _load(module_name: str):
    try:
        return importlib.import_module(f"webpub.commands.{module_name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"webpub.commands.{module_name}":
            raise UsageError(f"คำสั่งนี้ยังไม่พร้อมใช้งานในรุ่นนี้ ({module_name})") from None
        raise


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    chosen = next((a for a in argv if not a.startswith("-")), None)
    try:
        parser = _parser(chosen if chosen in COMMANDS else None)
        args = parser.parse_args(argv)
        if not getattr(args, "_run", None):
            parser.print_help()
            return 2
        return int(args._run(args))
    except UsageError as exc:
        print(f"webpub: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # never a traceback for users; WEBPUB_DEBUG=1 shows it
        if os.environ.get("WEBPUB_DEBUG"):
            raise
        print(f"webpub: ข้อผิดพลาดภายใน: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("webpub: ตั้งค่า WEBPUB_DEBUG=1 แล้วรันอีกครั้งเพื่อดูรายละเอียด แล้วแจ้งผู้ดูแลระบบ", file=sys.stderr)
        return 2
