"""Run qtune's Spark jobs from Python: a thin client over the JVM job layer.

Every function builds the JSON config that ``qtune run --config`` reads (the command's options in
snake_case), hands it to ``org.qtune.spark.python.PythonEntry`` in the SparkSession's JVM through
py4j, polls the running job's progress into a progress line, and returns the job's report as a dict.
For training jobs the report's ``"metrics"`` is the run's ``metrics.jsonl`` as a pandas DataFrame.
No algorithm runs in Python.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Dict, Optional

__all__ = ["QtuneError", "session", "find_jar", "run", "dry_run", "finetune", "pretrain", "simulate", "vqe",
           "sweep", "data", "select", "version"]

JAR_NAME = "qtune-spark-jobs-cluster.jar"
_ENTRY = "org.qtune.spark.python.PythonEntry"


class QtuneError(ValueError):
    """A job refused its config (the one-line message the command line prints) or qtune is not set up."""


def find_jar() -> str:
    """The cluster jar: $QTUNE_JAR, else spark-jobs/target/qtune-spark-jobs-cluster.jar found by looking
    upwards from the working directory and from this package's folder."""
    env = os.environ.get("QTUNE_JAR")
    if env:
        if not Path(env).is_file():
            raise QtuneError(f"QTUNE_JAR names {env}, which is not a file")
        return str(Path(env).resolve())
    for start in (Path.cwd(), Path(__file__).resolve().parent):
        for folder in (start, *start.parents):
            candidate = folder / "spark-jobs" / "target" / JAR_NAME
            if candidate.is_file():
                return str(candidate)
    raise QtuneError(f"cannot find {JAR_NAME}: build it in the qtune checkout (mvn -B -DskipTests package) or set "
                     "QTUNE_JAR to its path")


def session(master: str = "local[2]", jar: Optional[str] = None, app_name: str = "qtune",
            driver_memory: str = "4g", **conf: str):
    """A SparkSession (created, or the running one) with qtune's jar on its class path and qtune's
    settings: Kryo with qtune's registrator, the Vector API module in the driver and executors, a
    4g driver heap. More Spark settings by name: ``session(**{"spark.executor.memory": "2g"})``.
    A session that is already running keeps the settings it started with."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    path = jar or find_jar()
    builder = (SparkSession.builder.master(master).appName(app_name)
               .config("spark.jars", path)
               .config("spark.driver.memory", driver_memory)
               .config("spark.driver.extraJavaOptions", "--add-modules=jdk.incubator.vector")
               .config("spark.executor.extraJavaOptions", "--add-modules=jdk.incubator.vector")
               .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
               .config("spark.kryo.registrator", "org.qtune.spark.kryo.QtuneKryoRegistrator")
               .config("spark.kryoserializer.buffer.max", "512m")
               .config("spark.ui.showConsoleProgress", "false"))
    for key, value in conf.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


def _entry(spark):
    from py4j.java_gateway import JavaClass

    jvm = spark.sparkContext._jvm
    entry = jvm
    for part in _ENTRY.split("."):
        entry = getattr(entry, part)
    if not isinstance(entry, JavaClass):
        raise QtuneError("the qtune jar is not on this SparkSession's class path: start the session with "
                         "qtune.session(), or add spark-jobs/target/" + JAR_NAME + " to spark.jars before the "
                         "session starts")
    return entry


def _java_error(error: Exception) -> Optional[str]:
    """The one-line message of a JVM exception that crossed py4j (raw, or as PySpark's captured
    exception), without the Java trace; None for a Python error."""
    try:
        from pyspark.errors.exceptions.captured import CapturedException
    except ImportError:  # pragma: no cover - older PySpark
        CapturedException = ()
    if isinstance(error, CapturedException):
        text = getattr(error, "_desc", None) or str(error)
    elif getattr(error, "java_exception", None) is not None:
        cause = error.java_exception
        while cause.getCause() is not None and cause.getMessage() is None:
            cause = cause.getCause()
        text = cause.getMessage() or cause.toString()
    else:
        return None
    lines = str(text).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def version(spark) -> str:
    """The qtune version and build commit of the jar the session's JVM loaded."""
    return str(_entry(spark).version())


def dry_run(spark, config: Dict[str, Any]) -> Dict[str, Any]:
    """The resolved config, its hash and the memory plan of ``config``; nothing runs."""
    entry = _entry(spark)
    try:
        return json.loads(entry.dryRun(json.dumps(config)))
    except Exception as e:  # py4j's Py4JJavaError, or PySpark's conversion of it
        message = _java_error(e)
        if message is None:
            raise
        raise QtuneError(message) from None


