#!/usr/bin/env python3
"""Extraction benchmark (issue #14): shiju's article body against
trafilatura's on the 69 hand-labelled pages of the Chinese Web Content
Extraction Dataset, by the dataset's own metric and by character 4-gram F1.

    scripts/extract_bench.py --data /tmp/cwced [--pages] [--worst N]

* The data: github.com/immortal-autumn/Chinese-Web-Content-Extraction-Dataset
  (MIT). `--data` is a folder holding its `original/*.html` (the saved
  pages) and `cleaned/*.txt` (the hand-copied article text, same stem).
  Extract it outside this repository (it is third-party text and is never
  committed), e.g. `git --git-dir=<mirror> archive HEAD | tar x -C /tmp/cwced`.
* shiju: `target/release/shiju analyze --jsonl` over every page (bytes as
  base64); the body is the article's paragraphs joined by newlines. A page
  shiju rejects (an `error` line) counts as empty text.
* trafilatura (pinned in scripts/bench.py, same venv under target/): called
  exactly as the dataset's own `result_generation.py` calls it:
  `trafilatura.extract(html, no_fallback=False, include_comments=False,
  include_tables=True, include_formatting=False)`.

Metrics:

1. **The dataset's metric** — a reimplementation of its `evaluation.py`
   (itself adapted from the scrapinghub article-extraction-benchmark):
   tokens are `\\w+` runs (for Chinese: runs of characters between
   punctuation and spaces), shingles are 4-grams of tokens, and per page
   TP/FP/FN are the multiset overlaps normalised to sum to 1 (so every page
   weighs the same). Precision is the mean over pages with TP+FP > 0,
   recall the mean over pages with TP+FN > 0 (precision_score/recall_score:
   1 when FP = FN = 0), F1 the harmonic mean of those two means. Accuracy is
   the share of pages whose token sequence equals the gold's exactly.
2. **Character 4-gram F1** — both texts with all whitespace removed,
   multisets of character 4-grams, F1 per page (1 when both are empty, 0
   when one is); overall the mean over pages (macro) and the F1 of summed
   counts (micro).
3. **Empty** — pages whose gold has article text but the tool returned
   none (shiju: rejected; trafilatura: None or blank).
4. **Metadata** (secondary; the dataset's `date/` and `author/` folders):
   the share of pages whose gold names a day where the tool gives that
   day, and the mean F1 of author-name sets over pages whose gold names
   authors (trafilatura: `trafilatura.metadata.extract_metadata`).
"""

import argparse
import base64
import json
import os
import re
import subprocess
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import ensure_venv, SHIJU, ROOT  # noqa: E402

TRAF_RUNNER = r"""
import json, sys, trafilatura
from trafilatura.metadata import extract_metadata
out = {}
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        html = f.read()
    body = trafilatura.extract(html, no_fallback=False, include_comments=False,
                               include_tables=True, include_formatting=False) or ""
    meta = extract_metadata(html)
    out[path] = {"body": body, "date": (meta.date or "") if meta else "",
                 "authors": [a.strip() for a in ((meta.author or "") if meta else "").split(";") if a.strip()]}
json.dump(out, sys.stdout, ensure_ascii=False)
"""

# --- the dataset's metric (evaluation.py, reimplemented) -------------------

_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def _tokenize(text):
    return _TOKEN_RE.findall(text or "")


def _shingles(text, n=4):
    tokens = _tokenize(text)
    grams = [tuple(tokens[i : i + n]) for i in range(0, max(1, len(tokens) - n + 1))]
    return Counter(g for g in grams if g)


def shingle_tp_fp_fn(true, pred):
    t, p = _shingles(true), _shingles(pred)
    tp = fp = fn = 0.0
    for key in set(t) | set(p):
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s > 0 else (tp, fp, fn)


