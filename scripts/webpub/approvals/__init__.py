"""Approvals: content digests, signed approval records, the PR gate and sealing.

Everything here is plain Python over the repository's files and git; the forge
(GitHub) only appears as recorded review payloads passed in by the workflows.
"""

NAMESPACE = "webpub-approval"
ROLES = ("director", "web_head", "webmaster")
ROLE_TH = {
    "director": "ผู้อำนวยการกองเจ้าของข้อมูล (director)",
    "web_head": "หัวหน้าหน่วยงานที่รับผิดชอบเว็บไซต์ (web_head)",
    "webmaster": "ผู้ดูแลเว็บไซต์ (webmaster)",
    "maintainer": "ผู้ดูแลระบบ (maintainer)",
}
