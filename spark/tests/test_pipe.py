"""Pure-Python tests of the driver's helpers: no Spark, no Java, no shiju
binary needed (a fake `shiju` written in Python stands in for it)."""

import base64
import json
import os
import stat
import sys
import textwrap

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import shiju_spark as S  # noqa: E402

# A stand-in for `shiju analyze --jsonl`: one line per input, two for a
# "FEED", and it dies (like a crash or a kill) on "CRASH" / "SEGV".
FAKE = textwrap.dedent(
    """\
    #!{python}
    import base64, json, os, signal, sys
    if os.environ.get("FAKE_LOG"):
        open(os.environ["FAKE_LOG"], "a").write("start\\n")
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        o = json.loads(line)
        body = base64.b64decode(o["bytes_b64"]).decode("utf-8", "replace")
        if "CRASH" in body:
            out.flush()
            os._exit(101)
        if "SEGV" in body:
            out.write('{{"id": "half a line')
            out.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        if body == "":
            out.write(json.dumps({{"id": o["id"], "doc": o["id"], "error": "empty file"}}) + "\\n")
            continue
        n = 2 if "FEED" in body else 1
        for i in range(n):
            doc = o["id"] + (f"#{{i + 1}}" if n > 1 else "")
            out.write(json.dumps({{"id": o["id"], "doc": doc, "article": {{"paragraphs": [body]}},
                                  "entities": [], "timex": [], "quotes": [], "events": []}}) + "\\n")
    """
)


def _fake_shiju(tmp_path, script):
    """`script` (a FAKE template) written as an executable `shiju` in tmp_path."""
    p = tmp_path / "shiju"
    p.write_text(script.format(python=sys.executable))
    p.chmod(p.stat().st_mode | stat.S_IXUSR)
    return p


@pytest.fixture()
def fake(tmp_path):
    return [str(_fake_shiju(tmp_path, FAKE)), "analyze", "--jsonl"]


def _ids(lines):
    return [(json.loads(x)["id"], json.loads(x).get("doc"), "error" in json.loads(x)) for x in lines]


def test_order_and_feeds(fake):
    recs = [(f"f{i}", b"FEED" if i == 3 else f"doc {i}".encode()) for i in range(50)]
    got = _ids(S.pipe_records(recs, fake))
    want = []
    for i in range(50):
        if i == 3:
            want += [("f3", "f3#1", False), ("f3", "f3#2", False)]
        else:
            want.append((f"f{i}", f"f{i}", False))
    assert got == want


@pytest.mark.parametrize("poison", [b"CRASH", b"SEGV"])
def test_a_poisonous_document_becomes_one_error(fake, poison, tmp_path, monkeypatch):
    log = tmp_path / "starts"
    monkeypatch.setenv("FAKE_LOG", str(log))
    recs = [(f"f{i}", f"doc {i}".encode()) for i in range(30)]
    recs[7] = ("f7", poison)
    recs[20] = ("f20", b"FEED")
    recs[25] = ("f25", poison)
    lines = list(S.pipe_records(recs, fake))
    got = _ids(lines)
    # every input is accounted for, in order, the poisonous ones as errors
    assert [g[0] for g in got if g[1] != "f20#2"] == [r[0] for r in recs]
    errs = {g[0] for g in got if g[2]}
    assert errs == {"f7", "f25"}
    assert ("f20", "f20#2", False) in got
    msg = [json.loads(x)["error"] for x in lines if json.loads(x)["id"] == "f7"][0]
    assert "exited with status" in msg
    # one stream, then per crash: two lone runs and a fresh stream
    assert log.read_text().count("start") <= 1 + 2 * 3


def test_empty_partition_and_rejects(fake):
    assert list(S.pipe_records([], fake)) == []
    got = list(S.pipe_records([("a", b""), ("b", b"x")], fake))
    rows = [r for line in got for r in S.rows_of_line(line)]
    assert [k for k, _ in rows] == ["reject", "article"]
    assert rows[0][1] == ("a", "a", "empty file", None, None)


def test_input_line_round_trips_bytes():
    data = bytes(range(256))
    o = json.loads(S.input_line("hdfs:///x/y.html", data))
    assert o["id"] == "hdfs:///x/y.html"
    assert base64.b64decode(o["bytes_b64"]) == data


