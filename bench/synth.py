"""Synthetic Persian news articles for benchmarks of khabar's corpus engine.

The articles are made from the hand-written templates in ``bench/templates/`` (``NN_topic.txt``:
the first line a title, every further non-empty line a paragraph) whose slots in braces are
filled from ``bench/templates/slots.tsv`` (``slot<TAB>value``) and from values made here:
``{NUMBER}`` and ``{PERCENT}`` (Persian digits; each occurrence its own value, the k-th in the
title equal to the k-th in the body), ``{DATE}`` (a Jalali date such as ``۱۵ خرداد ۱۴۰۴``) and
``{WEEKDAY}`` (that date's weekday). ``{PERSON2}`` draws from the ``PERSON`` rows unless the
table has rows of its own, never the same person as ``{PERSON}``.

The stream mixes three kinds of article, all chosen by one seeded ``random.Random``, so the same
arguments always give the same output:

* stories: one template filled once (same people, places, date and figures) and told by up to
  ``story_size`` different sources, each with its own light variation: sentences dropped or
  swapped, paragraphs swapped, a few words replaced from a small list of synonyms, a different
  title wording;
* near-duplicates (``duplicate_rate`` of all articles): a copy of an earlier article under
  another source with a tiny edit (a comma, a stray space, a word dropped or swapped);
* independent articles: a template filled once and told by one source.

Then, as scraped text arrives, half the articles lose every ZWNJ and a tenth are written with
Arabic ``ي ك``. Publication dates run over 90 days from 2025-03-01; stories of a day interleave.

Run ``python bench/synth.py --n 10000 --seed 0 > out.jsonl`` for JSON Lines.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
START = date(2025, 3, 1)
SPAN_DAYS = 90
ZWNJ = "\u200c"
TO_ARABIC_LETTERS = str.maketrans("یک", "يك")
TO_PERSIAN_DIGITS = str.maketrans("0123456789.", "۰۱۲۳۴۵۶۷۸۹٫")

GLUED_SHARE = 0.5  # articles whose ZWNJs are deleted
ARABIC_SHARE = 0.1  # articles written with Arabic yeh and kaf
SYNONYM_SHARE = 0.3  # chance that each synonym pair is applied to an article
WINDOW = 2000  # a near-duplicate copies one of this many latest articles
CHUNK = 256  # articles made together, then ordered by date

SLOTS = ("PERSON", "PERSON2", "ROLE", "ORG", "CITY", "COUNTRY", "AGENCY")
GENERATED = ("NUMBER", "PERCENT", "DATE", "WEEKDAY")
COUNTED = ("NUMBER", "PERCENT")  # slots whose every occurrence gets its own value

JALALI_MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip
# In the order of date.weekday(): Monday first.
WEEKDAYS = ("دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه")

# The outlets that publish the articles: name and URL pattern.
SOURCES: tuple[tuple[str, str], ...] = (
    ("ایرنا", "https://www.irna.ir/news/{n}/"),
    ("ایسنا", "https://www.isna.ir/news/{n}/"),
    ("تسنیم", "https://www.tasnimnews.com/fa/news/{y}/{m:02d}/{d:02d}/{n}/"),
    ("مهر", "https://www.mehrnews.com/news/{n}/"),
    ("فارس", "https://www.farsnews.ir/news/{n}"),
    ("ایلنا", "https://www.ilna.ir/fa/tiny/news-{n}"),
    ("خبرآنلاین", "https://www.khabaronline.ir/news/{n}/"),
    ("همشهری‌آنلاین", "https://www.hamshahrionline.ir/news/{n}/"),
    ("باشگاه خبرنگاران جوان", "https://www.yjc.ir/fa/news/{n}/"),
    ("تابناک", "https://www.tabnak.ir/fa/news/{n}/"),
    ("عصر ایران", "https://www.asriran.com/fa/news/{n}/"),
    ("انتخاب", "https://www.entekhab.ir/fa/news/{n}/"),
    ("دنیای اقتصاد", "https://donya-e-eqtesad.com/fa/tiny/news-{n}"),
    ("ایکنا", "https://iqna.ir/fa/news/{n}/"),
    ("میزان", "https://www.mizanonline.ir/fa/news/{n}/"),
    ("اکوایران", "https://ecoiran.com/fa/news/{n}"),
)

# One-way replacements from the templates' wording to another a journalist might use; every
# pair is safe wherever its left side occurs in the templates.
SYNONYMS: tuple[tuple[str, str], ...] = (
    ("اعلام کرد که", "اظهار کرد که"),
    ("افزود", "ادامه داد"),
    ("تصریح کرد:", "تأکید کرد:"),
    ("خاطرنشان کرد", "یادآور شد"),
    ("گفت:", "اظهار داشت:"),
    ("به گفته وی", "به گفته او"),
    ("بر اساس", "براساس"),
    ("در گفت‌وگو با", "در مصاحبه با"),
    ("خبرنگاران", "اصحاب رسانه"),
    ("نخستین", "اولین"),
    ("پیش‌تر", "پیش از این"),
    (" جدید ", " تازه "),
    ("مسئولان", "مسئولین"),
    ("دست‌کم", "حداقل"),
    ("بلافاصله", "بی‌درنگ"),
    ("افزایش یافت", "بالا رفت"),
    ("کاهش یافت", "پایین آمد"),
    ("مورد بررسی قرار گرفت", "بررسی شد"),
    ("آیین افتتاح", "مراسم افتتاح"),
    ("آیین گشایش", "مراسم گشایش"),
    ("به‌صورت", "به صورت"),
    ("به‌طور", "به طور"),
    ("تاکنون", "تا کنون"),
)
# A sentence or paragraph opening with one of these points back to the one before; it is
# never moved in front of it.
ANAPHORA = ("وی ", "او ", "به گفته وی", "این ", "در مقابل", "با این حال", "در همین حال")
TITLE_PREFIXES = ("", "", "", "", "فوری/ ", "ویدئو/ ", "عکس/ ", "گزارش/ ")
TITLE_SUFFIXES = ("", "", "", " + جزئیات", " + فیلم", " + عکس", "؛ جزئیات خبر")

SLOT_RE = re.compile(r"\{([A-Z0-9]+)\}")


@dataclass(frozen=True, slots=True)
class Template:
    """One article template, compiled for ``str.format_map``.

    Counted slots are renamed by occurrence (``{NUMBER}`` → ``{NUMBER_0}``, ``{NUMBER_1}``…),
    separately in the title and the body, so that each occurrence has its own value.
    """

    name: str
    title: str
    paragraphs: tuple[tuple[str, ...], ...]  # sentences of each paragraph
    counts: dict[str, int]  # counted slot -> occurrences needed


@dataclass(slots=True)
class _Record:
    """An article before output: clean text (no defects yet) and what the labels need."""

    title: str
    body: str
    day: int  # days after START
    order: float  # order among the articles of the same day
    source: int  # index into SOURCES
    story: str
    template: str
    original: _Record | None = None  # the copied article, for a near-duplicate
    id: str = field(default="")


def to_jalali(day: date) -> tuple[int, int, int]:
    """The Jalali (Solar Hijri) year, month and day of a Gregorian date."""
    gy, gm, gd = day.year, day.month, day.day
    before = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
    gy2 = gy + 1 if gm > 2 else gy
    days = (
        355666 + 365 * gy + (gy2 + 3) // 4 - (gy2 + 99) // 100 + (gy2 + 399) // 400
        + gd + before[gm - 1]
    )  # fmt: skip
    jy = -1595 + 33 * (days // 12053)
    days %= 12053
    jy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        jy += (days - 1) // 365
        days = (days - 1) % 365
    if days < 186:
        return jy, 1 + days // 31, 1 + days % 31
    return jy, 7 + (days - 186) // 30, 1 + (days - 186) % 30


def jalali_text(day: date) -> str:
    """A Jalali date as Persian news writes it: ``۱۵ خرداد ۱۴۰۴``."""
    jy, jm, jd = to_jalali(day)
    return f"{jd} {JALALI_MONTHS[jm - 1]} {jy}".translate(TO_PERSIAN_DIGITS)


def _number(rng: random.Random) -> str:
    """A count in Persian digits, mostly small: 2–99, sometimes hundreds or thousands."""
    r = rng.random()
    if r < 0.7:
        value = rng.randint(2, 99)
    elif r < 0.95:
        value = rng.randint(100, 999)
    else:
        value = rng.randint(1000, 9999)
    return str(value).translate(TO_PERSIAN_DIGITS)


def _percent(rng: random.Random) -> str:
    """A percentage figure (no sign or word) in Persian digits, sometimes with one decimal."""
    whole = rng.randint(1, 60)
    text = f"{whole}.{rng.randint(1, 9)}" if rng.random() < 0.4 else str(whole)
    return text.translate(TO_PERSIAN_DIGITS)


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph after ``. ! ؟`` (or such a mark and ``»``), never inside «quotes»."""
    sentences: list[str] = []
    start = depth = 0
    for i, char in enumerate(paragraph):
        if char == "«":
            depth += 1
        elif char == "»":
            depth -= 1
        elif char == " " and depth == 0 and i >= 2:
            prev = paragraph[i - 1]
            if prev in ".!؟" or (prev == "»" and paragraph[i - 2] in ".!؟"):
                sentences.append(paragraph[start:i])
                start = i + 1
    if paragraph[start:].strip():
        sentences.append(paragraph[start:])
    return sentences


