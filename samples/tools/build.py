#!/usr/bin/env python3
"""Write the sample corpus (samples/corpus/) and validate every gold file.

    python3 samples/tools/build.py          # write + validate
    python3 samples/tools/build.py --check  # validate what is on disk only

Validation decodes each written document with its codec, strips markup,
resolves character entities and checks that every verbatim string of the
gold file (title, forms, timex texts, quote starts, evidence, body snippets)
occurs in that text, that body_must_not_contain strings occur in the
document but outside the body span, and that codes and dates are well formed.
"""
import csv
import glob
import html
import importlib.util
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.dirname(HERE)
CORPUS = os.path.join(SAMPLES, "corpus")
REF = "/work/shared/reference/cameo_country_codes.tsv"

ORG_ACTORS = {"NATO", "UN", "G20", "G7", "APEC", "SCO", "BRICS", "EU", "ASEAN", "IAEA", "AU"}


def country_codes():
    codes = {"TWN", "PSE", "XKX", "KSV", "MNE", "ROU", "HKG", "MAC"}
    try:
        with open(REF, encoding="utf-8") as f:
            for row in csv.reader(f, delimiter="\t"):
                for cell in row:
                    if re.fullmatch(r"[A-Z]{3}", cell):
                        codes.add(cell)
    except OSError:
        pass
    return codes


def to_text(s):
    s = re.sub(r"(?is)<script\b.*?</script>", "", s)
    s = re.sub(r"(?is)<style\b.*?</style>", "", s)
    s = s.replace("<![CDATA[", "").replace("]]>", "")
    s = re.sub(r"(?s)<!--.*?-->", "", s)
    for _ in range(2):
        s = re.sub(r"(?s)<[^<>]*>", "", s)
        s = html.unescape(s)
    return s


DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")


_WHATWG_DECODE = {}


def whatwg_decode(label, data):
    """Decode with the WHATWG decoder (what encoding_rs implements), via node if present."""
    import shutil
    import subprocess
    import tempfile
    if not shutil.which("node"):
        return data.decode(label)
    with tempfile.NamedTemporaryFile(delete=False) as f:
        f.write(data)
        name = f.name
    try:
        out = subprocess.run(["node", os.path.join(HERE, "whatwg_decode.js"), label, name],
                             capture_output=True, check=True).stdout
    finally:
        os.unlink(name)
    return out.decode("utf-8")


def encode(text, enc):
    """Encode `text`; for Big5, pick for each character bytes that the WHATWG
    decoder maps back to that same character (Python's big5 codec and WHATWG
    disagree on a few code points, e.g. U+FF0F)."""
    data = text.encode(enc)  # strict: every char must be encodable
    if enc != "big5" or whatwg_decode("big5", data) == text:
        return data
    out = bytearray()
    for ch in text:
        b = ch.encode("big5")
        if len(b) == 2 and whatwg_decode("big5", b) != ch:
            b = _big5_whatwg_bytes(ch)
        out += b
    return bytes(out)


def _big5_whatwg_bytes(ch):
    if not _WHATWG_DECODE:
        pairs = [bytes([a, b]) for a in range(0x81, 0xFF)
                 for b in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))]
        decoded = whatwg_decode("big5", b"\n".join(pairs)).split("\n")
        for bts, d in zip(pairs, decoded):
            _WHATWG_DECODE.setdefault(d, bts)
    if ch not in _WHATWG_DECODE:
        raise ValueError(f"{ch!r} has no WHATWG Big5 encoding")
    return _WHATWG_DECODE[ch]


def load(path):
    spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
    mod = importlib.util.module_from_spec(spec)
    sys.path.insert(0, HERE)
    spec.loader.exec_module(mod)
    return mod