def _precision(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def dataset_metric(triples, accuracies):
    ps = [_precision(*x) for x in triples if x[0] + x[1] > 0]
    rs = [_recall(*x) for x in triples if x[0] + x[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, sum(accuracies) / len(accuracies)


# --- character 4-gram F1 ----------------------------------------------------

_SPACE = re.compile(r"\s+")


def char_grams(text, n=4):
    s = _SPACE.sub("", text or "")
    return Counter(s[i : i + n] for i in range(len(s) - n + 1))


def char_counts(true, pred):
    t, p = char_grams(true), char_grams(pred)
    tp = sum((t & p).values())
    return tp, sum(p.values()), sum(t.values())


def f1_of(tp, npred, ntrue):
    if npred == 0 and ntrue == 0:
        return 1.0
    if tp == 0:
        return 0.0
    p, r = tp / npred, tp / ntrue
    return 2 * p * r / (p + r)


# --- the tools ---------------------------------------------------------------


def run_shiju(pages):
    feed = "".join(
        json.dumps({"id": stem, "bytes_b64": base64.b64encode(open(path, "rb").read()).decode()}) + "\n"
        for stem, path in pages
    )
    p = subprocess.run([SHIJU, "analyze", "--jsonl"], input=feed.encode(), capture_output=True, check=True)
    out = {}
    for line in p.stdout.decode().splitlines():
        d = json.loads(line)
        art = d.get("article") or {}
        out[d["id"]] = {"body": "\n".join(art.get("paragraphs") or []),
                        "date": art.get("published") or "", "authors": art.get("authors") or []}
    return out


def run_trafilatura(pages):
    py = ensure_venv()
    p = subprocess.run([py, "-c", TRAF_RUNNER, *[path for _, path in pages]], capture_output=True, check=True)
    by_path = json.loads(p.stdout.decode())
    return {stem: by_path[path] for stem, path in pages}


_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def day_of(s):
    m = _DAY.search(s or "")
    return (int(m[1]), int(m[2]), int(m[3])) if m else None


def meta_scores(gold_meta, pred):
    """Publication day: share of pages whose gold names a day (YYYY-M-D)
    where the tool gives that day. Authors: mean F1 of the name sets over
    pages whose gold names authors (gold names are space-separated)."""
    days = [(day_of(g["date"]), day_of(pred.get(s, {}).get("date"))) for s, g in gold_meta.items()]
    days = [(g, p) for g, p in days if g]
    day_acc = sum(g == p for g, p in days) / len(days) if days else 0.0
    f1s = []
    for stem, g in gold_meta.items():
        names = set(re.split(r"[\s、]+", g["author"].strip())) - {"", "UNKNOWN"}
        if not names:
            continue
        got = {re.sub(r"\s+", "", a) for a in pred.get(stem, {}).get("authors", [])}
        names = {re.sub(r"\s+", "", n) for n in names}
        tp = len(names & got)
        f1s.append(f1_of(tp, len(got), len(names)))
    return day_acc, len(days), (sum(f1s) / len(f1s) if f1s else 0.0), len(f1s)


def score(name, gold, pred):
    triples, accs, rows = [], [], {}
    ctp = cpred = ctrue = 0
    empty = 0
    for stem, true in gold.items():
        got = pred.get(stem, {}).get("body", "")
        triples.append(shingle_tp_fp_fn(true, got))
        accs.append(float(_tokenize(true) == _tokenize(got)))
        tp, npred, ntrue = char_counts(true, got)
        ctp, cpred, ctrue = ctp + tp, cpred + npred, ctrue + ntrue
        tpp, fpp, fnp = triples[-1]
        rows[stem] = (f1_of(tpp, tpp + fpp, tpp + fnp) if tpp + fpp + fnp else 1.0, f1_of(tp, npred, ntrue))
        if true.strip() and not got.strip():
            empty += 1
    p, r, f, acc = dataset_metric(triples, accs)
    macro = sum(c for _, c in rows.values()) / len(rows)
    micro = f1_of(ctp, cpred, ctrue)
    return {"name": name, "p": p, "r": r, "f1": f, "acc": acc, "char_macro": macro, "char_micro": micro,
            "empty": empty, "rows": rows}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="/tmp/cwced", help="folder with original/ and cleaned/")
    ap.add_argument("--pages", action="store_true", help="print the per-page figures")
    ap.add_argument("--worst", type=int, default=0, help="list shiju's N worst pages (char 4-gram F1)")
    ap.add_argument("--no-trafilatura", action="store_true", help="score shiju alone")
    args = ap.parse_args()

    odir, cdir = os.path.join(args.data, "original"), os.path.join(args.data, "cleaned")
    if not os.path.isdir(odir) or not os.path.isdir(cdir):
        sys.exit(f"{args.data} needs original/ and cleaned/ (see --help)")
    pages, gold, gold_meta = [], {}, {}
    for name in sorted(os.listdir(odir)):
        stem, ext = os.path.splitext(name)
        txt = os.path.join(cdir, stem + ".txt")
        if ext == ".html" and os.path.exists(txt):
            pages.append((stem, os.path.join(odir, name)))
            with open(txt, encoding="utf-8") as f:
                gold[stem] = f.read()
            gold_meta[stem] = {}
            for field, folder in (("date", "date"), ("author", "author")):
                path = os.path.join(args.data, folder, stem + ".txt")
                gold_meta[stem][field] = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    if not os.path.exists(SHIJU):
        subprocess.run(["cargo", "build", "--release", "--bin", "shiju"], cwd=ROOT, check=True)

    preds = [("shiju", run_shiju(pages))]
    if not args.no_trafilatura:
        preds.append(("trafilatura 2.0.0", run_trafilatura(pages)))
    results = [score(name, gold, pred) for name, pred in preds]

    with_text = sum(1 for t in gold.values() if t.strip())
    print(f"pages: {len(pages)} ({with_text} with article text) from {args.data}")
    if args.pages:
        print(f"{'page':38}" + "".join(f"{r['name'][:12]:>14}{'':>8}" for r in results))
        print(f"{'':38}" + "".join(f"{'shingle F1':>14}{'char4 F1':>8}" for _ in results))
        for stem in gold:
            print(f"{stem:38}" + "".join(f"{r['rows'][stem][0]:14.3f}{r['rows'][stem][1]:8.3f}" for r in results))
    print(f"{'':20}{'dataset metric (4-token shingles)':>36}  {'char 4-gram F1':>16}  {'empty':>6}")
    print(f"{'':20}{'P':>9}{'R':>9}{'F1':>9}{'acc':>9}  {'macro':>8}{'micro':>8}  {'':>6}")
    for r in results:
        print(f"{r['name']:20}{r['p']:9.3f}{r['r']:9.3f}{r['f1']:9.3f}{r['acc']:9.3f}  "
              f"{r['char_macro']:8.3f}{r['char_micro']:8.3f}  {r['empty']:6d}")
    print("metadata (the dataset's date/ and author/ folders):")
    for name, pred in preds:
        day_acc, nd, auth_f1, na = meta_scores(gold_meta, pred)
        print(f"  {name:20} publication day {day_acc:.3f} ({nd} pages with a day)   authors F1 {auth_f1:.3f} ({na} pages with authors)")
    if args.worst:
        rows = results[0]["rows"]
        print(f"shiju's {args.worst} worst pages (char 4-gram F1):")
        for stem in sorted(rows, key=lambda s: rows[s][1])[: args.worst]:
            other = f"  trafilatura {results[1]['rows'][stem][1]:.3f}" if len(results) > 1 else ""
            print(f"  {stem}  {rows[stem][1]:.3f}{other}")


if __name__ == "__main__":
    main()
