#!/usr/bin/env bash
# Fine-tuning on k selected examples by each selection method, against k random ones and against all
# (docs/RESULTS.md section 4; the rules are written there before the runs). Per seed and k: qtune select
# writes the subset (its report kept), then qtune finetune --train-subset trains on it with the same
# settings as every other run of the task; "all" trains on the whole training split.
#
#   QTUNE_DATA=... deploy/experiments/selection.sh spam|arithmetic RESULTS_DIR RUNS_DIR
#
# Resumable: a run whose report exists is kept; an interrupted fine-tuning run resumes from its
# checkpoint. SEEDS, KS and METHODS override the lists below.
set -euo pipefail
task="$1"; results="$2"; runs="$3"
root="$(cd "$(dirname "$0")/../.." && pwd)"
qtune="$root/deploy/bin/qtune"
data="${QTUNE_DATA:-$HOME/.cache/qtune/data}"
mkdir -p "$results/select" "$runs/subsets"
case "$task" in
  spam)
    name=spam-assassin
    pool="$data/spam-assassin/train.jsonl"
    pool_options=(--validation-size 200 --data-seed 0)
    common=(--model minilm --task spam-assassin --validation-size 200 --max-tokens 128 --batch 16 --micro-batch 8
            --steps 80 --eval-every 20 --partitions 2 --method lora --lr 3e-3)
    ;;
  arithmetic)
    name=arithmetic-level1
    "$qtune" data arithmetic --data-dir "$data" --level 1 --train-size 2000 --validation-size 200 --test-size 500 \
        > /dev/null
    pool="$data/arithmetic/level1-seed0-train.jsonl"
    pool_options=()
    common=(--model "$data/models/qwen2-small" --task arithmetic --level 1 --train-size 2000 --validation-size 200
            --max-tokens 64 --batch 16 --micro-batch 8 --steps 600 --eval-every 100 --partitions 2
            --targets q,k,v,o,gate,up,down --method lora --rank 8 --lr 3e-3)
    ;;
  *) echo "unknown task $task (spam, arithmetic)" >&2; exit 2 ;;
esac
seeds=(${SEEDS:-0 1 2})
ks=(${KS:-64 256})
methods=(${METHODS:-random qubo-anneal qubo-qaoa greedy facility kcenter})

keep() {  # keep OUT_JSON COMMAND...: run once, its report's last line kept
  local json="$1"; shift
  if [[ -f "$json" ]]; then echo "kept $json"; return; fi
  echo "$(date -u +%H:%M:%S) $*" >&2
  "$@" | tail -1 > "$json.tmp"
  mv "$json.tmp" "$json"
}

for seed in "${seeds[@]}"; do
  keep "$results/$name-all-seed$seed.json" \
      "$qtune" finetune "${common[@]}" --seed "$seed" --out "$runs/$name-all-seed$seed"
  for k in "${ks[@]}"; do
    for method in "${methods[@]}"; do
      subset="$runs/subsets/$name-k$k-$method-seed$seed.jsonl"
      keep "$results/select/$name-k$k-$method-seed$seed.json" \
          "$qtune" select --data "$pool" "${pool_options[@]}" --k "$k" --method "$method" --seed "$seed" \
          --embedding-cache "$runs/embeddings" --out "$subset"
      keep "$results/$name-k$k-$method-seed$seed.json" \
          "$qtune" finetune "${common[@]}" --train-subset "$subset" --seed "$seed" \
          --out "$runs/$name-k$k-$method-seed$seed"
    done
  done
done
