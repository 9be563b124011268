#!/usr/bin/env python3
"""Raises quality/floors.tsv to the figures the current build reaches.

Usage: scripts/raise-floors.py [SHIJU_BIN]   (default target/release/shiju)

Runs `shiju eval --json` on every folder of the floor file and writes, for
each metric, max(old floor, current figure rounded down to 3 decimals).
Floors only ever go up: a lower figure leaves the floor as it was (and the
quality test fails until the drop is fixed).
"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLOORS = os.path.join(ROOT, "quality", "floors.tsv")
FOLDERS = {
    "seeds": os.path.join(ROOT, "..", "shared", "seeds"),
    "realnews": os.path.join(ROOT, "..", "shared", "realnews"),
    "samples": os.path.join(ROOT, "samples", "corpus"),
}


def figure(report, metric):
    v = report
    for k in metric.split("."):
        v = v[k]
    return float(v)


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "shiju")
    lines = open(FLOORS, encoding="utf-8").read().splitlines()
    reports = {}
    out = []
    for line in lines:
        if not line or line.startswith("#") or line.startswith("folder\t"):
            out.append(line)
            continue
        folder, metric, floor = line.split("\t")
        if folder not in reports:
            res = subprocess.run([binary, "eval", "--json", FOLDERS[folder]],
                                 check=True, capture_output=True, text=True)
            reports[folder] = json.loads(res.stdout)
        now = int(figure(reports[folder], metric) * 1000) / 1000
        new = max(float(floor), now)
        if new != float(floor):
            print(f"{folder} {metric}: {float(floor):.3f} -> {new:.3f}")
        elif now < float(floor):
            print(f"{folder} {metric}: {now:.3f} is BELOW the floor {float(floor):.3f}")
        out.append(f"{folder}\t{metric}\t{new:.3f}")
    with open(FLOORS, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
