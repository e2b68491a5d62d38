"""WP025: the rendered HTML stays inside schema/html-allowlist.yml.

A table of hostile inputs (each must be refused, on the line it was written) and
of ordinary Thai pages (each must pass), rendered with the site's own Markdown
extensions from mkdocs.yml.
"""

from __future__ import annotations

import pytest
import yaml

from conftest import PROJECT, run_cli
from pagekit import run_rule, write_page

HEADER = "## หัวข้อ\n\nย่อหน้าปกติของหน้า\n\n"
FIRST_LINE = 14  # 9 frontmatter lines + blank, then the 4 header lines

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<img src=x onerror=alert(1)>",
    '<img src="x.png" ONERROR="alert(1)" />',
    '<div onmouseover="alert(1)">ข้อความ</div>',
    '<p>ข้อความ <a href="#" onclick="alert(1)">คลิก</a></p>',
    '<a href="javascript:alert(1)">คลิก</a>',
    '<a href="JaVaScRiPt:alert(1)">คลิก</a>',
    '<a href="java&#x09;script:alert(1)">คลิก</a>',
    '<a href="java&#9;script:alert(1)">คลิก</a>',
    '<a href="jav&#x0A;ascript:alert(1)">คลิก</a>',
    '<a href="javascript&colon;alert(1)">คลิก</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">คลิก</a>',
    '<a href="&#x6A;avascript:alert(1)">คลิก</a>',
    '<a href=" javascript:alert(1)">คลิก</a>',
    '<a href="&#x01;javascript:alert(1)">คลิก</a>',
    '<a href="java\nscript:alert(1)">คลิก</a>',
    "ข้อความ <img/src=x onerror=alert(1)>",
    "<img\nsrc=x\nonerror=alert(1)>",
    "\\<script>alert(1)</script>",  # Python-Markdown does not treat \< as an escape
    "[คลิก](javascript:alert(1))",
    "[คลิก](JAVASCRIPT:alert(1))",
    "[คลิก](jav&#x61;script:alert(1))",
    "[คลิก][r]\n\n[r]: javascript:alert(1)",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">คลิก</a>',
    "![ภาพ](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<a href="vbscript:msgbox(1)">คลิก</a>',
    '<a href="VBScript:msgbox(1)">คลิก</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<IFRAME SRCDOC="&lt;script&gt;alert(1)&lt;/script&gt;"></IFRAME>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    "<svg onload=alert(1)>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext>x</mtext></math>",
    '<form action="https://evil.example"><input name="pin"></form>',
    '<button formaction="javascript:alert(1)">ส่ง</button>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<p style="background:url(javascript:alert(1))">ข้อความ</p>',
    '<span style="position:fixed;top:0;left:0">ประกาศปลอม</span>',
    "<!-- บันทึกภายใน: งบประมาณยังไม่อนุมัติ -->",
    "<!--[if IE]><script>alert(1)</script><![endif]-->",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<style>body{display:none}</style>",
    "<details open ontoggle=alert(1)><summary>x</summary></details>",
    '<a href="https://www.opdc.go.th/" target="_top">ลิงก์</a>',
    '<img src="x.png" srcset="https://evil.example/x.png 2x">',
    '<div data-x="1">ข้อความ</div>',
    "<scr<script>ipt>alert(1)</script>",
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<?xml-stylesheet href="x.xsl"?>',
    "<![CDATA[<script>alert(1)</script>]]>",
    '<a id="x" name="forms">ชื่อ</a>',
    '<a href="https://www.opdc.go.th/" ping="https://evil.example/">ลิงก์</a>',
    "<body onload=alert(1)>",
    "<x-widget onclick=alert(1)>x</x-widget>",
    '<input type="hidden" value="x">',
    '<img src="x.png" width="100" height="expression(alert(1))">',
]

BENIGN = [
    "ราคาต่ำกว่า < 500 บาท และ > 100 บาท <ด่วน> ถ้า a < b หรือ 3 > 2",
    "| รายการ | จำนวนเงิน |\n|:--|--:|\n| ค่าจ้าง | 1,234,567 |\n| ค่าวัสดุ | 89,000 |",
    '!!! note "หมายเหตุ"\n    ประกาศนี้มีผลตั้งแต่วันที่ 1 มกราคม 2568',
    "??? tip \"คำแนะนำ\"\n    กรอกแบบฟอร์มให้ครบทุกช่อง",
    "???+ warning \"ข้อควรระวัง\"\n    ยื่นเอกสารภายในกำหนด ตามข้อ[^a] และข้อ[^a]\n\n[^a]: ประกาศ ก.พ.ร.",
    "```html\n<script>alert(1)</script>\n<iframe src=x></iframe>\n```",
    "ตัวอย่างโค้ดอันตราย `<script>alert(1)</script>` ห้ามใช้",
    "ตัวอย่าง:\n\n    <iframe src=\"https://evil.example\"></iframe>\n    <!-- comment -->",
    "ตามระเบียบ[^1] ที่กำหนด\n\n[^1]: ระเบียบสำนักนายกรัฐมนตรี พ.ศ. 2565",
    "*[กพร]: สำนักงานคณะกรรมการพัฒนาระบบราชการ\n\nกพร ประกาศรับสมัคร",
    "คำศัพท์\n:   ความหมายของคำศัพท์",
    "~~ข้อความเดิม~~ สูตร H~2~O",
    "ติดต่อ [อีเมล](mailto:saraban@opdc.go.th) [โทร](tel:+6623569999) "
    "[เว็บไซต์](https://www.opdc.go.th/) [หัวข้อ](#หัวข้อ) <info@opdc.go.th> <https://www.opdc.go.th>",
    '![แผนผังโครงสร้าง](structure-chart.png "โครงสร้างองค์กร")',
    'บรรทัดแรก<br>บรรทัดสอง <sup>1</sup> <b>ตัวหนา</b> <a href="https://www.opdc.go.th/" target="_blank" '
    'rel="noopener noreferrer">ลิงก์</a>\n\n<table><tr><td colspan="2" style="text-align: center">x</td></tr></table>',
    "อย่าคลิกลิงก์ที่ขึ้นต้นด้วย javascript: หรือ data: ในอีเมลที่ไม่รู้จัก",
    "> คำกล่าวของเลขาธิการ\n\n1. ข้อแรก\n    - ข้อย่อย\n2. ข้อสอง\n\n---\n\n### หัวข้อย่อย",
]


