"""The Python front end against a local SparkSession with the freshly built jar: the same reports as
the command line (a second code path), progress while a training job runs, the metrics as a
DataFrame, and one clear sentence for bad configs and for a session without the jar."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))
import qtune  # noqa: E402

JAR = ROOT / "spark-jobs" / "target" / qtune.JAR_NAME
if not JAR.is_file():
    pytest.skip(f"{JAR} is not built: run mvn -B -DskipTests package first", allow_module_level=True)


@pytest.fixture(scope="module")
def spark():
    s = qtune.session(master="local[2]", jar=str(JAR))
    yield s
    s.stop()


def cli(*args):
    """The same job through deploy/bin/qtune: its report's last line."""
    env = dict(os.environ, QTUNE_CDS="off", QTUNE_HEAP="2g")
    out = subprocess.run([str(ROOT / "deploy" / "bin" / "qtune"), *args], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_simulate_gives_the_command_lines_report(spark):
    qasm = str(ROOT / "conf" / "examples" / "ghz_qft_8.qasm")
    report = qtune.simulate(spark, qasm=qasm, observables=["Z0 Z7"], shots=100, seed=7)
    reference = cli("simulate", "--qasm", qasm, "--observable", "Z0 Z7", "--shots", "100", "--seed", "7")
    assert report["expectations"] == reference["expectations"]
    assert report["samples"] == reference["samples"]
    assert report["z"] == reference["z"]
    assert report["provenance"]["config_sha256"] == reference["provenance"]["config_sha256"]
    assert qtune.version(spark).startswith("0.1.0")


def test_finetune_shows_progress_and_returns_the_metrics(spark, tmp_path):
    train, test = tmp_path / "train.jsonl", tmp_path / "test.jsonl"
    words = ["the", "cat", "sat", "on", "mat", "hello", "world", "quantum"]
    for path, rows in ((train, 48), (test, 16)):
        with open(path, "w") as f:
            for i in range(rows):
                text = f"{words[i % 5]} {words[(i * 3) % 8]} " + ("quantum world" if i % 2 else "the mat")
                f.write(json.dumps({"text": text, "label": i % 2}) + "\n")
    seen = []
    out = tmp_path / "run"
    report = qtune.finetune(spark, model="minilm", task=f"jsonl:{train}", eval=str(test), method="qtha", qubits=3, circuit_layers=1,
                            bottleneck=8, mpo_bond=2, steps=4, batch=8, micro_batch=4, validation_size=8,
                            eval_every=2, max_tokens=16, learning_rate=0.01, out=str(out), on_progress=seen.append)
    assert report["method"] == "qtha" and report["steps"] == 4
    assert [s["job"] for s in seen] and all(s["job"] == "finetune" for s in seen)
    steps = [s["step"] for s in seen if s["steps"]]
    assert steps == sorted(steps) and all(s["steps"] == 4 for s in seen if s["steps"])
    metrics = report["metrics"]  # metrics.jsonl: a row per step (objective) and per validation (kind)
    assert list(metrics[metrics["objective"].notna()]["step"]) == [1, 2, 3, 4]
    assert list(metrics[metrics["kind"] == "evaluation"]["step"]) == [2, 4]
    assert (out / "report.json").is_file()
    # the same run on the command line: the same numbers (the report's seed, data and steps)
    reference = cli("finetune", "--model", "minilm", "--task", f"jsonl:{train}", "--eval", str(test), "--method", "qtha", "--qubits", "3",
                    "--circuit-layers", "1", "--bottleneck", "8", "--mpo-bond", "2", "--steps", "4", "--batch", "8",
                    "--micro-batch", "4", "--validation-size", "8", "--eval-every", "2", "--max-tokens", "16",
                    "--lr", "0.01", "--out", str(tmp_path / "cli-run"))
    for field in ("train_loss", "validation_loss", "metric", "trainable_parameters"):
        assert report[field] == reference[field], field


def test_select_chooses_the_rows_the_command_line_chooses(spark, tmp_path):
    data = tmp_path / "candidates.jsonl"
    words = ["cheap", "pills", "offer", "meeting", "report", "money", "agenda", "lunch", "prize", "invoice"]
    with open(data, "w") as f:
        for i in range(24):
            f.write(json.dumps({"id": f"m{i}", "text": f"{words[i % 10]} {words[(i * 3 + 1) % 10]}",
                                "label": int(i % 4 == 0)}) + "\n")
    out = tmp_path / "chosen.jsonl"
    report = qtune.select(spark, data=str(data), k=8, method="qubo-anneal", seed=3, out=str(out))
    reference = cli("select", "--data", str(data), "--k", "8", "--method", "qubo-anneal", "--seed", "3", "--out",
                    str(tmp_path / "cli.jsonl"))
    assert report["energy"] == reference["energy"] and report["k"] == 8
    assert out.read_text() == (tmp_path / "cli.jsonl").read_text()
    assert len(out.read_text().splitlines()) == 8


def test_a_bad_config_is_one_sentence(spark):
    with pytest.raises(qtune.QtuneError) as e:
        qtune.run(spark, {"job": "simulate", "qasm": "no/such/file.qasm"})
    assert "no/such/file.qasm" in str(e.value) and "\n" not in str(e.value) and "at org." not in str(e.value)
    with pytest.raises(qtune.QtuneError) as e:
        qtune.run(spark, {"job": "nope"})
    assert "nope" in str(e.value)
    with pytest.raises(qtune.QtuneError):
        qtune.run(spark, {"qasm": "x"})
    plan = qtune.dry_run(spark, {"job": "simulate", "qasm": str(ROOT / "conf" / "examples" / "ghz_qft_8.qasm")})
    assert plan["config"]["qasm"].endswith("ghz_qft_8.qasm") and "plan" in plan


def test_a_session_without_the_jar_says_so_in_one_sentence(tmp_path):
    script = tmp_path / "nojar.py"
    script.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT / 'python')!r})\n"
        "import os\n"
        "os.environ['SPARK_LOCAL_IP'] = '127.0.0.1'\n"
        "from pyspark.sql import SparkSession\n"
        "import qtune\n"
        "spark = SparkSession.builder.master('local[1]').getOrCreate()\n"
        "try:\n"
        "    qtune.simulate(spark, qasm='x.qasm')\n"
        "except qtune.QtuneError as e:\n"
        "    print('QtuneError:', e)\n"
        "spark.stop()\n")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "QtuneError: the qtune jar is not on this SparkSession's class path" in out.stdout, out.stdout
    assert "JavaPackage" not in out.stdout
