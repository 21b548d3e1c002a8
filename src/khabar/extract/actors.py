"""Who a stretch of text talks about: the entity behind a subject, a pronoun or a role noun.

Quotes and events both need the actor of a clause. It is the first person, organization or
place mentioned in the clause; a pronoun (``او``, ``وی``) stands for the last person named
before it; a role noun (``وزیر خارجه``) for the person the text gave that role.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from khabar.extract.document import Document
from khabar.extract.entities import Entity, Mention
from khabar.extract.roles import Role, role_at, role_firsts

_VERB_ENDINGS = re.compile(r"(?:ند|ید|یم|د)$")
# Prepositions whose object is not the subject of the clause (با X دیدار کرد, در X).
OBJECT_MARKERS = frozenset({"با", "علیه", "از", "بر", "ضد", "برای", "درباره", "در"})
MAX_BYLINE = 12  # tokens
PRONOUNS = frozenset({"او", "وی", "ایشان"})
# Nouns that after این stand for the person just named (این مقام، این دیپلمات، این وزیر).
ANAPHORIC_HEADS = frozenset({"مقام", "مسئول", "دیپلمات", "وزیر", "سخنگو", "نماینده", "مدیر"})
ACTOR_TYPES = frozenset({"PER", "ORG", "LOC"})


class Actors:
    """Mentions indexed by token position, with the roles of the people."""

    def __init__(
        self,
        doc: Document,
        mentions: list[Mention],
        entities: list[Entity],
        roles: dict[int, Role],
    ) -> None:
        self.doc = doc
        self.keys = doc.keys
        self.mentions = sorted(mentions, key=lambda m: m.first)
        self.firsts = [m.first for m in self.mentions]
        self.entities = entities
        self.roles = roles
        self.bylines = self._find_bylines()
        # Per mention: may it be an actor (a person, organization or place outside a byline)?
        self._actor = [m.type in ACTOR_TYPES and not self._byline(m.first) for m in self.mentions]
        self.by_title: dict[str, int] = {}
        for index, role in roles.items():
            self.by_title.setdefault(role.title, index)
        # Keys that may begin a role noun naming a known person: none when no one has a role.
        self._role_firsts = role_firsts() if self.by_title else frozenset()

    def in_range(self, first: int, last: int) -> list[Mention]:
        """Actor mentions wholly inside tokens ``[first, last)``, bylines left out."""
        mentions = self.mentions
        actor = self._actor
        out = []
        for k in range(bisect_left(self.firsts, first), len(mentions)):
            m = mentions[k]
            if m.first >= last:
                break
            if m.last <= last and actor[k]:
                out.append(m)
        return out

    def _byline(self, first: int) -> bool:
        """``به گزارش X`` / ``به نقل از X``: X reports the news, it does not act in it; nor
        does anything else in a byline that opens a sentence (``به گزارش خبرنگار ایرنا در
        وین،``)."""
        before = self.keys[max(first - 2, 0) : first]
        if before[-1:] == ["گزارش"] or before == ["نقل", "از"]:
            return True
        return any(start <= first < end for start, end in self.bylines)

    def _find_bylines(self) -> list[tuple[int, int]]:
        """Token ranges of sentence-opening bylines, up to their first comma."""
        out = []
        keys = self.keys
        for first, last in self.doc.sentence_tokens:
            if keys[first : first + 2] != ["به", "گزارش"]:
                continue
            for k in range(first + 2, min(first + MAX_BYLINE, last)):
                if keys[k] == "،":
                    out.append((first, k))
                    break
        return out

    def last_person_before(self, pos: int) -> int:
        """The person a pronoun at token ``pos`` stands for (-1 when none).

        The first person of the nearest sentence (this one up to ``pos``, or an earlier one)
        that names one: the subject more often than a person named in passing.
        """
        sentence = -1
        found = -1
        for k in range(bisect_left(self.firsts, pos) - 1, -1, -1):
            m = self.mentions[k]
            here = self.doc.tokens[m.first].sentence
            if found >= 0 and here != sentence:
                break
            if m.type == "PER":
                found, sentence = m.entity, here
        return found

    def _addressee(self, first: int) -> bool:
        """Is the name at ``first`` the object of ``به`` (``به روزنامه روسی «X»``)?

        Looks back over at most three words: a head, an adjective, quotation marks.
        """
        for k in range(first - 1, max(first - 5, -1), -1):
            if self.keys[k] == "به":
                return True
            if self.keys[k] in PRONOUNS or _VERB_ENDINGS.search(self.keys[k]):
                return False
        return False

    def subject(
        self, first: int, last: int, skip_addressee: bool = False, exclude: tuple[Mention, ...] = ()
    ) -> int:
        """The entity a clause ``[first, last)`` is about, or -1.

        Takes the earliest of: an actor mention, a pronoun, a role noun naming a known person.
        With ``skip_addressee``, a name after ``به`` (told *to* X) is not the subject; mentions
        in ``exclude`` (the event's place) are not either.
        """
        keys = self.keys
        candidates = [
            m
            for m in self.in_range(first, last)
            if m not in exclude and (m.first == 0 or keys[m.first - 1] not in OBJECT_MARKERS)
        ]
        if skip_addressee:
            candidates = [m for m in candidates if not self._addressee(m.first)]
        mention_at = candidates[0].first if candidates else last
        for k in range(first, mention_at):
            if keys[k] in PRONOUNS or (
                keys[k] == "این" and k + 1 < last and keys[k + 1] in ANAPHORIC_HEADS
            ):
                return self.last_person_before(k)
            if keys[k] not in self._role_firsts:
                continue  # no role noun starts here, or none would name anyone
            found = role_at(self.doc, keys, k)
            if found is not None and found[1] in self.by_title:
                return self.by_title[found[1]]
        return candidates[0].entity if candidates else -1
