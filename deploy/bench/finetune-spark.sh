#!/usr/bin/env bash
# Fine-tuning and pre-training throughput on Spark (docs/BENCHMARKS.md section 7), one after another:
#   1. qtune finetune, local mode, the command's defaults (MiniLM, LoRA r = 8 on q and v, the spam
#      task, batch 16 in micro-batches of 8, 128 tokens, 2 partitions), STEPS steps;
#   2. the same on a standalone cluster of 1, then 2 single-core executor JVMs (ClusterBenchmark);
#   3. qtune pretrain (the default 3.5M-parameter decoder), STEPS steps.
# Each prints its report's line; the figures to read are train_tokens_per_second (tokens_per_second
# for pretrain) and spark_overhead_share. Needs qtune data spam-assassin and pretrain-text in $QTUNE_DATA.
#
#   deploy/bench/finetune-spark.sh [STEPS]      # from the repository root, nothing else running
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
steps="${1:-30}"
data="${QTUNE_DATA:-$HOME/.cache/qtune/data}"
out="$(mktemp -d)"
cd "$root"
mvn -q -B -o -DskipTests package
pick='import json,sys; r=json.loads(sys.stdin.read().strip().splitlines()[-1]); print({k: r.get(k) for k in
 ["train_tokens_per_second","tokens_per_second","spark_overhead_share","steps","partitions","wall_seconds"]})'
echo "== finetune, local mode"
QTUNE_HEAP=6g deploy/bin/qtune finetune --model minilm --task spam-assassin --method lora --train-size 512 \
    --validation-size 64 --test-size 64 --steps "$steps" --eval-every "$steps" --lr 1e-3 --out "$out/local" \
    2> "$out/local.log" | python3 -c "$pick"
opts=$(grep -o '<qtune.jvm.options>.*</qtune.jvm.options>' pom.xml | sed 's/<[^>]*>//g')
for workers in 1 2; do
  echo "== finetune, standalone cluster, $workers executor(s)"
  (cd spark-jobs && SPARK_LOCAL_IP=127.0.0.1 java $opts -Xmx4g \
      -cp 'target/test-classes:target/classes:../core/target/classes:target/lib/*' \
      org.qtune.spark.testing.ClusterBenchmark finetune "$workers" "$steps" 3g "$data" 2> "$out/cluster$workers.log" \
      | python3 -c "$pick")
done
echo "== pretrain, local mode"
QTUNE_HEAP=8g deploy/bin/qtune pretrain --out "$out/pretrain" --max-chars 1000000 --steps "$steps" \
    --eval-every "$steps" 2> "$out/pretrain.log" | python3 -c "$pick"
echo "logs in $out"
