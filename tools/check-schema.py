#!/usr/bin/env python3
"""Checks docs/trace-schema.json: it is a valid JSON Schema (draft 2020-12), the documented
example and every trace under traces/ pass it, known-bad variants fail it (among them a minor
version newer than this build's and an op newer than the declared minor), known-good variants of
the minor version pass it, and the example in
docs/trace-format.md matches docs/examples/scale_and_bump.json.

Usage: tools/check-schema.py [TRACE.json ...]   (default: docs/examples/*.json, traces/**/*.json)
Needs python3's `jsonschema` package (Debian: python3-jsonschema).
"""
import copy
import glob
import json
import os
import re
import sys

try:
    from jsonschema import Draft202012Validator
except ImportError:
    sys.exit("check-schema: the python3 'jsonschema' package is missing "
             "(apt-get install python3-jsonschema)")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "docs", "examples", "scale_and_bump.json")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(argv):
    schema = load(os.path.join(ROOT, "docs", "trace-schema.json"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    failures = 0

    paths = argv or sorted(glob.glob(os.path.join(ROOT, "docs", "examples", "*.json"))
                           + glob.glob(os.path.join(ROOT, "traces", "**", "*.json"),
                                       recursive=True))
    # `*.expected.json` files hold expected outputs, not traces.
    paths = [p for p in paths if not p.endswith(".expected.json")]
    for path in paths:
        errors = sorted(validator.iter_errors(load(path)), key=lambda e: list(e.path))
        for e in errors[:10]:
            where = "/".join(str(p) for p in e.path) or "(top level)"
            print(f"FAIL {os.path.relpath(path, ROOT)}: {where}: {e.message}")
        failures += bool(errors)
        if not errors:
            print(f"ok   {os.path.relpath(path, ROOT)}")

    # Variants of the example that the schema must reject.
    good = load(EXAMPLE)
    bad = {
        "version 2": lambda t: t.update(version=2),
        "unknown attribute": lambda t: t["nodes"][7]["attrs"].update(keepdim=False),
        "unknown dtype": lambda t: t["nodes"][2].update(dtype="float16"),
        "unknown op": lambda t: t["nodes"][2].update(op="frobnicate"),
        "decimal-with-letters float": lambda t: t["params"][0].update(value="two"),
        "int text for int dtype": lambda t: t["params"][0].update(dtype="int32", value="0x1p+1"),
        "zero slice step": lambda t: t["nodes"][3]["attrs"]["slice"][0].update(step=0),
        "bad loc": lambda t: t["nodes"][0].update(loc="main.swift"),
        "sidecar with directory": lambda t: t["inputs"][0]["data"].update(
            encoding="file", file="../x.bin"),
        "inline without base64": lambda t: t["inputs"][0]["data"].pop("base64"),
        "missing readbacks": lambda t: t.pop("readbacks"),
        "bad read-back kind": lambda t: t["readbacks"][0].update(kind="peek"),
        "negative dim": lambda t: t["inputs"][0].update(shape=[-1]),
        "name not an identifier": lambda t: t["outputs"][0].update(name="1y"),
        "minor newer than this build": lambda t: t.update(minor=8),
        "1.7 op declaring 1.6": lambda t: (t.update(minor=6), t["nodes"][7].update(op="cummax")),
        "1.6 op declaring 1.5": lambda t: (t.update(minor=5), t["nodes"][2].update(op="fmod")),
        "negative minor": lambda t: t.update(minor=-1),
        "minor as a string": lambda t: t.update(minor="1"),
        "1.1 op without minor": lambda t: t["nodes"][2].update(op="copysign"),
        "1.2 op declaring 1.1": lambda t: (t.update(minor=1),
                                           t["nodes"][7].update(op="argmax")),
        "1.3 op declaring 1.2": lambda t: (t.update(minor=2), t["nodes"][7].update(op="take")),
        "1.4 op declaring 1.3": lambda t: (t.update(minor=3), t["nodes"][7].update(op="scatter")),
        "1.5 op declaring 1.4": lambda t: (t.update(minor=4),
                                           t["nodes"][7].update(op="gauss_solve")),
    }
    accepted = 0
    for what, mutate in bad.items():
        t = copy.deepcopy(good)
        mutate(t)
        if validator.is_valid(t):
            print(f"FAIL schema accepts a bad trace: {what}")
            accepted += 1
    if accepted == 0:
        print(f"ok   {len(bad)} bad variants rejected")
    failures += accepted

    # Variants the schema must accept: an explicit minor 0, and ops within the declared minor.
    fine = {
        "explicit minor 0": lambda t: t.update(minor=0),
        "1.1 op declaring 1.1": lambda t: (t.update(minor=1), t["nodes"][2].update(op="copysign")),
        "1.1 op declaring 1.2": lambda t: (t.update(minor=2), t["nodes"][2].update(op="copysign")),
        "1.2 op declaring 1.2": lambda t: (t.update(minor=2), t["nodes"][7].update(op="argmax")),
        "1.3 op declaring 1.3": lambda t: (t.update(minor=3), t["nodes"][7].update(op="take")),
        "1.7 op declaring 1.7": lambda t: (t.update(minor=7), t["nodes"][7].update(op="cummin")),
        "1.4 op declaring 1.4": lambda t: (t.update(minor=4), t["nodes"][7].update(op="scatter")),
        "1.5 op declaring 1.5": lambda t: (t.update(minor=5),
                                           t["nodes"][7].update(op="gauss_solve")),
    }
    rejected = 0
    for what, mutate in fine.items():
        t = copy.deepcopy(good)
        mutate(t)
        if not validator.is_valid(t):
            print(f"FAIL schema rejects a good trace: {what}")
            rejected += 1
    if rejected == 0:
        print(f"ok   {len(fine)} good variants accepted")
    failures += rejected

    # The example embedded in docs/trace-format.md must be the example file, byte for byte.
    with open(os.path.join(ROOT, "docs", "trace-format.md"), encoding="utf-8") as f:
        doc = f.read()
    blocks = re.findall(r"```json\n(.*?)```", doc, re.S)
    with open(EXAMPLE, encoding="utf-8") as f:
        example_text = f.read()
    if example_text not in blocks:
        print("FAIL docs/trace-format.md's example differs from docs/examples/scale_and_bump.json")
        failures += 1

    if failures:
        print(f"check-schema: {failures} failure(s)")
        return 1
    print("check-schema: all good")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
