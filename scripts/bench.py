#!/usr/bin/env python3
"""Speed benchmark (issue #22, item 1): shiju's whole pipeline against
trafilatura on the same pages, on one core.

    scripts/bench.py [--copies N] [--pages DIR]

* The page set: the HTML pages of ../shared/realnews (r001–r022, full saved
  article pages). trafilatura reads HTML only, so the Markdown items of that
  folder are left out, and shiju is run over the very same HTML pages.
* shiju: `target/release/shiju analyze --jsonl` (the streaming mode: the
  whole pipeline — decoding, extraction, normalisation, entities, time,
  events, quotes — and one JSON line per document) over N copies of every
  page; output is discarded. Each copy is fed as a `{"id", "path"}` line
  (`--feed path`, the default: shiju reads the page file itself, as
  trafilatura's runner reads it) or as `{"id", "bytes_b64"}` with the page
  inline in base64 (`--feed b64`: the Spark driver's way, which adds the
  base64 decoding, about 5 % of shiju's time).
* trafilatura (pinned below, installed from PyPI into a venv under
  target/): `trafilatura.extract(bytes, output_format="json",
  with_metadata=True)` per page, N copies, in one Python process.
* Both run under `taskset -c 0` (one core). Each process is timed as a
  whole (start-up and lexicon/import loading included), by wall clock and
  by CPU time (user + system, from wait4): on a shared machine CPU time is
  the steadier figure, and the ratio is quoted on it. shiju runs three
  times (`--runs`) and its median CPU time is quoted: one run on a shared
  core can take half as long again.

Needs: python3 with venv, taskset, network access to PyPI on the first run.
"""

import argparse
import base64
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

TRAFILATURA = "trafilatura==2.0.0"
# trafilatura's dependency justext imports lxml.html.clean, which lxml ≥ 5.2
# ships as a separate package.
EXTRA = ["lxml_html_clean==0.4.7"]

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "target", "bench-venv")
SHIJU = os.environ.get("SHIJU", os.path.join(ROOT, "target", "release", "shiju"))

TRAF_RUNNER = r"""
import sys, time, trafilatura
t0 = time.process_time()
n = 0
for path in sys.argv[2:]:
    data = open(path, "rb").read()
    for _ in range(int(sys.argv[1])):
        trafilatura.extract(data, output_format="json", with_metadata=True)
        n += 1
print(n, time.process_time() - t0)
"""


def run_timed(cmd, stdin=None, stdout=subprocess.DEVNULL):
    """Runs cmd; returns (wall seconds, CPU seconds of the process, stdout)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE)
    out = p.stdout.read() if stdout == subprocess.PIPE else b""
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{cmd[0]} failed: {err.decode(errors='replace')[-2000:]}")
    return wall, ru.ru_utime + ru.ru_stime, out


def ensure_venv():
    py = os.path.join(VENV, "bin", "python")
    want = TRAFILATURA.split("==")[1]
    ok = os.path.exists(py) and subprocess.run(
        [py, "-c", f"import trafilatura,sys; sys.exit(trafilatura.__version__ != {want!r})"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ).returncode == 0
    if not ok:
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([py, "-m", "pip", "install", "-q", TRAFILATURA, *EXTRA], check=True)
    return py


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=20, help="copies of every page (default 20)")
    ap.add_argument("--pages", default=os.path.join(ROOT, "..", "shared", "realnews"))
    ap.add_argument("--runs", type=int, default=3,
                    help="shiju runs; the median CPU time is quoted (default 3: one run "
                    "on a shared core can take half as long again)")
    ap.add_argument("--feed", choices=["path", "b64"], default="path",
                    help="how shiju gets each page: a path line (default) or the bytes in base64")
    args = ap.parse_args()

    pages = sorted(glob.glob(os.path.join(args.pages, "*.html")))
    if not pages:
        sys.exit(f"no .html pages in {args.pages}")
    if not os.path.exists(SHIJU):
        subprocess.run(["cargo", "build", "--release", "-p", "shiju"], cwd=ROOT, check=True)
    py = ensure_venv()
    n = len(pages) * args.copies
    size = sum(os.path.getsize(p) for p in pages) * args.copies

    with tempfile.TemporaryFile() as feed:
        for _ in range(args.copies):
            for p in pages:
                if args.feed == "path":
                    line = {"id": os.path.basename(p), "path": os.path.abspath(p)}
                else:
                    with open(p, "rb") as f:
                        line = {"id": os.path.basename(p),
                                "bytes_b64": base64.b64encode(f.read()).decode()}
                feed.write(json.dumps(line).encode() + b"\n")
        runs = []
        for _ in range(max(1, args.runs)):
            feed.seek(0)
            runs.append(run_timed(["taskset", "-c", "0", SHIJU, "analyze", "--jsonl"], stdin=feed))
        runs.sort(key=lambda r: r[1])
        s_wall, s_cpu, _ = runs[len(runs) // 2]

    t_wall, t_cpu, out = run_timed(
        ["taskset", "-c", "0", py, "-c", TRAF_RUNNER, str(args.copies), *pages],
        stdout=subprocess.PIPE,
    )
    t_n, t_extract = out.split()
    assert int(t_n) == n

    traf = TRAFILATURA.split("==")[1]
    print(f"pages: {len(pages)} HTML pages of {args.pages} x {args.copies} copies = {n} documents, {size / 1e6:.1f} MB")
    print("one core (taskset -c 0); whole processes, start-up included")
    print(f"{'':34}{'wall s':>8}{'cpu s':>8}{'docs/s (cpu)':>14}")
    print(f"{'shiju analyze --jsonl (' + args.feed + ' lines)':34}{s_wall:8.2f}{s_cpu:8.2f}{n / s_cpu:14.1f}")
    print(f"{'trafilatura ' + traf + ' extract (json)':34}{t_wall:8.2f}{t_cpu:8.2f}{n / t_cpu:14.1f}")
    print(f"shiju CPU s over {len(runs)} runs: " + " ".join(f"{r[1]:.2f}" for r in runs))
    print(f"ratio shiju/trafilatura (docs/s, cpu): {t_cpu / s_cpu:.1f}x"
          f"   (wall: {t_wall / s_wall:.1f}x; trafilatura without its import: "
          f"{n / float(t_extract):.1f} docs/s)")


if __name__ == "__main__":
    main()
