#!/usr/bin/env python3
"""Tables for docs/RESULTS.md from the run reports in docs/results (one JSON per run).

    deploy/experiments/summarize.py [RESULTS_DIR]

Per task and method: the held-out test metric over the seeds (mean, sample standard deviation,
each seed's value), test loss, validation metric, final training loss, trainable parameters and
learning rate; then the learning-rate sweeps (validation metric at seed 0).
"""
import glob
import json
import os
import re
import statistics
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "docs", "results")
METHODS = ("none|head-only|lora-r2|lora-r3|lora-r8|lora|full|qtha-tiny1|qtha-tiny|qtha-noent|qtha-abd|qtha-ab|qtha-a|"
           "qtha-bc|qtha|quantum-train-r16|quantum-train")
runs, sweeps = {}, {}
for path in sorted(glob.glob(os.path.join(root, "*.json"))):
    name = os.path.basename(path)
    r = json.load(open(path))
    m = re.match(rf"sweep-(.+?)-({METHODS})-lr(.+)\.json", name)
    if m:
        sweeps.setdefault((m.group(1), m.group(2)), []).append((float(m.group(3)), r))
        continue
    m = re.match(rf"(.+?)-({METHODS})-seed(\d+)\.json", name)
    if m:
        runs.setdefault((m.group(1), m.group(2)), []).append((int(m.group(3)), r))


def fmt(values):
    if len(values) > 1:
        return f"{statistics.mean(values):.4f} ± {statistics.stdev(values):.4f}"
    return f"{values[0]:.4f}"


def share(method, r):
    """The adapter's parameters as a share of LoRA r = 8's on the same targets (reports from issue 17 on
    say; older LoRA reports only by their rank)."""
    if r.get("lora_r8_parameters") and r.get("adapter_parameters") is not None:
        return f"{100 * r['adapter_parameters'] / r['lora_r8_parameters']:.1f} %"
    if method.startswith("lora") and r.get("provenance", {}).get("config", {}).get("rank") == 8:
        return "100 %"
    return "-"


def verdict(task):
    """Section 3's rules, fixed before the runs, applied to the test metric over the seeds."""
    stats = {}
    for (t, method), rs in runs.items():
        values = [r["metric"] for _, r in rs]
        if t == task and len(values) > 1:
            stats[method] = (statistics.mean(values), statistics.stdev(values), len(values), rs[-1][1])
    # the reference: LoRA r = 8 (on the decoder task its own run, "lora" there being r = 16)
    reference = "lora-r8" if "lora-r8" in stats else "lora"
    if reference not in stats or "qtha" not in stats:
        return
    lora_mean, lora_sd, _, _ = stats[reference]
    print(f"\nVerdict inputs, {task} (rules of section 3; n = seeds; reference {reference}):\n")
    for method in ["lora-r2", "lora-r3", "qtha", "qtha-tiny", "qtha-tiny1", "qtha-ab", "qtha-abd", "qtha-noent",
                   "quantum-train", "quantum-train-r16"]:
        if method in stats:
            mean, sd, n, r = stats[method]
            bar = lora_mean - max(lora_sd, sd)
            print(f"- {method} ({share(method, r)} of LoRA r = 8, n = {n}): mean {mean:.4f} "
                  f"{'>=' if mean >= bar else '<'} {bar:.4f} (LoRA r = 8's mean {lora_mean:.4f} minus the larger sd "
                  f"{max(lora_sd, sd):.4f}): {'within' if mean >= bar else 'not within'} the seed spread")
    abc_mean, abc_sd, _, _ = stats["qtha"]
    for other in ["qtha-ab", "qtha-abd", "qtha-noent"]:
        if other in stats:
            mean, sd, _, _ = stats[other]
            margin = abc_mean - mean
            print(f"- qtha - {other}: {margin:+.4f} against the larger sd {max(abc_sd, sd):.4f}: "
                  f"{'beats it beyond the spread' if margin > max(abc_sd, sd) else 'not beyond the spread'}")


for task in sorted({t for t, _ in runs}):
    first = next(r for (t, _), rs in runs.items() if t == task for _, r in rs)
    metric = first["metric_name"]
    print(f"\n### {task}: test {metric}\n")
    print(f"| method | trainable parameters | adapter / LoRA r=8 | lr | test {metric} (mean ± sd) | per seed | test loss | "
          f"validation {metric} | final train loss |")
    print("| --- | ---: | ---: | ---: | --- | --- | --- | --- | --- |")
    order = {m: i for i, m in enumerate(["none", "head-only", "lora", "lora-r8", "lora-r2", "lora-r3", "full", "qtha",
                                          "qtha-tiny", "qtha-tiny1", "qtha-ab", "qtha-abd", "qtha-noent", "qtha-a",
                                          "qtha-bc", "quantum-train", "quantum-train-r16"])}
    for (t, method), rs in sorted(runs.items(), key=lambda kv: order.get(kv[0][1], 9)):
        if t != task:
            continue
        rs.sort()
        seeds = [r for _, r in rs]
        lr = "-" if method == "none" else f"{seeds[0]['learning_rate']:g}"
        print(f"| {method} | {seeds[0]['trainable_parameters']:,} | {share(method, seeds[-1])} | {lr} | "
              f"{fmt([r['metric'] for r in seeds])} | "
              + ", ".join(f"{r['metric']:.4f}" for r in seeds)
              + f" | {fmt([r['test_loss'] for r in seeds])} | {fmt([r['validation_metric'] for r in seeds])} | "
              + (fmt([r['train_loss'] for r in seeds]) if method != "none" else "-") + " |")
    verdict(task)
for (task, method), rs in sorted(sweeps.items()):
    rs.sort(key=lambda x: x[0])
    print(f"\nSweep, {task} {method} (seed 0, validation): " + ", ".join(
        f"lr {lr:g}: {r['validation_metric']:.4f} (loss {r['validation_loss']:.4f})" for lr, r in rs))

shots = sorted(glob.glob(os.path.join(root, "shots", "*.json")))
if shots:
    print("\n### Circuit outputs from shots (the trained adapter scored again)\n")
    print("| run | shots per circuit output | test metric, exact | test metric, from shots | test loss, exact | "
          "test loss, from shots |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for path in shots:
        r = json.load(open(path))
        print(f"| {os.path.basename(path)[:-5]} | {r['eval_shots']:,} | {r['metric']:.4f} | {r['shot_metric']:.4f} | "
              f"{r['test_loss']:.4f} | {r['shot_test_loss']:.4f} |")
