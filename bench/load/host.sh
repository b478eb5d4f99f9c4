#!/usr/bin/env bash
# host.sh - the project bot of one run_anchors.sh trial (its --project-cmd), started by run.sh's settings:
#   1. a fresh SQLite file, the Release host on 127.0.0.1:3978 with Teams authentication on (keys from TokenTool);
#   2. the conversation of the anchors' activity bound to the bench meeting (/연결) and the meeting started (/시작);
#   3. its own warm-up (warmup.lua: ids that never repeat in the measured run), then it opens the gate: it writes
#      $CURL_HOME/.curlrc, which puts the token on run_anchors.sh's readiness probe. Until then the probe gets 401,
#      so the trial starts only once the bot is ready and warm.
# Stopped by run_anchors.sh (TERM to the process group) after the trial.
set -euo pipefail
: "${LOAD_WORK:?run this through run.sh}" "${LOAD_REPO:?}" "${LOAD_TOKEN:?}" "${LOAD_SETTINGS:?}" "${CURL_HOME:?}" "${BODY_FILE:?}"

rm -f "$CURL_HOME/.curlrc"
trial=$(( $(cat "$LOAD_WORK/trials" 2>/dev/null || echo 0) + 1 ))
echo "$trial" > "$LOAD_WORK/trials"
db="$LOAD_WORK/db-$trial"
mkdir -p "$db"
url="http://127.0.0.1:3978"

cd "$LOAD_REPO"
dll="$LOAD_REPO/src/MeetingBot.Host/bin/Release/net10.0/meetingbot.dll"
if [ -n "${LOAD_BEFORE_DLL:-}" ]; then
  # run.sh's BEFORE: odd trials run that revision's build, even ones this checkout's.
  if [ $(( trial % 2 )) -eq 1 ]; then dll="$LOAD_BEFORE_DLL"; echo "$trial before" >> "$LOAD_OUT/builds.txt"
  else echo "$trial after" >> "$LOAD_OUT/builds.txt"; fi
fi
# shellcheck disable=SC2046  # one KEY=VALUE per line, no spaces in values
env $(cat "$LOAD_SETTINGS") Storage__ConnectionString="Data Source=$db/meetingbot.db" Reports__Folder="$db/reports" \
  dotnet "$dll" &
host=$!
trap 'kill -TERM "$host" 2>/dev/null || true; wait "$host" 2>/dev/null || true' EXIT
trap 'exit 0' TERM INT

for _ in $(seq 300); do
  curl -sf -o /dev/null "$url/healthz" && break
  kill -0 "$host" 2>/dev/null || { echo "host.sh: the host exited" >&2; exit 1; }
  sleep 0.2
done

say() {   # ID TEXT: the anchors' activity from its staff member, with another id and text
  python3 - "$BODY_FILE" "$1" "$2" > "$LOAD_WORK/say.json" <<'PY'
import json, sys
activity = json.load(open(sys.argv[1], encoding="utf-8"))
activity["id"], activity["text"] = sys.argv[2], sys.argv[3]
print(json.dumps(activity, ensure_ascii=False, separators=(",", ":")))
PY
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json; charset=utf-8' \
    -H "Authorization: Bearer $LOAD_TOKEN" --data-binary "@$LOAD_WORK/say.json" "$url/api/messages")
  [ "$code" = 200 ] || { echo "host.sh: '$2' got HTTP $code" >&2; exit 1; }
}
say "setup-bind-$trial" "/연결 bench-load"
say "setup-start-$trial" "/시작"

AUTH_TOKEN="$LOAD_TOKEN" wrk -t"${THREADS:-2}" -c"${CONNS:-32}" -d"${PREWARM:-5s}" -s "$LOAD_REPO/bench/load/warmup.lua" "$url/api/messages" \
  > "$db/prewarm.txt" 2>&1

printf 'header = "Authorization: Bearer %s"\n' "$LOAD_TOKEN" > "$CURL_HOME/.curlrc.new"
mv "$CURL_HOME/.curlrc.new" "$CURL_HOME/.curlrc"
wait "$host"
