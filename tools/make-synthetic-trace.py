#!/usr/bin/env python3
"""Writes a synthetic drc trace of about N nodes, for the compiler's scaling benchmark.

Usage: make-synthetic-trace.py N OUT.json

The program mimics a time-stepping solver: four float32 inputs of 4096 elements; each loop
iteration computes a stencil-free elementwise update of the state from the inputs (about 20
nodes), every 8th iteration also a mean (a reduction) that feeds back into the state, and every
64th iteration the host reads the state back. The structure repeats, so a good compiler produces
a handful of distinct kernels launched many times. Deterministic for a given N.
"""

import json
import sys


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    size = 4096
    nodes, readbacks = [], []

    def add(op, args, dtype="float32", shape=None, attrs=None):
        node = {"id": len(nodes), "op": op, "args": args, "dtype": dtype,
                "shape": [size] if shape is None else shape}
        if attrs is not None:
            node["attrs"] = attrs
        node["loc"] = "synthetic.swift:%d" % (10 + len(nodes) % 40)
        nodes.append(node)
        return node["id"]

    inputs = [add("input", [], attrs={"name": "x%d" % i}) for i in range(4)]
    half = add("full", [], shape=[], attrs={"value": "0x1p-1"})
    state = add("mul", [inputs[0], half])
    it = 0
    while len(nodes) < n:
        a = add("mul", [state, inputs[1]])
        b = add("sub", [a, inputs[2]])
        c = add("mul", [b, half])
        d = add("add", [c, inputs[3]])
        e = add("maximum", [d, state])
        f = add("mul", [e, e])
        g = add("sqrt", [f])
        h = add("sub", [g, half])
        k = add("div", [h, inputs[1]])
        state = add("add", [k, state])
        if it % 8 == 7:
            m = add("mean", [state], shape=[], attrs={"axes": [0], "keepdims": False})
            state = add("sub", [state, m])
        if it % 64 == 63:
            readbacks.append({"node": state, "position": len(nodes), "kind": "array",
                              "loc": "synthetic.swift:60"})
        it += 1
    trace = {"format": "drc-trace", "version": 1, "producer": "make-synthetic-trace.py",
             "program": "synthetic",
             "inputs": [{"name": "x%d" % i, "dtype": "float32", "shape": [size]} for i in range(4)],
             "params": [], "nodes": nodes,
             "outputs": [{"name": "state", "node": state}], "readbacks": readbacks}
    with open(out, "w") as f:
        json.dump(trace, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
