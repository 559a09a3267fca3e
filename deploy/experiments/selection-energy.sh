#!/usr/bin/env bash
# The selection problem's energy: each method's E against the brute-force optimum on small instances
# of real data (docs/RESULTS.md section 4). An instance is N training mails drawn (seeded) from the
# spam task's training split, one problem over all of them (no per-label split), k = N / 4, MiniLM
# embeddings; QAOA solves it as one circuit of N qubits (p = 3, XY mixer; 4 starts at N = 16, 1 start
# at N = 20, whose evaluations take seconds each here).
#
#   QTUNE_DATA=... deploy/experiments/selection-energy.sh RESULTS_DIR RUNS_DIR
set -euo pipefail
results="$1"; runs="$2"
root="$(cd "$(dirname "$0")/../.." && pwd)"
qtune="$root/deploy/bin/qtune"
data="${QTUNE_DATA:-$HOME/.cache/qtune/data}"
mkdir -p "$results/energy" "$runs/instances"
keep() {
  local json="$1"; shift
  if [[ -f "$json" ]]; then echo "kept $json"; return; fi
  echo "$(date -u +%H:%M:%S) $*" >&2
  "$@" | tail -1 > "$json.tmp"
  mv "$json.tmp" "$json"
}
for spec in 16:0 16:1 16:2 16:3 16:4 20:0 20:1 20:2; do
  n="${spec%%:*}"; instance="${spec##*:}"; k=$((n / 4))
  file="$runs/instances/spam-n$n-i$instance.jsonl"
  python3 - "$data/spam-assassin/train.jsonl" "$n" "$instance" "$file" <<'PY'
import random, sys
src, n, instance, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rows = [line for line in open(src, encoding="utf-8") if line.strip()]
pick = sorted(random.Random(1000 * n + instance).sample(range(len(rows)), n))
with open(out + ".tmp", "w", encoding="utf-8") as f:
    f.writelines(rows[i] for i in pick)
import os; os.replace(out + ".tmp", out)
PY
  starts=4; [[ "$n" -gt 16 ]] && starts=1
  for method in exact qubo-qaoa qubo-anneal greedy facility kcenter random; do
    keep "$results/energy/spam-n$n-i$instance-$method.json" \
        "$qtune" select --data "$file" --no-by-label --k "$k" --method "$method" --block "$n" --starts "$starts" \
        --seed "$instance" --embedding-cache "$runs/embeddings" --out "$runs/instances/spam-n$n-i$instance-$method.jsonl"
  done
done
