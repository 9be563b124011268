"""End-to-end tests of spark/shiju_spark.py.

* local[2]: the driver run as a user runs it (a subprocess) over the seeds
  (../shared/seeds, if present), samples/corpus, samples/bad and a few inputs
  written here; the Parquet output is read back with Spark and compared,
  event by event, with `shiju analyze --jsonl` run directly on the same
  inputs, and with the events of `shiju ingest` + `shiju export` on one
  machine (every mention, and the GDELT counts); then `shiju import` of the
  Spark output + `shiju export` must give exactly the events of `shiju
  ingest` + `shiju export`.
* standalone: a master and two workers started on 127.0.0.1 by the test,
  the same job against them, the same comparisons; the cluster is stopped
  in a finally block.

Skipped (not failed) when pyspark or Java is missing.
"""

import collections
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import pytest

pyspark = pytest.importorskip("pyspark")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("Java is not installed", allow_module_level=True)

HERE = os.path.dirname(os.path.abspath(__file__))
SPARK_DIR = os.path.dirname(HERE)
REPO = os.path.dirname(SPARK_DIR)
sys.path.insert(0, SPARK_DIR)
import shiju_cluster as C  # noqa: E402
import shiju_spark as S  # noqa: E402

DRIVER = os.path.join(SPARK_DIR, "shiju_spark.py")
SEEDS = os.path.join(REPO, "..", "shared", "seeds")
LOOPBACK_ENV = {"SPARK_LOCAL_IP": "127.0.0.1", "PYSPARK_PYTHON": sys.executable,
                "PYSPARK_DRIVER_PYTHON": sys.executable}
os.environ.update(LOOPBACK_ENV)


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="session")
def shiju_bin():
    cands = [os.environ.get("SHIJU_BIN")]
    if os.environ.get("CARGO_TARGET_DIR"):
        cands.append(os.path.join(os.environ["CARGO_TARGET_DIR"], "release", "shiju"))
    cands.append(os.path.join(REPO, "target", "release", "shiju"))
    for c in cands:
        if c and os.access(c, os.X_OK):
            return os.path.abspath(c)
    if not shutil.which("cargo"):
        pytest.skip("no shiju binary and no cargo to build one")
    subprocess.run(["cargo", "build", "--release", "-p", "shiju"], cwd=REPO, check=True)
    for c in cands[1:]:
        if c and os.access(c, os.X_OK):
            return os.path.abspath(c)
    pytest.fail("cargo build did not produce target/release/shiju")


# Our own small inputs (written for this test): nested folders, a name with
# a space and CJK characters, GBK bytes, a Big5 wire-style text, an empty file.
EXTRA = {
    "extra/2024/11/nested story.txt": "外交部发言人周二表示，中方欢迎法国总统马克龙下月访华。".encode("utf-8"),
    "extra/2024/11/深层/gbk新闻.txt": "日本首相周三在东京会见韩国总统，双方同意加强合作。".encode("gbk"),
    "extra/2023/big5.txt": "（中央社台北5日電）外交部今天表示，譴責北韓試射飛彈。".encode("big5"),
    "extra/empty": b"",
}


@pytest.fixture(scope="session")
def inputs(tmp_path_factory):
    """A folder tree of raw documents (gold files copied too: the driver
    must skip them with --exclude)."""
    root = tmp_path_factory.mktemp("raw")
    srcs = [("corpus", os.path.join(REPO, "samples", "corpus")),
            ("bad", os.path.join(REPO, "samples", "bad"))]
    if os.path.isdir(SEEDS):
        srcs.append(("seeds", SEEDS))
    for name, src in srcs:
        shutil.copytree(src, root / name)
    for rel, data in EXTRA.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    files = sorted(p for p in glob.glob(str(root / "**"), recursive=True)
                   if os.path.isfile(p) and not p.endswith(".gold.json"))
    assert len(files) >= 30
    return str(root), files


