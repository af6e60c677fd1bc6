"""Runs one benchmark program's peer versions (NumPy, numexpr, JAX jit on CPU) on the inputs
saved in a drc trace, cross-checks every result (drc's outputs from `drc run --outputs`
included) against NumPy's, and writes the median times as JSON for report.py.

Usage: run.py PROGRAM TRACE REPEATS OUT.json [DRC_OUTPUTS_DIR] [-- program args...]
Times are wall milliseconds of one call, median of REPEATS after a warm-up. NumPy and numexpr run
on the host, so their device and wall times are one number; JAX's device time is the jitted call
on arrays already on its device (block_until_ready), its wall time the call from NumPy arrays to
NumPy results (device_put, the call, the copy back).
"""

import importlib
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import agree, load_trace, median_ms  # noqa: E402


def main():
    argv = sys.argv[1:]
    args = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    program, trace, repeats, out = argv[0], argv[1], int(argv[2]), argv[3]
    drc_outputs = argv[4] if len(argv) > 4 else None
    module = importlib.import_module(program)
    inp, prm = load_trace(trace)
    dtype = "float32" if all(a.dtype == np.float32 for a in inp.values()) else "float64"
    want = module.numpy_version(inp, prm, args)
    result = {"program": program, "dtype": dtype,
              "elements": int(sum(a.size for a in inp.values())), "checked": ["numpy"]}
    result["numpy_ms"] = median_ms(lambda: module.numpy_version(inp, prm, args), repeats)
    if module.numexpr_version is not None:
        got = module.numexpr_version(inp, prm, args)
        for name in want:
            agree(f"{program} numexpr {name}", got[name], want[name], dtype)
        result["checked"].append("numexpr")
        result["numexpr_ms"] = median_ms(lambda: module.numexpr_version(inp, prm, args), repeats)
    import jax

    jax.config.update("jax_enable_x64", dtype == "float64")
    import jax.numpy as jnp

    fn = module.jax_version(jnp, jax)
    resident = {k: jax.device_put(v) for k, v in inp.items()}
    got = fn(resident, prm, args)
    for name in want:
        agree(f"{program} jax {name}", np.asarray(got[name]), want[name], dtype)
    result["checked"].append("jax")

    def device():
        jax.block_until_ready(fn(resident, prm, args))

    def wall():
        outs = fn({k: jax.device_put(v) for k, v in inp.items()}, prm, args)
        return {k: np.asarray(v) for k, v in outs.items()}

    result["jax_device_ms"] = median_ms(device, repeats)
    result["jax_wall_ms"] = median_ms(wall, repeats)
    if drc_outputs:
        for name in want:
            path = os.path.join(drc_outputs, f"{name}.npy")
            agree(f"{program} drc {name}", np.load(path), want[name], dtype)
        result["checked"].append("drc")
    with open(out, "w") as f:
        json.dump(result, f, indent=1)
    print(f"{program}: " + ", ".join(f"{k} {v:.2f}" for k, v in result.items()
                                     if k.endswith("_ms")) + "; agree: " + " ".join(result["checked"]))


if __name__ == "__main__":
    main()