def test_event_month():
    assert S.event_month("2024-11-19") == "2024-11"
    assert S.event_month("2024-11") == "2024-11"
    assert S.event_month("2024-W01") == "2024-01"  # Thursday 2024-01-04
    assert S.event_month("2020-W53") == "2020-12"  # Thursday 2020-12-31
    assert S.event_month("2026-W01") == "2026-01"  # Thursday 2026-01-01
    assert S.event_month("2024") == "2024-00"
    assert S.event_month("") is None
    assert S.event_month(None) is None
    assert S.event_month("2024-13-01") is None
    assert S.event_month("2024-W99") is None
    assert S.event_month("garbage") is None


def test_global_event_id_is_stable_and_documented():
    # Pinned: an importer (Rust) recomputing the id must get this value.
    gid = S.global_event_id("file:/news/a.txt", "USA", "CHN", "042", "2023-06-19", 0)
    assert gid == 0x7FFF_FFFF_FFFF_FFFF & int.from_bytes(
        __import__("hashlib").sha256(
            "file:/news/a.txt\x1fUSA\x1fCHN\x1f042\x1f2023-06-19\x1f0".encode()).digest()[:8], "big")
    assert gid == PINNED
    assert 0 <= gid < 2**63
    assert gid != S.global_event_id("file:/news/a.txt", "USA", "CHN", "042", "2023-06-19", 1)


PINNED = 2904223324909897347


def test_rows_of_line_maps_every_column():
    line = json.dumps({
        "id": "p", "doc": "p#2",
        "article": {"title": "t", "published": "2024-11-19", "authors": ["a"], "outlet": "o",
                    "url": "u", "script": "simplified", "paragraphs": ["x", "y"],
                    "form": "feed_item", "encoding": "UTF-8"},
        "entities": [{"id": "person:x", "type": "person", "country": "USA",
                      "role": {"title": "president", "of": "USA", "status": "in_office"},
                      "name": "X", "forms": ["X"], "mentions": [{"text": "X", "start": 0, "end": 1}]}],
        "timex": [{"text": "周一", "value": "2024-11-18", "start": 2, "end": 4}],
        "quotes": [{"speaker": None, "text": "q", "start": 5, "end": 6}],
        "events": [{"source": "USA", "target": "UKR", "source_entity": "person:x",
                    "target_entity": "country:UKR", "code": "072", "cameo": "07",
                    "goldstein": 8.3, "quad_class": 2, "plover": "AID",
                    "date": "2024-11-17", "evidence": "e", "start": 0, "end": 3}],
    })
    rows = dict((k, r) for k, r in S.rows_of_line(line))
    ev = dict(zip([c[0] for c in S.EVENT_COLUMNS], rows["event"]))
    assert ev["doc"] == "p#2" and ev["root"] == "07" and ev["event_month"] == "2024-11"
    assert ev["url"] == "u" and ev["outlet"] == "o" and ev["published"] == "2024-11-19"
    assert ev["global_event_id"] == S.global_event_id("p#2", "USA", "UKR", "072", "2024-11-17", 0)
    art = dict(zip([c[0] for c in S.ARTICLE_COLUMNS], rows["article"]))
    assert art["id"] == "p" and art["n_events"] == 1 and art["timex"] == [("周一", "2024-11-18", 2, 4)]
    assert json.loads(art["analysis_json"])["doc"] == "p#2"
    ent = dict(zip([c[0] for c in S.ENTITY_COLUMNS], rows["entity"]))
    assert ent["role_title"] == "president" and ent["mentions"] == [("X", 0, 1)]
    for name, cols in S.DATASETS.items():
        kind = {"events": "event", "articles": "article", "entities": "entity", "rejects": "reject"}[name]
        if kind in rows:
            assert len(rows[kind]) == len(cols)
    assert S.rows_of_line("not json")[0][0] == "reject"
    assert S.rows_of_line('{"id": "z", "error": "boom"}') == \
        [("reject", ("z", None, "boom", None, None))]
    assert S.rows_of_line('{"id": "z", "error": "boom"}', {"z": ("ab", 2)}) == \
        [("reject", ("z", None, "boom", "ab", 2))]
    art = dict(zip([c[0] for c in S.ARTICLE_COLUMNS],
                   dict(S.rows_of_line(line, {"p": ("cd", 7)}))["article"]))
    assert (art["sha256"], art["size"]) == ("cd", 7)


def test_readme_documents_every_column():
    readme = open(os.path.join(os.path.dirname(__file__), "..", "README.md"), encoding="utf-8").read()
    for name, cols in S.DATASETS.items():
        assert f"`{name}/`" in readme, name
        for col, typ, nullable, _ in cols:
            row = f"| `{col}` | `{typ}` | {'yes' if nullable else 'no'} |"
            assert row in readme, f"{name}.{col} undocumented or out of date"


