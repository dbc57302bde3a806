#!/bin/sh
# run-job [--every N] <job>: GET /api/cron/<job> through the proxy's internal listener, with the bearer
# secret the container wrote at start (compose.yaml). The answer is the run's outcome as JSON; the call
# waits for the run, which the app ends at the job's own timeout (restore-drill: 4 h), hence -T.
# --every N (N divides 60): for jobs scheduled in seconds, one call at 0, N, 2N, … seconds past the minute,
# each on its own so a slow run does not delay the next (the job's lease answers `skipped` meanwhile).
set -u
every=60
if [ "${1:-}" = "--every" ]; then every="$2"; shift 2; fi
job="$1"
now() { date -u +%Y-%m-%dT%H:%M:%SZ; }
secret_file="${CRON_SECRET_FILE:-/run/wardroom/cron-secret}"
base="${WARDROOM_CRON_URL:-http://proxy:8081}"
call() {
  if out=$(wget -q -O - -T 15000 --header "Authorization: Bearer $(cat "$secret_file")" "$base/api/cron/$job" 2>&1); then
    echo "$(now) $job $out"
  else
    echo "$(now) $job FAILED: $out" >&2
  fi
}
offset=0
while [ "$offset" -lt 60 ]; do
  call &
  offset=$((offset + every))
  [ "$offset" -lt 60 ] && sleep "$every"
done
wait
