#!/usr/bin/env bash
# run.sh - load benchmark of POST /api/messages with Teams authentication on and SQLite storage, measured side by
# side with the HTTP anchors (../shared/bench/anchors/run_anchors.sh: A = bare Kestrel, B = botbuilder-js echo bot
# replying through a connector stub, P = this bot).
#
#   bench/load/run.sh [ANCHORS_DIR]         # both scenarios, anchors "A B P", 3 rounds of 30 s
#   SCENARIOS=opinion ROUNDS=1 bench/load/run.sh
#   ANCHORS_DIR=/path/to/anchors bench/load/run.sh
#   BEFORE=<git revision> ROUNDS=6 bench/load/run.sh   # P alternates between that revision's build and this one
#
# Scenarios (the anchors' 1,049-byte activity, one id per request: UNIQUE_IDS=1):
#   chatter  its own text, untagged: authenticate, de-duplicate, record, ignore      target P >= 40% of A
#   opinion  "#의견 …": authenticate, commit the entry durably, acknowledge it through the connector stub
#                                                                                    target P >= 5 x B
# Every request carries a real RS256 token (AUTH_TOKEN) signed by TokenTool's key, which the bot fetches from
# TokenTool's OpenID metadata; the bot's own outbound token comes from TokenTool's OAuth endpoint through MSAL.
# Everything listens on 127.0.0.1 only. Environment: ROUNDS, DURATION, WARMUP, THREADS, CONNS, ANCHORS, SCENARIOS,
# ANCHORS_DIR (the folder holding run_anchors.sh; the first argument wins over it; default ../shared/bench/anchors
# beside the repository), OUT (results), PREWARM (the bot's own warm-up), BEFORE (a revision to compare with: P's
# trials alternate, odd rounds that revision's build, even rounds this checkout's; ROUNDS must then be even).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ROUNDS="${ROUNDS:-3}" DURATION="${DURATION:-30s}" WARMUP="${WARMUP:-1s}" THREADS="${THREADS:-2}" CONNS="${CONNS:-32}"
export ANCHORS="${ANCHORS:-A B P}" PREWARM="${PREWARM:-5s}"
SCENARIOS="${SCENARIOS:-chatter opinion}"
BEFORE="${BEFORE:-}"
OUT="${OUT:-${TMPDIR:-/tmp}/meetingbot-load/$(date +%Y%m%d-%H%M%S)}"
ANCHORS_WORK="${ANCHORS_WORK:-${TMPDIR:-/tmp}/meetingbot-load-anchors}"
TOKEN_HTTP_PORT="${TOKEN_HTTP_PORT:-5180}"
TOKEN_HTTPS_PORT="${TOKEN_HTTPS_PORT:-5181}"
APP_ID="6a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
SERVICE_URL="http://127.0.0.1:5103/"   # the anchors' connector stub, as in their activity.json

[ $# -le 1 ] || { echo "run.sh: 인자는 기준점 폴더 하나뿐입니다 / takes one argument, the anchors folder (got $#)" >&2; exit 2; }
ANCHORS_DIR="${1:-${ANCHORS_DIR:-$REPO/../shared/bench/anchors}}"
if [ ! -f "$ANCHORS_DIR/run_anchors.sh" ]; then
  echo "run.sh: 기준점 폴더에 run_anchors.sh가 없습니다: $ANCHORS_DIR — 폴더를 첫 인자나 ANCHORS_DIR로 주십시오." >&2
  echo "run.sh: run_anchors.sh not found in the anchors folder $ANCHORS_DIR; pass the folder as the first argument or in ANCHORS_DIR." >&2
  exit 2
fi
ANCHORS_DIR="$(cd "$ANCHORS_DIR" && pwd)"
if [ -n "$BEFORE" ] && [ $(( ROUNDS % 2 )) -ne 0 ]; then
  echo "run.sh: BEFORE를 주면 ROUNDS는 짝수여야 합니다(전후를 번갈아 잼): ROUNDS=$ROUNDS / with BEFORE, ROUNDS must be even" >&2
  exit 2
fi

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
listening() { [ -n "$(ss -ltnH "sport = :$1" 2>/dev/null)" ]; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/meetingbot-load.XXXXXX")"
STARTED=()
cleanup() {
  local pid
  for pid in "${STARTED[@]+"${STARTED[@]}"}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${STARTED[@]+"${STARTED[@]}"}"; do wait "$pid" 2>/dev/null || true; done
  [ -z "$BEFORE" ] || git -C "$REPO" worktree remove --force "$WORK/before" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$OUT" "$WORK/meetings" "$WORK/tokens" "$WORK/curl"

command -v wrk >/dev/null || { log "installing wrk (Debian)"; apt-get install -y wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y wrk >/dev/null; }; }
for port in "$TOKEN_HTTP_PORT" "$TOKEN_HTTPS_PORT" 3978; do
  ! listening "$port" || { echo "run.sh: port $port is in use; stop whatever listens there first" >&2; exit 1; }
done

log "building the host and TokenTool (Release)"
dotnet build "$REPO/src/MeetingBot.Host" -c Release -nologo -v q > "$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log"; exit 1; }
dotnet build "$REPO/bench/load/TokenTool" -c Release -nologo -v q >> "$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log"; exit 1; }
export LOAD_BEFORE_DLL=""
if [ -n "$BEFORE" ]; then
  log "building the host at $BEFORE (Release) for the before/after comparison"
  git -C "$REPO" worktree add --detach "$WORK/before" "$BEFORE" >> "$WORK/build.log" 2>&1 || { tail -5 "$WORK/build.log"; exit 2; }
  dotnet build "$WORK/before/src/MeetingBot.Host" -c Release -nologo -v q >> "$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log"; exit 1; }
  LOAD_BEFORE_DLL="$WORK/before/src/MeetingBot.Host/bin/Release/net10.0/meetingbot.dll"
