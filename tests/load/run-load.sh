#!/usr/bin/env bash
# Load test for POST /api/messages: concurrent personal-chat turns (a draft in, an evaluation card out) against
# the Release build, with replies delivered to a loopback fake connector, measured side by side with an echo anchor.
# Loopback only, bounded in time.
#
#   tests/load/run-load.sh [--learned on|off] [--connections 50] [--duration 10] [--rounds 3] [--warmup 30]
#                          [--max-warmup 180] [--threads 2] [--no-anchor] [--enforce]
#
# The anchor (tests/load/EchoAnchor) is a Bot Framework echo bot on the same SDK with the bot's connector-client
# sharing (SharedContractsBotFrameworkAuthentication) that answers every message with one constant card of the bot's
# average card size: the floor of what a turn through this SDK costs. Both run at once, each idle while the other is
# measured; rounds alternate which goes first (project, anchor, anchor, project, ...), so a change in the machine's
# other load falls on both. For each side: its own process's CPU time (user + system, from /proc) per turn, turns/s
# and p50/p99 latency per round; then the medians and the ratio of the project's CPU per turn to the anchor's.
#
# --learned off checks with the rules alone (Guidelines:Learned=false); on (the bot's default) adds the learned
# second opinion. Targets: rules alone, CPU per turn at most
# 1.5x the anchor's and p99 <= 50 ms at 50 concurrent; layer on, >= 300 turns/s and p99 <= 100 ms.
#
# The warm-up runs the same load on each before measuring, in 10 s runs until a run compiles fewer than 20 methods
# (counted in the runtime's perf map, /tmp/perf-PID.map, removed at the end) and the CPU per turn has stopped falling
# (at least --warmup, at most --max-warmup seconds). After a start the JIT recompiles the hot paths of ASP.NET Core, the Bot
# Framework SDK, Newtonsoft and the bot (tiered compilation with dynamic PGO, some 3,000 methods for the bot): 20-30 s
# on a quiet machine, minutes on a busy one, and a measurement taken before it is done measures the JIT, not turns.
#
# Needs wrk (apt-get install -y wrk), node and python3. Exit code 0 unless the run itself failed; --enforce also
# fails it when a target is missed. Every process it starts is stopped by its PID when it exits.
set -euo pipefail
connections=50 duration=10 rounds=3 threads=2 warmup=30 max_warmup=180 enforce=0 learned=on anchor=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --connections) connections="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --max-warmup) max_warmup="$2"; shift 2 ;;
    --enforce) enforce=1; shift ;;
    --learned) learned="$2"; shift 2 ;;
    --no-anchor) anchor=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$learned" in on) layer=true p99_target=100 tps_target=300 ;; off) layer=false p99_target=50 tps_target=500 ;; *) echo "--learned takes on or off" >&2; exit 2 ;; esac
