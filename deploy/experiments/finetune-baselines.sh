#!/usr/bin/env bash
# The classical baselines of docs/RESULTS.md (issue 16): on each task, the unadapted model against
# LoRA (and a trained head alone for the encoder), 3 seeds each, with the learning rate of each
# method chosen on the validation split (never on the test split) by a sweep at seed 0.
#
#   deploy/experiments/finetune-baselines.sh spam|spam-quantum|spam-shots|arithmetic1|arithmetic2|arithmetic1-quantum [RESULTS_DIR] [RUNS_DIR]
#
# spam-quantum (issue 17): the same spam setting for the quantum-weighted adapters and their
# ablations: LoRA r = 2 (about QTHA's size), QTHA (ABC: 4 qubits, 2 circuit layers, MPO bottleneck
# 64, bond 4), a tiny QTHA (4 qubits, 1 layer, bottleneck 8, bond 2: under 5 % of LoRA r = 8's
# parameters), AB (no circuit), ABC-noent (no entanglement), ABD (a SiLU MLP for the circuit), and
# Quantum-Train (LoRA r = 8's 73,728 weights generated in chunks of 64 by an 11-qubit circuit of 4
# layers and a mapping network of width 32).
#
# SEEDS (default "0 1 2") names the seeds of the final runs; runs already in RESULTS_DIR are kept.
#
# spam-shots: QTHA's final runs again with --eval-shots 1000 (reports in RESULTS_DIR/shots).
#
# arithmetic1-quantum (issue 17): arithmetic1's setting (adapters on all seven projections of the
# decoder) for the quantum-weighted adapters: QTHA (4 qubits, 2 layers, bottleneck 64, bond 4: 44,224
# parameters, 30 % of LoRA r = 8 on the same projections), LoRA r = 3 (about QTHA's size), LoRA r = 8,
# a tiny QTHA of bond 1 (4 qubits, 1 layer, bottleneck 8: 4,856 = 3.2 % of LoRA r = 8), AB, ABC-noent,
# ABD and Quantum-Train (LoRA r = 16's weights in chunks of 64), in that order.
#
# spam: all-MiniLM-L6-v2 on 256 training mails (the low-data setting), LoRA r = 8 on q and v.
# arithmetic1: the pre-trained 3.5M-parameter decoder on level-1 problems, LoRA r = 16 on every
# projection (q, k, v, o, gate, up, down). arithmetic2: level 2, LoRA r = 8 on q and v.
#
# Needs: qtune data spam-assassin (spam), qtune pretrain --out $QTUNE_DATA/models/qwen2-small
# (arithmetic), python3 (to pick the learning rate from the sweep's reports). Writes one JSON per
# run to RESULTS_DIR (default docs/results) as <task>-<method>-seed<k>.json (the report's last line,
# provenance included), the sweep's as sweep-<task>-<method>-lr<lr>.json, and each run's directory
# (metrics, curves, adapter) under RUNS_DIR (default /tmp/qtune-runs).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
task="${1:?spam, arithmetic1 or arithmetic2}"
results="${2:-$here/docs/results}"
runs="${3:-/tmp/qtune-runs}"
qtune="$here/deploy/bin/qtune"
data="${QTUNE_DATA:-$HOME/.cache/qtune/data}"
final_dir="$results"   # where the final runs' reports go
final_extra=()         # options of the final runs only
mkdir -p "$results" "$runs"