def _lines(snippet: str) -> range:
    return range(FIRST_LINE, FIRST_LINE + snippet.count("\n") + 1)


@pytest.mark.parametrize("snippet", HOSTILE, ids=[f"hostile{i:02d}" for i in range(len(HOSTILE))])
def test_hostile_html_is_refused_on_its_line(tmp_repo, capsys, snippet):
    path = write_page(tmp_repo, "content/about/page.md", HEADER + snippet + "\n")
    before = path.read_bytes()
    hits = run_rule(capsys, "WP025")
    assert hits, f"not refused: {snippet!r}"
    assert hits[0]["line"] in _lines(snippet), (hits, snippet)
    assert path.read_bytes() == before, "refuse, never strip"


@pytest.mark.parametrize("body", BENIGN, ids=[f"benign{i:02d}" for i in range(len(BENIGN))])
def test_ordinary_pages_pass(tmp_repo, capsys, body):
    write_page(tmp_repo, "content/about/page.md", HEADER + body + "\n")
    assert run_rule(capsys, "WP025") == []


def test_two_identical_iframes_are_reported_on_their_own_lines(tmp_repo, capsys):
    frame = '<iframe src="https://evil.example"></iframe>'
    write_page(tmp_repo, "content/about/page.md", HEADER + frame + "\n\nข้อความ\n\n" + frame + "\n")
    assert [f["line"] for f in run_rule(capsys, "WP025")] == [FIRST_LINE, FIRST_LINE + 4]


def test_table_test_is_large_enough():
    assert len(HOSTILE) >= 40 and len(BENIGN) >= 15  # classes and ids: WP041, WP040


def test_shipped_allowlist_equals_the_built_in_default():
    from webpub.rendering.allowlist import DEFAULT, FILE

    shipped = yaml.safe_load((PROJECT / "schema" / FILE).read_text(encoding="utf-8"))
    assert shipped == DEFAULT


def test_repository_without_allowlist_file_uses_the_default(tmp_repo, capsys):
    (tmp_repo / "schema" / "html-allowlist.yml").unlink()
    write_page(tmp_repo, "content/about/page.md", HEADER + "<script>alert(1)</script>\n")
    assert run_rule(capsys, "WP025")


def test_allowlist_is_data_a_maintainer_can_widen(tmp_repo, capsys):
    path = tmp_repo / "schema" / "html-allowlist.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["tags"].append("iframe")
    data["attributes"]["iframe"] = ["src"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    write_page(tmp_repo, "content/about/page.md", HEADER + '<iframe src="https://www.youtube.com/embed/x"></iframe>\n')
    assert run_rule(capsys, "WP025") == []


@pytest.mark.parametrize("broken", ["tags: [p\nvalues: {id: '('}\n", "values: {id: '('}\ntags: [p]\n", "- just a list\n"])
def test_malformed_allowlist_is_reported_clearly(tmp_repo, capsys, broken):
    (tmp_repo / "schema" / "html-allowlist.yml").write_text(broken, encoding="utf-8")
    write_page(tmp_repo, "content/about/page.md", HEADER)
    code, out, err = run_cli(capsys, "check", "--no-cache", "--format", "json")
    assert "Traceback" not in out + err
    assert code in (1, 2) and "html-allowlist.yml" in out + err


def test_less_than_glued_to_a_word_becomes_a_tag_and_is_refused(tmp_repo, capsys):
    # Markdown passes "a<b x >" through as a <b> tag with odd attributes: the page would
    # show bold text instead of the comparison, so the officer is told to add a space.
    write_page(tmp_repo, "content/about/page.md", HEADER + "ถ้า a<b หรือ 3 > 2\n")
    hits = run_rule(capsys, "WP025")
    assert hits and all(h["line"] == FIRST_LINE and "<b>" in h["message"] for h in hits)
