#!/usr/bin/env bash
# Scores a new labelled corpus the first time, before anything is tuned on it: prints the summary for the README's
# quality table and records which issue rules fired on each draft (tests/corpus/first-run/NAME.jsonl), which the
# learned layer's stacker is fitted on (it must learn how far to trust the rules on drafts they were not tuned on).
# Usage: tests/corpus/first-score.sh tests/corpus/NAME.jsonl [commsbot.dll]
set -euo pipefail
corpus=$1
cli=${2:-src/CommsBot.Cli/bin/Release/net10.0/commsbot.dll}
name=$(basename "$corpus" .jsonl)
out=$(dirname "$corpus")/first-run/$name.jsonl
dotnet "$cli" eval "$corpus" --format json --learned off > "/tmp/first-score-$name.json"
python3 - "$corpus" "/tmp/first-score-$name.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[2]))
print(f"{sys.argv[1]}: {d['drafts']} drafts, verdict accuracy {d['verdictAccuracy']:.3f}, issue macro-F1 {d['issueMacroF1']:.3f}, opportunity macro-F1 {d['opportunityMacroF1']:.3f}")
PY
# check exits 1 when any draft is not ready: that is the point of a corpus, not a failure
set +o pipefail
dotnet "$cli" check --jsonl "$corpus" --format json --learned off | python3 -c '
import json, sys
issues = {"patient-privacy","on-the-job-media","disparaging-colleagues","undisclosed-partnership","paid-promotion-risk","personal-content-public","advice-on-personal-account","mocking-patients","individual-medical-advice"}
for line in sys.stdin:
    r = json.loads(line)
    if "id" in r and "findings" in r:
        print(json.dumps({"id": r["id"], "fired": sorted({f["rule"] for f in r["findings"] if f["rule"] in issues})}))
' > "$out"
echo "first-run rule outputs: $out ($(wc -l < "$out") drafts)"