case "$task" in
  spam)
    name=spam-assassin
    common=(--model minilm --task spam-assassin --train-size 256 --validation-size 200 --max-tokens 128
            --batch 16 --micro-batch 8 --steps 80 --eval-every 20 --partitions 2)
    methods=(head-only lora)
    declare -A rates=([head-only]="1e-3 3e-3 1e-2 3e-2 1e-1 3e-1 1" [lora]="3e-4 1e-3 3e-3 1e-2")
    sweep_extra=(--test-size 300)
    ;;
  spam-quantum)
    name=spam-assassin
    common=(--model minilm --task spam-assassin --train-size 256 --validation-size 200 --max-tokens 128
            --batch 16 --micro-batch 8 --steps 80 --eval-every 20 --partitions 2)
    methods=(qtha qtha-tiny lora-r2 qtha-ab qtha-noent qtha-abd quantum-train)
    declare -A rates=([qtha]="3e-3 1e-2 3e-2" [qtha-tiny]="3e-3 1e-2 3e-2" [lora-r2]="1e-3 3e-3 1e-2"
                      [qtha-ab]="3e-3 1e-2 3e-2" [qtha-noent]="3e-3 1e-2 3e-2" [qtha-abd]="3e-3 1e-2 3e-2"
                      [quantum-train]="3e-3 1e-2 3e-2")
    sweep_extra=(--test-size 300)
    ;;
  spam-shots)
    # QTHA's final runs again (the same bits: a check of reproducibility), each trained adapter then
    # scored once more with every circuit output estimated from 1,000 shots per token
    name=spam-assassin
    common=(--model minilm --task spam-assassin --train-size 256 --validation-size 200 --max-tokens 128
            --batch 16 --micro-batch 8 --steps 80 --eval-every 20 --partitions 2)
    methods=(qtha)
    declare -A rates=([qtha]="3e-3 1e-2 3e-2")
    sweep_extra=(--test-size 300)
    final_dir="$results/shots"
    final_extra=(--eval-shots 1000)
    ;;
  arithmetic1)
    name=arithmetic-level1
    common=(--model "$data/models/qwen2-small" --task arithmetic --level 1 --train-size 2000 --validation-size 200
            --max-tokens 64 --batch 16 --micro-batch 8 --steps 600 --eval-every 100 --partitions 2
            --rank 16 --targets q,k,v,o,gate,up,down)
    methods=(lora)
    declare -A rates=([lora]="1e-3 3e-3 1e-2")
    sweep_extra=(--test-size 100)
    ;;
  arithmetic2)
    name=arithmetic-level2
    common=(--model "$data/models/qwen2-small" --task arithmetic --level 2 --train-size 2000 --validation-size 200
            --max-tokens 64 --batch 16 --micro-batch 8 --steps 300 --eval-every 50 --partitions 2)
    methods=(lora)
    declare -A rates=([lora]="1e-3 3e-3 1e-2")
    sweep_extra=(--test-size 100)
    ;;
  arithmetic1-quantum)
    name=arithmetic-level1
    common=(--model "$data/models/qwen2-small" --task arithmetic --level 1 --train-size 2000 --validation-size 200
            --max-tokens 64 --batch 16 --micro-batch 8 --steps 600 --eval-every 100 --partitions 2
            --targets q,k,v,o,gate,up,down)
    methods=(qtha lora-r3 lora-r8 qtha-tiny1 qtha-ab qtha-noent qtha-abd quantum-train-r16)
    declare -A rates=([qtha]="3e-3 1e-2 3e-2" [lora-r3]="1e-3 3e-3 1e-2" [lora-r8]="1e-3 3e-3 1e-2"
                      [qtha-tiny1]="3e-3 1e-2 3e-2" [qtha-ab]="3e-3 1e-2 3e-2" [qtha-noent]="3e-3 1e-2 3e-2"
                      [qtha-abd]="3e-3 1e-2 3e-2" [quantum-train-r16]="3e-3 1e-2 3e-2")
    sweep_extra=(--test-size 100)
    ;;
  *) echo "unknown task $task (spam, spam-quantum, spam-shots, arithmetic1, arithmetic2, arithmetic1-quantum)" >&2; exit 2 ;;
esac
mkdir -p "$final_dir"

# a method's options: its name, or a named variant of one
declare -A variant=([lora-r2]="--method lora --rank 2" [lora-r3]="--method lora --rank 3"
                    [lora-r8]="--method lora --rank 8"
                    [qtha-tiny1]="--method qtha --qubits 4 --circuit-layers 1 --bottleneck 8 --mpo-bond 1"
                    [quantum-train-r16]="--method quantum-train --rank 16 --chunk 64 --circuit-layers 4 --mapping-width 32"
                    [qtha-tiny]="--method qtha --qubits 4 --circuit-layers 1 --bottleneck 8 --mpo-bond 2"
                    [quantum-train]="--method quantum-train --chunk 64 --circuit-layers 4 --mapping-width 32")
options() {
  echo "${variant[$1]:---method $1}"
}

run() {  # run OUT_JSON RUN_DIR ARGS...: one finetune, its report's last line kept
  local json="$1" dir="$2"; shift 2
  if [[ -f "$json" ]]; then echo "kept $json"; return; fi
  echo "$(date -u +%H:%M:%S) finetune $* --out $dir" >&2
  "$qtune" finetune "$@" --out "$dir" 2> "$dir.log" | tail -1 > "$json.tmp"
  mv "$json.tmp" "$json"
}

seeds=(${SEEDS:-0 1 2})
for seed in "${seeds[@]}"; do
  run "$results/$name-none-seed$seed.json" "$runs/$name-none-seed$seed" "${common[@]}" --method none --seed "$seed"
done
for method in "${methods[@]}"; do
  for lr in ${rates[$method]}; do
    run "$results/sweep-$name-$method-lr$lr.json" "$runs/sweep-$name-$method-lr$lr" "${common[@]}" "${sweep_extra[@]}" \
        $(options "$method") --lr "$lr" --seed 0
  done
  best=$(python3 - "$results" "$name" "$method" ${rates[$method]} <<'PY'
import json, sys
results, name, method, *rates = sys.argv[1:]
scores = {}
for lr in rates:
    r = json.load(open(f"{results}/sweep-{name}-{method}-lr{lr}.json"))
    scores[lr] = (r["validation_metric"], -r["validation_loss"])
print(max(rates, key=lambda lr: scores[lr]))
PY
)
  echo "$method: learning rate $best chosen on the validation split" >&2
  for seed in "${seeds[@]}"; do
    run "$final_dir/$name-$method-seed$seed.json" "$runs/$name-$method-seed$seed${final_extra:+-shots}" "${common[@]}" \
        $(options "$method") --lr "$best" --seed "$seed" "${final_extra[@]}"
  done
done
