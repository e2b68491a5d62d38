"""People, divisions and roles from ``schema/organization.yml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property


@dataclass
class Org:
    data: dict

    @cached_property
    def people(self) -> dict[str, dict]:
        return {p["id"]: p for p in self.data.get("people") or []}

    @cached_property
    def divisions(self) -> dict[str, dict]:
        return {d["id"]: d for d in self.data.get("divisions") or []}

    @property
    def bot_id(self) -> str:
        return (self.data.get("bot") or {}).get("id") or "webpub-bot"

    def role_members(self, role: str) -> list[str]:
        return list((self.data.get("roles") or {}).get(role) or [])

    def directors(self, division: str) -> list[str]:
        return list((self.divisions.get(division) or {}).get("directors") or [])

    def holds(self, person: str, role: str, division: str | None) -> bool:
        if role == "director":
            return person in self.directors(division or "")
        return person in self.role_members(role)

    def name(self, person: str) -> str:
        entry = self.people.get(person)
        return f"{entry['name_th']} ({person})" if entry else person

    def mention(self, person: str) -> str:
        """Name plus ``@login`` so a PR comment notifies the person."""
        login = (self.people.get(person) or {}).get("forge_login")
        return f"{self.name(person)} @{login}" if login else self.name(person)

    def division_name(self, division: str) -> str:
        entry = self.divisions.get(division)
        return entry.get("name_th", division) if entry else division

    def person_for_user(self, user: dict) -> str | None:
        """The person behind a forge account: numeric id first (logins can be renamed)."""
        user_id, login = user.get("id"), str(user.get("login") or "").lower()
        for person in self.data.get("people") or []:
            if user_id is not None and person.get("forge_id") == user_id:
                return person["id"]
        for person in self.data.get("people") or []:
            if login and str(person.get("forge_login") or "").lower() == login and "forge_id" not in person:
                return person["id"]
        return None

    def role_holders(self, role: str, division: str | None) -> list[str]:
        return self.directors(division or "") if role == "director" else self.role_members(role)

    def chain_for(self, meta: dict) -> dict[str, str] | None:
        """One possible approver per role for a page (``role -> person``), nobody twice and
        never the officer who prepared it; None if the organisation cannot fill every role.
        For tools that sign sample or benchmark content, never a real approval."""
        owner = meta.get("owner") if isinstance(meta.get("owner"), dict) else {}
        used = {owner.get("officer")}
        chosen = {}
        for role in ("director", "web_head", "webmaster"):
            person = next((p for p in self.role_holders(role, owner.get("division")) if p not in used), None)
            if person is None:
                return None
            chosen[role] = person
            used.add(person)
        return chosen
