"""The ``khabar`` command line.

Each command is a thin layer over the Python API. Errors that khabar raises on purpose become
one line on stderr and the error's exit code; nothing else is caught here.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TransferSpeedColumn
from rich.table import Table

from khabar._version import __version__
from khabar.errors import InputError, KhabarError, OptionError
from khabar.text.options import DIGIT_SCRIPTS, NormalizeOptions

app = typer.Typer(
    name="khabar",
    help="khabar: repair Persian news text and turn it into structured facts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stderr = Console(stderr=True)

InputArg = Annotated[
    str, typer.Argument(help="A text file, or - for standard input.", show_default=True)
]
EncodingOpt = Annotated[
    str | None,
    typer.Option("--encoding", help="Force the input codec (utf-8, cp1256, utf-16 …)."),
]


def _version(value: bool) -> None:
    if value:
        from khabar.text import native

        # Whether the compiled scanning loops are in use: without them khabar is slower.
        loops = "compiled" if native.scan is not None else "pure Python"
        typer.echo(f"khabar {__version__} (text passes: {loops})")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """khabar: repair Persian news text and turn it into structured facts."""


@contextmanager
def _progress(source: str) -> Iterator[tuple[Progress | None, TaskID | None]]:
    """A byte progress bar on stderr, shown only when stderr is a terminal and size is known."""
    size = os.path.getsize(source) if source != "-" and os.path.isfile(source) else None
    if size is None or not sys.stderr.isatty():
        yield None, None
        return
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TransferSpeedColumn(),
        console=stderr,
        transient=True,
    ) as progress:
        yield progress, progress.add_task(Path(source).name, total=size)


@app.command()
def normalize(
    source: InputArg = "-",
    digits: Annotated[
        str,
        typer.Option(help=f"Digit script for numbers in Persian text: {', '.join(DIGIT_SCRIPTS)}."),
    ] = "persian",
    keep_diacritics: Annotated[
        bool, typer.Option("--keep-diacritics", help="Keep short-vowel marks.")
    ] = False,
    punctuation: Annotated[
        bool,
        typer.Option(
            "--punctuation/--no-punctuation", help="Persian punctuation marks and spacing."
        ),
    ] = True,
    zwnj: Annotated[
        bool,
        typer.Option("--zwnj/--no-zwnj", help="Restore half-spaces in glued and spaced words."),
    ] = True,
    join_compounds: Annotated[
        bool,
        typer.Option(
            "--join-compounds",
            help="Also join spaced compounds of two free words (پیش بینی → پیش‌بینی).",
        ),
    ] = False,
    encoding: EncodingOpt = None,
) -> None:
    """Repair Persian text: half-spaces, letters, digits, punctuation, spacing, invisibles.

    Large files are streamed paragraph by paragraph in constant memory.
    """
    from khabar.ingest.decode import iter_paragraphs
    from khabar.text.normalize import normalize as run

    options = NormalizeOptions(
        digits=digits,  # type: ignore[arg-type]  # validated by NormalizeOptions
        keep_diacritics=keep_diacritics,
        punctuation=punctuation,
        zwnj=zwnj,
        join_compounds=join_compounds,
    )
    out = sys.stdout
    with _progress(source) as (bar, task):
        first = True
        for paragraph in iter_paragraphs(source, encoding=encoding):
            text = run(paragraph, options).text.strip("\n")
            if bar is not None and task is not None:
                bar.advance(task, len(paragraph.encode("utf-8")) + 2)
            if not text:
                continue
            out.write(text if first else "\n\n" + text)
            first = False
        if not first:
            out.write("\n")
    out.flush()


@app.command()
def tokenize(
    source: InputArg = "-",
    as_json: Annotated[
        bool, typer.Option("--json", help="Print sentences and tokens with their spans as JSON.")
    ] = False,
    encoding: EncodingOpt = None,
) -> None:
    """Normalize, then split into sentences (one per line) and words.

    Spans in --json output are character offsets into the raw input.
    """
    from khabar.ingest.decode import read_text
    from khabar.text.normalize import normalize as run
    from khabar.text.tokenize import split_sentences
    from khabar.text.tokenize import tokenize as words

    raw = read_text(source, encoding=encoding)
    norm = run(raw)
    sentences = split_sentences(norm.text)
    if not as_json:
        for sentence in sentences:
            sys.stdout.write(sentence.text + "\n")
        return
    doc = []
    for sentence in sentences:
        start, end = norm.to_raw(sentence.start, sentence.end)
        tokens = []
        for token in words(sentence.text):
            t_start, t_end = norm.to_raw(sentence.start + token.start, sentence.start + token.end)
            tokens.append({"text": token.text, "kind": token.kind, "start": t_start, "end": t_end})
        doc.append({"text": sentence.text, "start": start, "end": end, "tokens": tokens})
    json.dump({"sentences": doc}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


@app.command()
def dates(
    source: InputArg = "-",
    published: Annotated[
        str | None,
        typer.Option(help="Publication date: YYYY-MM-DD, or Jalali such as 1403-10-24."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl",
            help='Batch: each input line is {"id", "text", "published"?}; each output line '
            '{"id", "dates"}.',
        ),
    ] = False,
    encoding: EncodingOpt = None,
) -> None:
    """Find dates, times and periods on three calendars and resolve them to ISO 8601.

    Spans are character offsets into the input text.
    """
    from khabar.extract.dates import extract_dates, parse_published
    from khabar.ingest.decode import read_text

    if jsonl:
        _batch(
            read_text(source, encoding=encoding),
            lambda t, day: {"dates": [m.to_dict() for m in extract_dates(t, day)]},
            parse_published,
        )
        return
    day = parse_published(published) if published else None
    found = extract_dates(read_text(source, encoding=encoding), day)
    if as_json:
        json.dump([m.to_dict() for m in found], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    table = Table("text", "category", "value", "jalali", "resolution", box=None)
    for m in found:
        table.add_row(escape(m.text), m.category, m.value or "—", m.jalali or "—", m.resolution)
    Console().print(table)


@app.command()
def numbers(
    source: InputArg = "-",
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl",
            help='Batch: each input line is {"id", "text"}; each output line {"id", "numbers"}.',
        ),
    ] = False,
    encoding: EncodingOpt = None,
) -> None:
    """Find numbers in digits or words, percentages, money and ordinals, with their values.

    Spans are character offsets into the input text.
    """
    from khabar.extract.dates import parse_published
    from khabar.extract.numbers import find_numbers
    from khabar.ingest.decode import read_text

    text = read_text(source, encoding=encoding)
    if jsonl:
        _batch(
            text, lambda t, _day: {"numbers": [asdict(m) for m in find_numbers(t)]}, parse_published
        )
        return
    found = find_numbers(text)
    if as_json:
        json.dump([asdict(m) for m in found], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    table = Table("text", "kind", "value", "unit", "start", "end", box=None)
    for m in found:
        table.add_row(
            escape(m.text), m.kind, f"{m.value:,}", m.unit or "—", str(m.start), str(m.end)
        )
    Console().print(table)


@app.command()
def analyze(
    source: InputArg = "-",
    published: Annotated[
        str | None,
        typer.Option(help="Publication date: YYYY-MM-DD, or Jalali such as 1403-10-24."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the analysis as JSON (schema_version 1.0).")
    ] = False,
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl",
            help='Batch: each input line is {"id", "text", "published"?}; each output line '
            "is the id and the analysis as JSON.",
        ),
    ] = False,
    encoding: EncodingOpt = None,
) -> None:
    """Analyze an article: entities with roles, dates, quotes, events, keywords, summary.

    Spans are character offsets into the input text. The JSON schema is
    docs/analysis.schema.json.
    """
    from khabar.extract.dates import parse_published
    from khabar.ingest.decode import read_text
    from khabar.pipeline import analyze as run

    text = read_text(source, encoding=encoding)
    if jsonl:
        _batch(text, lambda t, day: run(t, day).to_dict(), parse_published)
        return
    result = run(text, parse_published(published) if published else None)
    if as_json:
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    from khabar.render import render_analysis

    render_analysis(result, Console())


DbOpt = Annotated[str, typer.Option("--db", help="The corpus database (SQLite).")]


def _open_store(db: str, must_exist: bool = True) -> Any:
    from khabar.corpus.store import Store

    if must_exist and not Path(db).is_file():
        raise InputError(f"{db}: no such database; create it with khabar ingest … --db {db}")
    return Store(db)


def _parse_map(spec: str | None) -> dict[str, str] | None:
    if not spec:
        return None
    return _key_values(spec.split(","), "--map", "ours=theirs pairs, e.g. body=content")


def _key_values(items: Iterable[str], option: str, wanted: str) -> dict[str, str]:
    """``key=value`` items as a dict; one without a key or a value is a clear error."""
    found = {}
    for item in items:
        key, _, value = item.partition("=")
        if not key.strip() or not value.strip():
            raise OptionError(f"{option} {item!r}: give {wanted}")
        found[key.strip()] = value.strip()
    return found


@app.command()
def ingest(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, directories, globs, http(s) URLs of pages or feeds.")
    ],
    db: DbOpt = "khabar.db",
    analysis: Annotated[
        bool, typer.Option("--analysis/--no-analysis", help="Analyze each article (default).")
    ] = True,
    threshold: Annotated[
        float, typer.Option(help="Near-duplicate threshold: estimated Jaccard of word shingles.")
    ] = 0.5,
    workers: Annotated[
        int, typer.Option(help="Processes for normalization and analysis (default: all cores).")
    ] = 0,
    field_map: Annotated[
        str | None,
        typer.Option("--map", help="JSON field names, ours=theirs: body=content,title=headline"),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="One line per article once committed.")
    ] = False,
) -> None:
    """Read articles into the corpus: normalized, analyzed, deduplicated, indexed for search."""
    from khabar.corpus.dedupe import check_threshold
    from khabar.corpus.ingest import default_workers
    from khabar.corpus.ingest import ingest as run

    check_threshold(threshold)
    mapping = _parse_map(field_map)
    console = Console(stderr=True)
    progress = Progress(
        TextColumn("{task.description}"),
        TextColumn("{task.completed} read"),
        console=console,
        disable=not console.is_terminal,
        transient=True,
    )

    def on_item(status: str, item: Any) -> None:
        progress.update(task, advance=1)
        if verbose and status in ("new", "duplicate"):
            sys.stdout.write(f"{status}\t{item.id}\t{item.article.origin or ''}\n")
            sys.stdout.flush()

    with _open_store(db, must_exist=False) as store, progress:
        task = progress.add_task("ingesting")
        summary = run(
            inputs,
            store,
            analyze=analysis,
            threshold=threshold,
            workers=workers or default_workers(),
            mapping=mapping,
            on_item=on_item,
        )
    console.print(
        f"read {summary.read}, new {summary.new}, duplicates {summary.duplicates}, "
        f"already stored {summary.existing}, failed {len(summary.failures)}",
        highlight=False,
    )
    for failure in summary.failures:
        console.print(
            f"  failed: {escape(failure.origin)}: {escape(failure.reason)}", highlight=False
        )
    if summary.failures:
        raise InputError(
            f"{len(summary.failures)} item(s) could not be read; the others were stored"
        )


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words and "phrases"; every one must occur.')],
    db: DbOpt = "khabar.db",
    since: Annotated[
        str | None, typer.Option("--from", help="Published on or after (Gregorian or Jalali).")
    ] = None,
    until: Annotated[str | None, typer.Option("--to", help="Published on or before.")] = None,
    source: Annotated[str | None, typer.Option(help="Only this source.")] = None,
    entity: Annotated[str | None, typer.Option(help="Only articles naming this entity.")] = None,
    limit: Annotated[int, typer.Option(help="How many hits.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list of hits.")] = False,
) -> None:
    """Search the corpus; spellings, letters and digit scripts find each other."""
    from khabar.corpus.search import search as run
    from khabar.extract.dates import parse_published

    with _open_store(db) as store:
        hits = run(
            store,
            query,
            since=parse_published(since) if since else None,
            until=parse_published(until) if until else None,
            source=source,
            entity=entity,
            limit=limit,
        )
    if as_json:
        json.dump([asdict(h) for h in hits], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    console = Console()
    for h in hits:
        # escape() leaves <mark> alone (it is not rich markup), so it can be swapped for a style.
        snippet = escape(h.snippet).replace("<mark>", "[bold yellow]").replace("</mark>", "[/]")
        where = f"{h.source or ''} {h.published or ''} {h.id}"
        console.print(f"[bold]{escape(h.title or h.id)}[/]  [dim]{escape(where)}[/]")
        console.print("  " + snippet)
    if not hits:
        console.print("no match")


@app.command()
def stories(
    db: DbOpt = "khabar.db",
    since: Annotated[
        str | None, typer.Option(help="Only articles published from this date.")
    ] = None,
    window: Annotated[int, typer.Option(help="Days between articles of one story.")] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list of stories.")] = False,
) -> None:
    """Group the corpus into stories: the same event across sources and days."""
    from khabar.corpus.stories import find_stories
    from khabar.extract.dates import parse_published

    with _open_store(db) as store:
        found = find_stories(store, since=parse_published(since) if since else None, window=window)
    if as_json:
        json.dump([asdict(s) for s in found], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    console = Console()
    for s in found:
        span = f"{s.start or '?'} – {s.end or '?'}"
        console.print(
            f"[bold]{escape(s.title or s.id)}[/]  [dim]{span}, {len(s.articles)} articles[/]"
        )
        console.print("  " + escape("، ".join(s.sources)))
    if not found:
        console.print("no story of two articles or more")


@app.command()
def export(
    db: DbOpt = "khabar.db",
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    output: Annotated[str, typer.Option(help="Output file, or - for standard output.")] = "-",
) -> None:
    """Export every article with its analysis."""
    from khabar.corpus.export import export as run

    with _open_store(db) as store:
        if output == "-" or fmt == "parquet":
            count = run(store, fmt, path=output)
        else:
            with open(output, "w", encoding="utf-8", newline="") as out:
                count = run(store, fmt, out=out)
    stderr.print(f"exported {count} articles", highlight=False)


@app.command()
def serve(
    db: DbOpt = "khabar.db",
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Server processes (each reads the database).")] = 1,
) -> None:
    """Serve the corpus: JSON API (docs at /docs) and the web reader at /."""
    import uvicorn

    if not Path(db).is_file():
        raise InputError(f"{db}: no such database; create it with khabar ingest … --db {db}")
    os.environ["KHABAR_DB"] = str(Path(db).resolve())
    uvicorn.run(
        "khabar.serve.app:from_environment",
        factory=True,
        host=host,
        port=port,
        workers=max(1, workers),
        log_level="warning",
    )


@app.command()
def spark(
    source: Annotated[str, typer.Argument(help="JSONL, Parquet or text files (any Spark path).")],
    output: Annotated[str, typer.Argument(help="Directory for the Parquet tables.")],
    master: Annotated[
        str | None, typer.Option(help="Spark master URL (local[4], spark://…, yarn, k8s://…).")
    ] = None,
    partitions: Annotated[int | None, typer.Option(help="Partitions of the input.")] = None,
    threshold: Annotated[float, typer.Option(help="Near-duplicate threshold (Jaccard).")] = 0.5,
    conf: Annotated[
        list[str] | None,
        typer.Option(help="A Spark setting KEY=VALUE (repeatable), e.g. spark.driver.memory=8g."),
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace the tables of an earlier run in OUTPUT.")
    ] = False,
) -> None:
    """Run normalization, analysis and deduplication as an Apache Spark job."""
    from khabar.spark import run  # it checks the threshold and the paths before Spark starts

    settings = _key_values(conf or (), "--conf", "KEY=VALUE, e.g. spark.driver.memory=8g")
    counts = run(
        source,
        output,
        master=master,
        partitions=partitions,
        threshold=threshold,
        conf=settings,
        overwrite=overwrite,
    )
    stderr.print(
        f"articles {counts['articles']}, duplicates {counts['duplicates']}, "
        f"failed {counts['failed']} (see {output}/failures)",
        highlight=False,
    )


@app.command()
def load(
    output: Annotated[str, typer.Argument(help="The OUTPUT directory of khabar spark.")],
    db: DbOpt = "khabar.db",
) -> None:
    """Load a Spark run's tables into a corpus database, for search and serve."""
    from khabar.spark import load as run

    stderr.print(f"loaded {run(output, db)} articles into {db}", highlight=False)


def _batch(
    text: str,
    run: Callable[[str, date | None], dict[str, Any]],
    parse_published: Callable[[str], date],
) -> None:
    """Run an extractor over JSON lines; a bad line is reported and skipped, not fatal."""
    failed = 0
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"not JSON ({exc})") from None
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError('expected an object with a "text" string')
            day = parse_published(str(item["published"])) if item.get("published") else None
            fields = run(item["text"], day)
        except (ValueError, KhabarError) as exc:
            failed += 1
            stderr.print(
                f"[bold red]khabar:[/] line {number}: {escape(str(exc))}; skipped",
                highlight=False,
                soft_wrap=True,
            )
            continue
        record = {"id": item.get("id"), **fields}
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if failed:
        raise InputError(f"{failed} input line(s) could not be read; the others were processed")


def main() -> None:
    """Entry point of the ``khabar`` command: turns khabar's errors into one line and a code."""
    try:
        app()
    except KhabarError as exc:
        stderr.print(f"[bold red]khabar:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:  # `khabar normalize big.txt | head` is not an error
        sys.stderr.close()
        sys.exit(0)
