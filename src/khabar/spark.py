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
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from khabar.errors import InputError, OptionError

TABLES = ("articles", "entities", "mentions", "events", "dates", "failures")


def _session(master: str | None) -> Any:
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
        yield _process(item)


def _process(item: Any) -> dict[str, Any]:
    """One article through normalization and analysis, as a row (or a failure row)."""
    from khabar.corpus.dedupe import shingles
    from khabar.corpus.ingest import prepare
    from khabar.ingest.readers import Failure

    if not isinstance(item, Failure):
        item = prepare(item, analyze=True)
    if isinstance(item, Failure):
        return {"failure": True, "origin": item.origin, "reason": item.reason}
    a = item.article
    return {
        "failure": False,
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
    }


def run(
    source: str,
    output: str,
    *,
    master: str | None = None,
    partitions: int | None = None,
    threshold: float = 0.5,
) -> dict[str, int]:
    """Analyze ``source`` into Parquet tables under ``output``; returns the counts."""
    spark = _session(master)
    try:
        return _run(spark, source, output, partitions, threshold)
    finally:
        spark.stop()


def _run(
    spark: Any, source: str, output: str, partitions: int | None, threshold: float
) -> dict[str, int]:
    from pyspark.sql import Row
    from pyspark.sql import functions as F

    sc = spark.sparkContext
    lower = source.lower().rstrip("/")
    if lower.endswith((".jsonl", ".json", ".ndjson")):
        lines = sc.textFile(source, minPartitions=partitions or sc.defaultParallelism)
        rows = lines.zipWithIndex().mapPartitions(lambda part: _records(part, Path(source).name))
    elif lower.endswith(".parquet"):
        frame = spark.read.parquet(source)
        rows = frame.rdd.map(lambda r: _process(_article_of(r.asDict())))
    else:
        files = sc.wholeTextFiles(source, minPartitions=partitions or sc.defaultParallelism)
        rows = files.map(lambda pair: _process(_text_article(*pair)))
    if partitions:
        rows = rows.repartition(partitions)
    rows = rows.map(lambda d: Row(**{k: d.get(k) for k in _COLUMNS})).cache()
    frame = spark.createDataFrame(rows, schema=_schema())
    failures = frame.filter("failure").select("origin", "reason")
    articles = frame.filter("NOT failure").drop("failure", "reason")
    articles = _duplicates(articles, threshold).cache()  # every output table reads it
    articles.drop("shingles").write.mode("overwrite").parquet(f"{output}/articles")
    failures.write.mode("overwrite").parquet(f"{output}/failures")
    canonical = articles.filter(F.col("duplicate_of").isNull()).select("id", "analysis")
    for name, schema in _derived_schemas().items():
        derived = canonical.rdd.flatMap(lambda r, n=name: _derived(n, r["id"], r["analysis"]))
        spark.createDataFrame(derived, schema=schema).write.mode("overwrite").parquet(
            f"{output}/{name}"
        )
    counts = {
        "articles": articles.count(),
        "duplicates": articles.filter(F.col("duplicate_of").isNotNull()).count(),
        "failed": failures.count(),
    }
    return counts


_COLUMNS = (
    "failure",
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
)


def _schema() -> Any:
    from pyspark.sql.types import ArrayType, BooleanType, StringType, StructField, StructType

    fields = [StructField("failure", BooleanType())]
    for name in _COLUMNS[1:]:
        kind = ArrayType(StringType()) if name == "shingles" else StringType()
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
    """``duplicate_of``: exact copies by content hash, near copies by MinHashLSH; the canonical
    article of a group is the one with the smallest id, and a copy points to it."""
    from pyspark.ml.feature import HashingTF, MinHashLSH
    from pyspark.sql import functions as F

    first = articles.groupBy("content_hash").agg(F.min("id").alias("original"))
    articles = articles.join(first, "content_hash")
    exact = articles.withColumn(
        "duplicate_of", F.when(F.col("id") != F.col("original"), F.col("original"))
    ).drop("original")
    unique = exact.filter(F.col("duplicate_of").isNull()).filter(F.size("shingles") > 0)
    hashed = HashingTF(inputCol="shingles", outputCol="features", numFeatures=1 << 20).transform(
        unique
    )
    model = MinHashLSH(inputCol="features", outputCol="hashes", numHashTables=8, seed=1).fit(hashed)
    pairs = (
        model.approxSimilarityJoin(hashed, hashed, 1.0 - threshold, distCol="distance")
        .select(F.col("datasetA.id").alias("a"), F.col("datasetB.id").alias("b"))
        .filter(F.col("a") < F.col("b"))
        .groupBy("b")
        .agg(F.min("a").alias("near"))
    )
    return (
        exact.join(pairs, exact.id == pairs.b, "left")
        .withColumn("duplicate_of", F.coalesce(F.col("duplicate_of"), F.col("near")))
        .drop("b", "near")
    )


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


def _derived(table: str, article_id: str, analysis: str | None) -> list[tuple[Any, ...]]:
    """The rows one analysis gives a derived table (the same as the SQLite store's)."""
    from khabar.corpus.store import analysis_rows

    return analysis_rows(article_id, json.loads(analysis))[table] if analysis else []


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
