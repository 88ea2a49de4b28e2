#!/usr/bin/env bash
# Load test for POST /api/messages: concurrent personal-chat turns (a draft in, an evaluation card out) against
# the Release build, with replies delivered to a loopback fake connector. Loopback only, bounded in time.
#
#   tests/load/run-load.sh [--connections 50] [--duration 20] [--threads 2] [--warmup 30] [--learned on|off]
#
# --learned off checks with the rules alone (Guidelines:Learned=false); on (the bot's default) adds the learned
# second opinion, whose sentence embeddings cost tens of ms of CPU a turn: its targets are >= 300 turns/s and
# p99 <= 100 ms, the rules alone's >= 500 turns/s and p99 <= 50 ms.
#
# The warm-up runs the same load before measuring. The first 20-30 s under load after a start are spent mostly in the
# JIT (tiered compilation with dynamic PGO recompiles the hot paths of ASP.NET Core, the Bot Framework SDK, Newtonsoft
# and EF Core: 1,500-2,500 methods per 5 s, up to half the CPU), so a short warm-up measures start-up, not turns.
# --warmup 5 shows that cold phase.
#
# Needs wrk (apt-get install -y wrk) and node. Prints p50/p99 latency and turns/s, and whether the targets
# (p99 <= 50 ms at 50 concurrent turns, >= 500 turns/s) were met. Exit code 0 unless the run itself failed;
# pass --enforce to fail when a target is missed.
set -euo pipefail
connections=50 duration=20 threads=2 warmup=30 enforce=0 learned=on
while [[ $# -gt 0 ]]; do
  case "$1" in
    --connections) connections="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --enforce) enforce=1; shift ;;
    --learned) learned="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$learned" in on) layer=true p99_target=100 tps_target=300 ;; off) layer=false p99_target=50 tps_target=500 ;; *) echo "--learned takes on or off" >&2; exit 2 ;; esac
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }
command -v node >/dev/null || { echo "node is not installed" >&2; exit 2; }

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { for _ in $(seq 1 150); do curl -sf -o /dev/null "$1" && return 0; sleep 0.2; done; echo "not ready: $1" >&2; return 1; }

echo "Building (Release)..."
dotnet build "$root/src/CommsBot.Bot" -c Release -v quiet -nologo >/dev/null

connector_port="$(free_port)"
node "$here/fake-connector.js" "$connector_port" >"$work/connector.log" 2>&1 &
pids+=($!)

bot_port="$(free_port)"
# Per-turn Information logs go to the console, as they would in production; EF and ASP.NET Core stay at Warning.
# The published dll runs in the Production environment: local mode (no app id, the fake connector on loopback) is
# opted into explicitly, as a deployment would have to.
dotnet "$root/src/CommsBot.Bot/bin/Release/net10.0/CommsBot.Bot.dll" \
  --urls "http://127.0.0.1:$bot_port" --Storage:DataDirectory "$work/data" --Bot:AllowLocalMode true --Guidelines:Learned "$layer" >"$work/bot.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$bot_port/healthz"
sleep 0.5
grep -q "fake connector" "$work/connector.log" || { echo "fake connector did not start" >&2; cat "$work/connector.log" >&2; exit 1; }

export SERVICE_URL="http://127.0.0.1:$connector_port/"
url="http://127.0.0.1:$bot_port"
echo "Warm-up: ${warmup} s at $connections connections..."
wrk -t "$threads" -c "$connections" -d "${warmup}s" -s "$here/turns.lua" "$url" >/dev/null
before="$(curl -s "http://127.0.0.1:$connector_port/count")"
echo "Measuring: ${duration} s at $connections connections, $threads wrk threads, $(nproc) cores, learned layer $learned..."
wrk -t "$threads" -c "$connections" -d "${duration}s" --timeout 5s --latency -s "$here/turns.lua" "$url" | tee "$work/wrk.txt"
after="$(curl -s "http://127.0.0.1:$connector_port/count")"

result="$(grep '^RESULT' "$work/wrk.txt")"
p99="$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$result")"
tps="$(sed -E 's/.*turns_per_s=([0-9.]+).*/\1/' <<<"$result")"
non2xx="$(sed -E 's/.*non2xx=([0-9]+).*/\1/' <<<"$result")"
errors="$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$result")"
if grep -q "Turn failed" "$work/bot.log"; then echo "the bot logged failed turns:" >&2; grep "Turn failed" "$work/bot.log" | head -5 >&2; fi
echo
echo "replies delivered to the fake connector: $((after - before))"
echo "$result"
ok=1
awk -v v="$p99" -v t="$p99_target" 'BEGIN { exit !(v <= t) }' && echo "p99 ${p99} ms <= ${p99_target} ms: met" || { echo "p99 ${p99} ms > ${p99_target} ms: MISSED"; ok=0; }
awk -v v="$tps" -v t="$tps_target" 'BEGIN { exit !(v >= t) }' && echo "${tps} turns/s >= ${tps_target}: met" || { echo "${tps} turns/s < ${tps_target}: MISSED"; ok=0; }
[[ "$non2xx" == 0 && "$errors" == 0 ]] || { echo "non-2xx responses: $non2xx, socket errors: $errors"; ok=0; }
if [[ $enforce == 1 && $ok == 0 ]]; then exit 1; fi
