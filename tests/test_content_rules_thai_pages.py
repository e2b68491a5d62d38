"""Clean Thai pages pass every core content rule (WP005-WP015, WP027-WP029)."""

from __future__ import annotations

from conftest import write
from content_helpers import check

MINE = {"WP005", "WP006", "WP007", "WP008", "WP009", "WP010", "WP011", "WP012", "WP013",
        "WP014", "WP015", "WP027", "WP028", "WP029"}

LONG_THAI = ("สำนักงานคณะกรรมการพัฒนาระบบราชการดำเนินการตามแผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. ๒๕๖๙ "
             "โดยมุ่งเน้นการนำเทคโนโลยีดิจิทัลมาใช้ในการให้บริการประชาชนอย่างทั่วถึง ทำให้ประชาชนได้รับความสะดวก "
             "รวดเร็ว และโปร่งใส ตรวจสอบได้ เลขที่อ้างอิงโครงการ 2569000012345 และรหัสงบประมาณ 1600100000001 ") * 40

PAGES = {
    "content/about/vision-mission.md": """---
title: "วิสัยทัศน์ พันธกิจ: สำนักงาน ก.พ.ร."
category: "1.1"
topic: vision-mission
owner:
  division: strategy
  officer: somchai.j
published: 2026-10-01
updated: 2026-11-20
review_by: 2027-10-01
tags:
  - วิสัยทัศน์
  - ยุทธศาสตร์ชาติ
---

##  วิสัยทัศน์

{text}

## พันธกิจ

๑. ทำให้ระบบราชการมีประสิทธิภาพ ๒. ยกระดับคุณภาพการให้บริการ ๓. นำข้อมูลมาใช้ประโยชน์
""",
    "content/about/contact.md": """---
title: ติดต่อหน่วยงาน
category: 1.1
topic: contact
owner:
  division: secretariat
  officer: jintana.k
published: 2026-01-05
review_by: 2026-12-31
contact:
  address: ถนนพิษณุโลก เขตดุสิต กรุงเทพมหานคร 10300
  phone: "0 2356 9999"
  fax: "0 2281 8177"
  email: saraban@opdc.go.th
  hours: วันจันทร์ถึงวันศุกร์ เวลา ๘.๓๐ ถึง ๑๖.๓๐ น.
  latitude: 13.7634
  longitude: 100.5124
---

## ที่อยู่

{text}

## การเดินทาง

รถประจำทางสาย ๑๖ และ ๗๐ ลงป้ายทำเนียบรัฐบาล
""",
    "content/laws/royal-decree-2546.md": """---
title: พระราชกฤษฎีกาว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. ๒๕๔๖
category: "1.2"
topic: royal-decree
owner:
  division: legal
  officer: preecha.l
published: 2026-03-01
source:
  - ราชกิจจานุเบกษา เล่ม ๑๒๐ ตอนที่ ๑๐๐ ก
  - https://www.ratchakitcha.soc.go.th/
---

{text}
""",
    "content/news/2026-11-20-training.md": """---
title: อบรมเชิงปฏิบัติการการจัดทำข้อมูลเปิดภาครัฐ
category: "3.1"
topic: training
owner:
  division: digital
  officer: wanpen.s
published: 2026-11-20
event_date: 2027-01-15
fiscal_year: 2570
remarks: no
---

{text}
""",
    "content/opendata/egov-stat.md": """---
title: สถิติการใช้บริการอิเล็กทรอนิกส์
category: "2.2"
owner:
  division: digital
  officer: wanpen.s
published: 2026-06-01
updated: 2026-11-01
attachments:
  - file: egov-stat.csv
    title: สถิติรายเดือน
dataset:
  data_type: ข้อมูลสถิติ
  maintainer: นางสาววันเพ็ญ แสงทอง
  maintainer_email: wanpen.s@opdc.go.th
  tag_string: [บริการอิเล็กทรอนิกส์, สถิติ]
  notes: จำนวนการใช้บริการผ่านช่องทางอิเล็กทรอนิกส์รายเดือน
  objective: [พันธกิจหน่วยงาน]
  update_frequency_unit: เดือน
  update_frequency_interval: 1
  geo_coverage: ประเทศ
  data_source: สำนักงาน ก.พ.ร.
  data_format: [CSV]
  data_category: ข้อมูลสาธารณะ
  license_id: Open Data Commons Attribution License
  created_date: 2026-01-01
  last_updated_date: 2026-11-01
  first_year_of_data: "2566"
  allow_harvest: true
---

## รายละเอียดชุดข้อมูล

{text}
""",
}


def test_clean_thai_pages_pass_the_core_rules(tmp_repo, capsys):
    for rel, text in PAGES.items():
        write(tmp_repo, rel, text.replace("{text}", LONG_THAI))
    write(tmp_repo, "content/opendata/egov-stat.csv", "เดือน,จำนวน\n2026-01,120\n")
    _, report = check(capsys, tmp_repo)
    assert report["files_checked"] == len(PAGES) + 1
    assert [f for f in report["findings"] if f["rule"] in MINE] == []