def _reference(shiju, files):
    """`shiju analyze --jsonl` run directly on the inputs, with the ids Spark
    gives them (`file:` + absolute path)."""
    lines = "".join(S.input_line("file:" + f, open(f, "rb").read()) + "\n" for f in files)
    p = subprocess.run([shiju, "analyze", "--jsonl"], input=lines.encode(), capture_output=True,
                       check=True, timeout=120)
    out = [json.loads(x) for x in p.stdout.decode().splitlines() if x.strip()]
    assert out, "no reference output"
    return out


@pytest.fixture(scope="session")
def reference(shiju_bin, inputs):
    return _reference(shiju_bin, inputs[1])


# the driver JVM's class archive (shiju_jvm.py): one for the whole session, not the user's
JVM_CACHE = os.path.join(tempfile.gettempdir(), f"shiju-test-jvm-{os.getpid()}")


@pytest.fixture(scope="session", autouse=True)
def _jvm_cache():
    yield
    shutil.rmtree(JVM_CACHE, ignore_errors=True)


def _run_driver(shiju, input_dir, out, master, extra=(), timeout=900):
    cmd = [sys.executable, DRIVER, "--input", input_dir, "--output", out, "--shiju", shiju,
           "--master", master, "--exclude", "*.gold.json", "--loopback", "--jvm-cache",
           JVM_CACHE, *extra]
    t = time.time()
    p = subprocess.run(cmd, capture_output=True, timeout=timeout, cwd=REPO)
    if p.returncode != 0:
        sys.stderr.write(p.stderr.decode("utf-8", "replace")[-6000:])
    assert p.returncode == 0, "driver failed"
    counts = json.loads(p.stdout.decode().strip().splitlines()[-1])
    counts["wall"] = time.time() - t
    return counts


@pytest.fixture(scope="session")
def spark():
    """An in-process session used only to read the Parquet output back."""
    s = S.build_spark("local[1]", dict(S.LOOPBACK_CONF, **{"spark.sql.shuffle.partitions": "2"}),
                      app_name="shiju-readback")
    yield s
    s.stop()


@pytest.fixture(scope="session")
def local_out(shiju_bin, inputs, tmp_path_factory):
    out = str(tmp_path_factory.mktemp("out_local") / "shiju")
    counts = _run_driver(shiju_bin, inputs[0], out, "local[2]", ["--partitions", "3"])
    print(f"\nlocal[2]: {counts}")
    return out, counts


# ---------------------------------------------------------------- compare

EV_KEYS = ["doc", "source", "target", "source_entity", "target_entity", "code", "root",
           "goldstein", "quad_class", "plover", "date", "evidence", "start", "end"]


def _expected_events(ref):
    out = []
    for a in ref:
        if "error" in a:
            continue
        art = a["article"]
        for e in a["events"]:
            d = dict(e, doc=a["doc"], root=e["cameo"])
            row = tuple(d.get(k) for k in EV_KEYS)
            extra = (art.get("url"), art.get("outlet"), art.get("published"),
                     S.event_month(e["date"]),
                     S.global_event_id(a["doc"], e["source"], e["target"], e["code"], e["date"],
                                       e["start"]))
            out.append(row + extra)
    return collections.Counter(out)


def _read(spark, out, name):
    df = spark.read.parquet(os.path.join(out, name))
    return df, [r.asDict(recursive=True) for r in df.collect()]


def _check_schema(df, name):
    want = S.spark_schema(S.DATASETS[name])
    got = [(f.name, f.dataType.simpleString()) for f in df.schema.fields]
    assert got == [(f.name, f.dataType.simpleString()) for f in want.fields], name


