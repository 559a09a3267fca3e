#!/usr/bin/env bash
# The Python front end's tests and the notebook, against the jar that `mvn -B verify` (or package)
# built: a virtual environment in python/.venv with what they need from PyPI (pip's cache makes
# later runs quick), then pytest on python/tests and the notebook executed headless.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/python/.venv"
if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q --disable-pip-version-check "pyspark==4.2.0" "pandas>=2,<3" "pytest>=7" \
  "matplotlib>=3.7" "nbclient>=0.10" "nbformat>=5" "ipykernel>=6"
cd "$root"
"$venv/bin/python" -m pytest -q python/tests
"$venv/bin/python" deploy/notebook/execute.py deploy/notebook/finetune.ipynb
