#!/usr/bin/env python3
"""Ingest at scale: `shiju ingest` over N real-page copies, for several N.

    python3 scripts/ingest_bench.py [--shiju target/release/shiju] [--sizes 10000,30000,100000]

For each size, builds a corpus of copies of the pages of ../shared/realnews
(each copy perturbed so its content hash differs; the corpus builder of
spark/bench.py, written as WARC.gz files of 500 responses, which `shiju
ingest` reads directly), ingests it into a fresh store on all cores and
reports documents/s, CPU seconds, CPU-ms per document, peak RSS (from
`/usr/bin/time -v`) and the store's size on disk. The corpus and the store
live in a temp folder removed afterwards (100,000 copies are ~1.3 GB of
WARC.gz and ~6 GB raw).

Cost per document should stay flat as N grows: the last column is the
check.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "spark"))
import bench as SB  # noqa: E402  (spark/bench.py: the corpus builder)


def du(path):
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(d, f))
            except OSError:
                pass
    return total


def timed(cmd):
    """Runs `cmd` under /usr/bin/time -v; returns (stdout+stderr, wall s, cpu s, peak RSS KB)."""
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    err = p.stderr

    def num(label):
        m = re.search(re.escape(label) + r":\s*([0-9.:]+)", err)
        if not m:
            raise SystemExit(f"/usr/bin/time gave no {label!r}")
        return m.group(1)

    wall = 0.0
    for part in num("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
        wall = wall * 60 + float(part)
    cpu = float(num("User time (seconds)")) + float(num("System time (seconds)"))
    return p.stdout + err, wall, cpu, int(num("Maximum resident set size (kbytes)"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shiju", default=os.path.join(ROOT, "target", "release", "shiju"))
    ap.add_argument("--sizes", default="10000,30000,100000")
    ap.add_argument("--threads", type=int, default=0, help="analysis threads (0 = one per core)")
    a = ap.parse_args()
    shiju = os.path.abspath(a.shiju)
    print(f"shiju {shiju}; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}")
    rows = []
    for n in [int(s) for s in a.sizes.split(",")]:
        tmp = tempfile.mkdtemp(prefix="shiju-ingest-bench-")
        try:
            docs, raw_bytes, _, data = SB.corpus(n, os.path.join(tmp, "c"), "warc")
            store = os.path.join(tmp, "store")
            out, wall, cpu, rss = timed([shiju, "ingest", "--threads", str(a.threads),
                                         "--data", store, data])
            summary = [l for l in out.splitlines() if " inputs = " in l]
            if not summary or not summary[-1].startswith(f"{docs} inputs = {docs} ingested"):
                raise SystemExit(f"not every input was ingested: {summary[-1:]}")
            size = du(store)
            rows.append((docs, raw_bytes, wall, cpu, rss, size))
            print(f"{docs} docs ({raw_bytes / 1e6:.0f} MB raw): {wall:.1f} s, "
                  f"{docs / wall:.0f} docs/s, cpu {cpu:.1f} s, peak RSS {rss / 1024:.0f} MB, "
                  f"store {size / 1e6:.0f} MB; load {os.getloadavg()[0]:.2f}", flush=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print()
    print(f"{'docs':>8} {'raw MB':>7} {'wall s':>7} {'docs/s':>7} {'cpu s':>7} "
          f"{'cpu-ms/doc':>10} {'RSS MB':>7} {'store MB':>8}")
    for docs, raw_bytes, wall, cpu, rss, store in rows:
        print(f"{docs:>8} {raw_bytes / 1e6:>7.0f} {wall:>7.1f} {docs / wall:>7.0f} {cpu:>7.1f} "
              f"{1000 * cpu / docs:>10.2f} {rss / 1024:>7.0f} {store / 1e6:>8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