def _compare(spark, out, reference, files, reader="files"):
    """Reads the four datasets back and compares them with the reference.
    Spark's file source (reader "files") never reads zero-byte files."""
    if reader == "files":
        files = [f for f in files if os.path.getsize(f) > 0]
        keep = {"file:" + f for f in files}
        reference = [a for a in reference if a["id"] in keep]
    ev_df, events = _read(spark, out, "events")
    _check_schema(ev_df, "events")
    got = collections.Counter(
        tuple(r[k] for k in EV_KEYS) + (r["url"], r["outlet"], r["published"], r["event_month"],
                                        r["global_event_id"])
        for r in events)
    want = _expected_events(reference)
    assert sum(want.values()) > 100, "too few reference events to be a meaningful test"
    missing, extra = want - got, got - want
    assert not missing and not extra, f"missing {list(missing)[:3]} extra {list(extra)[:3]}"
    # the partition folders hold what their name says
    for r in events:
        assert r["event_month"] == S.event_month(r["date"])
    months = {os.path.basename(p) for p in glob.glob(os.path.join(out, "events", "event_month=*"))}
    assert months == {f"event_month={m or '__HIVE_DEFAULT_PARTITION__'}"
                      for m in {r["event_month"] for r in events}}
    if any(not e["date"] for a in reference for e in a.get("events", [])):
        assert None in {r["event_month"] for r in events}  # undated events are kept

    art_df, arts = _read(spark, out, "articles")
    _check_schema(art_df, "articles")
    ok_ref = [a for a in reference if "error" not in a]
    assert sorted(a["doc"] for a in arts) == sorted(a["doc"] for a in ok_ref)
    by_doc = {a["doc"]: a for a in arts}
    for a in ok_ref:
        g = by_doc[a["doc"]]
        assert json.loads(g["analysis_json"]) == a
        assert g["id"] == a["id"] and g["title"] == a["article"]["title"]
        assert g["paragraphs"] == a["article"]["paragraphs"]
        assert g["n_events"] == len(a["events"]) and g["n_entities"] == len(a["entities"])
        assert [(t["text"], t["value"], t["start"], t["end"]) for t in g["timex"]] == \
               [(t["text"], t["value"], t["start"], t["end"]) for t in a["timex"]]
        assert [(q["speaker"], q["text"], q["start"], q["end"]) for q in g["quotes"]] == \
               [(q["speaker"], q["text"], q["start"], q["end"]) for q in a["quotes"]]

    ent_df, ents = _read(spark, out, "entities")
    _check_schema(ent_df, "entities")
    got_e = collections.Counter(
        (e["doc"], e["entity_id"], e["type"], e["country"], e["role_title"], tuple(e["forms"]),
         tuple((m["text"], m["start"], m["end"]) for m in e["mentions"])) for e in ents)
    want_e = collections.Counter(
        (a["doc"], e["id"], e["type"], e["country"], (e.get("role") or {}).get("title"),
         tuple(e["forms"]), tuple((m["text"], m["start"], m["end"]) for m in e["mentions"]))
        for a in ok_ref for e in a["entities"])
    assert got_e == want_e

    rej_df, rejs = _read(spark, out, "rejects")
    _check_schema(rej_df, "rejects")
    assert sorted((r["id"], r["doc"], r["error"]) for r in rejs) == \
           sorted((a["id"], a.get("doc"), a["error"]) for a in reference if "error" in a)
    assert len(rejs) == sum(1 for a in reference if "error" in a)

    # every input file is accounted for, no gold file was read
    seen = {a["id"] for a in arts} | {r["id"] for r in rejs}
    assert seen == {"file:" + f for f in files}
    return len(events), len(arts), len(ents), len(rejs)


# ------------------------------------------- single machine: ingest + export

def _export(shiju, data):
    p = subprocess.run([shiju, "export", "--format", "jsonl", "--data", data],
                       capture_output=True, check=True, timeout=120)
    return [json.loads(x) for x in p.stdout.decode().splitlines() if x.strip()]


def _norm_export(events):
    """`shiju export --format jsonl` without what depends on when and in
    which order rows were inserted (event ids, date added, document ids)."""
    out = []
    for e in events:
        e = {k: v for k, v in e.items() if k not in ("id", "date_added")}
        e["mentions"] = [{k: v for k, v in m.items() if k != "doc"} for m in e["mentions"]]
        out.append(json.dumps(e, sort_keys=True, ensure_ascii=False))
    return sorted(out)


@pytest.fixture(scope="session")
def ingested(shiju_bin, inputs, tmp_path_factory):
    """`shiju ingest` of the input folder on one machine, then `shiju export`."""
    data = str(tmp_path_factory.mktemp("ingested") / "data")
    subprocess.run([shiju_bin, "ingest", "--data", data, inputs[0]], capture_output=True,
                   check=True, timeout=300)
    return _export(shiju_bin, data)


