#!/usr/bin/env python3
"""Mining aid (issue #16 part 1): which negation, plan, hypothetical and
modality markers block or recode matches, and in which longer words.

Reads `shiju explain` outputs (one file per document, e.g. from a corpus
extracted to /tmp: `shiju explain DOC > DIR/DOC.explain`), keeps the
sentences where a match was dropped as negated / speculative / modal /
hypothetical or recoded as a plan, finds every marker of the filter lists of
`lexicon/event_words.tsv` in the sentence, and ranks the markers by the
characters around them (2 before, 2 after), so that words containing a
marker that are not the marker (志愿军, 核计划, 不扩散, 是否…) stand out for
the `not_marker` list. Nothing is added automatically; the corpus is never
committed.

Usage: scripts/mine_markers.py EXPLAIN_DIR [--top N]
"""
import collections
import os
import re
import sys

LISTS = ("negations", "hypothetical", "speculation", "modal_pre", "future")
SINGLE = "不未别将若愿否"
STATUSES = ("negated", "speculative", "generic, hypothetical", "(plan")


def markers(lex):
    """The markers, longest first, and the not_marker words."""
    words = set(SINGLE)
    nots = set()
    for line in open(lex, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 2 and parts[0] in LISTS:
            words.add(parts[1])
        elif len(parts) >= 2 and parts[0] == "not_marker":
            nots.add(parts[1])
    return sorted(words, key=len, reverse=True), nots


def main():
    d = sys.argv[1]
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 80
    here = os.path.dirname(os.path.abspath(__file__))
    words, nots = markers(os.path.join(here, "..", "lexicon", "event_words.tsv"))
    ctx = collections.Counter()
    ex = {}
    for name in sorted(os.listdir(d)):
        text = open(os.path.join(d, name), encoding="utf-8", errors="replace").read()
        for blk in text.split("\n\n"):
            m = re.search(r"«(.*?)»", blk, re.S)
            if not m or not any(s in blk for s in STATUSES):
                continue
            sent = m.group(1)
            # Spans of not_marker words are already handled: skip them.
            seen = set()
            for w in nots:
                for k in re.finditer(re.escape(w), sent):
                    seen.add((k.start(), k.end()))
            for w in words:
                for i in [k.start() for k in re.finditer(re.escape(w), sent)]:
                    if any(a <= i < b for a, b in seen):
                        continue
                    seen.add((i, i + len(w)))
                    c = sent[max(0, i - 2):i] + "[" + w + "]" + sent[i + len(w):i + len(w) + 2]
                    ctx[c] += 1
                    ex.setdefault(c, sent[:120])
    for c, n in ctx.most_common(top):
        print(f"{n:4d}  {c}\t{ex[c]}")


if __name__ == "__main__":
    main()