def run(spark, config: Dict[str, Any], progress: bool = True,
        on_progress: Optional[Callable[[Dict[str, Any]], None]] = None, poll_seconds: float = 0.5) -> Dict[str, Any]:
    """Runs the job ``config`` names (``{"job": "finetune", ...}``) in the session's JVM and returns its
    report. While it runs, its progress (job, step, steps, loss, eta_seconds, elapsed_seconds) is
    polled every ``poll_seconds``: shown as one updating line when ``progress``, and passed to
    ``on_progress`` when given."""
    if not isinstance(config, dict) or not isinstance(config.get("job"), str):
        raise QtuneError('a config is a dict with a "job" field, e.g. {"job": "simulate", "qasm": "c.qasm"}')
    entry = _entry(spark)
    result: Dict[str, Any] = {}

    def call():
        try:
            result["report"] = entry.run(json.dumps(config))
        except Exception as e:  # noqa: BLE001 - handed to the calling thread
            result["error"] = e

    worker = threading.Thread(target=call, name="qtune-" + config["job"], daemon=True)
    worker.start()
    shown = False
    try:
        while worker.is_alive():
            worker.join(poll_seconds)
            if not worker.is_alive():
                break
            snapshot = entry.progress()
            if snapshot is None:
                continue
            state = json.loads(snapshot)
            if on_progress is not None:
                on_progress(state)
            if progress:
                _show(state)
                shown = True
    except KeyboardInterrupt:
        # a notebook's interrupt: stop the job's Spark work too, then let the interrupt through
        spark.sparkContext.cancelAllJobs()
        raise
    if shown:
        sys.stderr.write("\n")
    if "error" in result:
        e = result["error"]
        message = _java_error(e)
        if message is None:
            raise e
        raise QtuneError(message) from None
    report = json.loads(result["report"])
    metrics = Path(str(report.get("out") or "")) / "metrics.jsonl" if report.get("out") else None
    if metrics is not None and metrics.is_file():
        import pandas as pd

        report["metrics"] = pd.read_json(metrics, lines=True)
    return report


def _show(state: Dict[str, Any]) -> None:
    steps, step = state.get("steps") or 0, state.get("step") or 0
    if steps:
        width = 30
        done = int(width * step / steps)
        loss = state.get("loss")
        eta = state.get("eta_seconds")
        line = "{job} [{bar}] {step}/{steps} loss {loss} ETA {eta}".format(
            job=state["job"], bar="#" * done + "." * (width - done), step=step, steps=steps,
            loss="-" if loss is None else f"{loss:.4f}", eta="-" if eta is None else f"{int(eta) // 60}m{int(eta) % 60:02d}s")
    else:
        line = "{job}: running, {s:.0f} s".format(job=state["job"], s=state.get("elapsed_seconds") or 0)
    sys.stderr.write("\r" + line.ljust(90))
    sys.stderr.flush()


def _job(name: str, spark, options: Dict[str, Any], progress: bool = True,
         on_progress: Optional[Callable[[Dict[str, Any]], None]] = None) -> Dict[str, Any]:
    config = {"job": name}
    config.update({k: v for k, v in options.items() if v is not None})
    return run(spark, config, progress=progress, on_progress=on_progress)


def finetune(spark, progress: bool = True, on_progress=None, **options) -> Dict[str, Any]:
    """``qtune finetune``: options as the command's, in snake_case (model, task, method, steps, batch,
    learning_rate, qubits, circuit_layers, out, ...). Returns the report with ``"metrics"``."""
    return _job("finetune", spark, options, progress, on_progress)


def pretrain(spark, progress: bool = True, on_progress=None, **options) -> Dict[str, Any]:
    """``qtune pretrain``: a small Qwen2-architecture decoder trained from scratch."""
    return _job("pretrain", spark, options, progress, on_progress)


def simulate(spark, progress: bool = True, **options) -> Dict[str, Any]:
    """``qtune simulate``: qasm, parameters (a dict), observables (a list), shots, seed, partitions, ..."""
    return _job("simulate", spark, options, progress)


def vqe(spark, progress: bool = True, **options) -> Dict[str, Any]:
    """``qtune vqe``: hamiltonian, ansatz options, optimizer, seed, checkpoint_dir, metrics_dir, ..."""
    return _job("vqe", spark, options, progress)


def sweep(spark, progress: bool = True, **options) -> Dict[str, Any]:
    """``qtune sweep``: a circuit over many rows of parameter values, batched on the executors."""
    return _job("sweep", spark, options, progress)


def data(spark, progress: bool = True, **options) -> Dict[str, Any]:
    """``qtune data``: fetch or generate a dataset (dataset, data_dir, ...)."""
    return _job("data", spark, options, progress)


def select(spark, progress: bool = True, **options) -> Dict[str, Any]:
    """``qtune select``: choose k training examples (data, k, method, out, alpha, anchor, seed, ...); the
    chosen rows go to ``out`` as JSON lines, ready for ``finetune(..., train_subset=out)``."""
    return _job("select", spark, options, progress)