def _host(url):
    rest = url.split("://", 1)[1] if "://" in url else url
    h = rest.replace("?", "/").replace("#", "/").split("/")[0].strip()
    return h.lower() or None


def _compare_with_ingest(events, exported):
    """The Spark events (one row per mention) against `shiju ingest` +
    `shiju export` (one row per event with its mentions): the same mentions,
    and the same NumMentions / NumArticles / NumSources per event."""
    def mention_key(path, source, target, root, date, code, evidence, start, end):
        return (path, source, target, root, date, code, evidence, start, end)

    want = collections.Counter()
    want_counts = {}
    for e in exported:
        for m in e["mentions"]:
            name = os.path.basename(m["path"])
            doc = m["path"] + m["item"][len(name):]  # path, plus #n for feed items
            want[mention_key(doc, e["source"], e["target"], e["root"], e["date"], m["code"],
                             m["evidence"], m["start"], m["end"])] += 1
        want_counts[(e["source"], e["target"], e["root"], e["date"])] = \
            (e["num_mentions"], e["num_articles"], e["num_sources"])
    got = collections.Counter()
    groups = collections.defaultdict(list)
    for r in events:
        doc = r["doc"][len("file:"):] if r["doc"].startswith("file:") else r["doc"]
        got[mention_key(doc, r["source"], r["target"], r["root"], r["date"], r["code"],
                        r["evidence"], r["start"], r["end"])] += 1
        groups[(r["source"], r["target"], r["root"], r["date"])].append(r)
    assert sum(want.values()) > 100
    missing, extra = want - got, got - want
    assert not missing and not extra, f"missing {list(missing)[:3]} extra {list(extra)[:3]}"
    got_counts = {}
    for k, rows in groups.items():
        files = lambda r: r["doc"].split("#")[0]  # noqa: E731 (a feed's items share a file)
        outlets = {r["outlet"] or (r["url"] and _host(r["url"])) or ("file", files(r))
                   for r in rows}
        got_counts[k] = (len(rows), len({r["doc"] for r in rows}), len(outlets))
    assert got_counts == want_counts


def _import_matches_ingest(shiju, out, ingested, tmp):
    """`shiju import` of the Spark output, then `shiju export`: the events of
    `shiju ingest` + `shiju export`; a second import changes nothing."""
    data = os.path.join(tmp, "imported")
    p = subprocess.run([shiju, "import", out, "--data", data], capture_output=True, timeout=300)
    assert p.returncode == 0, p.stderr.decode("utf-8", "replace")[-3000:]
    summary = [x for x in p.stderr.decode().splitlines() if " inputs = " in x]
    assert summary and " imported + " in summary[0], p.stderr.decode()
    got = _export(shiju, data)
    assert _norm_export(got) == _norm_export(ingested)
    p = subprocess.run([shiju, "import", out, "--data", data], capture_output=True, timeout=300)
    assert p.returncode == 0 and " 0 imported + " in p.stderr.decode(), p.stderr.decode()
    assert _export(shiju, data) == got
    return summary[0]


# ---------------------------------------------------------------- tests

def test_local_matches_single_machine(spark, local_out, reference, inputs):
    out, counts = local_out
    n = _compare(spark, out, reference, inputs[1])
    assert (counts["events"], counts["articles"], counts["entities"], counts["rejects"]) == n
    assert counts["partitions"] == 3


def test_local_matches_ingest_and_import(spark, local_out, ingested, shiju_bin, tmp_path):
    out, _ = local_out
    _, events = _read(spark, out, "events")
    _compare_with_ingest(events, ingested)
    print("\nlocal[2] import: " + _import_matches_ingest(shiju_bin, out, ingested, str(tmp_path)))


def test_seeds_are_included_when_present(reference):
    if not os.path.isdir(SEEDS):
        pytest.skip("../shared/seeds is absent")
    seeds = {os.path.basename(p) for p in glob.glob(os.path.join(SEEDS, "*"))
             if not p.endswith(".gold.json")}
    docs = {os.path.basename(a["id"]) for a in reference}
    assert seeds <= docs