fi

log "starting TokenTool on 127.0.0.1:$TOKEN_HTTP_PORT (metadata) and :$TOKEN_HTTPS_PORT (OAuth, TLS)"
setsid dotnet "$REPO/bench/load/TokenTool/bin/Release/net10.0/TokenTool.dll" --dir "$WORK/tokens" --app-id "$APP_ID" \
  --service-url "$SERVICE_URL" --http-port "$TOKEN_HTTP_PORT" --https-port "$TOKEN_HTTPS_PORT" --hours 6 \
  > "$WORK/tokentool.log" 2>&1 < /dev/null &
STARTED+=("$!")
for _ in $(seq 150); do [ -f "$WORK/tokens/ready" ] && break; sleep 0.2; done
[ -f "$WORK/tokens/ready" ] || { cat "$WORK/tokentool.log" >&2; exit 1; }

# The bench meeting: the anchors' sender is its staff member, so /연결 and /시작 work from that conversation.
python3 - "$ANCHORS_DIR/activity.json" "$WORK" <<'PY'
import json, sys
anchor, work = sys.argv[1], sys.argv[2]
activity = json.load(open(anchor, encoding="utf-8"))
open(f"{work}/meetings/bench.meeting.yaml", "w", encoding="utf-8").write(f"""id: bench-load
council: 영등포구협치회의
subcommittee: 부하시험
title: 부하 시험용 회의
start: 2026-01-01T09:00:00+09:00
timeZone: Asia/Seoul
place: 온라인
platform: Microsoft Teams
participants:
  - {{ name: "{activity['from']['name']}", sector: admin, role: staff, chatUserId: "{activity['from']['id']}" }}
agenda:
  - {{ section: 회의진행, title: 부하 시험, minutes: 600 }}
""")
raw = open(anchor, encoding="utf-8").read()
assert '"id":"1732583112345"' in raw
open(f"{work}/chatter.json", "w", encoding="utf-8").write(raw)
activity["text"] = "#의견 동별 돌봄 거점에 주민 참여 예산을 나눠 편성하면 좋겠습니다"
opinion = json.dumps(activity, ensure_ascii=False, separators=(",", ":"))
assert '"id":"1732583112345"' in opinion
open(f"{work}/opinion.json", "w", encoding="utf-8").write(opinion)
PY

metadata="http://127.0.0.1:$TOKEN_HTTP_PORT/botframework/v1/.well-known/openidconfiguration"
cat > "$WORK/host.env" <<ENV
Urls=http://127.0.0.1:3978
Logging__LogLevel__Default=Warning
Meetings__Folder=$WORK/meetings
Staff__ApiKey=load-bench-staff-key-of-forty-characters-x
Teams__AppId=$APP_ID
Teams__AppPassword=load-bench-secret
Teams__TenantId=load-bench-tenant
Teams__BotServiceMetadataUrl=$metadata
Teams__EntraMetadataUrl=$metadata
Teams__OAuthAuthority=https://127.0.0.1:$TOKEN_HTTPS_PORT/
Teams__Connector__SendsPerSecond=1000000
Teams__Connector__SendsPer30Seconds=30000000
SSL_CERT_FILE=$WORK/tokens/ca.pem
ENV

