#!/usr/bin/env bash
# LoRA training-step throughput, qtune and PyTorch + PEFT side by side in one run: the same model
# shape (minilm: all-MiniLM-L6-v2; qwen2: Qwen2.5-0.5B's layer widths, 4 layers), batch, sequence
# length, LoRA rank (q and v), float32, and the same number of threads. Runs one after the other,
# never at once. Usage:
#   deploy/bench/model-vs-pytorch.sh [minilm|qwen2] [threads] [python with torch, default /tmp/hfenv/bin/python]
# QTUNE_BLAS=java forces the Vector API BLAS even where native OpenBLAS (Debian libopenblas0-pthread)
# is installed; OpenBLAS runs one thread per call (OPENBLAS_NUM_THREADS=1) since qtune runs row blocks
# of each product on its own threads.
# qtune's threads: the JVM sees only $threads CPUs (-XX:ActiveProcessorCount). PyTorch: torch.set_num_threads.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
model="${1:-minilm}"
threads="${2:-2}"
python="${3:-/tmp/hfenv/bin/python}"
if [[ ! -x "$python" ]] || ! "$python" -c "import torch, transformers, peft" 2>/dev/null; then
  echo "no Python with torch, transformers and peft at $python; see the pip commands in $here/model_bench.py" >&2
  exit 2
fi
export QTUNE_HEAP="${QTUNE_HEAP:-6g}"
export QTUNE_JAVA_OPTS="${QTUNE_JAVA_OPTS:-} -XX:ActiveProcessorCount=$threads"
export OPENBLAS_NUM_THREADS=1
if [[ "${QTUNE_BLAS:-native}" == java ]]; then
  QTUNE_JAVA_OPTS="$QTUNE_JAVA_OPTS -Ddev.ludovic.netlib.blas.nativeLib=qtune-no-native-blas.so"
fi
json_q="$("$here/../bin/qtune" run --config <(printf '{"job": "bench-model", "model": "%s"}' "$model") 2>/dev/null | tail -1)"
json_t="$("$python" "$here/model_bench.py" --model "$model" --threads "$threads")"
python3 - "$json_q" "$json_t" <<'PY'
import json, re, sys
q, t = json.loads(sys.argv[1]), json.loads(sys.argv[2])
q = {re.sub("([A-Z])", lambda m: "_" + m.group(1).lower(), k): v for k, v in q.items()}
print(f"| {q['model']}, batch {q['batch']} x {q['length']}, LoRA r = {q['rank']} on q, v | threads | median s | tokens/s | vs PyTorch |")
print("| --- | ---: | ---: | ---: | ---: |")
print(f"| qtune ({q['blas']}) | {q['threads']} | {q['median_seconds']:.3f} | {q['tokens_per_second']:.0f} | {q['tokens_per_second'] / t['tokens_per_second']:.2f}x |")
print(f"| PyTorch {t['torch']} + PEFT {t['peft']} ({t['attention']} attention) | {t['threads']} | {t['median_seconds']:.3f} | {t['tokens_per_second']:.0f} | 1.00x |")
PY