def test_lexicon_folder_is_shipped_and_rdd_reader(shiju_bin, inputs, tmp_path, spark):
    """--lexicon DIR reaches the executors (an empty folder: same results);
    the sc.binaryFiles reader gives the same events."""
    lex = tmp_path / "mylex"
    lex.mkdir()
    small = tmp_path / "small"
    shutil.copytree(os.path.join(REPO, "samples", "corpus"), small)
    (small / "zero bytes.txt").write_bytes(b"")
    out = str(tmp_path / "out")
    # in-process, through the Python API, on the read-back session (local[1])
    counts = S.run(spark, str(small), out, shiju_bin, partitions=1, lexicon=str(lex),
                   exclude=["*.gold.json"], reader="rdd")
    files = sorted(p for p in glob.glob(str(small / "*")) if not p.endswith(".gold.json"))
    ref = _reference(shiju_bin, files)
    assert counts["events"] == sum(len(a.get("events", [])) for a in ref)
    _compare(spark, out, ref, files, reader="rdd")
    _, rejs = _read(spark, out, "rejects")
    assert [r["error"] for r in rejs] == ["empty file"]  # sc.binaryFiles sees empty files
    _, events = _read(spark, out, "events")
    assert collections.Counter(
        tuple(r[k] for k in EV_KEYS) + (r["url"], r["outlet"], r["published"], r["event_month"],
                                        r["global_event_id"]) for r in events) == \
        _expected_events(ref)


def test_spark_writer_matches_single_machine(shiju_bin, inputs, reference, spark, ingested,
                                             tmp_path):
    """--writer spark (the JVM parses shiju's lines and writes the tables, as
    for hdfs:// and s3a:// outputs) gives the datasets the shiju writer gives,
    the events of `shiju ingest`, and `shiju import` the same store."""
    out = str(tmp_path / "shiju")
    counts = _run_driver(shiju_bin, inputs[0], out, "local[2]",
                         ["--partitions", "2", "--writer", "spark"])
    n = _compare(spark, out, reference, inputs[1])
    assert (counts["events"], counts["articles"], counts["entities"], counts["rejects"]) == n
    _, events = _read(spark, out, "events")
    _compare_with_ingest(events, ingested)
    print("\nspark writer import: " + _import_matches_ingest(shiju_bin, out, ingested,
                                                             str(tmp_path)))


def test_standalone_cluster_matches_single_machine(shiju_bin, inputs, reference, spark, ingested):
    tmp = tempfile.mkdtemp(prefix="shiju-standalone-")
    try:
        with C.standalone(tmp, workers=2) as cluster:
            out = os.path.join(tmp, "out")
            counts = _run_driver(shiju_bin, inputs[0], out, cluster.url, [
                "--partitions", "4",
                "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2",
                "--conf", "spark.executor.memory=512m",
            ])
        print(f"\nstandalone (2 workers): {counts}")
        n = _compare(spark, out, reference, inputs[1])
        assert (counts["events"], counts["articles"], counts["entities"], counts["rejects"]) == n
        _, events = _read(spark, out, "events")
        _compare_with_ingest(events, ingested)
        print("standalone import: " + _import_matches_ingest(shiju_bin, out, ingested, tmp))

        # the binary really was shipped: each executor fetched its own copy
        shipped = glob.glob(f"{tmp}/work/w*/app-*/*/shiju")
        assert len({p.split("/work/")[1].split("/")[0] for p in shipped}) == 2, shipped
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ------------------------------------------------ inputs clusters hold

REALNEWS = os.path.join(REPO, "..", "shared", "realnews")


def _pages():
    """Real pages (../shared/realnews, read at test time) else the samples."""
    src = REALNEWS if os.path.isdir(REALNEWS) else os.path.join(REPO, "samples", "corpus")
    return [f for f in sorted(glob.glob(os.path.join(src, "*")))
            if f.endswith((".html", ".md")) and os.path.basename(f)[0] in "rs0123456789"]


