#!/usr/bin/env python3
"""Runs each NumPy original of the corpus and writes its outputs for the tests.

For every program in PROGRAMS, imports Examples/corpus/python/<name>.py, calls its `run` with
its small-size arguments and writes Examples/corpus/expected/<name>.json:

    {"program": name, "args": [...], "outputs": {output: {"dtype", "shape", "values"}}}

`values` lists the output in row-major order as exact hex floats (`float.hex`; float32 values are
widened exactly, int32 and bool ones and int64 ones below 2^53 converted exactly; "inf", "-inf",
"nan" as such). A module with a TOLERANCES dict (an iterative solve stopped by a residual test)
adds "absolute_tolerance": {output: hex float}, the bound its comment derives, which the test
uses instead of the normwise one. Tests/DRCDriverTests/CorpusTests.swift runs the
Swift port `corpus <name> <args...>` with the same arguments and compares, so the tests need no
Python. Needs NumPy (python3 -m venv .build/venv && .build/venv/bin/pip install numpy if the
system has none). Usage: tools/make-corpus-expected.py [name ...]   (default: all)
"""

import json
import os
import sys

import numpy as np

sys.dont_write_bytecode = True

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = os.path.join(ROOT, "Examples", "corpus", "python")
EXPECTED = os.path.join(ROOT, "Examples", "corpus", "expected")

# Every corpus program; each module's ARGS are its small-size arguments.
PROGRAMS = [
    "go_fast", "rosen", "rosen_der", "logsumexp", "softmax", "mlp", "arc_distance",
    "jacobi_2d", "heat_3d", "hdiff", "nbody", "kmeans_distances", "covariance", "fdtd_2d",
    "gpt2_ffn", "layer_norm", "attention", "linear_classifier", "moving_average",
    "compute", "gemver", "conv2d_bias", "vadv", "kmeans_step", "batchnorm", "stats",
    "cross_entropy", "gauss_logpdf", "ranking", "azimint", "lu_syrk",
    "cg", "adam", "lstm", "logreg", "pca_power", "floyd_warshall", "cholesky_trisolv",
    "mandelbrot", "wave_heat", "cosine_sim", "transformer_bits", "int_ops", "masks_mixed",
    "seidel_gru",
]


def encode(array):
    """An output as dtype, shape and exact hex values."""
    array = np.asarray(array)
    if array.dtype not in (np.float32, np.float64, np.int64, np.int32, np.bool_):
        raise SystemExit(f"unexpected dtype {array.dtype}")
    if array.dtype == np.int64 and np.any(np.abs(array) >= 2**53):
        raise SystemExit("int64 values beyond 2^53 are not exact as floats")
    values = [float(v).hex() for v in array.astype(np.float64).ravel()]
    return {"dtype": str(array.dtype), "shape": list(array.shape), "values": values}


def main(names):
    sys.path.insert(0, PYTHON)
    os.makedirs(EXPECTED, exist_ok=True)
    for name in names or PROGRAMS:
        module = __import__(name)
        outputs = module.run(*module.ARGS)
        document = {
            "program": name,
            "args": [str(a) for a in module.ARGS],
            "numpy": np.__version__,
            "outputs": {k: encode(v) for k, v in sorted(outputs.items())},
        }
        # An iterative program's absolute bounds (its module's TOLERANCES, derived there).
        if hasattr(module, "TOLERANCES"):
            document["absolute_tolerance"] = {
                k: float(v).hex() for k, v in sorted(module.TOLERANCES.items())
            }
        path = os.path.join(EXPECTED, f"{name}.json")
        # One line per output's values keeps the files small and diffs readable.
        lines = [json.dumps({k: v for k, v in document.items() if k != "outputs"})[:-1]]
        lines[0] += ', "outputs": {'
        for i, (k, v) in enumerate(document["outputs"].items()):
            comma = "," if i + 1 < len(document["outputs"]) else ""
            lines.append(f" {json.dumps(k)}: {json.dumps(v)}{comma}")
        lines.append("}}")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        shapes = ", ".join(f"{k} {v.dtype}{list(np.shape(v))}" for k, v in sorted(outputs.items()))
        print(f"wrote {os.path.relpath(path, ROOT)}: {shapes}")


if __name__ == "__main__":
    main(sys.argv[1:])