# A stand-in for `shiju analyze --jsonl --tables DIR`: "writes" the ids of
# its input lines to $FAKE_ROWS three at a time (a flush), then
# acknowledges them; dies on "CRASH" / "SEGV" (rows not flushed are lost).
FAKE_TABLES = textwrap.dedent(
    """\
    #!{python}
    import base64, json, os, signal, sys
    open(os.environ["FAKE_LOG"], "a").write("start\\n")
    held = []
    def flush():
        with open(os.environ["FAKE_ROWS"], "a") as f:
            f.writelines(i + "\\n" for i in held)
        for i in held:
            sys.stdout.write(json.dumps({{"id": i}})[:-1] + ',"tables":1}}\\n')
        sys.stdout.flush()
        held.clear()
    for line in sys.stdin:
        o = json.loads(line)
        body = base64.b64decode(o["bytes_b64"]).decode() if "bytes_b64" in o else ""
        if "path" in o:  # a WARC file: its records are its lines
            body = open(o["path"]).read()
        if "CRASH" in body:
            os._exit(101)
        if "SEGV" in body:
            os.kill(os.getpid(), signal.SIGKILL)
        held.append(o["id"])
        if len(held) == 3:
            flush()
    flush()
    """
)


@pytest.fixture()
def fake_tables(tmp_path, monkeypatch):
    """The fake tables writer, the file it lists written ids in (FAKE_ROWS) and
    the file it logs each start in (FAKE_LOG)."""
    rows, log = tmp_path / "rows", tmp_path / "starts"
    monkeypatch.setenv("FAKE_ROWS", str(rows))
    monkeypatch.setenv("FAKE_LOG", str(log))
    return _fake_shiju(tmp_path, FAKE_TABLES), rows, log


@pytest.mark.parametrize("poison", [b"CRASH", b"SEGV"])
def test_tables_pipe_reruns_what_was_not_written(fake_tables, poison):
    p, rows, log = fake_tables
    recs = [(f"f{i}", f"doc {i}".encode()) for i in range(40)]
    recs[7] = ("f7", poison)
    recs[8] = ("f8", poison)
    recs[31] = ("f31", poison)
    poisoned = S.pipe_tables(((r, S.line_for(r, d)) for r, d in recs), [str(p)])
    errors = [json.loads(x) for x in poisoned]
    assert sorted(e["id"] for e in errors) == ["f31", "f7", "f8"]
    assert all("exited with status" in e["error"] for e in errors)
    # every other document written exactly once, none lost or doubled
    written = rows.read_text().split()
    assert sorted(written) == sorted(r for r, _ in recs if r not in ("f7", "f8", "f31"))
    assert log.read_text().count("start") < 30
    # an empty partition starts no process
    assert S.pipe_tables([], [str(p)]) == []


def test_tables_pipe_falls_back_to_records_for_a_file_that_kills_shiju(fake_tables, tmp_path):
    p, rows, log = fake_tables
    good, bad = tmp_path / "good.warc", tmp_path / "bad.warc"
    good.write_text("fine records")
    bad.write_text("record 2 SEGV")
    bad_records = [("bad#000001", b"doc"), ("bad#000002", b"SEGV"), ("bad#000003", b"doc")]

    def fallback():
        return ((r, S.line_for(r, d)) for r, d in bad_records)

    inputs = [("a", S.line_for("a", b"doc a")),
              ("good", S.path_line("good", str(good)), fallback),
              ("bad", S.path_line("bad", str(bad)), fallback),
              ("z", S.line_for("z", b"doc z"))]
    poisoned = [json.loads(x) for x in S.pipe_tables(iter(inputs), [str(p)])]
    # the file shiju dies on is run record by record: only its bad record is lost
    assert [e["id"] for e in poisoned] == ["bad#000002"]
    assert sorted(rows.read_text().split()) == ["a", "bad#000001", "bad#000003", "good", "z"]
    assert json.loads(S.path_line("x", "/d/é.warc")) == {"id": "x", "path": "/d/é.warc"}


def test_shiju_processes_keep_their_freed_memory():
    import shiju_io as IO

    assert IO.shiju_env({"PATH": "/bin"}) == {"PATH": "/bin", "MIMALLOC_PURGE_DELAY": "-1"}
    assert IO.shiju_env({"MIMALLOC_PURGE_DELAY": "10"})["MIMALLOC_PURGE_DELAY"] == "10"
    assert IO.shiju_env()["MIMALLOC_PURGE_DELAY"]
