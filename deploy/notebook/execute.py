"""Executes a notebook headless (as CI does), failing on the first cell that raises.

    python deploy/notebook/execute.py deploy/notebook/finetune.ipynb [--timeout 900]
"""
import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per cell (default 900)")
    args = parser.parse_args()
    path = Path(args.notebook)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=args.timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent.resolve())}})
    try:
        client.execute()
    except CellExecutionError as e:
        print(f"{path}: a cell failed:\n{e}", file=sys.stderr)
        return 1
    print(f"{path}: {len(nb.cells)} cells executed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
