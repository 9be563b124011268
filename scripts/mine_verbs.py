#!/usr/bin/env python3
"""Mine candidate event triggers from a news corpus that shiju codes nothing in.

Runs `shiju analyze --json` over a sample of documents, keeps the sentences
that name two or more different actors (states, organisations, people with a
country) but give no event, and ranks the Chinese words found between and
just after the actors by how much more often they occur there than in the
sentences that did code an event or name fewer than two actors. Each
candidate is printed with example sentences, for a reviewer to turn into
verb patterns (`lexicon/verbs.tsv`) by hand: nothing is added
automatically, and the corpus itself is never committed.

Usage:
  scripts/mine_verbs.py --git /work/.mirror/OWNER+NAME/repo --under _posts \\
      --sample 2000 --out /tmp/mine.txt
  scripts/mine_verbs.py --dir SOME/FOLDER --out /tmp/mine.txt

Options: --shiju PATH (default target/release/shiju), --lexicon DIR (a
run-time lexicon folder, e.g. from scripts/lexicon_overlay.py, to mine what
an edited verbs.tsv still leaves uncoded), --top N (candidates),
--examples N (sentences per candidate), --seed N (sample order).
"""

import argparse
import collections
import json
import os
import random
import re
import subprocess
import sys
import tempfile

SENT_END = re.compile(r"[^。！？；!?\n]+[。！？；!?]?")
CJK = re.compile(r"[\u4e00-\u9fff]+")
MAX_GAP = 15


def sample_git(repo, under, n, seed, dest):
    """Writes n files of `under` in the repository's HEAD to dest."""
    names = subprocess.run(
        ["git", "-C", repo, "ls-tree", "-r", "-z", "--name-only", "HEAD", under],
        check=True, capture_output=True).stdout.decode("utf-8", "replace").split("\0")
    names = [x for x in names if x]
    random.Random(seed).shuffle(names)
    for i, name in enumerate(names[:n]):
        data = subprocess.run(["git", "-C", repo, "show", f"HEAD:{name}"],
                              capture_output=True).stdout
        ext = os.path.splitext(name)[1] or ".txt"
        with open(os.path.join(dest, f"doc{i:05d}{ext}"), "wb") as f:
            f.write(data)


def actor_of(ent):
    """The actor code an entity acts for, or None."""
    eid = ent.get("id", "")
    if eid.startswith("country:"):
        return eid[8:]
    if ent.get("country"):
        return ent["country"]
    if eid.startswith("org:") and "-" not in eid:
        return eid[4:]
    return None


def sentences(body):
    for m in SENT_END.finditer(body):
        yield m.start(), m.end()


def windows(doc):
    """(uncoded?, sentence, text windows around the actors) per sentence
    naming two different actors."""
    body = "\n".join(doc["article"]["paragraphs"])
    mentions = []
    for ent in doc.get("entities", []):
        code = actor_of(ent)
        if code:
            for m in ent.get("mentions", []):
                mentions.append((m["start"], m["end"], code))
    mentions.sort()
    coded = [(e["start"], e["end"]) for e in doc.get("events", [])]
    for s, e in sentences(body):
        ms = [m for m in mentions if s <= m[0] and m[1] <= e]
        if len({m[2] for m in ms}) < 2:
            continue
        uncoded = not any(cs < e and s < ce for cs, ce in coded)
        wins = []
        for a, b in zip(ms, ms[1:]):
            # Short stretches between two actors: where "X verb Y" is.
            if a[2] != b[2] and b[0] - a[1] <= MAX_GAP:
                wins.append(body[a[1]:b[0]])
        wins.append(body[ms[-1][1]:min(e, ms[-1][1] + 12)])
        yield uncoded, body[s:e].strip(), wins


def grams(text):
    out = set()
    for run in CJK.findall(text):
        for n in (2, 3, 4):
            for i in range(len(run) - n + 1):
                out.add(run[i:i + n])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--git")
    ap.add_argument("--under", default=".")
    ap.add_argument("--dir")
    ap.add_argument("--sample", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--shiju", default="target/release/shiju")
    ap.add_argument("--lexicon", help="run-time lexicon folder (shiju --lexicon)")
    ap.add_argument("--top", type=int, default=200)
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--out", default="-")
    ap.add_argument("--sentences", help="also write every uncoded two-actor "
                    "sentence to this file (one a line), for grepping")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        src = args.dir
        if args.git:
            sample_git(args.git, args.under, args.sample, args.seed, tmp)
            src = tmp
        if not src:
            sys.exit("give --git or --dir")
        cmd = [args.shiju, "analyze", "--json"]
        if args.lexicon:
            cmd += ["--lexicon", args.lexicon]
        res = subprocess.run(cmd + [src], capture_output=True, check=True)
        docs = json.loads(res.stdout)

    hit = collections.Counter()   # grams in windows of uncoded sentences
    base = collections.Counter()  # grams in windows of coded sentences
    examples = collections.defaultdict(list)
    n_unc = n_cod = 0
    dump = open(args.sentences, "w", encoding="utf-8") if args.sentences else None
    for doc in docs:
        if "article" not in doc:
            continue
        for uncoded, sent, wins in windows(doc):
            gs = set()
            for w in wins:
                gs |= grams(w)
            if uncoded:
                n_unc += 1
                if dump:
                    print(sent.replace("\n", " "), file=dump)
                hit.update(gs)
                for g in gs:
                    if len(examples[g]) < args.examples:
                        examples[g].append(sent[:120])
            else:
                n_cod += 1
                base.update(gs)

    # Frequent in uncoded two-actor sentences, rare where something is coded.
    def score(g):
        return hit[g] * hit[g] / (hit[g] + base[g])

    cands = [g for g, c in hit.items() if c >= 3]
    cands.sort(key=score, reverse=True)
    # Drop a gram contained in a better-ranked one with the same count.
    kept = []
    for g in cands:
        if any(g in k and hit[k] == hit[g] for k in kept):
            continue
        kept.append(g)
        if len(kept) >= args.top:
            break
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    print(f"# {len(docs)} documents; two-actor sentences: {n_unc} uncoded, "
          f"{n_cod} coded", file=out)
    for g in kept:
        print(f"{g}\tuncoded {hit[g]}\tcoded {base[g]}", file=out)
        for ex in examples[g]:
            print(f"    {ex}", file=out)


if __name__ == "__main__":
    main()
