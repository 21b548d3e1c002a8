"""People's roles: the office a text gives a person, with its modifiers and whose office it is.

A role is a role noun from ``data/analysis/roles.tsv`` (longest match: ``وزیر امور خارجه``
before ``وزیر``), its complement up to the next comma or verb (``… دفاع سابق روسیه``), the
modifiers found there (``سابق`` → former) and the first organization or place of the
complement, which says whose office it is. It stands right after the name, as an appositive
(``سرگئی شویگو، وزیر دفاع سابق روسیه،``), or right before it (``رئیس‌جمهوری ایران مسعود
پزشکیان``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from khabar.extract.document import NAME_KINDS, Document
from khabar.extract.entities import Entity, Mention
from khabar.extract.gazetteer import Entry, PhraseIndex, keys_of, read_rows
from khabar.extract.names import names

MAX_COMPLEMENT = 8
# Punctuation a role may sit between (appositive commas, brackets).
_SEPARATORS = frozenset("،,()")


@dataclass(slots=True)
class Role:
    title: str  # the role noun as written in the lexicon (وزیر دفاع)
    first: int  # token range of the whole role phrase
    last: int
    modifiers: list[str] = field(default_factory=list)  # meanings: former, elect, ...
    of: int = -1  # entity whose office it is (an ORG or a LOC), -1 when none
    country: str | None = None


@dataclass(frozen=True, slots=True)
class RoleLexicon:
    roles: PhraseIndex
    modifiers: dict[str, str]


@cache
def role_lexicon() -> RoleLexicon:
    roles = PhraseIndex()
    for role, kind, complement in read_rows("analysis/roles.tsv", 3):
        for keys in keys_of(role):
            roles.add(keys, Entry("ROLE", role, kind, complement or None))
    modifiers = {}
    for modifier, meaning in read_rows("analysis/role_modifiers.tsv", 2):
        for keys in keys_of(modifier):
            if len(keys) == 1:
                modifiers[keys[0]] = meaning
    return RoleLexicon(roles, modifiers)


@cache
def role_firsts() -> frozenset[str]:
    """Keys that begin some role noun (the only places :func:`role_at` finds one)."""
    return role_lexicon().roles.firsts()


def role_at(doc: Document, keys: list[str], j: int) -> tuple[int, str] | None:
    """Length and lexicon form of the role noun starting at token ``j``, if one does."""
    for n, entries in role_lexicon().roles.matches(keys, j):
        return n, entries[0].canonical
    return None


def find_roles(doc: Document, mentions: list[Mention], entities: list[Entity]) -> dict[int, Role]:
    """The first role the text gives each person entity (entity index -> role)."""
    keys = doc.keys
    at: dict[int, Mention] = {m.first: m for m in mentions}
    roles: dict[int, Role] = {}
    for m in mentions:
        if m.type != "PER" or m.entity in roles:
            continue
        role = _after(doc, keys, m, at) or _before(doc, keys, m, at)
        if role is not None:
            role.country = entities[role.of].country if role.of >= 0 else None
            roles[m.entity] = role
    return roles


def _after(doc: Document, keys: list[str], m: Mention, at: dict[int, Mention]) -> Role | None:
    j = m.last
    if j < len(keys) and doc.tokens[j].text in _SEPARATORS:
        j += 1
    if j >= len(keys) or doc.tokens[j].sentence != doc.tokens[m.first].sentence:
        return None
    found = role_at(doc, keys, j)
    if found is None:
        return None
    n, title = found
    return _complement(doc, keys, Role(title, j, j + n), at)


def _before(doc: Document, keys: list[str], m: Mention, at: dict[int, Mention]) -> Role | None:
    sentence = doc.tokens[m.first].sentence
    end = m.first
    if end > 0 and doc.tokens[end - 1].text in _SEPARATORS:
        end -= 1
    for j in range(end - 1, max(end - MAX_COMPLEMENT - 2, -1), -1):
        if doc.tokens[j].sentence != sentence or doc.tokens[j].text in _SEPARATORS:
            return None
        found = role_at(doc, keys, j)
        if found is None:
            continue
        n, title = found
        role = _complement(doc, keys, Role(title, j, j + n), at, limit=end)
        if role.last == end:
            return role
    return None


def _complement(
    doc: Document, keys: list[str], role: Role, at: dict[int, Mention], limit: int | None = None
) -> Role:
    """Extend ``role`` over its complement: entities, modifiers and content words."""
    lex = names()
    modifiers = role_lexicon().modifiers
    stop = limit if limit is not None else len(keys)
    k = role.last
    sentence = doc.tokens[role.first].sentence
    while k < stop and k - role.last < MAX_COMPLEMENT and doc.tokens[k].sentence == sentence:
        tok = doc.tokens[k]
        mention = at.get(k)
        if mention is not None:
            if mention.type == "PER":
                break
            if role.of < 0 and mention.type in ("ORG", "LOC"):
                role.of = mention.entity
            k = mention.last
            continue
        if tok.kind not in NAME_KINDS:
            break
        if keys[k] in modifiers:
            role.modifiers.append(modifiers[keys[k]])
        elif keys[k] in lex.stopwords:
            break
        k += 1
    role.last = k
    return role