def _compile(text: str, counter: dict[str, int], where: str) -> str:
    """Check the slots of ``text`` and number the counted ones, going on from ``counter``.

    ``counter`` holds, per counted slot, how many occurrences its part (the title, or the body
    so far) has had; it is updated.
    """

    def rename(match: re.Match[str]) -> str:
        slot = match.group(1)
        if slot not in SLOTS and slot not in GENERATED:
            raise ValueError(f"{where}: unknown slot {{{slot}}}")
        if slot not in COUNTED:
            return match.group(0)
        k = counter.get(slot, 0)
        counter[slot] = k + 1
        return f"{{{slot}_{k}}}"

    rest = SLOT_RE.sub("", text)
    if "{" in rest or "}" in rest:
        raise ValueError(f"{where}: a brace that is not a slot")
    return SLOT_RE.sub(rename, text)


def load_templates(directory: Path = TEMPLATE_DIR) -> list[Template]:
    """Read and compile every ``NN_topic.txt`` template of ``directory``, in name order."""
    templates: list[Template] = []
    for path in sorted(directory.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line]
        if len(lines) < 2:
            raise ValueError(f"{path}: needs a title line and at least one paragraph")
        title_counter: dict[str, int] = {}
        body_counter: dict[str, int] = {}
        title = _compile(lines[0], title_counter, path.name)
        paragraphs = tuple(
            tuple(_compile(s, body_counter, path.name) for s in split_sentences(line))
            for line in lines[1:]
        )
        counts = {
            slot: max(title_counter.get(slot, 0), body_counter.get(slot, 0)) for slot in COUNTED
        }
        templates.append(Template(path.stem, title, paragraphs, counts))
    if not templates:
        raise ValueError(f"no templates in {directory}")
    return templates


