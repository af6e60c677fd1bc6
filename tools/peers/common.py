"""Shared pieces of the peers benchmark (tools/bench-peers.sh): reading a drc trace's saved
inputs and parameters into NumPy arrays, timing a callable (median of N), and comparing a peer's
outputs with NumPy's.

A trace recorded with `drc record --save-inputs` holds each input's bytes inline (base64) or in a
`.bin` sidecar beside it (little-endian, row-major; docs/trace-format.md); parameters are exact
scalar text (C99 hex floats for floats). Every peer runs on exactly these values.
"""

import base64
import json
import os
import statistics
import time

import numpy as np

DTYPES = {"float32": np.float32, "float64": np.float64, "int32": np.int32, "int64": np.int64,
          "bool": np.bool_}


def scalar(text, dtype):
    """The value of exact scalar text (`0x1.8p+1`, `inf`, `nan`, `12`, `true`) as `dtype`."""
    t = text.strip()
    if t in ("true", "false"):
        return DTYPES[dtype](t == "true")
    if dtype.startswith("float"):
        if t in ("inf", "-inf", "nan"):
            return DTYPES[dtype](float(t))
        return DTYPES[dtype](float.fromhex(t) if "0x" in t else float(t))
    return DTYPES[dtype](int(t))


def load_trace(path):
    """The trace's inputs (name -> array) and parameters (name -> scalar); every input must have
    saved data, so peers never run on values drc did not see."""
    with open(path) as f:
        trace = json.load(f)
    folder = os.path.dirname(os.path.abspath(path))
    inputs = {}
    for decl in trace["inputs"]:
        data = decl.get("data")
        if data is None:
            raise SystemExit(f"{path}: input {decl['name']} has no saved data (record with --save-inputs)")
        if data["encoding"] == "inline":
            raw = base64.b64decode(data["base64"])
        else:
            with open(os.path.join(folder, data["file"]), "rb") as f:
                raw = f.read()
        dtype = np.dtype(DTYPES[decl["dtype"]]).newbyteorder("<")
        array = np.frombuffer(raw, dtype=dtype).astype(DTYPES[decl["dtype"]])
        inputs[decl["name"]] = array.reshape(decl["shape"])
    params = {p["name"]: scalar(p["value"], p["dtype"]) for p in trace.get("params", [])}
    return inputs, params


def median_ms(function, repeats):
    """Median wall milliseconds of `function()` over `repeats` runs after one warm-up."""
    function()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def agree(name, got, want, dtype):
    """Raises unless `got` matches NumPy's `want` within a tolerance for `dtype` (other libraries
    round exp, log, erf and sums differently in the last bits)."""
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    rtol, atol = (2e-3, 1e-3) if dtype == "float32" else (1e-8, 1e-9)
    scale = max(1.0, float(np.max(np.abs(want)))) if want.size else 1.0
    if got.shape != want.shape or not np.allclose(got, want, rtol=rtol, atol=atol * scale,
                                                  equal_nan=True):
        worst = float(np.max(np.abs(got - want))) if got.shape == want.shape else float("nan")
        raise SystemExit(f"{name}: disagrees with NumPy (max abs difference {worst})")
