#!/usr/bin/env bash
# Curriculum against none on the decoder task (docs/RESULTS.md section 4): LoRA r = 8 on arithmetic
# level 1 with each --curriculum, seeds 0-2, validation every 25 steps; the steps to a target
# validation exact match are read from each run's curve, which is kept beside its report.
#
#   QTUNE_DATA=... deploy/experiments/curriculum.sh RESULTS_DIR RUNS_DIR
set -euo pipefail
results="$1"; runs="$2"
root="$(cd "$(dirname "$0")/../.." && pwd)"
qtune="$root/deploy/bin/qtune"
data="${QTUNE_DATA:-$HOME/.cache/qtune/data}"
mkdir -p "$results/curriculum"
common=(--model "$data/models/qwen2-small" --task arithmetic --level 1 --train-size 2000 --validation-size 200
        --max-tokens 64 --batch 16 --micro-batch 8 --steps 600 --eval-every 25 --partitions 2
        --targets q,k,v,o,gate,up,down --method lora --rank 8 --lr 3e-3)
for seed in ${SEEDS:-0 1 2}; do
  for curriculum in none length loss competence; do
    name="arithmetic-level1-curriculum-$curriculum-seed$seed"
    json="$results/curriculum/$name.json"
    if [[ -f "$json" ]]; then echo "kept $json"; continue; fi
    extra=(--curriculum "$curriculum")
    [[ "$curriculum" == competence ]] && extra+=(--difficulty loss)
    echo "$(date -u +%H:%M:%S) $name" >&2
    "$qtune" finetune "${common[@]}" "${extra[@]}" --seed "$seed" --out "$runs/$name" 2> "$runs/$name.log" \
        | tail -1 > "$json.tmp"
    python3 - "$runs/$name/metrics.jsonl" "$results/curriculum/$name-validation.json" <<'PY'
import json, sys
curve = [[r["step"], r["validation_exact_match"], r["validation_loss"]]
         for r in map(json.loads, open(sys.argv[1])) if r.get("kind") == "evaluation"]
json.dump({"step_exact_match_loss": curve}, open(sys.argv[2], "w"))
PY
    mv "$json.tmp" "$json"
  done
done
