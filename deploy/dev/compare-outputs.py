#!/usr/bin/env python3
"""Compares two directories written by example-outputs.sh: every OLD/<name>.json must equal
NEW/<name>.json byte for byte once NEW's top-level "provenance" field is removed (it is new).
Prints one line per example and exits 1 if any differs."""
import json, pathlib, sys

def last_key(text: str) -> str:
    return json.loads(text, object_pairs_hook=lambda pairs: pairs)[-1][0]

old, new = map(pathlib.Path, sys.argv[1:3])
bad = 0
for f in sorted(old.glob("*.json")):
    a = f.read_text().rstrip("\n")
    g = new / f.name
    if not g.exists():
        print(f"{f.stem}: missing in {new}"); bad += 1; continue
    b = g.read_text().rstrip("\n")
    cut = b.find(', "provenance": ')
    if cut >= 0 and last_key(b) == "provenance":
        b = b[:cut] + "}"
    if a == b:
        print(f"{f.stem}: identical (apart from provenance)")
    else:
        bad += 1
        print(f"{f.stem}: DIFFERS\n  old: {a[:300]}\n  new: {b[:300]}")
sys.exit(1 if bad else 0)