export LOAD_OUT="$OUT" LOAD_WORK="$WORK" LOAD_REPO="$REPO" LOAD_SETTINGS="$WORK/host.env" LOAD_TOKEN="$(cat "$WORK/tokens/token.txt")"
export AUTH_TOKEN="$LOAD_TOKEN" UNIQUE_IDS=1 CURL_HOME="$WORK/curl"
for scenario in $SCENARIOS; do
  # run_anchors.sh always posts the activity.json beside it (its BODY_FILE is set from that, not from the caller), so
  # each scenario gets a copy of the anchors folder made of links, with its own activity.json.
  shadow="$WORK/anchors-$scenario"
  mkdir -p "$shadow"
  for entry in "$ANCHORS_DIR"/*; do
    [ "$(basename "$entry")" = activity.json ] || ln -s "$entry" "$shadow/"
  done
  cp "$WORK/$scenario.json" "$shadow/activity.json"
  log "scenario $scenario: anchors $ANCHORS, $ROUNDS rounds of $DURATION"
  BODY_FILE="$WORK/$scenario.json" RESULTS="$OUT/$scenario" WORK="$ANCHORS_WORK" \
    bash "$shadow/run_anchors.sh" --with-project --project-cmd "bash '$REPO/bench/load/host.sh'" >&2
done

python3 - "$OUT" $SCENARIOS <<'PY' | tee "$OUT/summary.md"
import csv, os, re, statistics, sys
out, scenarios = sys.argv[1], sys.argv[2:]
# host.sh writes which build each P trial ran ("trial before|after"); trials count across scenarios in order.
builds = {}
if os.path.exists(os.path.join(out, "builds.txt")):
    builds = dict(line.split() for line in open(os.path.join(out, "builds.txt")) if line.strip())
rounds = int(os.environ.get("ROUNDS", "3"))
target = {"chatter": ("A", 0.40, "of A (bare Kestrel)"), "opinion": ("B", 5.0, "x B (botbuilder echo + reply)")}
print("| scenario | anchor | req/s median | p99 ms median | out/req | ratio P | target | met |")
print("|---|---|---|---|---|---|---|---|")
for n, s in enumerate(scenarios):
    rows = list(csv.DictReader(open(os.path.join(out, s, "trials.csv"))))
    if builds:
        # Split P into the two builds it alternated between; each keeps its own median.
        for r in rows:
            if r["anchor"] == "P":
                r["anchor"] = "P" if builds.get(str(n * rounds + int(r["round"]))) == "after" else "P-before"
    med = {a: statistics.median(float(r["rps"]) for r in rows if r["anchor"] == a) for a in {r["anchor"] for r in rows}}
    # A measured request whose id the 1 s warm-up already sent is a redelivery: count only the fresh ones for P.
    fresh = []
    for r in (r for r in rows if r["anchor"] == "P"):
        warm = open(os.path.join(out, s, f"warmup-P-{r['round']}.txt")).read()
        warmed = int(re.search(r"(\d+) requests in", warm).group(1))
        secs = float(re.search(r"requests in ([\d.]+)s", open(os.path.join(out, s, f"wrk-P-{r['round']}.txt")).read()).group(1))
        fresh.append((int(r["requests"]) - warmed) / secs)
    base, goal, words = target[s]
    for a in sorted(med):
        rs = [r for r in rows if r["anchor"] == a]
        p99 = statistics.median(float(r["p99_ms"]) for r in rs)
        outq = statistics.median(float(r["out_per_req"]) for r in rs)
        ratio = med[a] / med[base] if a in ("P", "P-before") and base in med else None
        print(f"| {s} | {a} | {med[a]:,.0f} | {p99:.1f} | {outq:.3f} | {'' if ratio is None else f'{ratio:.2f}'} | "
              f"{'' if ratio is None else (f'>= {goal:.0%} ' if goal < 1 else f'>= {goal:.0f} ') + words} | {'' if ratio is None else ('yes' if ratio >= goal else 'NO')} |")
    if "P-before" in med:
        print(f"| {s} | after / before | | | | {med['P'] / med['P-before']:.2f} | >= 0.90 | {'yes' if med['P'] / med['P-before'] >= 0.9 else 'NO'} |")
    if fresh and base in med and not builds:
        f = statistics.median(fresh)
        print(f"| {s} | P, fresh ids only | {f:,.0f} | | | {f / med[base]:.2f} | (conservative: warm-up ids counted as no work) | {'yes' if f / med[base] >= goal else 'NO'} |")
PY
log "results in $OUT"
