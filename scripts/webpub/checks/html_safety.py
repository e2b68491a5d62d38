"""WP025: the rendered page contains only allowlisted HTML.

The body is rendered with the site's own Markdown extensions and every tag,
attribute, attribute value and URL scheme is held against
``schema/html-allowlist.yml``. Anything outside it is refused, not stripped:
a script, an event handler, a ``javascript:`` link in any spelling, an iframe,
inline SVG, a form, ``<meta>``/``<base>``, a style attribute, an HTML comment.
Attribute values are judged after entity decoding and the way browsers trim URLs,
so ``java&#x09;script:`` and ``javascript&colon;`` are caught like the plain form.
"""

from __future__ import annotations

from collections.abc import Iterator

from webpub.rendering import allowlist, htmlscan
from webpub.core.results import Finding

ID = "WP025"
NAME = "html-safety"
DESCRIPTION = ("เนื้อหาต้องมีเฉพาะ HTML ที่อยู่ในรายการที่อนุญาต ไม่มีสคริปต์ ตัวจัดการเหตุการณ์ หรือลิงก์อันตราย "
               "(only allowlisted HTML; no scripts, event handlers, dangerous URLs)")

HINT_MARKDOWN = "เขียนเนื้อหาด้วย Markdown แทน HTML หรือถ้าต้องการแสดงโค้ดให้ใส่ไว้ใน `...` หรือบล็อก ```"
TAG_REASONS = {
    "script": "แท็ก <script> สั่งรันโปรแกรมบนเครื่องผู้อ่าน",
    "noscript": "แท็ก <noscript> ใช้ซ่อนเนื้อหาหรือแท็กอื่น",
    "iframe": "แท็ก <iframe> ฝังหน้าเว็บอื่นเข้ามาในหน้า",
    "frame": "แท็ก <frame> ฝังหน้าเว็บอื่นเข้ามาในหน้า",
    "frameset": "แท็ก <frameset> ฝังหน้าเว็บอื่นเข้ามาในหน้า",
    "object": "แท็ก <object> ฝังโปรแกรมหรือไฟล์ภายนอก",
    "embed": "แท็ก <embed> ฝังโปรแกรมหรือไฟล์ภายนอก",
    "applet": "แท็ก <applet> ฝังโปรแกรมภายนอก",
    "svg": "ภาพ SVG ที่เขียนในหน้าเว็บ (inline SVG) มีสคริปต์และลิงก์แฝงได้",
    "math": "แท็ก <math> มีลิงก์และองค์ประกอบแฝงได้",
    "form": "แบบฟอร์ม <form> อาจส่งข้อมูลของผู้อ่านออกไปยังที่อื่น",
    "input": "ช่องกรอกข้อมูล <input> ใช้หลอกให้ผู้อ่านกรอกข้อมูลได้",
    "button": "ปุ่ม <button> ใช้ร่วมกับแบบฟอร์มหรือสคริปต์",
    "textarea": "ช่องกรอกข้อความ <textarea> ใช้หลอกให้ผู้อ่านกรอกข้อมูลได้",
    "select": "ตัวเลือก <select> ใช้ร่วมกับแบบฟอร์ม",
    "meta": "แท็ก <meta> เปลี่ยนพฤติกรรมของหน้า เช่น พาผู้อ่านไปเว็บอื่นโดยอัตโนมัติ (meta refresh)",
    "base": "แท็ก <base> เปลี่ยนปลายทางของลิงก์ทุกลิงก์ในหน้า",
    "link": "แท็ก <link> ดึงไฟล์ภายนอกเข้ามาในหน้า",
    "style": "แท็ก <style> เปลี่ยนรูปแบบทั้งเว็บไซต์และซ่อนหรือปลอมเนื้อหาได้",
    "template": "แท็ก <template> ซ่อนแท็กอื่นไว้ข้างใน",
}
OTHER_REASONS = {
    "comment": ("พบความคิดเห็น HTML (<!-- ... -->) ซึ่งผู้อ่านเปิดดูได้จากซอร์สของหน้าเว็บ",
                "ลบความคิดเห็นออก บันทึกที่ไม่ต้องการเผยแพร่ให้เขียนไว้ใน pull request แทน"),
    "decl": ("พบการประกาศ <!...> ของ HTML/XML ในเนื้อหา", HINT_MARKDOWN),
    "pi": ("พบคำสั่ง <?...?> ในเนื้อหา", HINT_MARKDOWN),
    "stray_markup": ("พบเครื่องหมาย < ที่เบราว์เซอร์อาจอ่านเป็นแท็ก HTML ได้",
                     "ถ้าต้องการแสดงเครื่องหมาย < ให้เว้นวรรคหลังเครื่องหมาย เขียนเป็น &lt; หรือใส่ไว้ใน `...`"),
}


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    rules = allowlist.for_repo(ctx.repo)
    scan = htmlscan.scan(page, ctx)
    refused = {tag.name for tag in scan.tags if tag.name not in rules.tags}
    problems = sorted(_tag_problems(scan, rules) + _other_problems(scan, rules, refused), key=lambda p: p[0])
    if not problems:
        return
    locator = htmlscan.Locator(page)
    seen = set()
    for _, needles, message, hint in problems:
        line = locator.line(*needles)
        if (line, message) in seen:
            continue
        seen.add((line, message))
        yield page.finding(ID, line, message, hint)


