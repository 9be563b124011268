#!/usr/bin/env python3
"""Scaling benchmark for spark/shiju_spark.py, on the inputs clusters hold.

    python3 spark/bench.py --shiju target/release/shiju [--docs 20000] [--runs 3] \
        [--masters local[1],local[2],standalone[1],standalone[2]] [--format warc|jsonl]

Builds a corpus of real-page-sized documents in a temp folder: the pages of
../shared/realnews (else samples/corpus), copied until there are `--docs`
of them, each copy perturbed (a comment naming the copy) so every document
hashes differently; written as WARC.gz files of 500 responses each (or as
JSON-lines shards with `--format jsonl`). Then, `--runs` times each:

* the binary: `shiju analyze --jsonl`, one process, fed the same documents
  (input lines prepared beforehand, not timed);
* the Spark driver for each master, run as a user runs it (a subprocess):
  the driver's own timer (job s: SparkSession up, read, pipe, four Parquet
  writes) and the wall time with JVM start-up. `standalone[N]` is a
  loopback standalone cluster (a master and N one-core workers,
  shiju_cluster.py) started before the run and stopped after it, neither
  timed: the run's time and CPU include the executors' JVMs. Before the
  first timed run, one untimed run on a single file per writer lets the
  driver make its JVM class archive (shiju_jvm.py), as a user's first run
  does.

Reports the median of the runs: documents/s and the cost per document in
core-milliseconds, two ways: cores x job seconds / documents (the wall-clock
budget) and CPU seconds / documents (user + system time of the whole process
tree — the driver, the JVM, the Python workers, the shiju processes —
sampled from /proc: robust to other load on the machine).
"""

import argparse
import base64
import glob
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import shiju_cluster as CL  # noqa: E402
import shiju_io as IO  # noqa: E402

PER_FILE = 500


def pages():
    src = os.path.join(REPO, "..", "shared", "realnews")
    if not os.path.isdir(src):
        src = os.path.join(REPO, "samples", "corpus")
    return [f for f in sorted(glob.glob(os.path.join(src, "*")))
            if f.endswith((".html", ".md", ".txt")) and not f.endswith(".gold.json")
            and os.path.basename(f) != "README.md"]


def warc_record(uri, date, body, ctype):
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n"
            ).encode() + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
    return head.encode() + http


def corpus(n_docs, dest, fmt):
    """Writes the corpus; returns (number of documents, bytes, the binary's input file)."""
    src = [(p, open(p, "rb").read()) for p in pages()]
    lines_path = os.path.join(dest, "binary-input.jsonl")
    data_dir = os.path.join(dest, "data")
    os.makedirs(data_dir)
    total = 0
    with open(lines_path, "wb") as lines:
        out, n_in_file, file_no = None, PER_FILE, 0
        for k in range(n_docs):
            p, raw = src[k % len(src)]
            copy = k // len(src)
            body = raw + f"\n<!-- copy {copy} -->\n".encode()
            uri = f"https://news.example.org/{copy}/{os.path.basename(p)}"
            ctype = "text/markdown; charset=utf-8" if p.endswith(".md") else "text/html"
            if n_in_file == PER_FILE:
                if out:
                    out.close()
                ext = "warc.gz" if fmt == "warc" else "jsonl"
                out = open(os.path.join(data_dir, f"part-{file_no:04d}.{ext}"), "wb")
                file_no, n_in_file = file_no + 1, 0
            if fmt == "warc":
                rec = warc_record(uri, "2024-06-01T09:00:00Z", body, ctype)
                out.write(gzip.compress(rec + b"\r\n\r\n", 6))
                doc = rec
                rid = f"file:{out.name}#{n_in_file + 1:06d}"
            else:
                doc = body
                rid = f"doc-{k}"
                out.write(IO.line_for(rid, body, url=uri) + b"\n")
            lines.write(IO.line_for(rid, doc, url=None if fmt == "warc" else uri) + b"\n")
            n_in_file += 1
            total += len(doc)
        out.close()
    return n_docs, total, lines_path, data_dir


TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid):
    """(ppid, start time, own user + system ticks, command name) of a
    process, or None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            head, rest = f.read().rsplit(b")", 1)
        rest = rest.split()
        name = head.split(b"(", 1)[1].decode("utf-8", "replace")
        return int(rest[1]), int(rest[19]), int(rest[11]) + int(rest[12]), name
    except (OSError, IndexError, ValueError):
        return None


def _snapshot():
    """{pid: _stat(pid)} of every process."""
    stats = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            st = _stat(int(d))
            if st:
                stats[int(d)] = st
    return stats


def _tree(stats, roots):
    """The pids of `roots` and all their descendants."""
    tree, grew = set(roots), True
    while grew:
        grew = False
        for pid, (ppid, _, _, _) in stats.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return tree


def measured(cmd, roots=(), **kw):
    """Runs `cmd`; returns (CompletedProcess-like, wall s, CPU s of its whole
    process tree and of the trees of `roots`, e.g. a standalone cluster's
    master and workers: what they had used before the run is not counted).
    The trees' CPU is sampled from /proc every 0.1 s (each process's own
    user + system time, the largest seen), so processes the JVM does not
    wait for are counted too; what a process spends after its last sample
    (< 0.1 s) is missed."""
    before = _snapshot()
    base = {(pid, before[pid][1], before[pid][3]): before[pid][2]
            for pid in _tree(before, roots) if pid in before}
    t = time.time()
    p = subprocess.Popen(cmd, **kw)
    seen = dict(base)
    done = threading.Event()

    def poll():
        while not done.is_set():
            stats = _snapshot()
            for pid in _tree(stats, [p.pid, *roots]):
                if pid in stats:
                    _, start, ticks, name = stats[pid]
                    seen[(pid, start, name)] = max(seen.get((pid, start, name), 0), ticks)
            done.wait(0.1)

    th = threading.Thread(target=poll, daemon=True)
    th.start()
    out, err = p.communicate()
    wall = time.time() - t
    done.set()
    th.join()
    used = {k: v - base.get(k, 0) for k, v in seen.items()}
    cpu = sum(used.values()) / TICK
    by_name = {}
    for (_, _, name), ticks in used.items():
        by_name[name] = by_name.get(name, 0) + ticks / TICK
    BREAKDOWN[" ".join(cmd[:2])[-40:]] = by_name
    return subprocess.CompletedProcess(cmd, p.returncode, out, err), wall, cpu


BREAKDOWN = {}


def binary(shiju, lines_path):
    with open(lines_path, "rb") as inp:
        p, secs, cpu = measured([shiju, "analyze", "--jsonl"], stdin=inp, stdout=subprocess.PIPE)
    assert p.returncode == 0
    return secs, secs, cpu, sum(1 for x in p.stdout.splitlines() if x.strip())


def driver(shiju, indir, master, fmt, partition_bytes, partitions, conf=(), writer="auto",
           roots=()):
    out = tempfile.mkdtemp(prefix="shiju-bench-out-")
    try:
        cmd = [sys.executable, os.path.join(HERE, "shiju_spark.py"), "--input", indir,
               "--output", out, "--shiju", shiju, "--master", master, "--loopback",
               "--writer", writer]
        for kv in conf:
            cmd += ["--conf", kv]
        if fmt == "warc":
            cmd += ["--partition-bytes", str(partition_bytes)]
        else:
            cmd += ["--input-format", "jsonl", "--partitions", str(partitions)]
        p, wall, cpu = measured(cmd, roots, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            sys.stderr.write(p.stderr.decode("utf-8", "replace")[-4000:])
            raise SystemExit(f"driver failed on {master}")
        counts = json.loads(p.stdout.decode().strip().splitlines()[-1])
        return counts, wall, cpu
    finally:
        shutil.rmtree(out, ignore_errors=True)


def workers_of(master):
    """N of `standalone[N]` (a loopback cluster of N one-core workers), else None."""
    if master.startswith("standalone[") and master.endswith("]") and master[11:-1].isdigit():
        return int(master[11:-1])
    return None


def cores_of(master):
    if master.startswith("local[") and master[6:-1].isdigit():
        return int(master[6:-1])
    return workers_of(master) or os.cpu_count() or 1


def timed_driver(shiju, indir, master, fmt, partition_bytes, parts, conf, writer):
    """`driver` on `master`; a `standalone[N]` cluster is started before and
    stopped after the run (neither timed)."""
    n = workers_of(master)
    if n is None:
        return driver(shiju, indir, master, fmt, partition_bytes, parts, conf, writer)
    tmp = tempfile.mkdtemp(prefix="shiju-bench-cluster-")
    try:
        with CL.standalone(tmp, workers=n) as cluster:
            return driver(shiju, indir, cluster.url, fmt, partition_bytes, parts, list(conf) + [
                "spark.executor.cores=1", f"spark.cores.max={n}",
                "spark.executor.memory=1g"], writer, cluster.pids)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def warm_up(shiju, data_dir, fmt, writers, tmp):
    """One untimed local[1] run per writer on the corpus's first file: the
    driver makes its JVM class archive on its first run."""
    one = os.path.join(tmp, "warm-up")
    os.makedirs(one)
    first = sorted(glob.glob(os.path.join(data_dir, "*")))[0]
    os.symlink(first, os.path.join(one, os.path.basename(first)))
    for wr in writers:
        driver(shiju, one, "local[1]", fmt, 1 << 30, 1, (), wr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shiju", default=os.path.join(REPO, "target", "release", "shiju"))
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--masters", default="local[1],local[2]",
                    help="comma-separated: local[N], standalone[N] (a loopback cluster of N "
                         "one-core workers, started by the bench), or a master URL")
    ap.add_argument("--format", default="warc", choices=["warc", "jsonl"])
    ap.add_argument("--partitions-per-core", type=int, default=2)
    ap.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                    help="Spark setting passed to the driver (repeatable)")
    ap.add_argument("--writers", default="shiju",
                    help="comma-separated driver --writer values to time: shiju (each partition's "
                         "shiju writes the Parquet files), spark (the JVM parses and writes)")
    a = ap.parse_args()
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    shiju = os.path.abspath(a.shiju)
    tmp = tempfile.mkdtemp(prefix="shiju-bench-in-")
    try:
        n, size, lines_path, data_dir = corpus(a.docs, tmp, a.format)
        on_disk = sum(os.path.getsize(f) for f in glob.glob(os.path.join(data_dir, "*")))
        print(f"command: {' '.join(sys.argv)}")
        print(f"corpus: {n} documents, {size / 1e6:.0f} MB raw, {a.format} files "
              f"{on_disk / 1e6:.0f} MB, load average {os.getloadavg()[0]:.2f}", flush=True)
        warm_up(shiju, data_dir, a.format, a.writers.split(","), tmp)
        BREAKDOWN.clear()
        results = {}
        for run in range(a.runs):
            secs, wall, cpu, n_out = binary(shiju, lines_path)
            assert n_out >= n, (n_out, n)
            results.setdefault(("shiju analyze --jsonl (1 process)", 1), []).append(
                (secs, wall, cpu))
            print(f"run {run + 1}: binary {secs:.1f} s, cpu {cpu:.1f} s", flush=True)
            for m, wr in [(m, w) for w in a.writers.split(",") for m in a.masters.split(",")]:
                c = cores_of(m)
                parts = c * a.partitions_per_core
                counts, wall, cpu = timed_driver(shiju, data_dir, m, a.format,
                                                 max(1, on_disk // parts + 1), parts, a.conf, wr)
                docs = counts["articles"] + counts["rejects"]
                assert docs >= n, (docs, n)
                results.setdefault((f"spark {m} {wr}, {counts['partitions']} parts", c),
                                   []).append((counts["seconds"], wall, cpu))
                parts_cpu = ", ".join(f"{k} {v:.1f}" for k, v in sorted(
                    list(BREAKDOWN.values())[-1].items(), key=lambda kv: -kv[1]) if v >= 0.1)
                print(f"run {run + 1}: {m} writer {wr} job {counts['seconds']:.1f} s, "
                      f"wall {wall:.1f} s, cpu {cpu:.1f} s ({parts_cpu}), "
                      f"load {os.getloadavg()[0]:.1f}", flush=True)
        print(f"\nmedian of {a.runs} runs, {n} documents; load average now "
              f"{os.getloadavg()[0]:.2f}")
        print(f"{'run':36} {'cores':>5} {'job s':>7} {'wall s':>7} {'docs/s':>7} "
              f"{'core-ms/doc':>11} {'cpu-ms/doc':>10}")
        for (name, c), rs in results.items():
            s = statistics.median(r[0] for r in rs)
            w = statistics.median(r[1] for r in rs)
            cpu = statistics.median(r[2] for r in rs)
            print(f"{name:36} {c:>5} {s:>7.1f} {w:>7.1f} {n / s:>7.1f} "
                  f"{1000 * s * c / n:>11.2f} {1000 * cpu / n:>10.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