def load_slots(path: Path = TEMPLATE_DIR / "slots.tsv") -> dict[str, tuple[str, ...]]:
    """Slot values from ``slot<TAB>value`` rows (a ``slot value`` header and ``#`` lines skipped).

    ``PERSON2`` falls back on the ``PERSON`` rows. Every slot of :data:`SLOTS` must have values.
    """
    values: dict[str, list[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line == "slot\tvalue":
            continue
        slot, sep, value = line.partition("\t")
        if not sep or not value.strip():
            raise ValueError(f"{path}:{number}: expected slot<TAB>value")
        values.setdefault(slot.strip(), []).append(value.strip())
    values.setdefault("PERSON2", values.get("PERSON", []))
    missing = [slot for slot in SLOTS if len(values.get(slot, ())) < 2]
    if missing:
        raise ValueError(f"{path}: too few values for {', '.join(missing)}")
    return {slot: tuple(dict.fromkeys(vals)) for slot, vals in values.items()}


def _fill(
    template: Template, slots: dict[str, tuple[str, ...]], rng: random.Random, event: date
) -> tuple[str, list[list[str]]]:
    """Fill a template once: its title and the sentences of each paragraph."""
    values = {slot: rng.choice(slots[slot]) for slot in SLOTS}
    while values["PERSON2"] == values["PERSON"]:
        values["PERSON2"] = rng.choice(slots["PERSON2"])
    values["DATE"] = jalali_text(event)
    values["WEEKDAY"] = WEEKDAYS[event.weekday()]
    for k in range(template.counts["NUMBER"]):
        values[f"NUMBER_{k}"] = _number(rng)
    for k in range(template.counts["PERCENT"]):
        values[f"PERCENT_{k}"] = _percent(rng)
    title = template.title.format_map(values)
    paragraphs = [[s.format_map(values) for s in p] for p in template.paragraphs]
    return title, paragraphs


def _synonyms(text: str, rng: random.Random) -> str:
    """Replace each pair of :data:`SYNONYMS` found in ``text`` with chance ``SYNONYM_SHARE``."""
    for old, new in SYNONYMS:
        if rng.random() < SYNONYM_SHARE and old in text:
            text = text.replace(old, new)
    return text


def _vary_body(paragraphs: Sequence[Sequence[str]], rng: random.Random) -> str:
    """One outlet's telling: a few sentences dropped or swapped, synonyms; the lead stays."""
    paras = [list(p) for p in paragraphs]
    others = [(i, j) for i, p in enumerate(paras) for j in range(len(p)) if (i, j) != (0, 0)]
    drops = min(rng.choice((0, 0, 1, 1, 2)), len(others))
    for i, j in sorted(rng.sample(others, drops), reverse=True):
        del paras[i][j]
    if rng.random() < 0.4:
        pairs = [
            (i, j)
            for i, p in enumerate(paras)
            for j in range(len(p) - 1)
            if (i, j) != (0, 0) and not p[j + 1].startswith(ANAPHORA)
        ]
        if pairs:
            i, j = rng.choice(pairs)
            paras[i][j], paras[i][j + 1] = paras[i][j + 1], paras[i][j]
    paras = [p for p in paras if p]
    if len(paras) > 2 and rng.random() < 0.25:
        i = rng.randrange(1, len(paras) - 1)
        if not paras[i][0].startswith(ANAPHORA) and not paras[i + 1][0].startswith(ANAPHORA):
            paras[i], paras[i + 1] = paras[i + 1], paras[i]
    return _synonyms("\n".join(" ".join(p) for p in paras), rng)


def _vary_title(title: str, rng: random.Random) -> str:
    """One outlet's headline: speaker or second clause dropped or quoted, a prefix or suffix."""
    speaker, colon, said = title.partition(": ")
    if colon and rng.random() < 0.4:
        title = rng.choice((said, f"{speaker}: «{said}»"))
    first, semicolon, _ = title.partition("؛ ")
    if semicolon and rng.random() < 0.3:
        title = first
    title = _synonyms(title, rng)
    return rng.choice(TITLE_PREFIXES) + title + rng.choice(TITLE_SUFFIXES)


def _retitle(title: str, rng: random.Random) -> str:
    """A copied headline, usually as it was, sometimes with a suffix added or dropped."""
    if rng.random() < 0.7:
        return title
    for suffix in TITLE_SUFFIXES:
        if suffix and title.endswith(suffix):
            return title[: -len(suffix)]
    return title + rng.choice([s for s in TITLE_SUFFIXES if s])


def _tiny_edit(text: str, rng: random.Random) -> str:
    """One small edit: a comma dropped, a stray space before a mark, a word dropped or swapped."""
    kind = rng.randrange(4)
    if kind == 3:
        found = [(old, new) for old, new in SYNONYMS if old in text]
        if found:
            old, new = rng.choice(found)
            return text.replace(old, new, 1)
        kind = 2
    if kind in (0, 1):
        marks = [i for i, char in enumerate(text) if char in ("،" if kind == 0 else "،.؛")]
        if marks:
            at = rng.choice(marks)
            return text[:at] + text[at + 1 :] if kind == 0 else text[:at] + " " + text[at:]
    words = text.split(" ")
    inner = [i for i in range(1, len(words)) if "\n" not in words[i]]
    if inner:
        del words[rng.choice(inner)]
    return " ".join(words)


def _story(
    template: Template,
    slots: dict[str, tuple[str, ...]],
    rng: random.Random,
    day: int,
    size: int,
    story: str,
) -> list[_Record]:
    """``size`` tellings of one filling of ``template`` by different sources.

    The event happens on ``day``; each outlet publishes that day or the next.
    """
    title, paragraphs = _fill(template, slots, rng, START + timedelta(days=day))
    if size <= len(SOURCES):
        sources = rng.sample(range(len(SOURCES)), size)
    else:
        sources = [rng.randrange(len(SOURCES)) for _ in range(size)]
    return [
        _Record(
            title=_vary_title(title, rng),
            body=_vary_body(paragraphs, rng),
            day=min(day + rng.choice((0, 0, 0, 1)), SPAN_DAYS - 1),
            order=rng.random(),
            source=source,
            story=story,
            template=template.name,
        )
        for source in sources
    ]


def _near_duplicate(original: _Record, rng: random.Random) -> _Record:
    """A copy of ``original`` under another source, published then or up to two days later."""
    source = rng.randrange(len(SOURCES) - 1)
    source += source >= original.source
    day = min(original.day + rng.choice((0, 0, 1, 2)), SPAN_DAYS - 1)
    if day == original.day:  # on the same day the copy must still come after the original
        order = original.order + (1 - original.order) * rng.random()
    else:
        order = rng.random()
    body = original.body
    for _ in range(rng.choice((1, 1, 2))):
        body = _tiny_edit(body, rng)
    return _Record(
        title=_retitle(original.title, rng),
        body=body,
        day=day,
        order=order,
        source=source,
        story=original.story,
        template=original.template,
        original=original,
    )


def _output(
    record: _Record, index: int, seed: int, rng: random.Random, labels: bool
) -> dict[str, str | None]:
    """The article as yielded, with the scraping defects drawn for it."""
    title, body = record.title, record.body
    if rng.random() < GLUED_SHARE:
        title, body = title.replace(ZWNJ, ""), body.replace(ZWNJ, "")
    if rng.random() < ARABIC_SHARE:
        title, body = title.translate(TO_ARABIC_LETTERS), body.translate(TO_ARABIC_LETTERS)
    published = START + timedelta(days=record.day)
    name, pattern = SOURCES[record.source]
    number = (seed % 1000) * 10**8 + 10**7 + index
    url = pattern.format(n=number, y=published.year, m=published.month, d=published.day)
    article: dict[str, str | None] = {
        "id": record.id,
        "title": title,
        "body": body,
        "source": name,
        "url": url,
        "published": published.isoformat(),
    }
    if labels:
        article["story"] = record.story
        article["template"] = record.template
        article["duplicate_of"] = record.original.id if record.original else None
    return article


def generate(
    n: int,
    seed: int = 0,
    duplicate_rate: float = 0.1,
    story_size: int = 5,
    *,
    story_share: float = 0.5,
    labels: bool = False,
    templates_dir: Path = TEMPLATE_DIR,
) -> Iterator[dict[str, str | None]]:
    """Yield ``n`` synthetic articles ``{"id", "title", "body", "source", "url", "published"}``.

    ``duplicate_rate`` of them are near-duplicates of an earlier article; of the others about
    ``story_share`` belong to stories of 2 to ``story_size`` articles from different sources,
    the rest are independent. ``labels=True`` adds the ground truth: ``story`` (one id per
    filling of a template), ``template`` and ``duplicate_of`` (the copied article's id or
    None). Articles come roughly in order of publication (ISO dates, 90 days from 2025-03-01):
    they are sorted by date in blocks of about ``CHUNK``, so a few are a day or two older than
    some before them. A near-duplicate always comes after the article it copies.
    """
    if n < 0:
        raise ValueError("n must be at least 0")
    if not 0 <= duplicate_rate < 1:
        raise ValueError("duplicate_rate must be in [0, 1)")
    if story_size < 1:
        raise ValueError("story_size must be at least 1")
    if not 0 <= story_share <= 1:
        raise ValueError("story_share must be in [0, 1]")
    templates = load_templates(templates_dir)
    slots = load_slots(templates_dir / "slots.tsv")
    rng = random.Random(seed)
    # Chance that a new story is a single article, so that story_share of the non-duplicates
    # belong to stories of mean size (2 + story_size) / 2.
    mean = (2 + story_size) / 2
    if story_size < 2 or story_share == 0:
        single = 1.0
    else:
        single = mean * (1 - story_share) / (story_share + mean * (1 - story_share))
    window: deque[_Record] = deque(maxlen=WINDOW)
    chunk: list[_Record] = []
    made = duplicates = stories = index = 0
    while made < n:
        if window and rng.random() < duplicate_rate * (made + 1) - duplicates:
            records = [_near_duplicate(rng.choice(window), rng)]
            duplicates += 1
        else:
            size = 1 if rng.random() < single else rng.randint(2, story_size)
            day = made * SPAN_DAYS // n
            story = f"s{stories:06d}"
            records = _story(rng.choice(templates), slots, rng, day, min(size, n - made), story)
            stories += 1
        made += len(records)
        window.extend(records)
        chunk.extend(records)
        if len(chunk) >= CHUNK or made >= n:
            chunk.sort(key=lambda r: (r.day, r.order))
            for record in chunk:
                record.id = f"synth-{seed}-{index:07d}"
                yield _output(record, index, seed, rng, labels)
                index += 1
            chunk.clear()


def write_jsonl(articles: Iterator[dict[str, str | None]], out: TextIO) -> int:
    """Write articles as JSON Lines (UTF-8 text, not escaped); return how many."""
    count = 0
    for article in articles:
        out.write(json.dumps(article, ensure_ascii=False) + "\n")
        count += 1
    return count


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write ``--n`` articles as JSON Lines to stdout or ``--output``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of articles (1000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (0)")
    parser.add_argument("--duplicate-rate", type=float, default=0.1, help="share of copies (0.1)")
    parser.add_argument("--story-size", type=int, default=5, help="most articles a story has (5)")
    parser.add_argument(
        "--story-share", type=float, default=0.5, help="share of non-copies in stories (0.5)"
    )
    parser.add_argument(
        "--labels", action="store_true", help="add story, template and duplicate_of fields"
    )
    parser.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    articles = generate(
        args.n,
        seed=args.seed,
        duplicate_rate=args.duplicate_rate,
        story_size=args.story_size,
        story_share=args.story_share,
        labels=args.labels,
    )
    if args.output:
        with args.output.open("w", encoding="utf-8") as out:
            write_jsonl(articles, out)
        return 0
    out = open(sys.stdout.fileno(), "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    try:
        write_jsonl(articles, out)
        out.flush()
    except BrokenPipeError:  # e.g. piped into head
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
