#!/usr/bin/env bash
# Runs the shipped examples (the commands README.md shows, on conf/) and writes each one's stdout to
# OUTDIR/<name>.json, so that two builds can be compared with deploy/dev/compare-outputs.py.
#   deploy/dev/example-outputs.sh OUTDIR
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:?usage: example-outputs.sh OUTDIR}"
mkdir -p "$out"
q="$root/deploy/bin/qtune"
cd "$root"
run() { local name="$1"; shift; "$q" "$@" > "$out/$name.json" 2> "$out/$name.stderr" || { echo "$name failed" >&2; cat "$out/$name.stderr" >&2; exit 1; }; }
run simulate-ghz simulate --qasm conf/examples/ghz_qft_8.qasm --observable "Z0 Z7" --shots 100 --seed 7
run simulate-ghz-top simulate --qasm conf/examples/ghz_qft_8.qasm --observable "0.5*Z0 Z1 - 1.2*X3" --top 4
run simulate-distributed simulate --qasm conf/examples/ghz_qft_8.qasm --observable "Z0 Z7" --shots 100 --seed 7 --partitions 2
run vqe-h2 vqe --hamiltonian conf/hamiltonians/h2_sto3g_0.735.txt --seed 1
run vqe-h2-adam vqe --hamiltonian conf/hamiltonians/h2_sto3g_0.735.txt --optimizer adam --iterations 50 --seed 2
run vqe-tfim-spsa-spark vqe --hamiltonian conf/hamiltonians/tfim_6.txt --optimizer spsa --spark --iterations 30 --seed 3
run qaoa-petersen qaoa --graph conf/graphs/petersen_3regular_10.txt --p 1 --seed 1
run qaoa-weighted qaoa --graph conf/graphs/weighted_5.txt --p 2 --seed 4
echo "wrote $(ls "$out"/*.json | wc -l) outputs to $out"
