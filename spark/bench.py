#!/usr/bin/env python3
"""Scaling benchmark for spark/shiju_spark.py.

    python3 spark/bench.py --shiju target/release/shiju [--copies 40] [--masters local[1],local[2]]

Builds a replicated corpus (../shared/seeds if present + samples/corpus,
gold files left out, each file copied N times under a new name) in a temp
folder, then measures:

* `shiju analyze --jsonl` run directly, one process (the single-machine path);
* the Spark driver for each master (default local[1] and local[2]), run as a
  user runs it; the driver's own timer (SparkSession already up: read, pipe,
  four Parquet writes) and the wall time including JVM start-up.

Prints a table: documents, seconds, documents/s, and the cost per document
in core-milliseconds (seconds x cores / documents).
"""

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import shiju_spark as S  # noqa: E402


def corpus(copies, dest):
    srcs = [os.path.join(REPO, "samples", "corpus")]
    seeds = os.path.join(REPO, "..", "shared", "seeds")
    if os.path.isdir(seeds):
        srcs.append(seeds)
    files = [f for d in srcs for f in sorted(glob.glob(os.path.join(d, "*")))
             if os.path.isfile(f) and not f.endswith(".gold.json")]
    out = []
    for i in range(copies):
        d = os.path.join(dest, f"copy{i:03d}")
        os.makedirs(d)
        for f in files:
            t = os.path.join(d, os.path.basename(f))
            shutil.copyfile(f, t)
            out.append(t)
    return out


def direct(shiju, files):
    lines = "".join(S.input_line("file:" + f, open(f, "rb").read()) + "\n" for f in files).encode()
    t = time.time()
    p = subprocess.run([shiju, "analyze", "--jsonl"], input=lines, capture_output=True, check=True)
    secs = time.time() - t
    n_out = sum(1 for x in p.stdout.splitlines() if x.strip())
    return secs, n_out


def driver(shiju, indir, master, partitions, reader):
    out = tempfile.mkdtemp(prefix="shiju-bench-out-")
    try:
        cmd = [sys.executable, os.path.join(HERE, "shiju_spark.py"), "--input", indir,
               "--output", out, "--shiju", shiju, "--master", master, "--loopback",
               "--partitions", str(partitions), "--reader", reader]
        t = time.time()
        p = subprocess.run(cmd, capture_output=True, check=True)
        wall = time.time() - t
        counts = json.loads(p.stdout.decode().strip().splitlines()[-1])
        return counts, wall
    finally:
        shutil.rmtree(out, ignore_errors=True)


def cores_of(master):
    if master.startswith("local[") and master[6:-1].isdigit():
        return int(master[6:-1])
    return os.cpu_count() or 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shiju", default=os.path.join(REPO, "target", "release", "shiju"))
    ap.add_argument("--copies", type=int, default=40)
    ap.add_argument("--masters", default="local[1],local[2]")
    ap.add_argument("--partitions-per-core", type=int, default=2)
    ap.add_argument("--reader", default="files", choices=["files", "rdd"])
    a = ap.parse_args()
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    shiju = os.path.abspath(a.shiju)
    tmp = tempfile.mkdtemp(prefix="shiju-bench-in-")
    try:
        files = corpus(a.copies, tmp)
        mb = sum(os.path.getsize(f) for f in files) / 1e6
        print(f"command: {' '.join(sys.argv)}")
        print(f"corpus: {len(files)} files, {mb:.1f} MB ({a.copies} copies), "
              f"load average {os.getloadavg()[0]:.2f}")
        rows = []
        secs, n_out = direct(shiju, files)
        rows.append(("shiju analyze --jsonl (1 process)", 1, len(files), secs, secs))
        for m in a.masters.split(","):
            c = cores_of(m)
            counts, wall = driver(shiju, tmp, m, c * a.partitions_per_core, a.reader)
            docs = counts["articles"] + counts["rejects"]
            rows.append((f"spark {m}, {counts['partitions']} partitions, {a.reader}", c, len(files),
                         counts["seconds"], wall))
            assert docs >= len(files), (docs, len(files))
        print(f"{'run':40} {'cores':>5} {'docs':>6} {'job s':>7} {'wall s':>7} "
              f"{'docs/s':>7} {'core-ms/doc':>11}")
        for name, c, n, s, w in rows:
            print(f"{name:40} {c:>5} {n:>6} {s:>7.1f} {w:>7.1f} {n / s:>7.1f} {1000 * s * c / n:>11.1f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
