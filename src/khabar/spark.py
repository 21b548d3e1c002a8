"""The khabar pipeline as an Apache Spark job (``khabar spark``), and loading its output.

Input: JSON Lines (``.jsonl``/``.json``), Parquet (``.parquet`` or a directory of it) or text
files (first line the title), at any path Spark can read. Normalization and analysis run in
``mapPartitions`` — khabar's lexicons load once per executor process and stay for its later
partitions. Near-duplicates: exact copies by content hash, near copies by Spark's own
``MinHashLSH`` over the same three-word shingles as the single-machine engine. Output: Parquet
tables ``articles``, ``entities``, ``mentions``, ``events``, ``dates`` and ``failures`` with the
fields of the SQLite store; ``khabar load`` puts them into a store for search and serve.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from khabar.corpus.dedupe import NUM_PERM, check_threshold
from khabar.errors import InputError, OptionError

TABLES = ("articles", "entities", "mentions", "events", "dates", "failures")


def _session(master: str | None, conf: dict[str, str] | None = None) -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise OptionError("khabar spark needs pyspark: pip install 'khabar[spark]'") from None
    # Executors run this same interpreter (with khabar installed) unless told otherwise.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.appName("khabar")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def _records(lines: Iterable[tuple[str, int]], source: str) -> Iterator[dict[str, Any]]:
    """Articles (or failures) of JSON lines, numbered from 1."""
    from khabar.ingest.readers import Failure, _from_object

    fields = {name: name for name in ("title", "body", "url", "source", "published", "id")}
    for line, number in lines:
        if not line.strip():
            continue
        origin = f"{source}:{number + 1}"
        try:
            item = _from_object(json.loads(line), origin, fields)
        except json.JSONDecodeError as err:
            item = Failure(origin, f"not JSON ({err.msg})")
        yield _process(item, number)


def _process(item: Any, position: int) -> dict[str, Any]:
    """One article through normalization and analysis, as a row (or a failure row).

    The rows of the derived tables ride along as arrays, so Python touches each article once:
    everything after this runs in the JVM."""
    from khabar.corpus.dedupe import shingles
    from khabar.corpus.ingest import prepare
    from khabar.corpus.store import analysis_rows
    from khabar.ingest.readers import Failure

    if not isinstance(item, Failure):
        item = prepare(item, analyze=True, signature=False)
    if isinstance(item, Failure):
        return {"failure": True, "origin": item.origin, "reason": item.reason, "position": position}
    a = item.article
    derived = analysis_rows(item.id, item.analysis) if item.analysis else {}
    return {
        "failure": False,
        "position": position,
        "id": item.id,
        "url": a.url,
        "source": a.source,
        "title": a.title,
        "author": a.author,
        "published": a.published.isoformat() if a.published else None,
        "language": item.language,
        "origin": a.origin,
        "raw": a.text,
        "text": item.text,
        "content_hash": item.content_hash,
        "analysis": json.dumps(item.analysis, ensure_ascii=False) if item.analysis else None,
        "shingles": [s.decode() for s in shingles(item.text)],
        **{name: derived.get(name, []) for name in DERIVED},
    }


def run(
    source: str,
    output: str,
    *,
    master: str | None = None,
    partitions: int | None = None,
    threshold: float = 0.5,
    conf: dict[str, str] | None = None,
    overwrite: bool = False,
) -> dict[str, int]:
    """Analyze ``source`` into Parquet tables under ``output``; returns the counts.

    ``conf`` holds Spark settings for the session (``spark.driver.memory`` …). Tables already
    under ``output`` are replaced only when ``overwrite`` is true."""
    check_threshold(threshold)
    local_source, local_output = _local(source), _local(output)
    if local_source is not None and not local_source.exists():
        raise InputError(f"{source}: no such file or directory; give JSONL, Parquet or text files")
    if not overwrite and local_output is not None and _has_tables(local_output):
        raise InputError(f"{output} holds tables already; choose another OUTPUT or --overwrite")
    spark = _session(master, conf)
    try:
        return _run(spark, source, output, partitions, threshold, overwrite)
    except Exception as err:  # Spark's errors arrive as Java exceptions with long traces
        missing = re.search(
            r"(?:[Pp]ath does not exist: |Input Pattern )(\S+)(?: matches 0 files)?", str(err)
        )
        if missing:
            raise InputError(f"{missing[1]}: no such input; check the path or URI") from None
        if "already exists" in str(err):
            raise InputError(f"{output} holds tables already; use --overwrite") from None
        raise
    finally:
        spark.stop()


def _local(location: str) -> Path | None:
    """A plain local path as a Path; None for a URI (hdfs://, s3a://, file:…), which only
    Spark can check — and a glob, which only Spark expands."""
    if ":" in location.split("/", 1)[0] or any(c in location for c in "*?["):
        return None
    return Path(location)


def _has_tables(folder: Path) -> bool:
    return any((folder / name).exists() for name in TABLES)


def _run(
    spark: Any,
    source: str,
    output: str,
    partitions: int | None,
    threshold: float,
    overwrite: bool,
) -> dict[str, int]:
    from pyspark import StorageLevel
    from pyspark.sql import Row
    from pyspark.sql import functions as F

    sc = spark.sparkContext
    mode = "overwrite" if overwrite else "errorifexists"
    lower = source.lower().rstrip("/")
    parallel = partitions or sc.defaultParallelism
    # Spark's default of 200 shuffle partitions makes every join and grouping of a
    # moderate corpus run hundreds of near-empty tasks: follow the job's own partitioning.
    spark.conf.set("spark.sql.shuffle.partitions", str(parallel))
    # …and keep that many: adaptive execution would merge a moderate corpus' shuffle output
    # into a partition or two, leaving the other cores idle in the dedupe joins and writes.
    spark.conf.set("spark.sql.adaptive.coalescePartitions.enabled", "false")
    if lower.endswith((".jsonl", ".json", ".ndjson")):
        lines = sc.textFile(source, minPartitions=parallel).zipWithIndex()
        if partitions:  # spread the Python work evenly before it starts
            lines = lines.repartition(partitions)
        rows = lines.mapPartitions(lambda part: _records(part, Path(source).name))
    elif lower.endswith(".parquet"):
        frame = spark.read.parquet(source)
        records = frame.rdd.zipWithIndex()
        if partitions:
            records = records.repartition(partitions)
        rows = records.map(lambda pair: _process(_article_of(pair[0].asDict()), pair[1]))
    else:
        files = sc.wholeTextFiles(source, minPartitions=parallel).zipWithIndex()
        rows = files.map(lambda pair: _process(_text_article(*pair[0]), pair[1]))
    rows = rows.map(lambda d: Row(**{k: d.get(k) for k in _COLUMNS}))
    # Kept in the JVM's columnar cache: no later step sends an article back through Python.
    frame = spark.createDataFrame(rows, schema=_schema(), verifySchema=False).persist(
        StorageLevel.MEMORY_AND_DISK
    )
    failures = frame.filter("failure").select("origin", "reason")
    articles = frame.filter("NOT failure").drop("failure", "reason")
    # Only the copies' links are a new table: the articles stay cached once, in `frame`.
    links = _duplicates(articles, threshold).persist(StorageLevel.MEMORY_AND_DISK)
    articles.join(F.broadcast(links), "id", "left").drop(
        "position", "shingles", *DERIVED
    ).write.mode(mode).parquet(f"{output}/articles")
    failures.write.mode(mode).parquet(f"{output}/failures")
    canonical = articles.join(F.broadcast(links), "id", "left_anti")
    for name in DERIVED:  # a copy keeps no analysis rows of its own, as on one machine
        canonical.select(F.explode(name).alias("row")).select("row.*").write.mode(mode).parquet(
            f"{output}/{name}"
        )
    return {"articles": articles.count(), "duplicates": links.count(), "failed": failures.count()}


DERIVED = ("entities", "mentions", "events", "dates")
_COLUMNS = (
    "failure",
    "position",
    "origin",
    "reason",
    "id",
    "url",
    "source",
    "title",
    "author",
    "published",
    "language",
    "raw",
    "text",
    "content_hash",
    "analysis",
    "shingles",
    *DERIVED,
)


def _schema() -> Any:
    from pyspark.sql.types import (
        ArrayType,
        BooleanType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    derived = _derived_schemas()
    fields = [StructField("failure", BooleanType())]
    for name in _COLUMNS[1:]:
        if name == "position":
            kind: Any = LongType()
        elif name == "shingles":
            kind = ArrayType(StringType())
        elif name in derived:
            kind = ArrayType(derived[name])
        else:
            kind = StringType()
        fields.append(StructField(name, kind))
    return StructType(fields)


def _article_of(record: dict[str, Any]) -> Any:
    from khabar.ingest.readers import _from_object

    fields = {name: name for name in ("title", "body", "url", "source", "published", "id")}
    return _from_object(record, str(record.get("id") or record.get("url") or "parquet"), fields)


def _text_article(path: str, content: str) -> Any:
    from khabar.ingest.readers import Failure
    from khabar.model import Article

    title, _, body = content.strip().partition("\n")
    if not body.strip():
        body, title = title, ""
    if not body.strip():
        return Failure(path, "empty file")
    return Article(text=body.strip(), title=title.strip() or None, origin=path)


def _duplicates(articles: Any, threshold: float) -> Any:
    """``(id, duplicate_of)`` of every copy: exact ones by content hash, near ones by MinHash
    LSH.

    Spark's ``MinHashLSH`` gives each article ``b × r`` MinHash values of its shingles; they
    are cut into ``b`` bands of ``r`` (the banding datasketch picks for the threshold on one
    machine), and two articles are candidates when one whole band agrees. Spark's own
    ``approxSimilarityJoin`` ORs single hashes instead, which makes nearly every pair of
    articles sharing a third of their shingles a candidate. Candidates are kept when the exact
    Jaccard similarity of their shingle sets reaches the threshold. As on one machine, the
    article read first is the original: a copy points to the earliest article it matches, or
    to that article's own original when it is a copy itself.
    """
    from datasketch import MinHashLSH as Banding
    from pyspark.ml.feature import HashingTF, MinHashLSH
    from pyspark.ml.functions import vector_to_array
    from pyspark.sql import functions as F

    # A thin copy of the four columns dedupe reads, cached: its joins scan it several times,
    # and scanning the full cached articles each time cost more than all the hashing.
    articles = articles.select("position", "id", "content_hash", "shingles").persist()
    first = articles.groupBy("content_hash").agg(
        F.min(F.struct("position", "id"))["id"].alias("original")
    )
    hashed_once = articles.join(first, "content_hash")
    exact = hashed_once.filter(F.col("id") != F.col("original")).select(
        "id", F.col("original").alias("duplicate_of")
    )
    unique = hashed_once.filter((F.col("id") == F.col("original")) & (F.size("shingles") > 0))
    unique = unique.select("position", "id", "shingles")
    banding = Banding(threshold=threshold, num_perm=NUM_PERM)
    bands, rows = banding.b, banding.r
    hashed = HashingTF(inputCol="shingles", outputCol="features", numFeatures=1 << 20).transform(
        unique
    )
    lsh = MinHashLSH(inputCol="features", outputCol="hashes", numHashTables=bands * rows, seed=1)
    # Each band's r values hash to one key, all in the JVM without exploding every value.
    values = F.transform("hashes", lambda v: vector_to_array(v)[0])
    band_keys = F.transform(
        F.sequence(F.lit(0), F.lit(bands - 1)),
        lambda k: F.struct(
            k.alias("band"), F.xxhash64(F.slice(values, k * rows + 1, rows)).alias("key")
        ),
    )
    keys = (
        lsh.fit(hashed)
        .transform(hashed)
        .select("position", F.explode(band_keys).alias("b"))
        .select("position", "b.band", "b.key")
        .persist()  # both sides of the self-join: hash once
    )
    left, right = keys.alias("l"), keys.alias("r")
    candidates = (
        left.join(right, ["band", "key"])
        .select(F.col("l.position").alias("a"), F.col("r.position").alias("b"))
        .filter(F.col("a") < F.col("b"))
        .distinct()
    )
    sets = unique.select("position", "id", F.array_distinct("shingles").alias("set"))
    set_a = sets.select(
        F.col("position").alias("a"), F.col("id").alias("id_a"), F.col("set").alias("sa")
    )
    set_b = sets.select(
        F.col("position").alias("b"), F.col("id").alias("id_b"), F.col("set").alias("sb")
    )
    similar = (
        candidates.join(set_a, "a")
        .join(set_b, "b")
        .filter(
            F.size(F.array_intersect("sa", "sb"))
            >= F.lit(threshold) * F.size(F.array_union("sa", "sb"))
        )
        .groupBy("id_b")
        .agg(F.min(F.struct("a", "id_a"))["id_a"].alias("near"))
        .persist()  # read twice below
    )
    hop = similar.select(F.col("id_b").alias("copy"), F.col("near").alias("further"))
    near = similar.join(hop, similar.near == hop.copy, "left").select(
        F.col("id_b").alias("id"), F.coalesce("further", "near").alias("duplicate_of")
    )
    return exact.unionByName(near)


def _derived_schemas() -> dict[str, Any]:
    from pyspark.sql.types import IntegerType, StringType, StructField, StructType

    def schema(*cols: tuple[str, Any]) -> Any:
        return StructType([StructField(n, t) for n, t in cols])

    s, i = StringType(), IntegerType()
    return {
        "entities": schema(
            ("article_id", s),
            ("entity", s),
            ("type", s),
            ("name", s),
            ("country", s),
            ("role", s),
            ("mentions", i),
        ),
        "mentions": schema(("article_id", s), ("entity", s), ("start", i), ("end", i), ("text", s)),
        "events": schema(
            ("article_id", s),
            ("number", i),
            ("category", s),
            ("cameo", s),
            ("trigger", s),
            ("source", s),
            ("target", s),
            ("place", s),
            ("date", s),
            ("modality", s),
        ),
        "dates": schema(
            ("article_id", s), ("start", i), ("end", i), ("text", s), ("calendar", s), ("value", s)
        ),
    }


def load(output: str, db: str) -> int:
    """Put a Spark run's ``articles`` table into a SQLite store (``khabar load``)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise OptionError("khabar load needs pyarrow: pip install 'khabar[parquet]'") from None
    from khabar.corpus import dedupe
    from khabar.corpus.store import Record, Store

    path = Path(output) / "articles"
    if not path.exists():
        raise InputError(f"{output}: no articles table; give the OUTPUT of khabar spark")
    table = pq.read_table(path)
    added = 0
    with Store(db) as store:
        for row in table.to_pylist():
            if store.has(row["id"]):
                continue
            text = row["text"]
            store.add(
                Record(
                    id=row["id"],
                    raw=row["raw"],
                    text=text,
                    content_hash=row["content_hash"],
                    title=row["title"],
                    url=row["url"],
                    source=row["source"],
                    author=row["author"],
                    published=row["published"],
                    language=row["language"],
                    origin=row["origin"],
                    # As on one machine: a copy keeps no analysis of its own.
                    analysis=json.loads(row["analysis"])
                    if row["analysis"] and not row["duplicate_of"]
                    else None,
                    duplicate_of=row["duplicate_of"],
                    signature=None
                    if row["duplicate_of"]
                    else dedupe.to_bytes(dedupe.signature(text)),
                    search_title=row["title"] or "",
                )
            )
            added += 1
    return added


if __name__ == "__main__":  # spark-submit khabar/spark.py INPUT OUTPUT
    counts = run(sys.argv[1], sys.argv[2])
    print(json.dumps(counts))
