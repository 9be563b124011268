#!/bin/sh
# md5 of the analysis output (analyze --json on realnews, seeds, samples;
# --jsonl over seeds and realnews; eval): run before and after a change
# that must not change output, and compare.
cd "$(dirname "$0")/.."
for d in ../shared/realnews ../shared/seeds samples/corpus; do
  ./target/release/shiju analyze --json $d 2>/dev/null | md5sum
done
# jsonl: the text form over the seeds' files
python3 - <<'P' | ./target/release/shiju analyze --jsonl 2>/dev/null | md5sum
import json,os,base64
for root in ['../shared/seeds','../shared/realnews']:
    for d,_,fs in sorted(os.walk(root)):
        for f in sorted(fs):
            p=os.path.join(d,f)
            print(json.dumps({"id":p,"bytes_b64":base64.b64encode(open(p,'rb').read()).decode()}))
P
./target/release/shiju eval ../shared/realnews ../shared/seeds samples/corpus 2>/dev/null | md5sum
