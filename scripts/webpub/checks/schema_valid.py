"""WP005: frontmatter values have the keys and types ``schema/frontmatter.schema.json`` asks for.

Values are typed first (``fmschema.coerce``), then validated with JSON Schema
Draft 2020-12. Problems another rule explains better are left to it, so one
mistake gives one finding: date and month shapes (WP006), which category, topic,
division or officer exists (WP007/WP008), missing always-required keys (WP009).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from webpub.content import fmschema
from webpub.core.results import Finding

ID = "WP005"
NAME = "schema"
DESCRIPTION = "คีย์และชนิดของค่าใน frontmatter ต้องตรงตาม schema (frontmatter matches the JSON Schema)"

DELEGATED_PATTERNS = {("category",), ("topic",), ("owner", "division"), ("owner", "officer")}

TYPE_TH = {
    "string": "ข้อความ",
    "integer": "จำนวนเต็ม",
    "number": "ตัวเลข",
    "boolean": "ค่าจริง/เท็จ (true หรือ false)",
    "array": "รายการ (ขึ้นบรรทัดละ - ค่า)",
    "object": "ชุดคีย์ย่อย (คีย์: ค่า)",
    "null": "ค่าว่าง",
}


def check(page, ctx) -> Iterator[Finding]:
    if not page.ok:
        return
    repo = ctx.repo
    root = repo.frontmatter_schema
    instance = fmschema.coerce(page.meta, root, root)
    if fmschema.quick_valid(repo, instance):
        return
    always = set(repo.schema("categories.yml").get("always_required") or [])
    for error in sorted(fmschema.validator(repo).iter_errors(instance), key=lambda e: list(map(str, e.absolute_path))):
        if _delegated(error, root, always):
            continue
        yield from _findings(page, error, root)


def _delegated(error, root, always) -> bool:
    path = tuple(error.absolute_path)
    if error.validator == "required" and not path:
        return all(key in always for key in _missing(error))
    if error.validator in ("pattern", "format"):
        node = fmschema.schema_at(root, path)
        return (path in DELEGATED_PATTERNS or fmschema.is_date_schema(node, root)
                or fmschema.is_month_schema(node, root))
    return False


def _missing(error) -> list[str]:
    wanted = error.validator_value or []
    present = error.instance if isinstance(error.instance, dict) else {}
    return [key for key in wanted if key not in present]


def key_name(path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "frontmatter"


def type_of_value(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "string"


def _findings(page, error, root) -> Iterator[Finding]:
    path = tuple(error.absolute_path)
    handler = HANDLERS.get(error.validator, _other)
    if error.instance is None and error.validator != "required":
        handler = _null
    for extra_path, message, hint in handler(error, path, root):
        full = path + extra_path
        yield page.finding(ID, page.line_of(*full), message, hint)


def _additional(error, path, root):
    node = fmschema.schema_at(root, path)
    allowed = list((node.get("properties") or {}).keys())
    for key in error.instance:
        if key in allowed:
            continue
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        hint = (f"หมายถึง '{close[0]}' หรือไม่ — แก้ชื่อคีย์ให้ถูกต้อง" if close
                else "คีย์ที่ใช้ได้: " + ", ".join(allowed))
        where = f" ใน '{key_name(path)}'" if path else ""
        yield (key,), f"ไม่รู้จักคีย์ '{key}'{where}", hint


def _required(error, path, root):
    missing = _missing(error)
    where = f"'{key_name(path)}'" if path else "frontmatter"
    keys = ", ".join(missing)
    yield (), f"{where} ขาดคีย์ที่ต้องมี: {keys}", \
        f"เพิ่มบรรทัด {missing[0]}: … ใน {where}" + (" และคีย์ที่เหลือให้ครบ" if len(missing) > 1 else "")


def _null(error, path, root):
    name = key_name(path)
    yield (), f"'{name}' ไม่มีค่า", f"ใส่ค่าให้ '{name}' หรือลบบรรทัดนี้ออกถ้าไม่ใช้"


def _type(error, path, root):
    wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    wanted_th = " หรือ ".join(TYPE_TH.get(t, t) for t in wanted)
    value = error.instance
    found = type_of_value(value)
    name = key_name(path)
    yield (), f"'{name}' ต้องเป็น{wanted_th} แต่พบ{TYPE_TH.get(found, found)}", _type_hint(wanted, value)


def _type_hint(wanted: list[str], value) -> str:
    if isinstance(value, str) and ("number" in wanted or "integer" in wanted):
        if fmschema.NUMBER.match(value.strip()):
            return f"เขียนตัวเลขโดยไม่ใส่เครื่องหมายคำพูด เช่น {value.strip()}"
        return "เขียนเป็นตัวเลขอารบิกฐานสิบ เช่น 13.7563 (ไม่ใช้เลขไทย ไม่ใส่หน่วยหรือเครื่องหมายคำพูด)"
    if isinstance(value, str) and "boolean" in wanted:
        return "เขียน true หรือ false ตัวพิมพ์เล็ก ไม่ใส่เครื่องหมายคำพูด (yes/no/on/off ไม่นับเป็นค่าจริง/เท็จ)"
    if "array" in wanted:
        return "เขียนเป็นรายการ ขึ้นบรรทัดใหม่แล้วย่อหน้าด้วย - ค่า ทีละบรรทัด"
    if "string" in wanted:
        return "เขียนเป็นข้อความบรรทัดเดียว ถ้ามีเครื่องหมาย : หรือ - นำหน้า ให้ครอบด้วยเครื่องหมายคำพูด \"…\""
    return "แก้ค่าให้เป็นชนิดที่กำหนด"


def _enum(error, path, root):
    allowed = [str(v) for v in error.validator_value]
    value = str(error.instance)
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    hint = (f"หมายถึง '{close[0]}' หรือไม่ — " if close else "") + "ค่าที่ใช้ได้: " + ", ".join(allowed)
    yield (), f"ค่า '{value}' ของ '{key_name(path)}' ไม่อยู่ในรายการที่กำหนด", hint


def _pattern(error, path, root):
    node = fmschema.schema_at(root, path)
    yield (), f"ค่า '{error.instance}' ของ '{key_name(path)}' ไม่อยู่ในรูปแบบที่กำหนด", _pattern_hint(error.validator_value, node)


def _pattern_hint(pattern: str, node: dict) -> str:
    if "@" in pattern:
        return "ใส่อีเมลเต็ม เช่น name@agency.go.th"
    if pattern.startswith("^https"):
        return "ลิงก์ต้องขึ้นต้นด้วย " + ("https://" if pattern.startswith("^https://") else "http:// หรือ https://")
    if pattern.startswith("^sha256"):
        return "ค่านี้เขียนโดยเครื่องมือเท่านั้น ห้ามแก้ด้วยมือ ให้ลบบันทึกนี้แล้วอนุมัติใหม่"
    described = node.get("description")
    return (f"{described} — " if described else "") + f"รูปแบบที่ต้องการ (regular expression): {pattern}"


def _min_length(error, path, root):
    yield (), f"'{key_name(path)}' เป็นข้อความว่าง", "ใส่ข้อความ หรือลบบรรทัดนี้ออกถ้าไม่จำเป็นต้องมี"


def _max_length(error, path, root):
    yield (), (f"'{key_name(path)}' ยาว {len(error.instance):,} ตัวอักษร เกินกำหนด "
               f"{error.validator_value:,} ตัวอักษร"), "ตัดให้สั้นลง ย้ายรายละเอียดไปไว้ในเนื้อหา"


def _bound(error, path, root):
    word = "ไม่น้อยกว่า" if error.validator.startswith("minimum") else "ไม่เกิน"
    yield (), f"ค่า {error.instance} ของ '{key_name(path)}' ต้อง{word} {error.validator_value}", \
        "ตรวจค่าอีกครั้ง" + (" (ปีงบประมาณเขียนเป็น พ.ศ. เช่น 2569)" if path == ("fiscal_year",) else "")


def _min_items(error, path, root):
    yield (), f"'{key_name(path)}' ต้องมีอย่างน้อย {error.validator_value} รายการ", \
        "เพิ่มรายการ หรือลบคีย์นี้ออกถ้าไม่ใช้"


def _one_of(error, path, root):
    node = fmschema.schema_at(root, path)
    kinds = " หรือ ".join(TYPE_TH.get(t, t) for t in sorted(fmschema.types_of(node, root)))
    yield (), f"ค่าของ '{key_name(path)}' ไม่ตรงกับรูปแบบที่อนุญาต", \
        f"ต้องเป็น{kinds} ที่ไม่ว่าง" if kinds else "ตรวจรูปแบบของค่านี้"


def _other(error, path, root):
    yield (), f"ค่าของ '{key_name(path)}' ไม่ผ่านกฎ '{error.validator}' ของ schema", \
        f"รายละเอียด (ภาษาอังกฤษ): {error.message}"


HANDLERS = {
    "additionalProperties": _additional,
    "required": _required,
    "type": _type,
    "enum": _enum,
    "pattern": _pattern,
    "minLength": _min_length,
    "maxLength": _max_length,
    "minimum": _bound,
    "maximum": _bound,
    "exclusiveMinimum": _bound,
    "exclusiveMaximum": _bound,
    "minItems": _min_items,
    "oneOf": _one_of,
    "anyOf": _one_of,
}