def _warc_record(kind, uri, date, block, content_type="application/http; msgtype=response"):
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{len(block)}>\r\n"
            + (f"WARC-Target-URI: {uri}\r\n" if uri else "")
            + (f"WARC-Date: {date}\r\n" if date else "")
            + f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def write_warc(path, pages, copies, gz=True, truncate_last=False, first=0):
    """A WARC file of `copies` responses per page (each copy's bytes differ),
    with the request and metadata records crawlers write; returns the target
    URI of every response, by record number."""
    import gzip as _gzip

    uris, records = {}, [_warc_record("warcinfo", None, "2024-06-01T00:00:00Z",
                                      b"software: shiju test\r\n", "application/warc-fields")]
    for c in range(first, first + copies):
        for i, p in enumerate(pages):
            body = open(p, "rb").read() + f"\n<!-- copy {c} -->\n".encode()
            uri = f"https://news.example.org/{c}/{i}/{os.path.basename(p)}"
            ctype = "text/markdown; charset=utf-8" if p.endswith(".md") else "text/html"
            http = (f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n").encode() + body
            records.append(_warc_record("request", uri, None, b"GET / HTTP/1.1\r\n\r\n",
                                        "application/http; msgtype=request"))
            records.append(_warc_record("response", uri, f"2024-06-{1 + i % 28:02d}T09:00:00Z", http))
            uris[len(records)] = uri
    records.append(_warc_record("response", "https://news.example.org/gone", "2024-06-02T00:00:00Z",
                                b"HTTP/1.1 404 Not Found\r\n\r\n"))
    if truncate_last:
        records.append(records[2][:700])
    with open(path, "wb") as f:
        for r in records:
            f.write(_gzip.compress(r, 1) if gz else r)
    return uris


@pytest.fixture(scope="session")
def warc_inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("warc")
    pages = _pages()
    assert len(pages) >= 20
    uris = {}
    # (no record of one file repeats one of the other: `shiju ingest` would
    # store it once)
    for name, gz, copies, cut, first in [("crawl-a.warc.gz", True, 4, True, 0),
                                         ("crawl-b.warc", False, 1, False, 4)]:
        for n, u in write_warc(str(root / name), pages, copies, gz, cut, first).items():
            uris[f"file:{root / name}#{n:06d}"] = u
    assert len(uris) >= 250
    return str(root), uris


def test_warc_through_the_driver_and_ingest_gives_the_same_events(
        shiju_bin, warc_inputs, spark, tmp_path):
    root, uris = warc_inputs
    out = str(tmp_path / "out")
    counts = _run_driver(shiju_bin, root, out, "local[2]", ["--partitions", "2"], timeout=900)
    print(f"\nWARC, local[2]: {counts}")
    _, arts = _read(spark, out, "articles")
    _, rejs = _read(spark, out, "rejects")
    # every response record is one input: analysed, or rejected with its reason
    assert set(uris) <= {a["id"] for a in arts} | {r["id"] for r in rejs}
    assert {a["id"] for a in arts} <= set(uris)
    for a in arts:
        assert a["url"] == uris[a["id"]], a["id"]
        assert a["sha256"] and a["size"]
    errs = sorted(r["error"] for r in rejs)
    assert any("HTTP status 404" in e for e in errs), errs
    assert any("WARC record" in e and "truncated" in e for e in errs), errs
    # `shiju ingest` of the same folder reads the same records
    data = str(tmp_path / "data")
    p = subprocess.run([shiju_bin, "ingest", "--data", data, root], capture_output=True,
                       timeout=600)
    assert p.returncode == 0, p.stderr.decode()[-2000:]
    summary = [x for x in p.stderr.decode().splitlines() if " inputs = " in x][0]
    n_inputs = int(summary.split()[0])
    assert n_inputs == len(arts) + len(rejs), (summary, len(arts), len(rejs))
    exported = _export(shiju_bin, data)
    _, events = _read(spark, out, "events")
    _compare_with_ingest(events, exported)
    print("WARC import: " + _import_matches_ingest(shiju_bin, out, exported, str(tmp_path)))


def _shard_lines(pages):
    lines = []
    for i, p in enumerate(pages):
        data = open(p, "rb").read()
        lines.append(S.line_for(f"shard-doc-{i}", data,
                                url=f"https://news.example.org/s/{i}.html").decode())
    lines.append(json.dumps({"id": "text-1", "text": EXTRA["extra/2024/11/nested story.txt"]
                             .decode(), "published": "2024-11-05"}, ensure_ascii=False))
    lines.append(json.dumps({"text": "no id first", "id": 7}))
    lines.append("not json at all")
    return lines


def test_jsonl_shards_and_parquet_match_shiju(shiju_bin, spark, tmp_path):
    pages = _pages()[:30]
    lines = _shard_lines(pages)
    shards = tmp_path / "shards"
    shards.mkdir()
    half = len(lines) // 2
    (shards / "part-0.jsonl").write_text("\n".join(lines[:half]) + "\n")
    (shards / "part-1.jsonl").write_text("\n".join(lines[half:]) + "\n")
    p = subprocess.run([shiju_bin, "analyze", "--jsonl"], input="\n".join(lines).encode(),
                       capture_output=True, check=True, timeout=300)
    ref = [json.loads(x) for x in p.stdout.decode().splitlines() if x.strip()]
    assert sum(len(a.get("events", [])) for a in ref) > 20
    out = str(tmp_path / "out-jsonl")
    counts = _run_driver(shiju_bin, str(shards), out, "local[2]",
                         ["--input-format", "jsonl", "--partitions", "3"], timeout=900)
    print(f"\nJSONL shards: {counts}")
    _check_against(spark, out, ref)
    _, arts = _read(spark, out, "articles")
    assert {a["url"] for a in arts if a["id"].startswith("shard-doc-")} == \
        {f"https://news.example.org/s/{i}.html" for i in range(len(pages))}

    # Parquet with a binary column (and a URL column)
    rows = [(f"pq-{i}", bytearray(open(f, "rb").read()), f"https://news.example.org/p/{i}.html")
            for i, f in enumerate(pages)]
    pq = str(tmp_path / "table")
    spark.createDataFrame(rows, "doc_id string, raw binary, link string").repartition(2) \
        .write.parquet(pq)
    ref_lines = [S.line_for(i, bytes(b), url=u).decode() for i, b, u in rows]
    p = subprocess.run([shiju_bin, "analyze", "--jsonl"], input="\n".join(ref_lines).encode(),
                       capture_output=True, check=True, timeout=300)
    ref = [json.loads(x) for x in p.stdout.decode().splitlines() if x.strip()]
    out = str(tmp_path / "out-parquet")
    counts = _run_driver(shiju_bin, pq, out, "local[2]",
                         ["--input-format", "parquet", "--id-column", "doc_id",
                          "--bytes-column", "raw", "--url-column", "link"], timeout=900)
    print(f"Parquet: {counts}")
    _check_against(spark, out, ref)


def _check_against(spark, out, ref):
    """The four datasets against `shiju analyze --jsonl` output lines `ref`."""
    ev_df, events = _read(spark, out, "events")
    _check_schema(ev_df, "events")
    got = collections.Counter(
        tuple(r[k] for k in EV_KEYS) + (r["url"], r["outlet"], r["published"], r["event_month"],
                                        r["global_event_id"]) for r in events)
    assert got == _expected_events(ref)
    art_df, arts = _read(spark, out, "articles")
    _check_schema(art_df, "articles")
    ok = [a for a in ref if "error" not in a]
    assert sorted(json.dumps(json.loads(a["analysis_json"]), sort_keys=True) for a in arts) == \
        sorted(json.dumps(a, sort_keys=True) for a in ok)
    rej_df, rejs = _read(spark, out, "rejects")
    _check_schema(rej_df, "rejects")
    # ("line N: invalid JSON" counts lines of one shiju process's input)
    unnumbered = lambda e: re.sub(r"^line \d+: ", "", e)  # noqa: E731
    assert sorted((str(r["id"]), unnumbered(r["error"])) for r in rejs) == \
        sorted((str(a["id"]), unnumbered(a["error"])) for a in ref if "error" in a)
    _check_schema(_read(spark, out, "entities")[0], "entities")


def _listing_tree(root):
    """Names Spark's listing keeps or leaves out: hidden files and folders,
    partition-style names, copies in progress, an empty file, spaces, CJK,
    URL and glob characters, a link to a folder (walked through)."""
    for rel in ["_a.txt", ".b.txt", "_f=1.txt", "x._COPYING_", "_metadata", "ok.txt",
                "sp ace/x y.txt", "中文/新闻.txt", "pct%20.txt", "hash#1.txt", "q?.txt",
                "br[1].txt", "cb{a,b}.txt", "sub/_hid/ok.txt", ".hid/ok.txt", "n=1/ok.txt",
                "_p=2/ok.txt", "deep/a/b/ok.html", "a.gold.json"]:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes("新闻".encode() * (1 + len(rel)))
    (root / "empty.txt").write_bytes(b"")
    os.symlink(root / "deep", root / "link_to_deep")


def test_local_listing_is_sparks(spark, tmp_path):
    """The driver lists local inputs itself (`list_local`): the files and
    sizes Spark's binaryFile source lists, under the ids it gives them."""
    root = tmp_path / "tree"
    _listing_tree(root)
    lone = tmp_path / "_lone.txt"
    lone.write_bytes(b"x")
    for inp in [str(root), f"file:{root}", f"file://{root}/", str(lone),
                f"{root}/sub,{root}/deep", str(root / "link_to_deep"), str(root / "ok.txt")]:
        df = S.read_documents(spark, inp, "files", ["*.gold.json"], None, content=False)
        want = sorted((r[0], int(r[1])) for r in df.collect())
        assert sorted(S.list_local(inp, ["*.gold.json"])) == want, inp


def test_a_table_without_rows_is_one_empty_file(shiju_bin, spark, tmp_path):
    """Clean inputs give no reject: `rejects/` holds one file with the
    schema and no rows (written by shiju, not by a Spark job)."""
    src = tmp_path / "clean"
    src.mkdir()
    for p in _pages()[:3]:
        shutil.copy(p, src)
    out = str(tmp_path / "out")
    counts = _run_driver(shiju_bin, str(src), out, "local[1]", ["--partitions", "2"])
    assert counts["rejects"] == 0 and counts["articles"] == 3
    files = [n for n in os.listdir(os.path.join(out, "rejects")) if n.endswith(".parquet")]
    assert len(files) == 1 and files[0].endswith("-empty.parquet"), files
    df, rows = _read(spark, out, "rejects")
    _check_schema(df, "rejects")
    assert rows == []
    arts = [n for n in os.listdir(os.path.join(out, "articles")) if n.endswith(".parquet")]
    assert arts and not any(n.endswith("-empty.parquet") for n in arts)


def test_driver_jvm_class_archive_is_made_once_and_reused(shiju_bin, tmp_path):
    """The first run dumps the driver JVM's classes into the cache folder
    (shiju_jvm.py), the next maps them; the output is the same and standard
    output stays the one JSON line (the JVM's archive messages are off)."""
    src = tmp_path / "in"
    for rel, data in EXTRA.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_bytes(data)
    cache = tmp_path / "cache"
    got = []
    for run in range(2):
        cmd = [sys.executable, DRIVER, "--input", str(src), "--output", str(tmp_path / "out"),
               "--shiju", shiju_bin, "--master", "local[1]", "--loopback",
               "--jvm-cache", str(cache)]
        p = subprocess.run(cmd, capture_output=True, timeout=600, cwd=REPO)
        assert p.returncode == 0, p.stderr.decode("utf-8", "replace")[-4000:]
        lines = p.stdout.decode().strip().splitlines()
        assert len(lines) == 1, lines[:5]
        counts = json.loads(lines[0])
        got.append({k: v for k, v in counts.items() if k != "seconds"})
        archives = sorted(os.listdir(cache))
        assert len(archives) == 1 and archives[0].endswith(".jsa"), archives
    assert got[0] == got[1] and got[0]["articles"] == 3, got
