#!/usr/bin/env python3
"""shiju on Apache Spark: raw documents in, Parquet event datasets out.

    python3 spark/shiju_spark.py --input PATH --output DIR --shiju /path/to/shiju \
        [--master local[2]] [--partitions N] [--lexicon DIR]

or, on a cluster, through spark-submit (the master then comes from spark-submit):

    spark-submit --master spark://host:7077 spark/shiju_spark.py \
        --input hdfs:///news/raw --output hdfs:///news/shiju --shiju ./target/release/shiju

What it does:

1. reads every file under PATH with ``sc.binaryFiles`` (any Hadoop file
   system: local folders, ``hdfs://``, ``s3a://``; folders are walked
   recursively; several paths may be given comma-separated; globs work);
2. ships the ``shiju`` binary (and ``--lexicon DIR``) to the executors with
   ``sc.addFile``; each task finds them with ``SparkFiles.get``;
3. pipes every partition through one ``shiju analyze --jsonl`` process
   (``{"id": path, "bytes_b64": ...}`` lines in, one analysis per line out,
   lexicons loaded once per partition).  If the process dies (a crash, a
   signal), the documents it had not finished are re-run one by one so a
   single poisonous document becomes one reject row instead of a failed job;
4. writes four Parquet datasets with the explicit schemas below:
   ``DIR/events`` (partitioned by ``event_month``), ``DIR/articles``,
   ``DIR/entities``, ``DIR/rejects``.  The schemas are documented in
   spark/README.md ("Scaling out").

Only the standard library and pyspark are needed.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import fnmatch
import hashlib
import heapq
import json
import os
import posixpath
import sys
import time
from typing import Any, Dict, Iterable, List, Optional, Tuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from shiju_io import (  # noqa: E402  (re-exported: the tests and bench use them from here)
    error_line, input_line, is_warc, line_for, line_id, path_line, pipe, pipe_lines, pipe_records,
    pipe_tables, sha_size, warc_records,
)

# --------------------------------------------------------------------------
# Schemas (kept free of pyspark imports at module level so the pure helpers
# below can be unit-tested and imported without Spark).
# --------------------------------------------------------------------------

SCHEMA_VERSION = 1

# (name, type, nullable, description) — the single source of truth for the
# Parquet schemas and for the table in spark/README.md.
EVENT_COLUMNS = [
    ("global_event_id", "long", False,
     "stable id: first 8 bytes (big-endian) of SHA-256 over doc, source, target, code, date, "
     "start joined by U+001F, top bit cleared"),
    ("doc", "string", False, "document id: the input path (feed items: `path#n`)"),
    ("source", "string", False, "source actor code (ISO3 country or organisation code)"),
    ("target", "string", False, "target actor code"),
    ("source_entity", "string", True, "entity id behind the source (`person:blinken`, `country:USA`)"),
    ("target_entity", "string", True, "entity id behind the target"),
    ("code", "string", False, "full CAMEO event code (`042`, `1123`)"),
    ("root", "string", False, "two-digit CAMEO root (`04`)"),
    ("goldstein", "double", True, "Goldstein scale value of the code"),
    ("quad_class", "int", False, "1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict"),
    ("plover", "string", True, "PLOVER event type, where the crosswalk has one"),
    ("date", "string", False, "event date: YYYY-MM-DD, YYYY-MM, YYYY-Www or YYYY"),
    ("evidence", "string", False, "the sentence the event was coded from, as printed"),
    ("start", "int", False, "start of the evidence, in characters of the article body"),
    ("end", "int", False, "end of the evidence (exclusive)"),
    ("url", "string", True, "article URL (GDELT SOURCEURL)"),
    ("outlet", "string", True, "outlet name"),
    ("published", "string", True, "article publication date YYYY-MM-DD"),
    ("event_month", "string", True,
     "partition column: YYYY-MM of the event date (ISO week: month of its Thursday; "
     "year only: YYYY-00; no date: null)"),
]

ARTICLE_COLUMNS = [
    ("doc", "string", False, "document id (= events.doc, entities.doc)"),
    ("id", "string", False, "the input path the document came from"),
    ("title", "string", True, "headline"),
    ("published", "string", True, "publication date YYYY-MM-DD"),
    ("dateline", "string", True, "wire dateline day when it differs from published"),
    ("authors", "array<string>", False, "bylines"),
    ("outlet", "string", True, "outlet name"),
    ("url", "string", True, "article URL"),
    ("script", "string", False, "`simplified` or `traditional`"),
    ("form", "string", False, "raw form detected: feed_dump, html, snapshot, wire, markdown, feed_item, plain"),
    ("encoding", "string", False, "encoding the bytes were decoded with"),
    ("paragraphs", "array<string>", False, "body paragraphs; offsets count characters of these joined by \\n"),
    ("timex", "array<struct<text:string,value:string,start:int,end:int>>", False,
     "temporal expressions with their resolved values"),
    ("quotes", "array<struct<speaker:string,text:string,start:int,end:int>>", False,
     "direct speech with the speaker's entity id"),
    ("n_entities", "int", False, "number of entities"),
    ("n_events", "int", False, "number of events"),
    ("analysis_json", "string", False, "the complete Analysis JSON line as shiju wrote it"),
    ("sha256", "string", True,
     "SHA-256 (hex) of the input's raw bytes: the key `shiju ingest` stores documents by "
     "(`shiju import` uses it, so re-imports and ingested copies are recognised)"),
    ("size", "long", True, "size of the input's raw bytes"),
]

ENTITY_COLUMNS = [
    ("doc", "string", False, "document id"),
    ("entity_id", "string", False, "`country:ISO3`, `org:NAME`, `person:slug`, `new:…`"),
    ("type", "string", False, "`person`, `country` or `org`"),
    ("name", "string", True, "canonical name"),
    ("country", "string", True, "ISO3 the entity belongs to or acts for"),
    ("role_title", "string", True, "role key on the publication date (`president`)"),
    ("role_of", "string", True, "state or organisation the role is held in"),
    ("role_status", "string", True, "`in_office`, `elect`, `former`"),
    ("forms", "array<string>", False, "distinct surface forms as printed"),
    ("mentions", "array<struct<text:string,start:int,end:int>>", False, "every printed occurrence"),
    ("n_mentions", "int", False, "number of mentions"),
]

REJECT_COLUMNS = [
    ("id", "string", True, "the input path"),
    ("doc", "string", True, "the document id (feed items: `path#n`), when shiju got that far"),
    ("error", "string", False, "why the document gave no analysis"),
    ("sha256", "string", True, "SHA-256 (hex) of the input's raw bytes, when known"),
    ("size", "long", True, "size of the input's raw bytes, when known"),
]

DATASETS = {
    "events": EVENT_COLUMNS,
    "articles": ARTICLE_COLUMNS,
    "entities": ENTITY_COLUMNS,
    "rejects": REJECT_COLUMNS,
}


def spark_schema(columns):
    """The pyspark StructType for one of the column lists above."""
    from pyspark.sql import types as T

    def parse(t: str):
        simple = {
            "string": T.StringType(),
            "long": T.LongType(),
            "int": T.IntegerType(),
            "double": T.DoubleType(),
        }
        if t in simple:
            return simple[t]
        if t.startswith("array<") and t.endswith(">"):
            return T.ArrayType(parse(t[6:-1]), containsNull=False)
        if t.startswith("struct<") and t.endswith(">"):
            fields = []
            for part in _split_top(t[7:-1]):
                n, ft = part.split(":", 1)
                fields.append(T.StructField(n, parse(ft), n not in ("text", "start", "end")))
            return T.StructType(fields)
        raise ValueError(f"unknown type {t}")

    return T.StructType([T.StructField(n, parse(t), nullable) for n, t, nullable, _ in columns])


def _split_top(s: str) -> List[str]:
    out, depth, cur = [], 0, ""
    for ch in s:
        if ch == "<":
            depth += 1
        elif ch == ">":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    if cur:
        out.append(cur)
    return out


# --------------------------------------------------------------------------
# Pure helpers (run on executors).
# --------------------------------------------------------------------------

def global_event_id(doc: str, source: str, target: str, code: str, date: str, start: int) -> int:
    """Stable 63-bit event id: SHA-256 over the fields joined by U+001F."""
    key = "\x1f".join([doc, source, target, code, date, str(start)]).encode("utf-8")
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big") & 0x7FFF_FFFF_FFFF_FFFF


def event_month(date: Optional[str]) -> Optional[str]:
    """The `event_month` partition value of an event date (see EVENT_COLUMNS)."""
    if not date:
        return None
    d = date.strip()
    try:
        if len(d) >= 7 and d[4] == "-" and d[5:7].isdigit():  # YYYY-MM[-DD]
            y, m = int(d[:4]), int(d[5:7])
            if 1 <= m <= 12:
                return f"{y:04d}-{m:02d}"
            return None
        if len(d) >= 8 and d[4:6] == "-W":  # YYYY-Www → month of the week's Thursday
            thu = _dt.date.fromisocalendar(int(d[:4]), int(d[6:8]), 4)
            return f"{thu.year:04d}-{thu.month:02d}"
        if len(d) == 4 and d.isdigit():
            return f"{d}-00"
    except (ValueError, IndexError):
        return None
    return None


def _str(v: Any) -> Optional[str]:
    if v is None:
        return None
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)


def _int(v: Any, default: int = 0) -> int:
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


def _float(v: Any) -> Optional[float]:
    try:
        return None if v is None else float(v)
    except (TypeError, ValueError):
        return None


def rows_of_line(line: str, raw_info: Optional[Dict[str, Tuple[str, int]]] = None
                 ) -> List[Tuple[str, tuple]]:
    """One output line of `shiju analyze --jsonl` → tagged rows
    (`("event" | "article" | "entity" | "reject", row tuple)`), tuples in
    the column order of the schemas above.  `raw_info` maps input ids to
    (SHA-256 hex, size) of their raw bytes."""
    try:
        obj = json.loads(line)
    except ValueError as e:
        return [("reject", (None, None, f"unreadable shiju output line: {e}", None, None))]
    if not isinstance(obj, dict):
        return [("reject", (None, None, "shiju output line is not an object", None, None))]
    rid = _str(obj.get("id"))
    sha, size = (raw_info or {}).get(rid, (None, None)) if rid is not None else (None, None)
    if "error" in obj or "article" not in obj:
        return [("reject", (rid, _str(obj.get("doc")), _str(obj.get("error")) or "no analysis",
                            sha, size))]
    doc = _str(obj.get("doc")) or rid or ""
    art = obj.get("article") or {}
    url, outlet, published = _str(art.get("url")), _str(art.get("outlet")), _str(art.get("published"))
    out: List[Tuple[str, tuple]] = []
    events = obj.get("events") or []
    for ev in events:
        source, target = _str(ev.get("source")) or "", _str(ev.get("target")) or ""
        code, date = _str(ev.get("code")) or "", _str(ev.get("date")) or ""
        start = _int(ev.get("start"))
        out.append(("event", (
            global_event_id(doc, source, target, code, date, start),
            doc, source, target,
            _str(ev.get("source_entity")), _str(ev.get("target_entity")),
            code, _str(ev.get("cameo")) or code[:2],
            _float(ev.get("goldstein")), _int(ev.get("quad_class")), _str(ev.get("plover")),
            date, _str(ev.get("evidence")) or "", start, _int(ev.get("end")),
            url, outlet, published, event_month(date),
        )))
    entities = obj.get("entities") or []
    for en in entities:
        role = en.get("role") or {}
        mentions = [(_str(m.get("text")) or "", _int(m.get("start")), _int(m.get("end")))
                    for m in (en.get("mentions") or [])]
        out.append(("entity", (
            doc, _str(en.get("id")) or "", _str(en.get("type")) or "", _str(en.get("name")),
            _str(en.get("country")), _str(role.get("title")), _str(role.get("of")),
            _str(role.get("status")),
            [_str(f) or "" for f in (en.get("forms") or [])], mentions, len(mentions),
        )))
    timex = [(_str(t.get("text")) or "", _str(t.get("value")), _int(t.get("start")), _int(t.get("end")))
             for t in (obj.get("timex") or [])]
    quotes = [(_str(q.get("speaker")), _str(q.get("text")) or "", _int(q.get("start")), _int(q.get("end")))
              for q in (obj.get("quotes") or [])]
    out.append(("article", (
        doc, rid or doc, _str(art.get("title")), published, _str(art.get("dateline")),
        [_str(a) or "" for a in (art.get("authors") or [])], outlet, url,
        _str(art.get("script")) or "", _str(art.get("form")) or "", _str(art.get("encoding")) or "",
        [_str(p) or "" for p in (art.get("paragraphs") or [])], timex, quotes,
        len(entities), len(events), line, sha, size,
    )))
    return out


def _resolve(name: Optional[str], fallback: Optional[str]) -> Optional[str]:
    """A shipped file: SparkFiles.get(name) on the executor, else `fallback`
    (the driver-side absolute path, valid on local runs)."""
    if name:
        try:
            from pyspark import SparkFiles

            p = SparkFiles.get(name)
            if os.path.exists(p):
                return p
        except Exception:  # not inside Spark, or not shipped
            pass
    return fallback


def _executable(path: str) -> str:
    if not os.access(path, os.X_OK):
        try:
            os.chmod(path, os.stat(path).st_mode | 0o111)
        except OSError:
            pass
    return path


# --------------------------------------------------------------------------
# The Spark job.
# --------------------------------------------------------------------------

LOOPBACK_CONF = {
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.ui.enabled": "false",
}


def build_spark(master: Optional[str] = None, conf: Optional[Dict[str, str]] = None,
                app_name: str = "shiju"):
    from pyspark.sql import SparkSession

    b = SparkSession.builder.appName(app_name)
    if master:
        b = b.master(master)
    for k, v in (conf or {}).items():
        b = b.config(k, v)
    return b.getOrCreate()


def read_documents(spark, input_path: str, reader: str = "files", exclude: Iterable[str] = (),
                   modified_after: Optional[str] = None, content: bool = True):
    """RDD of (path, bytes) for every file under `input_path` (recursively);
    with `content=False`, the DataFrame of their (path, length) only.

    reader "files" (default): Spark SQL's `binaryFile` source — parallel
    listing, partitions packed by size (spark.sql.files.maxPartitionBytes /
    openCostInBytes), `--exclude` and `--modified-after` applied before any
    content is read.  reader "rdd": `sc.binaryFiles` (Hadoop
    CombineFileInputFormat, listed on the driver)."""
    excludes = list(exclude)
    sc = spark.sparkContext
    if reader == "rdd":
        if modified_after:
            raise SystemExit("--modified-after needs --reader files")
        sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
        raw = sc.binaryFiles(input_path, minPartitions=sc.defaultParallelism)
        if excludes:
            raw = raw.filter(lambda kv: not any(fnmatch.fnmatch(posixpath.basename(kv[0]), g)
                                                for g in excludes))
        return raw
    from pyspark.sql import functions as F

    r = spark.read.format("binaryFile").option("recursiveFileLookup", "true")
    if modified_after:
        r = r.option("modifiedAfter", modified_after)
    df = r.load(input_path.split(","))
    base = F.regexp_extract(F.col("path"), r"[^/]*$", 0)
    for g in excludes:
        df = df.filter(~base.rlike("^" + fnmatch.translate(g)))
    if not content:
        # the listing only: Spark's binaryFile source reads no file whose
        # content is not selected; the task reads it from the shared folder
        return df.select("path", "length")
    return df.select("path", "content").rdd.map(lambda row: (row[0], row[1]))


def _bytes_conf(value: str) -> int:
    """A Spark byte size (`134217728`, `134217728b`, `128m`, `1g`) in bytes."""
    v = value.strip().lower().rstrip("b")
    scale = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}.get(v[-1:], 1)
    return int(v[:-1] if scale > 1 else v) * scale


def pack_files(files: List[Tuple[str, int]], parts: int,
               open_cost: int = 64 * 1024) -> List[List[str]]:
    """Files `(path, bytes)` in `parts` groups of near-equal size (each file
    counted with `open_cost` more), largest first into the lightest group;
    empty groups are dropped.  Spark's own packing fills one partition after
    another, so e.g. 40 equal files asked as 4 partitions can come back as
    5, and two cores then run 3 + 2 of them: the slowest core sets the job's
    time."""
    heap = [(0, i) for i in range(max(1, parts))]
    groups: List[List[str]] = [[] for _ in heap]
    for path, size in sorted(files, key=lambda f: (-f[1], f[0])):
        load, i = heapq.heappop(heap)
        groups[i].append(path)
        heapq.heappush(heap, (load + size + open_cost, i))
    return [g for g in groups if g]


def balanced_listing(spark, files: List[Tuple[str, int]], partitions: Optional[int]):
    """RDD of `(path, None)` from a listing of `(path, length)`, packed by
    `pack_files` into `partitions` partitions (default: the input's bytes
    over `spark.sql.files.maxPartitionBytes`, rounded up to a multiple of
    the default parallelism, so that every core gets an equal share)."""
    sc = spark.sparkContext
    if not partitions:
        per = _bytes_conf(spark.conf.get("spark.sql.files.maxPartitionBytes", "128m"))
        slots = max(1, sc.defaultParallelism)
        want = -(-sum(size for _, size in files) // max(1, per))
        partitions = max(slots, -(-want // slots) * slots)
    groups = pack_files(files, min(partitions, max(1, len(files))))
    return sc.parallelize(groups, max(1, len(groups))).flatMap(lambda g: [(p, None) for p in g])


# Characters that make a path a Hadoop glob pattern (and its escape).
_GLOB_CHARS = set("*?[]{}\\")


def hidden_name(name: str) -> bool:
    """Whether Spark's file listing leaves a file or folder of this name out
    (`InMemoryFileIndex.shouldFilterOutPathName`, checked against Spark
    4's binaryFile source): names starting with `_` (unless they hold a
    `=`, a partition folder) or `.`, and names ending in `._COPYING_`."""
    return ((name.startswith("_") and "=" not in name) or name.startswith(".")
            or name.endswith("._COPYING_"))


def list_local(input_path: str, exclude: Iterable[str] = ()) -> Optional[List[Tuple[str, int]]]:
    """The `(file:PATH, bytes)` listing Spark's binaryFile source gives for
    local inputs (comma-separated folders or files), read with `os` instead
    of a Spark SQL job (whose planning and code generation cost the JVM
    seconds of CPU): folders walked recursively (symbolic links followed),
    hidden names left out (`hidden_name`, a given file's too), zero-byte
    files left out, `exclude` globs matched against base names. None when
    only Spark can list the input: a non-local path or a glob pattern."""
    excludes = list(exclude)
    roots = []
    for p in input_path.split(","):
        local = local_dir(p)
        if local is None or _GLOB_CHARS & set(local):
            return None
        roots.append(os.path.abspath(local))
    out: List[Tuple[str, int]] = []

    def add(path: str, size: int) -> None:
        name = os.path.basename(path)
        if size > 0 and not any(fnmatch.fnmatchcase(name, g) for g in excludes):
            out.append(("file:" + path, size))

    def walk(folder: str, above: frozenset) -> None:
        st = os.stat(folder)
        key = (st.st_dev, st.st_ino)
        if key in above:  # a link back to a folder above: walked once
            return
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
        for e in entries:
            if hidden_name(e.name):
                continue
            if e.is_dir():
                walk(e.path, above | {key})
            elif e.is_file():
                add(e.path, e.stat().st_size)

    for root in roots:
        if os.path.isfile(root):
            if not hidden_name(os.path.basename(root)):
                add(root, os.path.getsize(root))
            continue
        if not os.path.isdir(root):
            raise SystemExit(f"[PATH_NOT_FOUND] Path does not exist: file:{root}")
        walk(root, frozenset())
    return out


def local_path(path: str) -> str:
    """The local file of a `file:` path Spark listed (URL-unquoted when
    only that names a file)."""
    local = path[len("file:"):] if path.startswith("file:") else path
    if local.startswith("//"):
        local = local[2:]
    if not os.path.exists(local):
        from urllib.parse import unquote

        if os.path.exists(unquote(local)):
            return unquote(local)
    return local


def read_local(path: str) -> bytes:
    """The bytes of a `file:` path Spark listed (read by the task itself)."""
    with open(local_path(path), "rb") as f:
        return f.read()


def read_jsonl(spark, input_path: str, min_partitions: Optional[int] = None):
    """RDD of the lines of JSON-lines shards (`{"id", "bytes_b64"|"text",
    "url"?, "published"?}`), split by bytes (Hadoop input splits)."""
    sc = spark.sparkContext
    sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    return sc.textFile(input_path, minPartitions=min_partitions or sc.defaultParallelism)


def read_parquet(spark, input_path: str, id_column: str, bytes_column: str,
                 url_column: Optional[str] = None, published_column: Optional[str] = None):
    """RDD of (id, bytes or text, url, published) rows of Parquet files with
    a binary (raw bytes) or string (text) document column."""
    df = spark.read.option("recursiveFileLookup", "true").parquet(*input_path.split(","))
    from pyspark.sql import functions as F

    cols = [F.col(id_column).cast("string"), F.col(bytes_column),
            F.col(url_column).cast("string") if url_column else F.lit(None).cast("string"),
            F.col(published_column).cast("string") if published_column
            else F.lit(None).cast("string")]
    return df.select(*cols).rdd.map(tuple)


def _text_frame(spark, rdd):
    """A one-column (`value`) DataFrame of the byte strings an RDD yields,
    handed to the JVM as they are (no pickling), as `spark.read.json(rdd)`
    does."""
    from pyspark.sql import DataFrame

    rdd._bypass_serializer = True
    jvm = spark._jvm
    jrdd = rdd._jrdd.map(jvm.BytesToString())
    jds = spark._jsparkSession.createDataset(jrdd.rdd(), jvm.org.apache.spark.sql.Encoders.STRING())
    return DataFrame(jds.toDF(), spark)


def partition_fn(input_format: str, argv_of, cap: int):
    """The per-partition function: inputs of `input_format` → `sha256 TAB
    size TAB output line` byte strings (sha256 and size empty when the raw
    bytes are not at hand: JSON-lines shards)."""

    def tagged(pairs, info):
        for rid, line in pairs:
            sha, size = info.get(rid, ("", ""))
            yield f"{sha}\t{size}\t".encode() + line

    def files(records):
        info: Dict[Any, Tuple[str, Any]] = {}
        side: List[bytes] = []

        def inputs():
            for path, data in records:
                if not is_warc(data):
                    info[path] = sha_size(data)
                    yield path, line_for(path, data)
                    continue
                # A WARC file: one input per document record, named as
                # `shiju ingest` names it.
                for n, rec, why in warc_records(data, cap):
                    rid = f"{path}#{n:06d}" if n else path
                    if rec is None:
                        side.append(b"\t\t" + error_line(rid, why))
                    else:
                        info[rid] = sha_size(rec)
                        yield rid, line_for(rid, rec)

        yield from tagged(pipe(inputs(), argv_of()), info)
        yield from side

    def jsonl(lines):
        def inputs():
            for line in lines:
                if line.strip():
                    yield line_id(line)[0], line.encode("utf-8")

        for _, line in pipe(inputs(), argv_of()):
            yield b"\t\t" + line

    def rows(records):
        info: Dict[Any, Tuple[str, Any]] = {}

        def inputs():
            for rid, doc, url, published in records:
                if isinstance(doc, str):
                    info[rid] = sha_size(doc.encode("utf-8"))
                    yield rid, line_for(rid, text=doc, url=url, published=published)
                else:
                    data = bytes(doc or b"")
                    info[rid] = sha_size(data)
                    yield rid, line_for(rid, data, url=url, published=published)

        yield from tagged(pipe(inputs(), argv_of()), info)

    return {"files": files, "jsonl": jsonl, "parquet": rows}[input_format]


def input_lines(input_format: str, cap: int):
    """The per-partition inputs of `input_format` as `(id, input line)`
    pairs for `shiju analyze --jsonl --tables`: no hashing (shiju computes
    the SHA-256), a WARC record that cannot be read a line carrying its
    error (shiju writes it as a reject)."""

    def records_of(path, data):
        for n, rec, why in warc_records(data, cap):
            rid = f"{path}#{n:06d}" if n else path
            yield rid, (error_line(rid, why) if rec is None else line_for(rid, rec))

    def fallback(path):
        """The file's records as lines of their own (when shiju dies on it)."""
        def lines():
            try:
                data = read_local(path)
            except OSError as e:
                yield path, error_line(path, f"unreadable: {e}")
                return
            yield from records_of(path, data)
        return lines

    def files(records):
        for path, data in records:
            if data is None:
                local = local_path(path)
                try:
                    with open(local, "rb") as f:
                        head = f.read(1024)
                except OSError:
                    head = b""
                if head and is_warc(head):
                    # shiju reads the WARC file itself; Python does no
                    # per-record work (see `shiju_io.path_line`)
                    yield path, path_line(path, os.path.abspath(local)), fallback(path)
                    continue
                try:
                    data = read_local(path)
                except OSError as e:
                    yield path, error_line(path, f"unreadable: {e}")
                    continue
            if not is_warc(data):
                yield path, line_for(path, data)
                continue
            yield from records_of(path, data)

    def jsonl(lines):
        for line in lines:
            if line.strip():
                yield line_id(line)[0], line.encode("utf-8")

    def rows(records):
        for rid, doc, url, published in records:
            if isinstance(doc, str):
                yield rid, line_for(rid, text=doc, url=url, published=published)
            else:
                yield rid, line_for(rid, bytes(doc or b""), url=url, published=published)

    return {"files": files, "jsonl": jsonl, "parquet": rows}[input_format]


def tables_fn(input_format: str, argv_of, cap: int, tmp_root: str):
    """The per-partition function of the shiju writer: one `shiju analyze
    --jsonl --tables` process writes the partition's Parquet files into a
    folder of its task attempt; yields that folder and the row counts (one
    small JSON string per partition: nothing per document reaches the JVM)."""
    inputs = input_lines(input_format, cap)

    def fn(index, records):
        import subprocess

        try:
            from pyspark import TaskContext

            ctx = TaskContext.get()
            attempt = f"{ctx.stageId()}-{ctx.attemptNumber()}-{ctx.taskAttemptId()}" if ctx \
                else str(os.getpid())
        except ImportError:
            attempt = str(os.getpid())
        folder = os.path.join(tmp_root, f"task-{index:05d}-{attempt}")
        argv = argv_of() + ["--tables", folder]
        poison = pipe_tables(inputs(records), argv)
        if poison:  # the documents that kill shiju, as rejects
            subprocess.run(argv, input=b"\n".join(poison) + b"\n", check=True,
                           capture_output=True)
        counts = dict.fromkeys(("events", "articles", "entities", "rejects"), 0)
        if os.path.isdir(folder):
            for name in os.listdir(folder):
                if name.startswith("_counts-") and name.endswith(".json"):
                    with open(os.path.join(folder, name)) as f:
                        for k, v in json.load(f).items():
                            counts[k] = counts.get(k, 0) + int(v)
        yield json.dumps({"folder": folder, "counts": counts})

    return fn


def local_dir(output: str) -> Optional[str]:
    """The local folder of an output path (plain or `file:`), else None."""
    if output.startswith("file://"):
        return output[len("file://"):] or None
    if output.startswith("file:"):
        return output[len("file:"):]
    return None if "://" in output else output


def _commit(spark, results: List[Dict[str, Any]], out: str, mode: str, tmp_root: str) -> None:
    """Moves the part files the successful tasks wrote into `out`'s four
    datasets (Hive layout for events), as Spark's committer would. A shiju
    process writes a table that got no row from it as one file with no rows
    (`part-…-empty.parquet`): one of those is kept for a dataset no task
    wrote a row to, so it has its schema, the others are dropped. Events
    with no row get no file (nor does Spark write one); only a dataset that
    got no file at all (a process killed before its end) is written empty by
    Spark."""
    import shutil

    keep = {}
    for name in DATASETS:
        dest = os.path.join(out, name)
        if os.path.exists(dest) and mode == "overwrite":
            shutil.rmtree(dest)
        keep[name] = not (os.path.exists(dest) and mode == "ignore")
    rows = {name: sum(r["counts"].get(name, 0) for r in results) for name in DATASETS}
    got = set()
    for r in results:
        for name in DATASETS:
            src = os.path.join(r["folder"], name)
            if not keep[name] or not os.path.isdir(src):
                continue
            for base, _, names in os.walk(src):
                for n in names:
                    if n.startswith((".", "_")):
                        continue
                    if n.endswith("-empty.parquet") and (rows[name] or name in got):
                        continue
                    rel = os.path.relpath(os.path.join(base, n), r["folder"])
                    os.makedirs(os.path.dirname(os.path.join(out, rel)), exist_ok=True)
                    os.replace(os.path.join(base, n), os.path.join(out, rel))
                    got.add(name)
    shutil.rmtree(tmp_root, ignore_errors=True)
    try:
        os.rmdir(os.path.dirname(tmp_root))
    except OSError:
        pass
    for name, columns in DATASETS.items():
        if not keep[name]:
            continue
        if name not in got and not os.path.exists(os.path.join(out, name)):
            if name == "events":
                os.makedirs(os.path.join(out, name))
            else:
                w = spark.createDataFrame([], spark_schema(columns)).write.mode("append")
                w.parquet(os.path.join(out, name))
        open(os.path.join(out, name, "_SUCCESS"), "a").close()


def run(spark, input_path: str, output: str, shiju: str, partitions: Optional[int] = None,
        lexicon: Optional[str] = None, exclude: Iterable[str] = (), published: Optional[str] = None,
        max_bytes: Optional[int] = None, mode: str = "overwrite", reader: str = "files",
        modified_after: Optional[str] = None, input_format: str = "files",
        columns: Optional[Dict[str, str]] = None, writer: str = "auto") -> Dict[str, Any]:
    """Runs the whole job; returns counts and timings.  `writer`: "shiju"
    (each partition's shiju process writes its Parquet files; the output
    must be a folder the executors share: local, `file:`, a mount),
    "spark" (the JVM parses shiju's output lines and writes the tables:
    any Hadoop file system), "auto" (shiju for a local output, else spark)."""
    from pyspark import StorageLevel

    import shiju_tables as TB

    sc = spark.sparkContext
    t0 = time.time()
    # executors import these modules when run() is called from other code
    here = os.path.dirname(os.path.abspath(__file__))
    for mod in ("shiju_io.py", "shiju_tables.py", "shiju_spark.py"):
        sc.addPyFile(os.path.join(here, mod))
    # the binary and the lexicon folder: a local path (checked here) or any
    # URI sc.addFile reads (hdfs://, s3a://, https://)
    remote = "://" in shiju
    if not remote:
        shiju = os.path.abspath(shiju)
        if not os.access(shiju, os.X_OK):
            raise SystemExit(f"shiju binary {shiju} is missing or not executable")
    sc.addFile(shiju)
    bin_name = posixpath.basename(shiju.rstrip("/"))
    fallback_bin = None if remote else shiju
    lex_name = None
    if lexicon:
        if "://" not in lexicon:
            lexicon = os.path.abspath(lexicon)
        sc.addFile(lexicon, recursive=True)
        lex_name = posixpath.basename(lexicon.rstrip("/"))
        if "://" in lexicon:
            lexicon = None
    extra: List[str] = []
    if published:
        extra += ["--published", published]
    if max_bytes:
        extra += ["--max-bytes", str(max_bytes)]
    cap = max_bytes or 20 * 1024 * 1024

    cols = columns or {}
    listing_only = False
    if input_format == "jsonl":
        raw = read_jsonl(spark, input_path, partitions)
    elif input_format == "parquet":
        raw = read_parquet(spark, input_path, cols.get("id", "id"), cols.get("bytes", "content"),
                           cols.get("url"), cols.get("published"))
    else:
        # the shiju writer on local inputs: Spark lists, each task reads its files
        listing_only = (writer in ("auto", "shiju") and reader == "files"
                        and local_dir(output) is not None
                        and all(local_dir(p) is not None for p in input_path.split(",")))
        files = list_local(input_path, exclude) if listing_only and not modified_after \
            else None
        if files is not None:
            raw = balanced_listing(spark, files, partitions)
        else:
            raw = read_documents(spark, input_path, reader, list(exclude), modified_after,
                                 content=not listing_only)
            if listing_only:
                listed = [(r[0], int(r[1] or 0)) for r in raw.collect()]
                raw = balanced_listing(spark, listed, partitions)
    if partitions and input_format != "jsonl" and not listing_only:
        have = raw.getNumPartitions()
        if have > partitions:
            raw = raw.coalesce(partitions)
        elif have < partitions:
            raw = raw.repartition(partitions)

    def argv_of():
        binary = _resolve(bin_name, fallback_bin)
        if binary is None:
            raise RuntimeError(f"shiju binary {bin_name} was not shipped to this executor")
        argv = [_executable(binary), "analyze", "--jsonl"] + extra
        lex = _resolve(lex_name, lexicon) if lex_name else None
        if lex:
            argv += ["--lexicon", lex]
        return argv

    local = local_dir(output)
    if writer == "auto":
        writer = "shiju" if local is not None else "spark"
    if writer == "shiju":
        if local is None:
            raise SystemExit(f"--writer shiju needs a local or file: output, not {output}")
        local = os.path.abspath(local)
        if mode == "error" and any(os.path.exists(os.path.join(local, n)) for n in DATASETS):
            raise SystemExit(f"{output} already holds a dataset (--mode error)")
        tmp_root = os.path.join(local, "_temporary", f"shiju-{os.getpid()}-{int(t0 * 1000)}")
        results = [json.loads(r) for r in raw.mapPartitionsWithIndex(
            tables_fn(input_format, argv_of, cap, tmp_root)).collect()]
        _commit(spark, results, local, mode, tmp_root)
        counts = dict.fromkeys(("events", "articles", "entities", "rejects"), 0)
        for r in results:
            for k in counts:
                counts[k] += r["counts"].get(k, 0)
        counts.update({"partitions": raw.getNumPartitions(),
                       "seconds": round(time.time() - t0, 3)})
        return counts

    # Python moves bytes only; the JVM parses shiju's lines (from_json) and
    # derives the four tables from one cached parse, so shiju runs once.
    lines = raw.mapPartitions(partition_fn(input_format, argv_of, cap))
    parsed = TB.parse(_text_frame(spark, lines)).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        counts: Dict[str, Any] = TB.counts(parsed)
        for name, table in TB.TABLES.items():
            w = table(parsed).write.mode(mode).option("compression", "snappy")
            path = output.rstrip("/") + "/" + name
            if name == "events":
                w.partitionBy("event_month").parquet(path)
            else:
                w.parquet(path)
    finally:
        parsed.unpersist()
    counts.update({"partitions": raw.getNumPartitions(), "seconds": round(time.time() - t0, 3)})
    return counts


def main(argv: Optional[List[str]] = None) -> int:
    import shiju_jvm as JVM  # the driver's only: executors never import it

    ap = argparse.ArgumentParser(description="Run shiju over raw documents on Spark; write Parquet.")
    ap.add_argument("--input", required=True,
                    help="folder, file or glob any Hadoop file system reads (comma-separated for several)")
    ap.add_argument("--output", required=True, help="output folder (events/, articles/, entities/, rejects/)")
    ap.add_argument("--shiju", required=True, help="path to the shiju binary (shipped to the executors)")
    ap.add_argument("--master", help="Spark master (default: spark-submit's, else local[*])")
    ap.add_argument("--partitions", type=int, help="number of partitions (default: default parallelism)")
    ap.add_argument("--lexicon", help="lexicon folder (shipped to the executors; passed as --lexicon)")
    ap.add_argument("--published", help="reference date YYYY-MM-DD for inputs that carry none")
    ap.add_argument("--max-bytes", type=int, help="largest input shiju accepts")
    ap.add_argument("--exclude", action="append", default=[],
                    help="skip files whose name matches this glob (repeatable), e.g. '*.gold.json'")
    ap.add_argument("--reader", default="files", choices=["files", "rdd"],
                    help="files: Spark SQL binaryFile source (default, parallel listing); "
                         "rdd: sc.binaryFiles")
    ap.add_argument("--modified-after", metavar="YYYY-MM-DDTHH:MM:SS",
                    help="only files modified after this time (incremental runs)")
    ap.add_argument("--input-format", default="files", choices=["files", "jsonl", "parquet"],
                    help="files: one document per file, WARC files split into records (default); "
                         "jsonl: JSON-lines shards; parquet: a table with an id and a document column")
    ap.add_argument("--id-column", default="id", help="parquet: the id column (default id)")
    ap.add_argument("--bytes-column", default="content",
                    help="parquet: the document column, binary (raw bytes) or string (text)")
    ap.add_argument("--url-column", help="parquet: a column with each document's URL")
    ap.add_argument("--published-column", help="parquet: a column with each document's date")
    ap.add_argument("--partition-bytes", type=int, metavar="N",
                    help="files/parquet: bytes per partition (spark.sql.files.maxPartitionBytes)")
    ap.add_argument("--writer", default="auto", choices=["auto", "shiju", "spark"],
                    help="who writes the Parquet files: shiju (one process per partition, no "
                         "JVM per document; the output must be local or shared), spark (the JVM "
                         "parses shiju's output: any Hadoop file system), auto (default: shiju "
                         "for a local output)")
    ap.add_argument("--mode", default="overwrite", choices=["overwrite", "append", "error", "ignore"],
                    help="Parquet save mode (default overwrite)")
    ap.add_argument("--loopback", action="store_true",
                    help="keep Spark on 127.0.0.1 and disable the UI (tests, laptops)")
    ap.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                    help="extra Spark configuration (repeatable)")
    ap.add_argument("--jvm-cache", default=JVM.default_cache(), metavar="DIR",
                    help="folder for the driver JVM's class archive (made on first use; "
                         "'none': no archive); default %(default)s")
    a = ap.parse_args(argv)
    conf = dict(LOOPBACK_CONF) if a.loopback else {}
    for kv in a.conf:
        k, _, v = kv.partition("=")
        conf[k] = v
    if a.partition_bytes:
        conf["spark.sql.files.maxPartitionBytes"] = str(a.partition_bytes)
        conf.setdefault("spark.sql.files.openCostInBytes", str(min(a.partition_bytes, 1 << 20)))
    if a.loopback:
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    light = a.writer == "shiju" or (a.writer == "auto" and local_dir(a.output) is not None)
    jvm = JVM.DriverJvm(conf, light, None if a.jvm_cache == "none" else a.jvm_cache, a.master)
    spark = build_spark(a.master, jvm.conf())
    try:
        columns = {"id": a.id_column, "bytes": a.bytes_column}
        if a.url_column:
            columns["url"] = a.url_column
        if a.published_column:
            columns["published"] = a.published_column
        counts = run(spark, a.input, a.output, a.shiju, a.partitions, a.lexicon, a.exclude,
                     a.published, a.max_bytes, a.mode, a.reader, a.modified_after,
                     a.input_format, columns, a.writer)
    finally:
        spark.stop()
        jvm.finish()
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
