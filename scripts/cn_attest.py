#!/usr/bin/env python3
"""Draft rows for officials of the PRC and Macao, checked against the corpora.

Input: draft files written by hand from public office-holder lists, one person
a line: `id;Latin;ISO3;form|form;title@start[@end[@of]];…`, or roles for a
listed person: `+id;title@start[@end[@of]];…` (`#` starts a comment). Short
title codes: pb politburo_member, ps party_secretary, gov governor, rc
regional_chairman, min minister, vm vice_minister, vp deputy_prime_minister,
sc state_councillor, vc vice_chairman, sp spokesperson, amb ambassador (of =
host state), un un_representative, cmd commander, cmc cmc_member, cos
chief_of_staff, lo liaison_director, sec secretary (Macao), arats
arats_president; any other code is a titles.tsv key as written. `of` defaults
to the person's state.

Attestation (lexicon/README.md): a form is kept when the dated corpora
(`--corpus`, `YYYY-MM-DD<TAB>text`, simplified) print it at least `--min`
times with a title or body word next to it (CONTEXT, within 10 characters
before or 6 after); two-character forms need `--min2` such hits and a share
of at least `--share2` of all hits, or `--min` hits and a `!` before the form
in the draft (its contexts read and found to name the person). A name of the
12th National People's Congress in the EveryPolitician snapshot (`--ep`, CC0)
is attested by that list. Writes `P`/`R` batch lines for
`scripts/apply_people.py` (--out) and the evidence for review (--report).

Usage: scripts/cn_attest.py --corpus A --corpus B --out BATCH --report REPORT DRAFT...
"""

import argparse
import collections
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import mine_people as mp  # noqa: E402

CODES = {"pb": "politburo_member", "ps": "party_secretary", "gov": "governor",
         "rc": "regional_chairman", "min": "minister", "vm": "vice_minister",
         "vp": "deputy_prime_minister", "sc": "state_councillor", "vc": "vice_chairman",
         "sp": "spokesperson", "amb": "ambassador", "un": "un_representative",
         "cmd": "commander", "cmc": "cmc_member", "cos": "chief_of_staff",
         "lo": "liaison_director", "sec": "secretary", "arats": "arats_president"}

# Title and body words that make a hit an office-holder's (simplified).
CONTEXT = re.compile(
    "书记|省长|市长|主席|部长|主任|委员|总理|大使|发言人|司令|将军|上将|中将|少将|政委|"
    "局长|行长|检察长|院长|司长|署长|特首|常委|国务|会长|特派员|代表|官员|领导|中共|"
    "外交部|商务部|国防部|财政部|公安部|国台办|港澳办|中联办|人大|政协|解放军|海军|空军|"
    "火箭军|陆军|战区|省委|市委|党委|自治区|政府|特区|国家|澳门|北京|驻|参谋|秘书长|厅长|"
    "理事长|纪委|军委|国务院|国资委|证监会|银监会|央行|人民银行|海关|行政长官|外长|防长|财长")


SENT_END = re.compile("[。！？!?；;\n<>]")


def ep_names(ep):
    """Names of the 12th National People's Congress (EveryPolitician, CC0)."""
    if not ep:
        return set()
    out = subprocess.run(["git", "--git-dir=" + ep, "show", "HEAD:data/China/Congress/names.csv"],
                         capture_output=True, text=True).stdout
    return {line.split(",")[0] for line in out.split("\n")[1:] if line}


def parse(paths):
    people, roles, reviewed = [], [], set()
    for p in paths:
        for line in open(p, encoding="utf-8"):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(";")
            if parts[0].startswith("+"):
                pid, iso, rs = parts[0][1:], "CHN", parts[1:]
            else:
                pid, latin, iso, forms = parts[:4]
                rs = parts[4:]
                people.append((pid, latin, iso, [f for f in forms.split("|") if f]))
                reviewed.update(f[1:] for f in forms.split("|") if f.startswith("!"))
            for r in rs:
                f = r.split("@")
                title = CODES.get(f[0], f[0])
                start = f[1] if len(f) > 1 else ""
                end = f[2] if len(f) > 2 else ""
                of = f[3] if len(f) > 3 else iso
                roles.append((pid, title, of, start, end))
    people = [(pid, latin, iso, [f.lstrip("!") for f in fs]) for pid, latin, iso, fs in people]
    return people, roles, reviewed


def hits(forms, corpora):
    """Lines of the corpora that hold any of FORMS (fixed-string grep)."""
    return mp.grep_fixed(forms, corpora).split("\n")


def matches(forms, corpora):
    """(text, match) for every occurrence of FORMS in the corpora's distinct
    item texts (a line is `date<TAB>text`), longest form first."""
    rx = re.compile("|".join(re.escape(x) for x in sorted(forms, key=len, reverse=True)))
    seen = set()
    for line in hits(forms, corpora):
        text = line.partition("\t")[2]
        if text in seen:
            continue
        seen.add(text)
        for m in rx.finditer(text):
            yield text, m


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--report", required=True)
    ap.add_argument("--min", type=int, default=2)
    ap.add_argument("--min2", type=int, default=5)
    ap.add_argument("--share2", type=float, default=0.6)
    ap.add_argument("--ep", help="bare git dir of everypolitician-data: its NPC names attest a form")
    ap.add_argument("drafts", nargs="+")
    args = ap.parse_args()
    _, t2s = mp.load_opencc()
    people, roles, reviewed = parse(args.drafts)
    ep = ep_names(args.ep)
    forms = {mp.convert(f, t2s) for _, _, _, fs in people for f in fs}
    total, ctx, samples = collections.Counter(), collections.Counter(), collections.defaultdict(list)
    for text, m in matches(forms, args.corpus):
        k = m.group(0)
        total[k] += 1
        if len(k) > 2:
            # Lists of office-holders after one title (`副委员长王晨、曹建明、…`):
            # the sentence before the name, up to 40 characters.
            before = SENT_END.split(text[max(0, m.start() - 40):m.start()])[-1]
        else:
            before = text[max(0, m.start() - 10):m.start()]
        window = before + "\u3000" + text[m.end():m.end() + 6]
        if CONTEXT.search(window):
            ctx[k] += 1
            if len(samples[k]) < 3:
                samples[k].append(text[max(0, m.start() - 14):m.end() + 8])
    kept = set()
    with open(args.out, "w", encoding="utf-8") as out, open(args.report, "w", encoding="utf-8") as rep:
        for pid, latin, iso, fs in people:
            keep = []
            for f in fs:
                k = mp.convert(f, t2s)
                n, c = total[k], ctx[k]
                if len(k) <= 2:
                    # Two-character names: many hits beside a title, or
                    # marked `!` in the draft after reading their contexts.
                    ok = (c >= args.min2 and c >= args.share2 * n) or (f in reviewed and c >= args.min)
                else:
                    ok = c >= args.min or k in ep
                rep.write(f"{'KEEP' if ok else 'DROP'}\t{pid}\t{f}\t{n}\t{c}\t{'EP' if k in ep else ''}\t{' / '.join(samples[k])}\n")
                if ok:
                    keep.append(f)
            if keep:
                kept.add(pid)
                out.write(f"P\t{pid}\t{latin}\t{iso}\t{'|'.join(keep)}\n")
        listed = {pid for pid, *_ in people}
        for pid, title, of, start, end in roles:
            if pid in kept or pid not in listed:
                out.write(f"R\t{pid}\t{title}\t{of}\t{start}\t{end}\n")
    print(f"people {len(people)} kept {len(kept)}", file=sys.stderr)


if __name__ == "__main__":
    main()
