"""Monitoring: publication periods, take-downs, recurring obligations, the
completeness report, the ITA profile and reminders (guideline: การตรวจสอบและกำกับติดตาม).

Everything here reads the same content the publish build reads and asks
``webpub.publish`` whether an item has expired, so the report, ``expire`` and the
build can never disagree. Every date is a Bangkok date (``webpub.dates``).
"""
