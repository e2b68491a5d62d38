"""The deep attachment rules that report one kind of inspector issue, declared in one table.

An inspector (``webpub.files.pdf``, ``.office``, ``.archive``, ``.image``, ``.text``) reads
an attachment once, within bounds, and tags every issue it finds with its rule id; each
rule below reports the issues of its own id (``webpub.files.findings_for``). The rule's
home is the inspector that decides it; its name and description are here, its severity in
``schema/rules.yml``. Deep rules with more logic of their own (PDPA in attachments, open
data) are modules ``checks/deep_*.py`` like every other rule.
"""

from __future__ import annotations

from webpub.files import findings_for
from webpub.core.registry import Rule


class _IssuesOf:
    """``check_asset`` of one deep rule: the inspection's issues tagged with its id."""

    __slots__ = ("rule",)

    def __init__(self, rule: str):
        self.rule = rule

    def __call__(self, asset, ctx):
        return findings_for(asset, ctx, self.rule)


def _deep(rule_id: str, name: str, home: str, description: str) -> Rule:
    return Rule(rule_id, name, description, home, asset_check=_IssuesOf(rule_id))


RULES: tuple[Rule, ...] = (
    _deep("WP100", "pdf-active-content", "webpub.files.pdf",
          "PDF ต้องไม่มี JavaScript คำสั่ง Launch หรือคำสั่งอัตโนมัติเมื่อเปิดไฟล์ (no JavaScript, launch or auto-run actions in PDFs)"),
    _deep("WP101", "pdf-embedded-file", "webpub.files.pdf",
          "PDF ต้องไม่มีไฟล์อื่นฝังอยู่ (no embedded files in PDFs)"),
    _deep("WP102", "pdf-encrypted", "webpub.files.pdf",
          "PDF ต้องไม่เข้ารหัสหรือล็อกสิทธิ์ (no encrypted PDFs)"),
    _deep("WP103", "pdf-bomb", "webpub.files",
          "PDF ต้องไม่เป็นระเบิดการบีบอัด (no decompression bombs in PDFs)"),
    _deep("WP110", "office-macro", "webpub.files.office",
          "เอกสาร Office/OpenDocument ต้องไม่มีมาโคร แผ่นงานมาโคร หรือ ActiveX (no macros)"),
    _deep("WP111", "office-external-relationship", "webpub.files.office",
          "เอกสาร Office ต้องไม่โหลดแม่แบบ อ็อบเจกต์ หรือภาพจากภายนอก (no external template/link relationships)"),
    _deep("WP112", "office-masquerade", "webpub.files.office",
          "ไฟล์ .docx/.xlsx ต้องไม่ใช่ .docm/.xlsm หรือชนิดอื่นที่เปลี่ยนแค่นามสกุล (no macro-enabled files renamed)"),
    _deep("WP113", "office-dde", "webpub.files.office",
          "เอกสาร Office ต้องไม่มีฟิลด์หรือลิงก์ DDE (no DDE fields or links)"),
    _deep("WP114", "office-encrypted", "webpub.files.office",
          "เอกสาร Office ต้องไม่เข้ารหัสด้วยรหัสผ่าน (no password-encrypted Office files)"),
    _deep("WP115", "office-embedded-package", "webpub.files.office",
          "เอกสาร Office ต้องไม่มีไฟล์ฝังแบบ Package/OLE (no embedded packages)"),
    _deep("WP120", "archive-path-traversal", "webpub.files.archive",
          "ชื่อรายการในไฟล์บีบอัดต้องไม่มี .. หรือเส้นทางเต็ม (no path traversal, absolute or drive paths)"),
    _deep("WP121", "archive-symlink", "webpub.files.archive",
          "ไฟล์บีบอัดต้องไม่มี symbolic link (no symlinks in archives)"),
    _deep("WP122", "archive-duplicate-name", "webpub.files.archive",
          "ไฟล์บีบอัดต้องไม่มีชื่อรายการซ้ำ (no duplicate entry names)"),
    _deep("WP123", "archive-encrypted", "webpub.files.archive",
          "ไฟล์บีบอัดต้องไม่ตั้งรหัสผ่าน (no encrypted entries or headers)"),
    _deep("WP124", "archive-executable", "webpub.files.archive",
          "ไฟล์บีบอัดต้องไม่มีโปรแกรมหรือสคริปต์ (no executables or scripts inside archives)"),
    _deep("WP125", "archive-nested", "webpub.files.archive",
          "ไฟล์บีบอัดต้องไม่มีไฟล์บีบอัดซ้อน (no nested archives)"),
    _deep("WP126", "archive-too-many-entries", "webpub.files.archive",
          "ไฟล์บีบอัดต้องมีจำนวนรายการไม่เกินกำหนด (entry count cap)"),
    _deep("WP127", "archive-bomb", "webpub.files",
          "ไฟล์บีบอัดต้องไม่เป็นระเบิดการบีบอัด (no compression-ratio or overlapping-entry bombs)"),
    _deep("WP128", "archive-multivolume", "webpub.files.archive",
          "ไฟล์ RAR ต้องไม่เป็นชุดหลายส่วน (no multi-volume RAR sets)"),
    _deep("WP129", "archive-unreadable", "webpub.files.archive",
          "ไฟล์บีบอัดต้องอ่านสารบัญได้ (archives must have a readable directory)"),
    _deep("WP130", "image-location", "webpub.files.image",
          "ภาพต้องไม่มีข้อมูลตำแหน่ง GPS/XMP/IPTC (no location metadata in images)"),
    _deep("WP131", "image-pixel-bomb", "webpub.files.image",
          "ภาพต้องมีจำนวนพิกเซลไม่เกินกำหนด (pixel-count bomb)"),
    _deep("WP140", "text-encoding", "webpub.files.text",
          "ไฟล์ข้อความและ CSV ต้องเข้ารหัส UTF-8 (text and CSV attachments must be UTF-8)"),
    _deep("WP149", "attachment-inspection-limit", "webpub.files",
          "ไฟล์แนบต้องตรวจเนื้อในได้ครบภายในเวลาและหน่วยความจำที่กำหนด (deep inspection must finish within bounds)"),
    _deep("WP150", "gis-archive", "webpub.files.archive",
          "ข้อมูล GIS ในไฟล์บีบอัดต้องครบและปลอดภัย: Shapefile มี .shx .dbf .prj, KML เป็น XML ที่ไม่มี DOCTYPE (complete, safe zipped GIS data)"),
)