ratio_target=1.5
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }
command -v node >/dev/null || { echo "node is not installed" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is not installed" >&2; exit 2; }

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; rm -f "/tmp/perf-$pid.map"; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { for _ in $(seq 1 150); do curl -sf -o /dev/null "$1" && return 0; sleep 0.2; done; echo "not ready: $1" >&2; return 1; }
# The process's CPU time so far (user + system, all threads), in ms.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000 / hz }' "/proc/$1/stat"; }
# Methods the JIT has compiled so far: lines of the runtime's perf map (DOTNET_PerfMapEnabled=3), one a method.
jitted() { wc -l <"/tmp/perf-$1.map" 2>/dev/null || echo 0; }

echo "Building (Release)..."
dotnet build "$root/src/CommsBot.Bot" -c Release -v quiet -nologo >/dev/null
[[ $anchor == 1 ]] && dotnet build "$here/EchoAnchor" -c Release -v quiet -nologo >/dev/null

connector_port="$(free_port)"
node "$here/fake-connector.js" "$connector_port" >"$work/connector.log" 2>&1 &
pids+=($!)

declare -A pid_of url_of
sides=(project)
bot_port="$(free_port)"
# The runtime lists each method it compiles in /tmp/perf-PID.map, which tells the warm-up when the JIT is done.
export DOTNET_PerfMapEnabled=3
# Per-turn logs go to the console, as they would in production; EF and ASP.NET Core stay at Warning.
# The published dll runs in the Production environment: local mode (no app id, the fake connector on loopback) is
# opted into explicitly, as a deployment would have to.
dotnet "$root/src/CommsBot.Bot/bin/Release/net10.0/CommsBot.Bot.dll" \
  --urls "http://127.0.0.1:$bot_port" --Storage:DataDirectory "$work/data" --Bot:AllowLocalMode true --Guidelines:Learned "$layer" >"$work/bot.log" 2>&1 &
pids+=($!)
pid_of[project]=$! url_of[project]="http://127.0.0.1:$bot_port"
if [[ $anchor == 1 ]]; then
  anchor_port="$(free_port)"
  dotnet "$here/EchoAnchor/bin/Release/net10.0/CommsBot.LoadAnchor.dll" --urls "http://127.0.0.1:$anchor_port" >"$work/anchor.log" 2>&1 &
  pids+=($!)
  pid_of[anchor]=$! url_of[anchor]="http://127.0.0.1:$anchor_port"
  sides+=(anchor)
fi
for side in "${sides[@]}"; do wait_for "${url_of[$side]}/healthz"; done
sleep 0.5
grep -q "fake connector" "$work/connector.log" || { echo "fake connector did not start" >&2; cat "$work/connector.log" >&2; exit 1; }

export SERVICE_URL="http://127.0.0.1:$connector_port/"
# One closed-loop run against a side: prints "turns/s p50 p99 cpu_per_turn delivered failed".
measure() {
  local side="$1" seconds="$2" before_count after_count before_cpu after_cpu result
  before_count="$(curl -s "http://127.0.0.1:$connector_port/count")"
  before_cpu="$(cpu_ms "${pid_of[$side]}")"
  wrk -t "$threads" -c "$connections" -d "${seconds}s" --timeout 5s --latency -s "$here/turns.lua" "${url_of[$side]}" >"$work/wrk.txt"
  after_cpu="$(cpu_ms "${pid_of[$side]}")"
  after_count="$(curl -s "http://127.0.0.1:$connector_port/count")"
  result="$(grep '^RESULT' "$work/wrk.txt")"
  field() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$result"; }
  echo "$(field turns_per_s) $(field p50_ms) $(field p99_ms)" \
    "$(awk -v a="$before_cpu" -v b="$after_cpu" -v n="$(field requests)" 'BEGIN { printf "%.3f", (b - a) / n }')" \
    "$((after_count - before_count))" "$(( $(field non2xx) + $(field errors) ))"
}

# Warm-up: until the JIT is done with the hot paths, which on a busy machine takes far longer than on a quiet one.
# Runs of 10 s until one compiles fewer than 20 methods and its CPU per turn is no longer falling by more than 5%
# (at least --warmup s, at most --max-warmup s).
for side in "${sides[@]}"; do
  echo "Warm-up ($side), $connections connections, by 10 s run: CPU per turn, methods compiled"
  elapsed=0 previous=""
  while :; do
    methods_before="$(jitted "${pid_of[$side]}")"
    read -r _ _ _ cpu _ _ < <(measure "$side" 10)
    methods=$(( $(jitted "${pid_of[$side]}") - methods_before ))
    elapsed=$((elapsed + 10))
    echo "  ${elapsed} s: $cpu ms, $methods methods"
    if (( elapsed >= warmup && methods < 20 )) && [[ -n $previous ]] \
      && awk -v c="$cpu" -v p="$previous" 'BEGIN { exit !(c >= 0.95 * p) }'; then break; fi
    if (( elapsed >= max_warmup )); then echo "  not settled after ${max_warmup} s (a busy machine): measuring anyway"; break; fi
    previous="$cpu"
  done
done

echo "Measuring: $rounds rounds of ${duration} s each at $connections connections, $threads wrk threads, $(nproc) cores, learned layer $learned"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %5s %10s %9s %9s %12s %10s %7s\n' side round turns/s p50_ms p99_ms cpu_ms/turn delivered failed
failed=0
for round in $(seq 1 "$rounds"); do
  order=("${sides[@]}")
  if (( round % 2 == 0 )) && [[ ${#sides[@]} == 2 ]]; then order=(anchor project); fi
  for side in "${order[@]}"; do
    read -r tps p50 p99 cpu delivered bad < <(measure "$side" "$duration")
    printf '%-8s %5s %10s %9s %9s %12s %10s %7s\n' "$side" "$round" "$tps" "$p50" "$p99" "$cpu" "$delivered" "$bad"
    echo "$side $round $tps $p50 $p99 $cpu" >>"$work/rounds.txt"
    (( bad == 0 )) || failed=1
  done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
# wrk closes its connections at the end of each run: turns still in flight are cancelled, which is not a failure.
if grep "Turn failed" "$work/bot.log" | grep -qv "OperationCanceledException\|TaskCanceledException"; then
  echo "the bot logged failed turns:" >&2; grep "Turn failed" "$work/bot.log" | grep -v "Canceled" | head -5 >&2; failed=1
fi

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
column_of() { awk -v s="$1" -v c="$2" '$1 == s { print $c }' "$work/rounds.txt"; }
echo
echo "load average after: $load_after ($(nproc) cores)"
for side in "${sides[@]}"; do
  printf '%-8s median of %s rounds: %s ms CPU per turn, %s turns/s, p50 %s ms, p99 %s ms (rounds: %s)\n' "$side" "$rounds" \
    "$(column_of "$side" 6 | median)" "$(column_of "$side" 3 | median)" "$(column_of "$side" 4 | median)" "$(column_of "$side" 5 | median)" \
    "$(column_of "$side" 5 | paste -sd' ')"
done

ok=1
project_cpu="$(column_of project 6 | median)"
p99="$(column_of project 5 | median)"
tps="$(column_of project 3 | median)"
if [[ $anchor == 1 ]]; then
  anchor_cpu="$(column_of anchor 6 | median)"
  ratio="$(awk -v p="$project_cpu" -v a="$anchor_cpu" 'BEGIN { printf "%.2f", p / a }')"
  echo "RATIO project/anchor CPU per turn: $ratio ($project_cpu / $anchor_cpu ms)"
  if [[ $learned == off ]]; then
    awk -v v="$ratio" -v t="$ratio_target" 'BEGIN { exit !(v <= t) }' && echo "CPU ratio $ratio <= $ratio_target: met" || { echo "CPU ratio $ratio > $ratio_target: MISSED"; ok=0; }
  fi
fi
awk -v v="$p99" -v t="$p99_target" 'BEGIN { exit !(v <= t) }' && echo "p99 ${p99} ms <= ${p99_target} ms (median of rounds): met" || { echo "p99 ${p99} ms > ${p99_target} ms (median of rounds): MISSED"; ok=0; }
if (( tps_target > 0 )); then
  awk -v v="$tps" -v t="$tps_target" 'BEGIN { exit !(v >= t) }' && echo "${tps} turns/s >= ${tps_target}: met" || { echo "${tps} turns/s < ${tps_target}: MISSED"; ok=0; }
fi
(( failed == 0 )) || { echo "some requests failed (non-2xx, socket errors or failed turns)"; ok=0; }
if [[ $enforce == 1 && $ok == 0 ]]; then exit 1; fi
