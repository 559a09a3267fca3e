#!/usr/bin/env bash
# Cold start of `qtune simulate` as a fresh process: the 4-layer hardware-efficient ansatz at n = 24
# (RY on every qubit + CZ ring, as `qtune bench` times it warm) against a one-gate circuit of the same
# size, under each launcher setting, best and median of REPEATS runs; then the same ansatz warm.
#   deploy/bench/cold-start.sh [REPEATS] [N]
# Prints a Markdown table (docs/BENCHMARKS.md, section "Cold start"). Run it on a quiet machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
repeats="${1:-5}"
n="${2:-24}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 - "$n" "$tmp" <<'PY'
import random, sys
n, out = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(7)
head = ['OPENQASM 2.0;', 'include "qelib1.inc";', f'qreg q[{n}];']
body = []
for layer in range(4):
    body += [f'ry({rnd.uniform(-3.14159, 3.14159):.12f}) q[{i}];' for i in range(n)]
    body += [f'cz q[{i}],q[{(i + 1) % n}];' for i in range(n)]
open(f'{out}/hea4.qasm', 'w').write('\n'.join(head + body) + '\n')
open(f'{out}/one.qasm', 'w').write('\n'.join(head + ['h q[0];']) + '\n')
PY
q="$root/deploy/bin/qtune"
"$q" --version > /dev/null   # builds if needed, outside the timings
# the first real run after a build writes the launcher's archives: make it the ansatz, untimed
rm -f "$root"/spark-jobs/target/qtune-jdk*.jsa "$root"/spark-jobs/target/qtune-jdk*.aot
"$q" simulate --qasm "$tmp/hea4.qasm" --top 1 > /dev/null 2>&1
if [[ -x "${QTUNE_JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}" ]]; then
  JAVA="${QTUNE_JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}" "$q" simulate --qasm "$tmp/hea4.qasm" --top 1 > /dev/null 2>&1
fi

fresh() {  # label env... -- prints best and median seconds of one circuit
  local circuit="$1"; shift
  local times=()
  for ((i = 0; i < repeats; i++)); do
    local t0 t1
    t0=$(date +%s.%N)
    env "$@" "$q" simulate --qasm "$tmp/$circuit.qasm" --top 1 > /dev/null 2>&1
    t1=$(date +%s.%N)
    times+=("$(echo "$t1 - $t0" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f | %.2f", a[1], a[int((NR+1)/2)]}'
}

echo "| launcher setting | one gate: best (s) | median (s) | hea4: best (s) | median (s) | hea4 - one gate, best (s) |"
echo "| --- | --- | --- | --- | --- | --- |"
row() {
  local label="$1"; shift
  local one hea
  one=$(fresh one "$@"); hea=$(fresh hea4 "$@")
  printf '| %s | %s | %s | %.2f |\n' "$label" "$one" "$hea" "$(echo "${hea%% *} - ${one%% *}" | bc)"
}
row "plain JVM (QTUNE_CDS=off QTUNE_EARLY_JIT=off)" QTUNE_CDS=off QTUNE_EARLY_JIT=off
row "class-data sharing only" QTUNE_CDS=on QTUNE_EARLY_JIT=off
row "early JIT only" QTUNE_CDS=off QTUNE_EARLY_JIT=on
row "both (the launcher's default)" QTUNE_CDS=on QTUNE_EARLY_JIT=on
if [[ -x "${QTUNE_JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}" ]]; then
  j25="${QTUNE_JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
  row "JDK 25, plain" JAVA="$j25" QTUNE_CDS=off QTUNE_EARLY_JIT=off
  row "JDK 25, AOT cache + early JIT" JAVA="$j25" QTUNE_CDS=on QTUNE_EARLY_JIT=on
fi
echo
echo "Warm, in one JVM (qtune bench, fused+blocked ansatz + all <Z_i>, best of 5):"
"$q" bench --min-qubits "$n" --max-qubits "$n" --repeats 5 2>/dev/null | grep -E "^\| $n \|" | tail -1
