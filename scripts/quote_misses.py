#!/usr/bin/env python3
"""Context of missed and spurious quotes in a `shiju eval` report.

Usage: target/release/shiju eval ../shared/realnews > /tmp/report.txt
       python3 scripts/quote_misses.py /tmp/report.txt
Prints, per document, the 150 characters before each missed/spurious quote and
its start (documents are read from ../shared/realnews, ../shared/seeds or
samples/corpus at run time; nothing is copied into the repository)."""
import json,subprocess,sys,re
rep=open(sys.argv[1]).read()
docs={}
cur=None
for line in rep.splitlines():
    m=re.match(r'== (\S+)',line)
    if m: cur=m.group(1); continue
    m=re.match(r'\s+(missed|spurious) quote: (\S+) «(.*)»',line)
    if m and cur: docs.setdefault(cur,[]).append((m.group(1),m.group(2),m.group(3)))
import os
for d,items in docs.items():
    path=None
    for base in ['../shared/realnews','../shared/seeds','samples/corpus']:
        if os.path.exists(os.path.join(base,d)): path=os.path.join(base,d)
    if not path: continue
    a=json.loads(subprocess.run(['target/release/shiju','analyze','--json',path],capture_output=True,text=True).stdout)[0]
    body='\n'.join(a['article']['paragraphs'])
    print('=====',d, 'ents:',' '.join(e['id'] for e in a['entities']))
    for kind,sp,t in items:
        t2=t.rstrip('…')[:12]
        i=body.find(t2)
        print(f'--{kind} [{sp}] {t}')
        if i<0: print('   NOT FOUND'); continue
        print('   ',body[max(0,i-150):i].replace('\n','⏎'),'【',body[i:i+80].replace('\n','⏎'))
