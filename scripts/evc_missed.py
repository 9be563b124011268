#!/usr/bin/env python3
"""Mining aid (h-evc): for each missed event of `shiju eval`, print the
explain block of the sentence holding its evidence. Usage:
  evc_missed.py EVAL_OUTPUT EXPLAIN_DIR"""
import re, sys, os
ev, d = sys.argv[1], sys.argv[2]
doc = None
blocks = {}
for line in open(ev):
    m = re.match(r'^== (\S+)', line)
    if m:
        doc = m.group(1)
        continue
    m = re.match(r'^  missed event: (.*) «(.*)»', line)
    if not m or doc is None:
        continue
    what, evid = m.group(1), m.group(2).rstrip('…')
    p = os.path.join(d, doc + '.explain')
    if not os.path.exists(p):
        continue
    text = open(p).read()
    # simplified evidence won't match traditional explain text; try a prefix
    found = None
    for blk in text.split('\n\n'):
        if evid[:12] in blk:
            found = blk
            break
    print(f'### {doc}: {what}')
    if found:
        print('\n'.join(l for l in found.split('\n') if not l.endswith('no match') or '[-' not in l))
    else:
        print('  (sentence has no anchor)')
    print()
