#!/usr/bin/env python3
"""Where a data-parallel step's time goes, from a Spark event log (spark.eventLog.enabled, not
compressed): for the jobs whose description matches PATTERN (default: training steps, " step "),
the medians over jobs of the job's wall time on the driver, the longest task's span (launch to
finish on the driver's clock) and, within the tasks, Spark's own parts: deserialization (with the
broadcasts it fetches), the run, GC during the run, result serialization, result size.

    deploy/bench/spark-task-times.py EVENT_LOG (a file, or Spark 4's directory) [PATTERN]
"""
import glob
import json
import os
import statistics
import sys


def main():
    path = sys.argv[1]
    pattern = sys.argv[2] if len(sys.argv) > 2 else " step "
    jobs, stage_job, tasks = {}, {}, {}
    # Spark 4 writes a rolling log: a directory of events_<n>_... files
    files = sorted(glob.glob(os.path.join(path, "events_*")), key=lambda f: int(os.path.basename(f).split("_")[1])) \
        if os.path.isdir(path) else [path]
    for name in files:
      with open(name) as f:
        for line in f:
            e = json.loads(line)
            kind = e["Event"]
            if kind == "SparkListenerJobStart":
                desc = (e.get("Properties") or {}).get("spark.job.description", "")
                jobs[e["Job ID"]] = {"desc": desc, "start": e["Submission Time"]}
                for s in e.get("Stage IDs", []):
                    stage_job[s] = e["Job ID"]
            elif kind == "SparkListenerJobEnd":
                jobs[e["Job ID"]]["end"] = e["Completion Time"]
            elif kind == "SparkListenerTaskEnd":
                info, m = e["Task Info"], e.get("Task Metrics") or {}
                job = stage_job.get(e["Stage ID"])
                tasks.setdefault(job, []).append({
                    "span": info["Finish Time"] - info["Launch Time"],
                    "deserialize": m.get("Executor Deserialize Time", 0),
                    "run": m.get("Executor Run Time", 0),
                    "gc": m.get("JVM GC Time", 0),
                    "result_ser": m.get("Result Serialization Time", 0),
                    "getting_result": info.get("Getting Result Time", 0),
                    "result_kib": m.get("Result Size", 0) / 1024,
                    "launch": info["Launch Time"],
                })
    rows = []
    for jid, j in sorted(jobs.items()):
        if pattern not in j["desc"] or "end" not in j or jid not in tasks:
            continue
        ts = tasks[jid]
        longest = max(ts, key=lambda t: t["span"])
        rows.append({
            "job_ms": j["end"] - j["start"],
            "to_first_launch_ms": min(t["launch"] for t in ts) - j["start"],
            "longest_task_ms": longest["span"],
            "deserialize_ms": longest["deserialize"],
            "run_ms": longest["run"],
            "gc_ms": longest["gc"],
            "result_ser_ms": longest["result_ser"],
            "result_kib": longest["result_kib"],
            "tasks": len(ts),
        })
    if not rows:
        sys.exit(f"no finished job matching {pattern!r} in {path}")
    rows = rows[1:] if len(rows) > 1 else rows  # the first step warms the JIT
    print(f"{len(rows)} jobs matching {pattern!r} (the first left out); medians:")
    for k in rows[0]:
        print(f"  {k:20s} {statistics.median(r[k] for r in rows):10.1f}")
    outside = statistics.median(r["job_ms"] - r["longest_task_ms"] for r in rows)
    print(f"  {'job - longest task':20s} {outside:10.1f}   (driver side: scheduling, launch, result fetch)")


if __name__ == "__main__":
    main()
