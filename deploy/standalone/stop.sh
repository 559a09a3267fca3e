#!/usr/bin/env bash
# Stops the standalone cluster that deploy/standalone/start.sh started: the Workers first (each takes
# its executors with it), then the Master; waits up to 20 s for each JVM, then kills it.
#
#   deploy/standalone/stop.sh [--dir DIR]       # DIR as given to start.sh
set -euo pipefail
dir="${QTUNE_STANDALONE_DIR:-/tmp/qtune-standalone-${USER:-$(id -un)}}"
while (($#)); do
  case "$1" in
    --dir) if [[ $# -lt 2 ]]; then echo "stop.sh: --dir needs a value" >&2; exit 2; fi; dir="$2"; shift 2 ;;
    -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "stop.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
shopt -s nullglob
stopped=0
for pidfile in "$dir"/worker-*.pid "$dir"/master.pid; do
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    stopped=$((stopped + 1))
  fi
  rm -f "$pidfile"
done
rm -f "$dir/master-url"
echo "stopped $stopped process(es) of the cluster in $dir" >&2