def validate(mod, data, codes):
    errs = []
    fname = mod.FNAME
    gold = mod.GOLD
    data.decode(mod.ENC)  # strict: fails on a bad byte
    raw = whatwg_decode(mod.ENC, data)
    if raw != mod.RAW:
        errs.append("WHATWG decoding differs from the source text")
    text = to_text(raw)
    g = json.loads(json.dumps(gold, ensure_ascii=False))
    a = g["article"]

    def need(s, what):
        if s not in text:
            errs.append(f"{what} not in text: {s!r}")

    if a["title"] is not None:
        need(a["title"], "title")
    if a["url"] is not None and a["url"] not in raw:
        errs.append(f"url not in raw: {a['url']}")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", a["published"]):
        errs.append("published format")
    for d in a.get("published_alt", []):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
            errs.append("published_alt format")
    if a["script"] not in ("simplified", "traditional"):
        errs.append("script")
    for au in a["authors"]:
        need(au, "author")
    bs, be = a["body_starts"], a["body_ends"]
    i = text.find(bs)
    j = text.rfind(be)
    if i < 0 or j < 0 or j < i:
        errs.append(f"body span not found ({i},{j})")
        span = ""
    else:
        span = text[i : j + len(be)]
    for s in a["body_must_contain"]:
        if s not in span:
            errs.append(f"body_must_contain not in body: {s!r}")
    glued = set(getattr(mod, "GLUED", []))
    for s in a["body_must_not_contain"]:
        if s not in text:
            errs.append(f"body_must_not_contain not in document: {s!r}")
        elif s in span and s not in glued:
            errs.append(f"body_must_not_contain inside body span: {s!r}")
    scope = span + "\n" + (a["title"] or "")

    def in_body(x, what):
        if x in text and x not in scope:
            errs.append(f"{what} occurs only outside the body/title: {x!r}")

    for e in g["entities"]:
        for f in e["forms"]:
            in_body(f, f"form of {e['id']}")
    for t in g["timex"]:
        in_body(t["text"], "timex")
    for q in g["quotes"]:
        in_body(q["starts"], "quote start")
    for ev in g["events"]:
        in_body(ev["evidence"], "evidence")
    ids = set()
    for e in g["entities"]:
        if e["id"] in ids:
            errs.append(f"duplicate entity {e['id']}")
        ids.add(e["id"])
        kind, _, rest = e["id"].partition(":")
        if kind != e["type"]:
            errs.append(f"entity type mismatch {e['id']}")
        if kind == "country" and rest not in codes:
            errs.append(f"unknown country {e['id']}")
        if kind == "person" and not re.fullmatch(r"[a-z]+(-[a-z]+)*", rest):
            errs.append(f"bad person slug {e['id']}")
        if e["country"] is not None and e["country"] not in codes:
            errs.append(f"bad entity country {e['id']}")
        for f in e["forms"]:
            need(f, f"form of {e['id']}")
    for t in g["timex"]:
        need(t["text"], "timex")
        if not DATE_RE.match(t["value"]):
            errs.append(f"timex value {t}")
    for q in g["quotes"]:
        need(q["starts"], "quote start")
        if q["speaker"] not in ids:
            errs.append(f"quote speaker not an entity: {q['speaker']}")
        if len(q["starts"]) <= 4:
            errs.append(f"quote too short: {q['starts']}")
    seen = set()
    for ev in g["events"]:
        need(ev["evidence"], "evidence")
        for side in ("source", "target"):
            c = ev[side]
            if c not in codes and c not in ORG_ACTORS:
                errs.append(f"unknown actor {c}")
            if f"country:{c}" not in ids and f"org:{c}" not in ids:
                errs.append(f"actor {c} has no entity record")
        if ev["source"] == ev["target"]:
            errs.append(f"source == target {ev}")
        if not re.fullmatch(r"(0[1-9]|1[0-9]|20)", ev["cameo"]):
            errs.append(f"bad root {ev['cameo']}")
        if "code" in ev and not ev["code"].startswith(ev["cameo"]):
            errs.append(f"code/root mismatch {ev}")
        for alt in ev["cameo_alt"]:
            if not re.fullmatch(r"(0[1-9]|1[0-9]|20)", alt) or alt == ev["cameo"]:
                errs.append(f"bad alt {alt}")
        if not DATE_RE.match(ev["date"]):
            errs.append(f"event date {ev['date']}")
        key = (ev["source"], ev["target"], ev["cameo"], ev["date"])
        if key in seen:
            errs.append(f"duplicate event key {key}")
        seen.add(key)
    return errs


def main():
    check_only = "--check" in sys.argv
    codes = country_codes()
    os.makedirs(CORPUS, exist_ok=True)
    total = 0
    bad = 0
    for path in sorted(glob.glob(os.path.join(HERE, "docs", "*.py"))):
        mod = load(path)
        out = os.path.join(CORPUS, mod.FNAME)
        if not check_only:
            data = encode(mod.RAW, mod.ENC)
            with open(out, "wb") as f:
                f.write(data)
        with open(out, "rb") as f:
            data = f.read()
        if mod.GOLD is None:
            continue
        gold = {"doc": mod.FNAME}
        gold.update(mod.GOLD)
        gpath = out + ".gold.json"
        if not check_only:
            with open(gpath, "w", encoding="utf-8") as f:
                json.dump(gold, f, ensure_ascii=False, indent=1)
                f.write("\n")
        with open(gpath, encoding="utf-8") as f:
            on_disk = json.load(f)
        if on_disk["doc"] != mod.FNAME:
            print(f"{mod.FNAME}: doc field mismatch")
        errs = validate(mod, data, codes)
        total += 1
        a = mod.GOLD["article"]
        t = to_text(whatwg_decode(mod.ENC, data))
        i, j = t.find(a["body_starts"]), t.rfind(a["body_ends"])
        n_body = j + len(a["body_ends"]) - i if i >= 0 and j >= i else -1
        status = "OK" if not errs else f"{len(errs)} ERRORS"
        print(f"{mod.FNAME:40s} {mod.ENC:8s} ents={len(mod.GOLD['entities']):2d} "
              f"timex={len(mod.GOLD['timex']):2d} quotes={len(mod.GOLD['quotes']):2d} "
              f"events={len(mod.GOLD['events']):2d} body={n_body:4d} {status}")
        for e in errs:
            print("   ", e)
        if errs:
            bad += 1
    print(f"{total} gold files, {bad} with errors")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