def _other_problems(scan, rules, refused: set[str]) -> list:
    """Comments, declarations, stray '<' and end tags of names never opened (an
    end tag of a refused start tag would only repeat that finding)."""
    out = []
    for item in scan.other:
        if item.kind == "end_tag":
            if item.text not in rules.tags and item.text not in refused:
                message = f"พบแท็กปิด </{item.text}> ซึ่งไม่อยู่ในรายการ HTML ที่อนุญาต"
                out.append((item.offset, (f"</{item.text}",), message, HINT_MARKDOWN))
            continue
        message, hint = OTHER_REASONS[item.kind]
        needle = {"comment": "<!--" + item.text[:30], "decl": "<!" + item.text[:20],
                  "pi": "<?" + item.text[:20]}.get(item.kind, item.text)
        out.append((item.offset, (needle, item.text[:12], "<!--" if item.kind == "comment" else None),
                    message, hint))
    return out


def _tag_problems(scan, rules) -> list:
    out = []
    for tag in scan.tags:
        if tag.name not in rules.tags:
            reason = TAG_REASONS.get(tag.name, f"แท็ก <{tag.name}> ไม่อยู่ในรายการ HTML ที่อนุญาต")
            out.append((tag.offset, (tag.raw, f"<{tag.name}"), f"ไม่อนุญาต: {reason}", HINT_MARKDOWN))
            continue
        for name, value in tag.attrs:
            problem = _attribute_problem(tag.name, name, value, rules)
            if problem:
                needles = (tag.raw, tag.raw_value(name), f"{name}=", f"<{tag.name}")
                out.append((tag.offset, needles, *problem))
    return out


def _attribute_problem(tag: str, name: str, value: str | None, rules) -> tuple[str, str] | None:
    if name.startswith("on"):
        return (f"ไม่อนุญาตแอตทริบิวต์ {name} ในแท็ก <{tag}>: ตัวจัดการเหตุการณ์ (event handler) สั่งรันสคริปต์ได้",
                "ลบแอตทริบิวต์นี้ออก หน้าเว็บของหน่วยงานต้องไม่มีสคริปต์")
    if not rules.allows_attribute(tag, name):
        what = "การกำหนดรูปแบบด้วย style" if name == "style" else f"แอตทริบิวต์ {name}"
        return (f"ไม่อนุญาต{what} ในแท็ก <{tag}>",
                "ลบแอตทริบิวต์นี้ออก รูปแบบการแสดงผลกำหนดโดยธีมของเว็บไซต์เท่านั้น")
    if name in rules.url_attributes and value is not None:
        return _url_problem(tag, name, value, rules)
    if not rules.allows_value(name, value):
        return (f"ค่าของแอตทริบิวต์ {name} ในแท็ก <{tag}> ไม่อยู่ในรูปแบบที่อนุญาต",
                "แก้ค่าให้เป็นแบบที่อนุญาตใน schema/html-allowlist.yml หรือลบแอตทริบิวต์นี้ออก")
    return None


def _url_problem(tag: str, name: str, value: str, rules) -> tuple[str, str] | None:
    if htmlscan.has_control_chars(value):
        return (f"ลิงก์ใน {name} ของแท็ก <{tag}> มีอักขระควบคุมที่มองไม่เห็น ซึ่งใช้พรางลิงก์อันตรายได้",
                "พิมพ์ลิงก์ใหม่ให้เป็นตัวอักษรธรรมดา")
    scheme = htmlscan.url_scheme(value)
    if scheme is None or scheme in rules.url_schemes:
        return None
    allowed = ", ".join(sorted(rules.url_schemes))
    return (f"ไม่อนุญาตลิงก์แบบ {scheme}: ใน {name} ของแท็ก <{tag}> เพราะสั่งรันสคริปต์หรือฝังเนื้อหาแฝงได้",
            f"ใช้ลิงก์ที่ขึ้นต้นด้วย {allowed} หรือลิงก์ไปยังไฟล์ในเว็บไซต์")
