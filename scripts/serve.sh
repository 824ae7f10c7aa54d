#!/usr/bin/env bash
# Serve the app (and the mail worker, when it exists) until Ctrl-C, which stops both.
set -euo pipefail
port="${1:-${PORT:-5000}}"
# The default public address follows the port (campaign/config.py), so mailed, calendar and
# share links lead here; CAMPAIGN_BASE_URL or instance/config.py still set it on purpose.
export PORT="$port"
flask=(.venv/bin/flask --app wsgi)
pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait || true; }
trap stop INT TERM EXIT
if "${flask[@]}" campaign --help 2>/dev/null | grep -q '^  worker'; then
  "${flask[@]}" campaign worker &
  pids+=($!)
fi
"${flask[@]}" run --host 127.0.0.1 --port "$port" &
pids+=($!)
wait -n "${pids[@]}"
