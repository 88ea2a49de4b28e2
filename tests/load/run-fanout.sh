#!/usr/bin/env bash
# Nudge fan-out at the platform's rate limit: N subscribed Teams chats and one consented kudos, the Release build,
# SQLite, and a loopback fake connector that accepts RATE activities a second and answers the rest 429 with
# Retry-After: 1. Loopback only, bounded in time.
#
#   tests/load/run-fanout.sh [--chats 2000] [--rate 50] [--mode sliding|fixed] [--keep-log FILE] [--enforce]
#
# 1. The bot runs once to be set up through its own endpoint (fanout-seed.js): each chat says "nudges on", one adds a
#    kudos about its sender. Its promotion schedule never fires.
# 2. The bot runs again with the promotion schedule set to fire once, a few seconds after start; the connector is
#    armed (limited, counting) just before. The measurement runs from that firing to the last nudge accepted.
#
# Prints the time from the firing to the last nudge against the floor (chats / rate), the requests answered 429,
# duplicates, and the bot's resident memory (sampled each second). Targets: every chat once; 2,000 chats within 50 s
# with at most 100 answered 429; larger fan-outs within 1.1x the floor. --enforce fails the run on a miss.
set -euo pipefail
chats=2000 rate=50 mode=sliding enforce=0 keep_log=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --chats) chats="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --mode) mode="$2"; shift 2 ;;
    --keep-log) keep_log="$2"; shift 2 ;;
    --enforce) enforce=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
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
wait_for() { for _ in $(seq 1 300); do curl -sf -o /dev/null "$1" && return 0; sleep 0.2; done; echo "not ready: $1" >&2; return 1; }

echo "Building (Release)..."
dotnet build "$root/src/CommsBot.Bot" -c Release -v quiet -nologo >/dev/null

connector_port="$(free_port)"
node "$here/fanout-connector.js" "$connector_port" >"$work/connector.log" 2>&1 &
pids+=($!)
connector="http://127.0.0.1:$connector_port"

bot_port="$(free_port)"
bot_url="http://127.0.0.1:$bot_port"
start_bot() { # $1: the promotion cron; $2: the log file
  dotnet "$root/src/CommsBot.Bot/bin/Release/net10.0/CommsBot.Bot.dll" \
    --urls "$bot_url" --Storage:DataDirectory "$work/data" --Bot:AllowLocalMode true --Guidelines:Learned false \
    --Nudges:QuietHours:Enabled false --Nudges:QuietHours:MaxPerWeek 50 --Nudges:ConferenceHighlights:Enabled false \
    --Nudges:ConferencesFile "" --Nudges:ColleaguePromotion:Cron "$1" \
    --Logging:LogLevel:Default Warning --Logging:LogLevel:CommsBot.Bot.Nudges Information \
    --Logging:Console:TimestampFormat "HH:mm:ss.fff " --Logging:Console:UseUtcTimestamp true >"$2" 2>&1 &
  bot_pid=$!
  pids+=($bot_pid)
  wait_for "$bot_url/healthz" || { tail -20 "$2" >&2; exit 1; }
}

echo "Setting up $chats subscribed chats and one consented kudos through /api/messages..."
start_bot "0 0 0 1 1 ? 2099" "$work/setup.log"
node "$here/fanout-seed.js" "$bot_url" "$connector/" "$chats" 16
kill "$bot_pid"; wait "$bot_pid" 2>/dev/null || true

# The one firing: 30 s from now (start-up on a busy machine takes seconds), in UTC (the bot's default Nudges:TimeZone).
fire_epoch=$(( $(date -u +%s) + 30 ))
cron="$(date -u -d "@$fire_epoch" '+%-S %-M %-H %-d %-m ? %Y')"
start_bot "$cron" "$work/bot.log"
curl -sf -X POST "$connector/arm?rate=$rate&mode=$mode" >/dev/null
echo "Fan-out: the schedule fires at $(date -u -d "@$fire_epoch" '+%H:%M:%S') UTC; connector accepts $rate/s ($mode window), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

floor=$(awk -v n="$chats" -v r="$rate" 'BEGIN { printf "%.1f", n / r }')
deadline=$(( fire_epoch + chats / rate * 3 + 60 ))
rss_min=0 rss_max=0 rss_samples=()
while :; do
  rss=$(awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$bot_pid/status" 2>/dev/null || echo 0)
  rss_samples+=("$rss")
  [[ $rss_min == 0 || $rss -lt $rss_min ]] && rss_min=$rss
  [[ $rss -gt $rss_max ]] && rss_max=$rss
  stats="$(curl -sf "$connector/stats")"
  conversations=$(sed -E 's/.*"conversations":([0-9]+).*/\1/' <<<"$stats")
  [[ $conversations -ge $chats ]] && break
  if [[ $(date -u +%s) -gt $deadline ]]; then echo "gave up waiting: $conversations of $chats chats reached" >&2; break; fi
  sleep 1
done
sleep 3 # anything sent twice would arrive now
stats="$(curl -sf "$connector/stats")"
field() { sed -E "s/.*\"$1\":([0-9]+).*/\1/" <<<"$stats"; }
accepted=$(field accepted) throttled=$(field throttled) conversations=$(field conversations) duplicates=$(field duplicates) last_at=$(field lastAt)
elapsed=$(awk -v l="$last_at" -v f="$fire_epoch" 'BEGIN { printf "%.1f", l / 1000 - f }')
ratio=$(awk -v e="$elapsed" -v f="$floor" 'BEGIN { printf "%.2f", e / f }')
rss_end=$(awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$bot_pid/status" 2>/dev/null || echo 0)
gave_up=$(grep -c "given up" "$work/bot.log" || true)
rate_limited=$(grep -c "not counted as an attempt" "$work/bot.log" || true)

echo
echo "chats reached: $conversations of $chats; nudges accepted: $accepted; duplicates: $duplicates; given up: $gave_up"
echo "requests answered 429: $throttled (the bot logged $rate_limited; extra requests $(awk -v t="$throttled" -v n="$chats" 'BEGIN { printf "%.1f", 100 * t / n }')%)"
echo "firing to last nudge: ${elapsed} s; floor ${floor} s ($chats at $rate/s); ratio ${ratio}"
echo "bot resident memory: ${rss_min}-${rss_max} MB during the fan-out, ${rss_end} MB at the end"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[[ -n $keep_log ]] && cp "$work/bot.log" "$keep_log"
ok=1
[[ $conversations -eq $chats && $duplicates -eq 0 ]] && echo "every chat once: met" || { echo "every chat once: MISSED"; ok=0; }
if [[ $chats -le 2000 ]]; then
  awk -v e="$elapsed" 'BEGIN { exit !(e <= 50) }' && echo "within 50 s of the firing: met" || { echo "within 50 s of the firing: MISSED"; ok=0; }
  [[ $throttled -le 100 ]] && echo "at most 100 answered 429: met" || { echo "at most 100 answered 429: MISSED"; ok=0; }
else
  awk -v r="$ratio" 'BEGIN { exit !(r <= 1.1) }' && echo "within 1.1x the floor: met" || { echo "within 1.1x the floor: MISSED"; ok=0; }
fi
if [[ $enforce == 1 && $ok == 0 ]]; then exit 1; fi
