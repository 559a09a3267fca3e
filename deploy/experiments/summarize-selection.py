#!/usr/bin/env python3
"""Tables for docs/RESULTS.md section 4 from the reports in docs/results (issue 19).

    deploy/experiments/summarize-selection.py [RESULTS_DIR]

A. energy/spam-nN-iI-METHOD.json: each method's gap to the brute-force optimum per instance size.
B. TASK-kK-METHOD-seedS.json (fine-tuning on the subset) and select/TASK-kK-METHOD-seedS.json (its
   selection): test metric over the seeds, E of the subsets, and the rules' verdict inputs.
C. curriculum/arithmetic-level1-curriculum-C-seedS.json and its -validation.json curve: steps to a
   validation exact match of 0.9, and the final test exact match.
Anything not yet run is left out.
"""
import glob
import json
import os
import re
import statistics
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "docs", "results")
METHODS = ["random", "qubo-anneal", "qubo-qaoa", "greedy", "facility", "kcenter"]
TARGET = 0.9


def load(path):
    with open(path) as f:
        return json.load(f)


def mean_sd(values):
    if not values:
        return "-"
    if len(values) == 1:
        return f"{values[0]:.4f}"
    return f"{statistics.mean(values):.4f} ± {statistics.stdev(values):.4f}"


def energy_table():
    rows = {}
    for path in glob.glob(os.path.join(root, "energy", "spam-n*-i*-*.json")):
        m = re.match(r"spam-n(\d+)-i(\d+)-(.+)\.json", os.path.basename(path))
        n, i, method = int(m.group(1)), int(m.group(2)), m.group(3)
        rows.setdefault(n, {}).setdefault(i, {})[method] = load(path)
    for n in sorted(rows):
        instances = {i: r for i, r in rows[n].items() if "exact" in r}
        if not instances:
            continue
        print(f"\n### A. Energy against the optimum, N = {n}, k = {n // 4} ({len(instances)} instances)\n")
        print("| method | instances solved exactly | mean gap | largest gap | mean seconds |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for method in ["qubo-qaoa", "qubo-anneal", "greedy", "facility", "kcenter", "random"]:
            gaps, secs = [], []
            for r in instances.values():
                if method in r:
                    best = r["exact"]["energy"]
                    gaps.append((r[method]["energy"] - best) / abs(best))
                    secs.append(r[method]["solve_seconds"])
            if gaps:
                exact = sum(1 for g in gaps if g <= 1e-9)
                print(f"| {method} | {exact} of {len(gaps)} | {100 * statistics.mean(gaps):.2f} % | "
                      f"{100 * max(gaps):.2f} % | {statistics.mean(secs):.2f} |")


def selection_tables():
    runs = {}
    for path in glob.glob(os.path.join(root, "*-k*-*-seed*.json")):
        m = re.match(r"(.+)-k(\d+)-(.+)-seed(\d+)\.json", os.path.basename(path))
        if not m or m.group(3) not in METHODS:
            continue
        task, k, method, seed = m.group(1), int(m.group(2)), m.group(3), int(m.group(4))
        sel = os.path.join(root, "select", os.path.basename(path))
        runs.setdefault((task, k), {}).setdefault(method, []).append(
            (seed, load(path), load(sel) if os.path.exists(sel) else None))
    for (task, k) in sorted(runs):
        all_runs = sorted((int(re.search(r"seed(\d+)", p).group(1)), load(p))
                          for p in glob.glob(os.path.join(root, f"{task}-all-seed*.json")))
        first = next(iter(runs[(task, k)].values()))[0][1]
        metric = first["metric_name"]
        print(f"\n### B. {task}: k = {k} selected examples, test {metric}\n")
        print(f"| method | test {metric} (mean ± sd) | per seed | E of the subset (mean) | select seconds (mean) |")
        print("| --- | --- | --- | ---: | ---: |")
        stats = {}
        for method in METHODS:
            entries = sorted(runs[(task, k)].get(method, []), key=lambda e: e[0])
            if not entries:
                continue
            values = [e[1]["metric"] for e in entries]
            stats[method] = values
            energies = [e[2]["energy"] for e in entries if e[2]]
            seconds = [e[2]["seconds"] for e in entries if e[2]]
            print(f"| {method} | {mean_sd(values)} | {', '.join(f'{v:.4f}' for v in values)} | "
                  f"{statistics.mean(energies):.3f} | {statistics.mean(seconds):.1f} |" if energies else
                  f"| {method} | {mean_sd(values)} | {', '.join(f'{v:.4f}' for v in values)} | - | - |")
        if all_runs:
            values = [r["metric"] for _, r in all_runs]
            print(f"| all ({all_runs[0][1]['train_examples']:,} examples) | {mean_sd(values)} | "
                  f"{', '.join(f'{v:.4f}' for v in values)} | - | - |")
        print(f"\nVerdict inputs, {task} k = {k} (a method beats another when its mean exceeds the other's by more "
              "than the larger sd):\n")
        if "random" in stats:
            for method, values in stats.items():
                if method == "random" or len(values) < 2 or len(stats["random"]) < 2:
                    continue
                r = stats["random"]
                margin = max(statistics.stdev(values), statistics.stdev(r))
                verdict = "beats random" if statistics.mean(values) > statistics.mean(r) + margin else "does not beat random"
                print(f"- {method}: {statistics.mean(values):.4f} vs random {statistics.mean(r):.4f} "
                      f"(margin {margin:.4f}): {verdict}")
        if "qubo-qaoa" in stats and len(stats["qubo-qaoa"]) > 1:
            q = stats["qubo-qaoa"]
            beaten = []
            for method, values in stats.items():
                if method == "qubo-qaoa" or len(values) < 2:
                    continue
                margin = max(statistics.stdev(values), statistics.stdev(q))
                beaten.append((method, statistics.mean(q) > statistics.mean(values) + margin))
            print(f"- qubo-qaoa beats every classical method: {all(b for _, b in beaten)} "
                  f"({', '.join(m + (' yes' if b else ' no') for m, b in beaten)})")


def curriculum_table():
    runs = {}
    for path in glob.glob(os.path.join(root, "curriculum", "*-curriculum-*-seed*.json")):
        if path.endswith("-validation.json"):
            continue
        m = re.match(r"(.+)-curriculum-(.+)-seed(\d+)\.json", os.path.basename(path))
        curve = load(path[:-5] + "-validation.json")["step_exact_match_loss"]
        reached = next((step for step, em, _ in curve if em >= TARGET), None)
        runs.setdefault(m.group(2), []).append((int(m.group(3)), load(path), reached))
    if not runs:
        return
    print(f"\n### C. Curriculum on arithmetic level 1: steps to validation exact match {TARGET}\n")
    print("| curriculum | steps to 0.9 per seed | test exact_match (mean ± sd) | per seed |")
    print("| --- | --- | --- | --- |")
    for c in ["none", "length", "loss", "competence"]:
        if c in runs:
            entries = sorted(runs[c], key=lambda e: e[0])
            steps = ", ".join(str(e[2]) if e[2] is not None else "not reached" for e in entries)
            values = [e[1]["metric"] for e in entries]
            print(f"| {c} | {steps} | {mean_sd(values)} | {', '.join(f'{v:.4f}' for v in values)} |")


energy_table()
selection_tables()
curriculum_table()
