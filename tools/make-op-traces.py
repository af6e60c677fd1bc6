#!/usr/bin/env python3
"""Writes the golden op-coverage traces of drc: traces/ops/*.json, their *.expected.json, and
traces/blackscholes_small.json (+ .expected.json).

Run from anywhere: `python3 tools/make-op-traces.py`. The output is deterministic: every file
draws its data from a numpy Generator seeded with the CRC-32 of its name, and the JSON layout is
exactly what drc's `TraceWriter.string` writes (field order, spacing, one node per line), so a
read + write by drc round-trips byte-identically.

Semantics follow docs/ops.md. Expected values are computed with numpy in each node's dtype
(float32 math in float32), EXCEPT where docs/ops.md defines behaviour numpy does not have; those
places compute the documented rule in Python and say so in a comment (look for "DOC RULE"):
  - cast float -> int: truncate, saturate at the int range, NaN -> 0 (numpy is UB there);
  - integer pow: wrapping repeated squaring, negative exponent -> 0 except bases 1 and -1
    (numpy raises on negative integer exponents);
  - erf: numpy has none; math.erf (C erf) in float64, rounded to float32 for float32 nodes;
  - floor/ceil on integers: identity, same dtype (numpy returns floats for some versions);
  - float sums: the doc's "blocks of 8 in order, then pairs", in the result dtype; small float
    reductions use values on a 1/4 grid, so every summation order gives the same exact result;
  - the big float32 sum is computed in float64 and rounded (compare it with a tolerance);
  - float matmul: sequential accumulation over k in the result dtype.
Transcendental functions (sqrt excepted) may differ from the compiled code by a few ulp; compare
those with a tolerance.
"""

import base64
import hashlib
import math
import os
import struct
import sys
import zlib

import numpy as np

HERE = os.path.abspath(__file__)
ROOT = os.path.dirname(os.path.dirname(HERE))
LOC_FILE = "tools/make-op-traces.py"
PRODUCER = "make-op-traces.py"

DTYPES = ("bool", "int32", "int64", "float32", "float64")
NP = {"bool": np.bool_, "int32": np.int32, "int64": np.int64, "float32": np.float32,
      "float64": np.float64}
INTS = ("int32", "int64")
FLOATS = ("float32", "float64")
NUMERIC = INTS + FLOATS
INT_RANGE = {"int32": (-2**31, 2**31 - 1), "int64": (-2**63, 2**63 - 1)}

NAN = float("nan")
INF = float("inf")


# ----------------------------------------------------------------------------------------------
# dtype rules (mirrors DType.promote)

def promote(a, b):
    if a == b:
        return a
    if a == "bool":
        return b
    if b == "bool":
        return a
    if a in FLOATS and b in FLOATS:
        return "float64"
    if a in INTS and b in INTS:
        return "int64"
    return "float64"


def float_result(d):
    return d if d in FLOATS else "float64"


def reduce_dtype(op, d):
    if op in ("sum", "prod"):
        return d if d in FLOATS else "int64"
    if op in ("min", "max"):
        return d
    return "int64" if op in ("argmin", "argmax") else float_result(d)  # mean


# ----------------------------------------------------------------------------------------------
# exact scalar text (mirrors Scalar.description / Scalar.hexFloat)

def hexfloat(d):
    d = float(d)
    if math.isnan(d):
        return "nan"
    if math.isinf(d):
        return "-inf" if d < 0 else "inf"
    sign = "-" if math.copysign(1.0, d) < 0 else ""
    if d == 0:
        return sign + "0x0p+0"
    bits = struct.unpack("<Q", struct.pack("<d", d))[0]
    exponent = (bits >> 52) & 0x7FF
    mantissa = bits & 0x000FFFFFFFFFFFFF
    if exponent == 0:  # subnormal: normalise to 0x1.xxxp-e like Swift
        shift = (64 - mantissa.bit_length()) - 11
        mantissa = (mantissa << shift) & 0x000FFFFFFFFFFFFF
        exponent = 1 - shift
    e = exponent - 1023
    digits = ("%013x" % mantissa).rstrip("0")
    frac = "." + digits if digits else ""
    return "%s0x1%sp%s%d" % (sign, frac, "+" if e >= 0 else "", e)


def scalar_text(value, dtype):
    if dtype == "bool":
        return "true" if bool(value) else "false"
    if dtype in INTS:
        v = int(value)
        lo, hi = INT_RANGE[dtype]
        assert lo <= v <= hi
        return str(v)
    v = float(value)
    if dtype == "float32" and not math.isnan(v):
        assert float(np.float32(v)) == v, "not exact in float32: %r" % v
    return hexfloat(v)


# ----------------------------------------------------------------------------------------------
# documented rules numpy does not implement

def wrap(v, dtype):
    bits = 32 if dtype == "int32" else 64
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


def int_pow(b, e, dtype):
    # DOC RULE: integers: exact by repeated squaring with wrapping; a negative exponent gives 0,
    # except base 1 gives 1 and base -1 gives +-1. (numpy raises ValueError instead.)
    b, e = int(b), int(e)
    if e < 0:
        if b == 1:
            return 1
        if b == -1:
            return -1 if e % 2 else 1
        return 0
    bits = 32 if dtype == "int32" else 64
    return wrap(pow(b, e, 1 << bits), dtype)


def sat_int(d, dtype):
    # DOC RULE: float to int truncates toward zero, saturates at the int range, NaN gives 0
    # (OpenCL convert_T_sat_rtz); numpy's astype is undefined behaviour there.
    d = float(d)
    lo, hi = INT_RANGE[dtype]
    if math.isnan(d):
        return 0
    if d >= hi:
        return hi
    if d <= lo:
        return lo
    return math.trunc(d)


def cast_array(v, src, dst):
    """The `cast` op of docs/ops.md on a numpy array."""
    if dst == "bool":
        return (v != 0)  # NaN != 0 is true
    if src in FLOATS and dst in INTS:
        flat = [sat_int(x, dst) for x in v.reshape(-1)]
        return np.array(flat, dtype=NP[dst]).reshape(v.shape)
    # int -> float rounds to nearest even; bool -> number is 0/1; float -> float rounds.
    return v.astype(NP[dst])


def pairwise_sum(vals, dtype):
    # DOC RULE: floats are summed pairwise (blocks of 8 summed in order, then pairs) in the
    # result dtype. Interpretation used here: sequential sums of consecutive blocks of 8, then
    # adjacent block sums added pairwise level by level. Every small reduction in these traces
    # uses values on a 1/4 grid, so its result is exact whatever the order.
    t = NP[dtype]
    vals = [t(x) for x in vals]
    if not vals:
        return t(0)
    blocks = []
    for i in range(0, len(vals), 8):
        acc = vals[i]
        for x in vals[i + 1:i + 8]:
            acc = t(acc + x)
        blocks.append(acc)
    while len(blocks) > 1:
        nxt = [t(blocks[i] + blocks[i + 1]) for i in range(0, len(blocks) - 1, 2)]
        if len(blocks) % 2:
            nxt.append(blocks[-1])
        blocks = nxt
    return blocks[0]


def erf_array(v, dtype):
    # numpy has no erf: C erf (math.erf) in float64, rounded once for float32 nodes.
    flat = [math.erf(float(x)) for x in v.reshape(-1)]
    return np.array(flat, dtype=np.float64).astype(NP[dtype]).reshape(v.shape)


# ----------------------------------------------------------------------------------------------
# the trace builder

class Node:
    def __init__(self, id, dtype, shape, value):
        self.id = id
        self.dtype = dtype
        self.shape = tuple(shape)
        self.value = np.asarray(value, dtype=NP[dtype]).reshape(self.shape)


def count(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def norm_slices(shape, slices):
    """Python slices -> the normalised (start, stop, step) of docs (via slice.indices)."""
    assert len(slices) == len(shape)
    out = []
    for s, dim in zip(slices, shape):
        if isinstance(s, int):
            s = slice(s, s + 1)
        start, stop, step = s.indices(dim)
        out.append((start, stop, step))
    return out


def np_index(ranges):
    return tuple(slice(a, None if (c < 0 and b < 0) else b, c) for a, b, c in ranges)


def range_count(a, b, c):
    if c > 0:
        return (b - a + c - 1) // c if b > a else 0
    return (a - b - c - 1) // -c if a > b else 0


class Trace:
    def __init__(self, program):
        self.program = program
        self.inputs = []    # (name, dtype, shape, bytes)
        self.params = []    # (name, dtype, text)
        self.nodes = []     # dicts
        self.outputs = []   # (name, node)
        self.readbacks = []
        self.objs = []
        self.rng = np.random.default_rng(zlib.crc32(program.encode()))

    # -- bookkeeping
    def _loc(self):
        f = sys._getframe(1)
        while f is not None and f.f_code in BUILDER_CODES:
            f = f.f_back
        return "%s:%d" % (LOC_FILE, f.f_lineno)

    def _node(self, op, args, dtype, shape, value, attrs=None):
        assert dtype in DTYPES
        n = Node(len(self.nodes), dtype, shape, value)
        self.nodes.append({"id": n.id, "op": op, "args": [a.id for a in args], "dtype": dtype,
                           "shape": list(n.shape), "attrs": attrs or {}, "loc": self._loc()})
        self.objs.append(n)
        return n

    def out(self, name, node):
        assert name.isidentifier() and name not in [o[0] for o in self.outputs], name
        self.outputs.append((name, node))
        return node

    def readback(self, node, kind="print"):
        self.readbacks.append({"node": node.id, "position": len(self.nodes), "kind": kind,
                               "loc": self._loc()})

    # -- sources
    def input(self, name, dtype, values, shape=None):
        arr = np.asarray(values)
        if shape is not None:
            arr = arr.reshape(shape)
        arr = arr.astype(NP[dtype])
        raw = arr.astype(np.dtype(NP[dtype]).newbyteorder("<")).tobytes()
        assert len(raw) == arr.size * np.dtype(NP[dtype]).itemsize
        self.inputs.append((name, dtype, list(arr.shape), raw))
        return self._node("input", [], dtype, arr.shape, arr, {"name": name})

    def param(self, name, dtype, value):
        v = NP[dtype](value)
        self.params.append((name, dtype, scalar_text(v, dtype)))
        return self._node("param", [], dtype, [], v, {"name": name})

    def full(self, dtype, shape, value):
        v = NP[dtype](value)
        return self._node("full", [], dtype, shape, np.full(shape, v, dtype=NP[dtype]),
                          {"value": scalar_text(v, dtype)})

    def arange(self, dtype, n, start, step):
        assert dtype != "bool"
        s0, st = NP[dtype](start), NP[dtype](step)
        if dtype in INTS:
            vals = [wrap(int(s0) + i * int(st), dtype) for i in range(n)]
        else:  # start + Double(i)*step, rounded once to the dtype
            vals = [float(s0) + float(i) * float(st) for i in range(n)]
        return self._node("arange", [], dtype, [n], np.array(vals).astype(NP[dtype]),
                          {"start": scalar_text(s0, dtype), "step": scalar_text(st, dtype)})

    def iota(self, dtype, shape, axis):
        assert dtype in INTS and 0 <= axis < len(shape)
        idx = np.indices(shape)[axis] if count(shape) else np.zeros(shape)
        return self._node("iota", [], dtype, shape, idx.astype(NP[dtype]), {"axis": axis})

    # -- elementwise
    def binary(self, op, a, b):
        d = promote(a.dtype, b.dtype)
        shape = np.broadcast_shapes(a.shape, b.shape)
        if op in ("add", "sub", "mul", "div", "pow", "atan2"):
            assert a.dtype != "bool" and b.dtype != "bool", "numeric only"
        A = np.broadcast_to(a.value.astype(NP[d]), shape)
        B = np.broadcast_to(b.value.astype(NP[d]), shape)
        if op in ("add", "sub", "mul"):
            r = {"add": np.add, "sub": np.subtract, "mul": np.multiply}[op](A, B)
            rd = d
        elif op == "div":
            rd = float_result(d)
            r = np.divide(A.astype(NP[rd]), B.astype(NP[rd]))
        elif op == "pow":
            rd = d
            if d in FLOATS:
                r = np.power(A, B)
            else:
                flat = [int_pow(x, y, d) for x, y in zip(A.reshape(-1), B.reshape(-1))]
                r = np.array(flat, dtype=NP[d]).reshape(shape)
        elif op in ("maximum", "minimum"):
            rd = d
            r = (np.maximum if op == "maximum" else np.minimum)(A, B)  # NaN propagates
        elif op == "atan2":
            rd = float_result(d)
            r = np.arctan2(A.astype(NP[rd]), B.astype(NP[rd]))
        elif op in ("eq", "ne", "lt", "le", "gt", "ge"):
            rd = "bool"
            r = {"eq": np.equal, "ne": np.not_equal, "lt": np.less, "le": np.less_equal,
                 "gt": np.greater, "ge": np.greater_equal}[op](A, B)
        elif op in ("logical_and", "logical_or"):
            rd = "bool"
            ta = np.broadcast_to(a.value != 0, shape)
            tb = np.broadcast_to(b.value != 0, shape)
            r = (ta & tb) if op == "logical_and" else (ta | tb)
        else:
            raise ValueError(op)
        return self._node(op, [a, b], rd, shape, np.asarray(r, dtype=NP[rd]).reshape(shape))

    def unary(self, op, a):
        v = a.value
        if op in ("neg", "abs"):
            assert a.dtype != "bool"
            rd = a.dtype
            r = np.negative(v) if op == "neg" else np.abs(v)  # ints wrap: abs(INT_MIN) == INT_MIN
        elif op in ("floor", "ceil"):
            assert a.dtype != "bool"
            rd = a.dtype
            # DOC RULE: identity on integers (same dtype).
            r = v.copy() if a.dtype in INTS else (np.floor(v) if op == "floor" else np.ceil(v))
        elif op == "logical_not":
            rd = "bool"
            r = v == 0
        elif op in ("sqrt", "exp", "log", "sin", "cos", "tan", "tanh", "erf"):
            rd = float_result(a.dtype)
            x = v.astype(NP[rd])
            if op == "erf":
                r = erf_array(x, rd)
            else:
                r = getattr(np, op)(x)
        else:
            raise ValueError(op)
        return self._node(op, [a], rd, a.shape, np.asarray(r, dtype=NP[rd]))

    def where(self, c, a, b):
        assert c.dtype == "bool"
        d = promote(a.dtype, b.dtype)
        shape = np.broadcast_shapes(c.shape, a.shape, b.shape)
        r = np.where(c.value, a.value.astype(NP[d]), b.value.astype(NP[d]))
        return self._node("where", [c, a, b], d, shape, np.broadcast_to(r, shape))

    def cast(self, a, dtype):
        return self._node("cast", [a], dtype, a.shape, cast_array(a.value, a.dtype, dtype))

    # -- reductions
    def reduce(self, op, a, axes, keepdims=False, f64_reference=False):
        rank = len(a.shape)
        axes = sorted(axes)
        assert axes and len(set(axes)) == len(axes) and all(0 <= x < rank for x in axes)
        rd = reduce_dtype(op, a.dtype)
        keep = [i for i in range(rank) if i not in axes]
        out_shape = [a.shape[i] for i in keep]
        n = count([a.shape[i] for i in axes])
        if op in ("min", "max", "argmin", "argmax"):
            assert n > 0, "min/max over zero elements and argmin/argmax of an empty axis rejected"
        moved = np.transpose(a.value, keep + axes).reshape(count(out_shape), n)
        res = []
        for row in moved:
            if op == "sum":
                if rd in FLOATS:
                    if f64_reference:  # float64 reference, rounded: compare with a tolerance
                        res.append(NP[rd](math.fsum(float(x) for x in row)))
                    else:
                        res.append(pairwise_sum(row.astype(NP[rd]), rd))
                else:
                    res.append(np.sum(row.astype(np.int64), dtype=np.int64))
            elif op == "prod":  # sequential order; empty product is 1
                acc = NP[rd](1)
                for x in row.astype(NP[rd]):
                    acc = NP[rd](acc * x)
                res.append(acc)
            elif op in ("min", "max", "argmin", "argmax"):  # NaN propagates / first NaN, first extreme
                res.append(getattr(np, op)(row))
            elif op == "mean":  # pairwise sum / count in the result dtype; empty gives NaN
                if f64_reference:
                    s = NP[rd](math.fsum(float(x) for x in row))
                else:
                    s = pairwise_sum(row.astype(NP[rd]), rd)
                res.append(NP[rd](s) / NP[rd](n) if n else NP[rd](NAN))
        shape = [1 if (i in axes) else a.shape[i] for i in range(rank)] if keepdims else out_shape
        return self._node(op, [a], rd, shape, np.array(res, dtype=NP[rd]).reshape(shape),
                          {"axes": axes, "keepdims": keepdims})

    def sum(self, a, axes, keepdims=False, **kw):
        return self.reduce("sum", a, axes, keepdims, **kw)

    # -- views and data movement
    def slice(self, a, slices):
        ranges = norm_slices(a.shape, slices)
        shape = [range_count(*r) for r in ranges]
        v = a.value[np_index(ranges)]
        assert list(v.shape) == shape
        return self._node("slice", [a], a.dtype, shape, v,
                          {"slice": [{"start": s, "stop": e, "step": t} for s, e, t in ranges]})

    def reshape(self, a, shape):
        assert count(shape) == count(a.shape)
        return self._node("reshape", [a], a.dtype, shape, a.value.reshape(shape))

    def transpose(self, a, perm):
        assert sorted(perm) == list(range(len(a.shape)))
        return self._node("transpose", [a], a.dtype, [a.shape[p] for p in perm],
                          np.transpose(a.value, perm), {"perm": list(perm)})

    def broadcast(self, a, shape):
        return self._node("broadcast", [a], a.dtype, shape, np.broadcast_to(a.value, shape))

    def expand_dims(self, a, axes):
        return self._node("expand_dims", [a], a.dtype, np.expand_dims(a.value, axes).shape,
                          np.expand_dims(a.value, axes), {"axes": list(axes)})

    def squeeze(self, a, axes):
        assert all(a.shape[x] == 1 for x in axes)
        v = np.squeeze(a.value, tuple(axes))
        return self._node("squeeze", [a], a.dtype, v.shape, v, {"axes": list(axes)})

    def concatenate(self, parts, axis):
        d = parts[0].dtype
        for p in parts[1:]:
            d = promote(d, p.dtype)
        v = np.concatenate([p.value.astype(NP[d]) for p in parts], axis=axis)
        return self._node("concatenate", parts, d, v.shape, v, {"axis": axis})

    def update(self, base, val, slices):
        ranges = norm_slices(base.shape, slices)
        region = [range_count(*r) for r in ranges]
        v = np.broadcast_to(val.value, region)
        v = cast_array(np.ascontiguousarray(v), val.dtype, base.dtype)
        r = base.value.copy()
        r[np_index(ranges)] = v
        return self._node("update", [base, val], base.dtype, base.shape, r,
                          {"slice": [{"start": s, "stop": e, "step": t} for s, e, t in ranges]})

    def matmul(self, a, b):
        assert a.dtype != "bool" and b.dtype != "bool"
        d = promote(a.dtype, b.dtype)
        A, B = a.value.astype(NP[d]), b.value.astype(NP[d])
        A2 = A.reshape(1, -1) if A.ndim == 1 else A
        B2 = B.reshape(-1, 1) if B.ndim == 1 else B
        assert A2.shape[1] == B2.shape[0]
        if d in FLOATS:  # DOC RULE: sequential accumulation over k in the result dtype
            acc = A2[:, 0:1] * B2[0:1, :]
            for k in range(1, A2.shape[1]):
                acc = acc + A2[:, k:k + 1] * B2[k:k + 1, :]
        else:  # integers wrap
            acc = np.matmul(A2, B2)
        shape = ([A.shape[0]] if A.ndim == 2 else []) + ([B.shape[1]] if B.ndim == 2 else [])
        return self._node("matmul", [a, b], d, shape, acc.astype(NP[d]).reshape(shape))

    # -- random data helpers
    def uniform(self, lo, hi, shape):
        return self.rng.uniform(lo, hi, shape)

    def ints(self, lo, hi, shape):
        return self.rng.integers(lo, hi + 1, shape)

    def quarters(self, shape, lo=-8, hi=8):
        return self.rng.integers(lo, hi + 1, shape) / 4.0

    def bools(self, shape):
        return self.rng.integers(0, 2, shape).astype(bool)


BUILDER_CODES = {f.__code__ for f in vars(Trace).values() if callable(f)}


# ----------------------------------------------------------------------------------------------
# JSON writing (mirrors TraceWriter.string exactly)

def quote(text):
    out = ['"']
    for ch in text:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or o == 0x7F:
            out.append("\\u%04x" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def ints_text(values):
    return "[" + ", ".join(str(int(v)) for v in values) + "]"


def jlist(items):
    if not items:
        return "[]"
    return "[\n    " + ",\n    ".join(items) + "\n  ]"


ATTR_ORDER = ("name", "value", "start", "step", "axes", "keepdims", "perm", "axis", "slice")


def attrs_text(a):
    assert set(a) <= set(ATTR_ORDER), a
    parts = []
    for k in ATTR_ORDER:
        if k not in a:
            continue
        v = a[k]
        if k in ("name", "value", "start", "step"):
            parts.append('"%s": %s' % (k, quote(v)))
        elif k in ("axes", "perm"):
            parts.append('"%s": %s' % (k, ints_text(v)))
        elif k == "keepdims":
            parts.append('"keepdims": %s' % ("true" if v else "false"))
        elif k == "axis":
            parts.append('"axis": %d' % v)
        else:
            items = ['{"start": %d, "stop": %d, "step": %d}' % (r["start"], r["stop"], r["step"])
                     for r in v]
            parts.append('"slice": [' + ", ".join(items) + "]")
    return "{" + ", ".join(parts) + "}" if parts else None


def trace_text(t):
    def inp(i):
        name, dtype, shape, raw = i
        s = '{"name": %s, "dtype": %s, "shape": %s' % (quote(name), quote(dtype), ints_text(shape))
        s += ', "data": {"encoding": "inline", "base64": %s, "bytes": %d, "sha256": %s}' % (
            quote(base64.b64encode(raw).decode("ascii")), len(raw),
            quote(hashlib.sha256(raw).hexdigest()))
        return s + "}"

    def param(p):
        return '{"name": %s, "dtype": %s, "value": %s}' % tuple(quote(x) for x in p)

    def node(n):
        s = '{"id": %d, "op": %s, "args": %s, ' % (n["id"], quote(n["op"]), ints_text(n["args"]))
        s += '"dtype": %s, "shape": %s' % (quote(n["dtype"]), ints_text(n["shape"]))
        a = attrs_text(n["attrs"])
        if a is not None:
            s += ', "attrs": ' + a
        s += ', "loc": ' + quote(n["loc"])
        return s + "}"

    def rb(r):
        return '{"node": %d, "position": %d, "kind": %s, "loc": %s}' % (
            r["node"], r["position"], quote(r["kind"]), quote(r["loc"]))

    out = "{\n"
    out += '  "format": "drc-trace",\n'
    out += '  "version": 1,\n' + minor_text(t)
    out += '  "producer": %s,\n' % quote(PRODUCER)
    out += '  "program": %s,\n' % quote(t.program)
    out += '  "inputs": ' + jlist([inp(i) for i in t.inputs]) + ",\n"
    out += '  "params": ' + jlist([param(p) for p in t.params]) + ",\n"
    out += '  "nodes": ' + jlist([node(n) for n in t.nodes]) + ",\n"
    out += '  "outputs": ' + jlist(['{"name": %s, "node": %d}' % (quote(n), o.id)
                                    for n, o in t.outputs]) + ",\n"
    out += '  "readbacks": ' + jlist([rb(r) for r in t.readbacks]) + "\n"
    out += "}\n"
    return out


def value_text(x, dtype):
    if dtype == "bool":
        return "true" if bool(x) else "false"
    if dtype in INTS:
        return str(int(x))
    f = float(x)
    if math.isnan(f):
        return '"nan"'
    if math.isinf(f):
        return '"inf"' if f > 0 else '"-inf"'
    return repr(f)


def expected_text(t):
    lines = []
    for name, n in sorted(t.outputs, key=lambda o: o[0]):
        vals = ", ".join(value_text(x, n.dtype) for x in n.value.reshape(-1))
        lines.append('    %s: {"dtype": %s, "shape": %s, "values": [%s]}' % (
            quote(name), quote(n.dtype), ints_text(n.shape), vals))
    return ('{\n  "program": %s,\n  "outputs": {\n' % quote(t.program) + ",\n".join(lines)
            + "\n  }\n}\n")


# ----------------------------------------------------------------------------------------------
# the traces

TRACES = {}


def trace(name):
    def reg(fn):
        TRACES[name] = fn
        return fn
    return reg


@trace("sources")
def _sources(t):
    # full: every dtype, scalar and array shapes, non-finite values
    t.out("full_bool", t.full("bool", [2, 3], True))
    t.out("full_bool_false", t.full("bool", [], False))
    t.out("full_int32", t.full("int32", [], -7))
    t.out("full_int64", t.full("int64", [4], 2**40 + 3))
    t.out("full_float32", t.full("float32", [2, 2], np.float32(0.1)))
    t.out("full_float64", t.full("float64", [3], -2.5e-3))
    t.out("full_float32_nan", t.full("float32", [2], NAN))
    t.out("full_float64_inf", t.full("float64", [1, 2], INF))
    t.out("full_float32_neginf", t.full("float32", [], -INF))
    t.out("full_empty", t.full("float64", [0, 3], 1.0))
    # arange: every non-bool dtype, positive and negative steps
    t.out("arange_int32", t.arange("int32", 5, 3, -2))
    t.out("arange_int64", t.arange("int64", 4, -10, 2**33))
    t.out("arange_float32", t.arange("float32", 6, 0.5, np.float32(0.1)))
    t.out("arange_float64", t.arange("float64", 7, -1.0, 0.1))
    t.out("arange_float64_neg", t.arange("float64", 3, 2.5, -0.75))
    t.out("arange_empty", t.arange("int32", 0, 0, 1))
    # iota: int32 and int64, each axis
    t.out("iota_int32_axis0", t.iota("int32", [3, 4], 0))
    t.out("iota_int32_1d", t.iota("int32", [5], 0))
    t.out("iota_int64_axis2", t.iota("int64", [2, 3, 4], 2))
    t.out("iota_int64_axis1", t.iota("int64", [2, 3], 1))
    # sources feeding arithmetic
    r = t.arange("float32", 4, 0.0, 0.5)
    t.out("arange_times_full", t.binary("mul", r, t.full("float32", [], 3.0)))
    t.out("iota_plus_arange", t.binary("add", t.iota("int32", [3, 4], 1),
                                       t.arange("int64", 4, 100, 10)))


@trace("params")
def _params(t):
    x = t.input("x", "float32", t.uniform(-2, 2, [2, 3]))
    s = t.param("scale", "float32", np.float32(0.3))
    n = t.param("offset", "int64", 7)
    y = t.out("scaled", t.binary("mul", x, s))                 # float32
    z = t.out("shifted", t.binary("add", y, n))                # promote(float32, int64) = float64
    t.out("iota_times_offset", t.binary("mul", t.iota("int64", [4], 0), n))
    tot = t.out("total", t.sum(z, [0, 1]))
    t.readback(tot, "print")                                   # read back right after the sum
    t.out("centered", t.binary("sub", z, tot))
    t.out("offset_squared", t.binary("pow", n, t.full("int64", [], 2)))
    t.out("scale_vs_x", t.binary("gt", x, s))


@trace("binary_float")
def _binary_float(t):
    for dt in FLOATS:
        a = t.input("a_" + dt, dt, t.uniform(0.5, 4.0, [2, 3]))
        b = t.input("b_" + dt, dt, t.uniform(-2.0, 2.0, [2, 3]))
        for op in ("add", "sub", "mul", "div", "pow", "maximum", "minimum", "atan2"):
            t.out("%s_%s" % (op, dt), t.binary(op, a, b))
        # special values: division by zero, 0/0, inf/inf, pow of a negative base, NaN
        e = t.input("e_" + dt, dt, [1.0, -1.0, 0.0, -2.0, INF, NAN, 2.0, -0.5])
        f = t.input("f_" + dt, dt, [0.0, 0.0, 0.0, 0.5, INF, 2.0, -3.0, -INF])
        for op in ("add", "sub", "mul", "div", "pow", "atan2"):
            t.out("%s_special_%s" % (op, dt), t.binary(op, e, f))


@trace("binary_int")
def _binary_int(t):
    for dt in INTS:
        lo, hi = INT_RANGE[dt]
        a = t.input("a_" + dt, dt, t.ints(-50, 50, [2, 3]))
        b = t.input("b_" + dt, dt, t.ints(-6, 6, [2, 3]))
        p = t.input("p_" + dt, dt, t.ints(0, 5, [2, 3]))
        for op in ("add", "sub", "mul", "div", "maximum", "minimum", "atan2"):
            t.out("%s_%s" % (op, dt), t.binary(op, a, b))
        t.out("pow_" + dt, t.binary("pow", a, p))
        # wrapping: max + 1 == min, min - 1 == max, products wrap
        w1 = t.input("w1_" + dt, dt, [hi, lo, hi, lo, 123456789, -7])
        w2 = t.input("w2_" + dt, dt, [1, 1, hi, lo, 1000, 0])
        for op in ("add", "sub", "mul"):
            t.out("%s_wrap_%s" % (op, dt), t.binary(op, w1, w2))
        t.out("div_wrap_" + dt, t.binary("div", w1, w2))      # int / int -> float64, x/0 -> inf
        t.out("add_max_plus_one_" + dt, t.binary("add", t.full(dt, [], hi), t.full(dt, [], 1)))


@trace("pow_int")
def _pow_int(t):
    for dt in INTS:
        base = t.input("base_" + dt, dt, [-3, -2, -1, 0, 1, 2, 3], [7, 1])
        expo = t.input("expo_" + dt, dt, [-3, -2, -1, 0, 1, 2])
        t.out("table_" + dt, t.binary("pow", base, expo))      # DOC RULE for negative exponents
    big_b = t.input("big_base_int32", "int32", [3, 2, 2, -2, 7, -1])
    big_e = t.input("big_expo_int32", "int32", [25, 31, 32, 31, 12, 2**31 - 1])
    t.out("wrap_int32", t.binary("pow", big_b, big_e))
    big_b64 = t.input("big_base_int64", "int64", [3, 2, 2, -2, 10, -1])
    big_e64 = t.input("big_expo_int64", "int64", [45, 63, 64, 63, 19, -(2**63)])
    t.out("wrap_int64", t.binary("pow", big_b64, big_e64))
    t.out("mixed_int64", t.binary("pow", t.input("b32", "int32", [2, -3, 5]),
                                  t.input("e64", "int64", [40, 3, -1])))
    t.out("int_float_pow", t.binary("pow", big_b, t.full("float32", [], 0.5)))  # -> float64


@trace("binary_promotion")
def _binary_promotion(t):
    i32 = t.input("i32", "int32", [16777217, -3, 2147483647, 5])
    i64 = t.input("i64", "int64", [1, 2**40, 1, -5])
    f32 = t.input("f32", "float32", [0.5, 0.25, 1.0, -1.5])
    f64 = t.input("f64", "float64", [0.1, -2.0, 3.5, 1e-3])
    b = t.input("b", "bool", [True, False, True, False])
    t.out("i32_add_f32", t.binary("add", i32, f32))            # float64: 16777217.5 survives
    t.out("i32_add_i64", t.binary("add", i32, i64))            # int64: no int32 wrap
    t.out("f32_add_f64", t.binary("add", f32, f64))            # float64
    t.out("i64_add_f32", t.binary("add", i64, f32))            # float64
    t.out("i32_mul_f64", t.binary("mul", i32, f64))
    t.out("i64_sub_i32", t.binary("sub", i64, i32))
    t.out("i32_div_i64", t.binary("div", i32, i64))            # float64
    t.out("f32_div_i32", t.binary("div", f32, i32))            # float64
    t.out("i32_div_i32", t.binary("div", i32, i32))            # float64
    t.out("f32_div_f32", t.binary("div", f32, f32))            # float32
    t.out("i32_pow_i64", t.binary("pow", t.input("small", "int32", [2, -1, 3, 0]), i64))
    t.out("i32_atan2_f32", t.binary("atan2", i32, f32))        # float64
    t.out("i64_atan2_i64", t.binary("atan2", i64, i64))        # float64
    # bool with other dtypes (through ops that accept bool)
    t.out("b_max_i64", t.binary("maximum", b, i64))            # int64
    t.out("b_min_i64", t.binary("minimum", b, i64))            # int64
    t.out("b_eq_i64", t.binary("eq", b, i64))                  # compared as int64
    t.out("b_max_f32", t.binary("maximum", b, f32))            # float32
    t.out("b_max_b", t.binary("maximum", b, t.input("b2", "bool", [True, True, False, False])))
    t.out("b_cast_add_i64", t.binary("add", t.cast(b, "int64"), i64))


@trace("broadcasting")
def _broadcasting(t):
    c = t.input("col", "float32", t.quarters([3, 1]))
    r = t.input("row", "float32", t.quarters([4]))
    t.out("col_add_row", t.binary("add", c, r))                # [3,1] + [4] -> [3,4]
    t.out("row_sub_col", t.binary("sub", r, c))                # [4] - [3,1] -> [3,4]
    t.out("col_gt_row", t.binary("gt", c, r))
    s = t.input("scalar", "int32", [5], [])
    m = t.input("m", "int64", t.ints(-9, 9, [2, 3]))
    t.out("scalar_add_matrix", t.binary("add", s, m))          # [] + [2,3] -> int64
    t.out("full_scalar_mul", t.binary("mul", t.full("float64", [], 2.5), m))
    a3 = t.input("a3", "int32", t.ints(-9, 9, [2, 1, 4]))
    b2 = t.input("b2", "int32", t.ints(-9, 9, [3, 1]))
    t.out("rank3_mul_rank2", t.binary("mul", a3, b2))          # [2,1,4] * [3,1] -> [2,3,4]
    one = t.input("one", "float64", [1.5])
    t.out("one_div_row", t.binary("div", one, t.input("row5", "float64", t.quarters([5], 1, 8))))
    t.out("outer", t.binary("mul", t.input("u", "float64", t.quarters([5, 1])),
                            t.input("v", "float64", t.quarters([1, 5]))))
    t.out("where_3way", t.where(t.input("cond", "bool", t.bools([3, 1])), r,
                                t.full("float32", [], -1.0)))
    t.out("scalar_scalar", t.binary("maximum", s, t.full("int32", [], 9)))


@trace("compare")
def _compare(t):
    ops = ("eq", "ne", "lt", "le", "gt", "ge")
    a = t.input("a_f64", "float64", [1.0, NAN, 2.0, -INF, 0.0, 3.0, NAN, INF])
    b = t.input("b_f64", "float64", [1.0, 1.0, NAN, -INF, -0.0, 2.0, NAN, 5.0])
    for op in ops:
        t.out(op + "_float64", t.binary(op, a, b))             # NaN compares false except ne
    a32 = t.input("a_f32", "float32", [1.5, NAN, -2.0, 0.25, INF, 7.0])
    b32 = t.input("b_f32", "float32", [1.5, 0.0, -3.0, 0.5, INF, NAN])
    ai = t.input("a_i32", "int32", [1, -5, 7, 2147483647, 0, -2147483648])
    bi = t.input("b_i32", "int32", [1, 5, -7, 2147483647, 0, 3])
    al = t.input("a_i64", "int64", [2**53 + 1, -1, 3, 2**62, 0, 9])
    bl = t.input("b_i64", "int64", [2**53, -1, 4, -(2**62), 1, 9])
    ab = t.input("a_b", "bool", [True, False, True, False, True, False])
    bb = t.input("b_b", "bool", [True, True, False, False, True, True])
    for op in ops:
        t.out(op + "_float32", t.binary(op, a32, b32))
        t.out(op + "_int32", t.binary(op, ai, bi))
        t.out(op + "_int64", t.binary(op, al, bl))
        t.out(op + "_bool", t.binary(op, ab, bb))
    bf = t.input("b_f64_6", "float64", [9007199254740992.0, -1.0, 3.5, 1e300, 0.0, NAN])
    for op in ("eq", "lt", "ge"):
        t.out(op + "_i64_f64", t.binary(op, al, bf))          # int64 -> float64: 2^53+1 == 2^53
        t.out(op + "_i32_f32", t.binary(op, ai, b32))          # both -> float64
        t.out(op + "_bool_i64", t.binary(op, ab, al))
        t.out(op + "_bool_f32", t.binary(op, ab, a32))


@trace("logical")
def _logical(t):
    vals = {
        "bool": [True, False, True, False, True, False],
        "int32": [0, 1, -1, 0, 7, 0],
        "int64": [0, 0, 2**40, -3, 1, 0],
        "float32": [0.0, -0.0, NAN, 0.5, -INF, 0.0],
        "float64": [NAN, 0.0, 1e-300, -0.0, 2.0, 0.0],
    }
    xs = {dt: t.input("x_" + dt, dt, v) for dt, v in vals.items()}
    for dt in DTYPES:
        t.out("not_" + dt, t.unary("logical_not", xs[dt]))
    for i, da in enumerate(DTYPES):
        db = DTYPES[(i + 1) % len(DTYPES)]
        t.out("and_%s_%s" % (da, db), t.binary("logical_and", xs[da], xs[db]))
        t.out("or_%s_%s" % (da, db), t.binary("logical_or", xs[da], xs[db]))
        t.out("and_%s_%s" % (da, da), t.binary("logical_and", xs[da], xs[da]))
        t.out("or_%s_%s" % (da, da), t.binary("logical_or", xs[da], xs[da]))
    t.out("or_broadcast", t.binary("logical_or", xs["float32"],
                                   t.input("flag", "int32", [0, 1], [2, 1])))


@trace("minmax_nan")
def _minmax_nan(t):
    for dt in FLOATS:
        a = t.input("a_" + dt, dt, [1.0, NAN, NAN, -INF, 2.5, -1.0])
        b = t.input("b_" + dt, dt, [NAN, 2.0, NAN, 3.0, INF, -2.0])
        t.out("max_" + dt, t.binary("maximum", a, b))          # NaN propagates (either side)
        t.out("min_" + dt, t.binary("minimum", a, b))
    for dt in INTS:
        lo, hi = INT_RANGE[dt]
        a = t.input("a_" + dt, dt, [lo, hi, -1, 0, 5, 3])
        b = t.input("b_" + dt, dt, [hi, lo, 1, 0, -5, 3])
        t.out("max_" + dt, t.binary("maximum", a, b))
        t.out("min_" + dt, t.binary("minimum", a, b))
    ab = t.input("a_bool", "bool", [True, False, True, False])
    bb = t.input("b_bool", "bool", [True, True, False, False])
    t.out("max_bool", t.binary("maximum", ab, bb))
    t.out("min_bool", t.binary("minimum", ab, bb))
    mi = t.input("m_i32", "int32", [3, -2, 7, 0, 16777217, 1])
    mf = t.input("m_f32", "float32", [NAN, -3.0, 7.5, 0.0, 1.0, INF])
    t.out("max_i32_f32", t.binary("maximum", mi, mf))          # float64, NaN propagates
    t.out("min_i32_f32", t.binary("minimum", mi, mf))


UNARY_MATH = ("sqrt", "exp", "log", "sin", "cos", "tan", "tanh", "erf")


def unary_float(t, dt):
    pos = t.input("pos", dt, t.uniform(0.1, 5.0, [2, 4]))
    sym = t.input("sym", dt, t.uniform(-1.4, 1.4, [2, 4]))
    wide = t.input("wide", dt, t.uniform(-5.0, 5.0, [2, 4]))
    for op in ("sqrt", "log"):
        t.out(op, t.unary(op, pos))
    for op in ("exp", "sin", "cos", "tan", "tanh", "erf"):
        t.out(op, t.unary(op, sym))
    for op in ("exp", "sin", "cos", "tanh", "erf", "neg", "abs", "floor", "ceil", "logical_not"):
        t.out(op + "_wide", t.unary(op, wide))
    t.out("floor_halves", t.unary("floor", t.input("halves", dt, [-2.5, -0.5, 0.5, 1.5, -0.0,
                                                                  3.0])))
    t.out("ceil_halves", t.unary("ceil", t.input("halves2", dt, [-2.5, -0.5, 0.5, 1.5, 0.0,
                                                                 -3.0])))


@trace("unary_float32")
def _unary_float32(t):
    unary_float(t, "float32")


@trace("unary_float64")
def _unary_float64(t):
    unary_float(t, "float64")


@trace("unary_special")
def _unary_special(t):
    # Non-finite and edge inputs on purpose: sqrt/log of negatives give NaN, log(0) = -inf, ...
    for dt in FLOATS:
        x = t.input("x_" + dt, dt, [-1.0, -0.0, 0.0, INF, -INF, NAN, 1.0])
        for op in UNARY_MATH + ("neg", "abs", "floor", "ceil", "logical_not"):
            t.out("%s_%s" % (op, dt), t.unary(op, x))


@trace("unary_int")
def _unary_int(t):
    for dt in INTS:
        lo, hi = INT_RANGE[dt]
        pos = t.input("pos_" + dt, dt, t.ints(1, 20, [2, 3]))
        sym = t.input("sym_" + dt, dt, t.ints(-3, 3, [2, 3]))
        edge = t.input("edge_" + dt, dt, [lo, hi, -1, 0, 1, -7])
        for op in ("sqrt", "log"):
            t.out("%s_%s" % (op, dt), t.unary(op, pos))        # -> float64
        for op in ("exp", "sin", "cos", "tan", "tanh", "erf"):
            t.out("%s_%s" % (op, dt), t.unary(op, sym))        # -> float64
        for op in ("neg", "abs", "floor", "ceil", "logical_not"):
            t.out("%s_%s" % (op, dt), t.unary(op, edge))       # same dtype; abs(min) == min
    b = t.input("b", "bool", [True, False, True])
    for op in UNARY_MATH:
        t.out(op + "_bool", t.unary(op, b))                    # -> float64
    t.out("logical_not_bool", t.unary("logical_not", b))


CAST_SOURCES = {
    "float64": [NAN, INF, -INF, 2.7, -2.7, -0.0, 0.5, 2147483647.5, 2147483648.0,
                -2147483649.0, 1e10, -1e10, 9223372036854774784.0, 9223372036854775808.0,
                -9223372036854775808.0, 1e19, -1e19, 16777217.0, 0.1, -1.0],
    "float32": [NAN, INF, -INF, 2.5, -2.5, -0.0, 2147483520.0, 2147483648.0, -2147483648.0,
                -2147483904.0, 9223372036854775808.0, -9223372036854775808.0,
                9223371487098961920.0, 1e20, 0.75, 1e-3],
    "int64": [0, 1, -1, 2**53 + 1, 2**53 + 3, 2**63 - 1, -(2**63), 16777217, 16777219, 42],
    "int32": [0, 1, -1, 16777217, 16777219, 2147483647, -2147483648, 7],
    "bool": [True, False, True],
}


@trace("cast")
def _cast(t):
    xs = {dt: t.input("x_" + dt, dt, v) for dt, v in CAST_SOURCES.items()}
    for src in DTYPES:
        for dst in DTYPES:
            if src == "int64" and dst == "int32":
                continue  # narrowing out of range is not defined by docs/ops.md; see below
            t.out("%s_to_%s" % (src, dst), t.cast(xs[src], dst))
    small = t.input("small_int64", "int64", [2147483647, -2147483648, -5, 0, 123456])
    t.out("int64_to_int32_in_range", t.cast(small, "int32"))
    t.out("cast_then_add", t.binary("add", t.cast(xs["float32"], "int32"),
                                    t.full("int32", [], 1)))   # saturated max + 1 wraps


@trace("where")
def _where(t):
    c = t.input("c", "bool", [True, False, True, True, False, False])
    vals = {
        "bool": [False, True, True, False, True, False],
        "int32": [1, -2, 3, 2147483647, 5, -6],
        "int64": [2**40, -1, 0, 7, -(2**33), 9],
        "float32": [0.5, NAN, -1.25, INF, 2.0, 3.0],
        "float64": [0.1, -0.2, NAN, 1e300, -INF, 6.0],
    }
    xs = {dt: t.input("x_" + dt, dt, v) for dt, v in vals.items()}
    for i, da in enumerate(DTYPES):
        other = t.unary("logical_not" if da == "bool" else "neg", xs[da])
        t.out("where_%s_%s" % (da, da), t.where(c, xs[da], other))
        db = DTYPES[(i + 2) % len(DTYPES)]
        t.out("where_%s_%s" % (da, db), t.where(c, xs[da], xs[db]))   # promote(a, b)
    cb = t.input("c_col", "bool", [True, False], [2, 1])
    t.out("where_broadcast", t.where(cb, t.input("a_row", "int32", [1, 2, 3]),
                                     t.full("float32", [], 0.5)))   # [2,3] float64
    x = t.input("x", "float64", t.uniform(-1, 1, [2, 3]))
    zero = t.full("float64", [], 0.0)
    t.out("relu", t.where(t.binary("gt", x, zero), x, zero))


def red_suite(t, x, y, dt):
    """x: [2,3,4]; y: [2,3]."""
    t.out("sum_ax0_" + dt, t.sum(x, [0]))
    t.out("sum_ax2_" + dt, t.sum(x, [2]))
    t.out("sum_ax02_" + dt, t.sum(x, [0, 2]))
    t.out("sum_all_" + dt, t.sum(x, [0, 1, 2]))
    t.out("sum_ax1_keep_" + dt, t.sum(x, [1], True))
    t.out("sum_all_keep_" + dt, t.sum(x, [0, 1, 2], True))
    t.out("prod_ax1_" + dt, t.reduce("prod", y, [1]))
    t.out("prod_ax0_keep_" + dt, t.reduce("prod", y, [0], True))
    t.out("prod_all_" + dt, t.reduce("prod", y, [0, 1]))
    for op in ("min", "max"):
        t.out("%s_ax1_%s" % (op, dt), t.reduce(op, x, [1]))
        t.out("%s_ax02_%s" % (op, dt), t.reduce(op, x, [0, 2]))
        t.out("%s_all_keep_%s" % (op, dt), t.reduce(op, x, [0, 1, 2], True))
    t.out("mean_ax2_" + dt, t.reduce("mean", x, [2]))
    t.out("mean_ax01_" + dt, t.reduce("mean", x, [0, 1]))
    t.out("mean_all_" + dt, t.reduce("mean", x, [0, 1, 2]))
    t.out("mean_ax0_keep_" + dt, t.reduce("mean", x, [0], True))


@trace("reductions_float")
def _reductions_float(t):
    for dt in FLOATS:
        x = t.input("x_" + dt, dt, t.quarters([2, 3, 4]))       # 1/4 grid: exact in any order
        y = t.input("y_" + dt, dt, t.rng.choice([0.5, 1.0, 1.5, 2.0, -1.0, -0.5, 3.0], [2, 3]))
        red_suite(t, x, y, dt)
        nan = t.input("nan_" + dt, dt, [1.0, NAN, 2.0, -1.0, 0.5, 4.0], [2, 3])
        for op in ("sum", "prod", "min", "max", "mean"):
            t.out("%s_nan_ax1_%s" % (op, dt), t.reduce(op, nan, [1]))   # NaN propagates
        t.out("max_inf_" + dt, t.reduce("max", t.input("inf_" + dt, dt, [-INF, -INF, 1.0]), [0]))


@trace("reductions_int")
def _reductions_int(t):
    for dt in INTS:
        x = t.input("x_" + dt, dt, t.ints(-20, 20, [2, 3, 4]))
        y = t.input("y_" + dt, dt, t.ints(-4, 4, [2, 3]))
        red_suite(t, x, y, dt)
    big = t.input("big_int32", "int32", [2147483647, 2147483647, 10, -2147483648, -2147483648, -1],
                  [2, 3])
    t.out("sum_big_int32", t.sum(big, [1]))                   # int64: no int32 wrap
    t.out("prod_big_int32", t.reduce("prod", big, [0]))       # int64 products
    b = t.input("b", "bool", t.bools([2, 3, 4]))
    yb = t.input("yb", "bool", [True, True, True, True, False, True], [2, 3])
    red_suite(t, b, yb, "bool")                               # sum/prod -> int64, mean -> float64


@trace("reductions_special")
def _reductions_special(t):
    # Pairwise float32 sum of 300 elements: expected computed in float64 and rounded to float32;
    # compare with a relative tolerance (the doc's pairwise order is not reproduced bit-exactly).
    big = t.input("big", "float32", t.uniform(0.0, 1.0, [300]))
    t.out("sum_300_float32", t.sum(big, [0], f64_reference=True))
    t.out("mean_300_float32", t.reduce("mean", big, [0], f64_reference=True))
    rows = t.input("rows", "float32", t.uniform(-1.0, 1.0, [3, 100]))
    t.out("sum_rows_float32", t.sum(rows, [1], f64_reference=True))
    big64 = t.input("big64", "float64", t.uniform(-1.0, 1.0, [257]))
    t.out("sum_257_float64", t.sum(big64, [0], f64_reference=True))
    # Empty reductions: sum 0, prod 1, mean NaN
    for dt in ("float32", "int32", "bool"):
        e = t.input("empty_" + dt, dt, [], [0])
        t.out("sum_empty_" + dt, t.sum(e, [0]))
        t.out("prod_empty_" + dt, t.reduce("prod", e, [0]))
        t.out("mean_empty_" + dt, t.reduce("mean", e, [0]))
    e2 = t.input("empty_2x0", "float64", [], [2, 0])
    t.out("sum_empty_rows", t.sum(e2, [1]))
    t.out("prod_empty_rows", t.reduce("prod", e2, [1]))
    t.out("mean_empty_rows", t.reduce("mean", e2, [1]))
    e3 = t.input("empty_0x3", "int64", [], [0, 3])
    t.out("sum_empty_cols_keep", t.sum(e3, [0], True))
    t.out("sum_empty_all", t.sum(e3, [0, 1]))


@trace("views")
def _views(t):
    x = t.input("x", "int32", np.arange(24), [4, 6])
    t.out("rev_cols", t.slice(x, [slice(None), slice(None, None, -1)]))         # 5:-1:-1
    t.out("step2_rev2", t.slice(x, [slice(1, 4, 2), slice(5, 0, -2)]))          # [2,3]
    t.out("rev3_step4", t.slice(x, [slice(None, None, -3), slice(0, 6, 4)]))    # rows 3,0
    t.out("empty_slice", t.slice(x, [slice(2, 2), slice(None)]))                # [0,6]
    t.out("one_elem", t.squeeze(t.slice(x, [3, 2]), [0, 1]))                    # [] from [1,1]
    y = t.input("y", "float64", t.quarters([7]))
    t.out("y_rev", t.slice(y, [slice(None, None, -1)]))
    t.out("y_rev_step3", t.slice(y, [slice(6, 0, -3)]))                         # 6, 3
    t.out("y_step2", t.slice(y, [slice(1, 7, 2)]))
    t.out("y_rev_to_0", t.slice(y, [slice(4, None, -2)]))                       # 4:-1:-2
    r3 = t.out("reshape_3d", t.reshape(x, [2, 3, 4]))
    t.out("reshape_flat", t.reshape(x, [24]))
    t.out("reshape_scalar", t.reshape(t.slice(y, [slice(2, 3)]), []))
    t.out("transpose_201", t.transpose(r3, [2, 0, 1]))
    t.out("transpose_120", t.transpose(r3, [1, 2, 0]))
    tt = t.out("transpose_2d", t.transpose(x, [1, 0]))
    t.out("slice_of_transpose", t.slice(tt, [slice(None, None, -2), slice(1, 3)]))
    t.out("reshape_of_slice", t.reshape(t.slice(x, [slice(None), slice(None, None, 2)]), [3, 4]))
    col = t.input("col", "float32", [1.0, -2.0, 3.5], [3, 1])
    t.out("broadcast_col", t.broadcast(col, [2, 3, 4]))
    t.out("broadcast_scalar", t.broadcast(t.full("int64", [], 9), [2, 2]))
    t.out("broadcast_row", t.broadcast(y, [2, 7]))
    e = t.out("expand_02", t.expand_dims(x, [0, 2]))                             # [1,4,1,6]
    t.out("expand_last", t.expand_dims(x, [2]))
    t.out("expand_scalar", t.expand_dims(t.full("bool", [], True), [0]))
    t.out("squeeze_02", t.squeeze(e, [0, 2]))
    t.out("squeeze_2", t.squeeze(e, [2]))
    t.out("sum_of_view", t.sum(t.slice(r3, [slice(None, None, -1), slice(0, 3, 2), slice(None)]),
                               [0, 2]))


@trace("views_dtypes")
def _views_dtypes(t):
    for dt in DTYPES:
        if dt == "bool":
            x = t.input("x_bool", dt, t.bools([2, 3, 4]))
        elif dt in INTS:
            x = t.input("x_" + dt, dt, t.ints(-99, 99, [2, 3, 4]))
        else:
            x = t.input("x_" + dt, dt, t.quarters([2, 3, 4]))
        t.out("slice_" + dt, t.slice(x, [slice(1, None, -1), slice(0, 3, 2), slice(3, 0, -2)]))
        t.out("transpose_" + dt, t.transpose(x, [1, 2, 0]))
        t.out("reshape_" + dt, t.reshape(x, [6, 4]))
        t.out("broadcast_" + dt, t.broadcast(t.slice(x, [0, slice(None), 1]), [2, 1, 3, 1]))
        t.out("expand_squeeze_" + dt, t.squeeze(t.expand_dims(x, [1, 4]), [1]))


@trace("concatenate")
def _concatenate(t):
    i32 = t.input("i32", "int32", t.ints(-9, 9, [2, 3]))
    f32 = t.input("f32", "float32", t.quarters([1, 3]))
    b23 = t.input("b23", "bool", t.bools([2, 3]))
    t.out("mixed_axis0", t.concatenate([i32, f32, b23], 0))    # float64 [5,3]
    i64 = t.input("i64", "int64", [2**40, -1, 3, 4], [2, 2])
    t.out("int_axis1", t.concatenate([t.slice(i32, [slice(None), slice(0, 1)]), i64, b23], 1))
    t.out("f32_1d", t.concatenate([t.input("p", "float32", [1.0, 2.0]),
                                   t.input("q", "float32", [3.0, 4.0, 5.0]),
                                   t.full("float32", [1], -1.0)], 0))
    t.out("bool_1d", t.concatenate([t.input("bp", "bool", [True, False]),
                                    t.input("bq", "bool", [False]),
                                    t.full("bool", [2], True)], 0))
    f64 = t.input("f64", "float64", t.quarters([2, 2, 1]))
    t.out("f64_axis2", t.concatenate([f64, t.cast(t.iota("int32", [2, 2, 2], 2), "float64"),
                                      f64], 2))
    t.out("single", t.concatenate([i32], 0))
    t.out("with_empty", t.concatenate([f32, t.input("none", "float32", [], [0, 3]), f32], 0))
    t.out("i64_f32", t.concatenate([t.input("l", "int64", [2**53 + 1]), t.input("m", "float32",
                                                                              [0.5])], 0))


@trace("update")
def _update(t):
    x = t.input("x", "float32", t.quarters([4, 5]))
    base = t.out("base", t.binary("add", x, t.full("float32", [], 1.0)))
    # region rows 1:3, cols 0:5:2 <- a float64 scalar (cast to float32)
    u1 = t.out("updated", t.update(base, t.full("float64", [], 0.1), [slice(1, 3),
                                                                      slice(0, 5, 2)]))
    # chained update on the new version, negative steps, a [1,3] value broadcast to the region
    t.out("updated_twice", t.update(u1, t.input("row3", "float32", [7.0, 8.0, 9.0], [1, 3]),
                                    [slice(3, 0, -1), slice(4, None, -2)]))
    t.out("base_plus_updated", t.binary("add", base, u1))     # base itself is unchanged
    # int32 base, float64 values: cast truncates and saturates, NaN -> 0 (DOC RULE)
    xi = t.input("xi", "int32", np.arange(20), [4, 5])
    vi = t.input("vi", "float64", [2.7, -2.7, NAN, 1e10, -1e10], [5])
    t.out("int_base", xi)
    t.out("int_updated", t.update(xi, vi, [slice(None, None, -2), slice(None)]))
    # bool base, int32 value (x != 0)
    xb = t.input("xb", "bool", t.bools([2, 4]))
    t.out("bool_updated", t.update(xb, t.input("vb", "int32", [0, 5]), [slice(0, 2),
                                                                        slice(1, 3)]))
    t.out("bool_base", xb)
    # int64 base, bool value; float64 base, int64 value covering the whole array
    xl = t.input("xl", "int64", t.ints(-9, 9, [3, 3]))
    t.out("int64_updated", t.update(xl, t.full("bool", [], True), [slice(1, 2), slice(None)]))
    xd = t.input("xd", "float64", t.quarters([2, 3]))
    t.out("float64_full_region", t.update(xd, t.input("vl", "int64", [2**53 + 1, -3, 4],
                                                      [3]), [slice(None), slice(None)]))
    t.out("float64_1d", t.update(t.input("xd1", "float64", t.quarters([6])),
                                 t.input("vs", "float64", [100.0, 200.0]), [slice(5, 0, -3)]))


@trace("matmul")
def _matmul(t):
    for dt in NUMERIC:
        if dt in FLOATS:
            gen = lambda shape: t.uniform(-1.0, 1.0, shape)
        else:
            gen = lambda shape: t.ints(-9, 9, shape)
        a = t.input("a_" + dt, dt, gen([4]))
        b = t.input("b_" + dt, dt, gen([4]))
        m = t.input("m_" + dt, dt, gen([3, 4]))
        n = t.input("n_" + dt, dt, gen([4, 2]))
        t.out("vv_" + dt, t.matmul(a, b))                      # [n]x[n] -> []
        t.out("mv_" + dt, t.matmul(m, b))                      # [m,n]x[n] -> [m]
        t.out("vm_" + dt, t.matmul(a, n))                      # [n]x[n,p] -> [p]
        t.out("mm_" + dt, t.matmul(m, n))                      # [m,n]x[n,p] -> [m,p]
    w1 = t.input("wrap_a", "int32", [65536, 65536, 3])
    w2 = t.input("wrap_b", "int32", [65536, 1, 2147483647])
    t.out("vv_int32_wrap", t.matmul(w1, w2))                   # integers wrap
    t.out("mm_int32_float32", t.matmul(t.input("mi", "int32", t.ints(-5, 5, [2, 3])),
                                       t.input("nf", "float32", t.quarters([3, 2]))))  # float64
    t.out("mv_int64_int32", t.matmul(t.input("ml", "int64", [2**40, 1, -1, 2], [2, 2]),
                                     t.input("vi", "int32", [3, -4])))                # int64


def blackscholes(t):
    n = 64
    S = t.input("S", "float32", t.uniform(5.0, 30.0, [n]))
    K = t.input("K", "float32", t.uniform(1.0, 100.0, [n]))
    T = t.input("T", "float32", t.uniform(0.25, 10.0, [n]))
    r = t.param("r", "float32", np.float32(0.02))
    v = t.param("v", "float32", np.float32(0.30))
    one = t.full("float32", [], 1.0)
    two = t.full("float32", [], 2.0)
    sqrt2 = t.full("float32", [], np.float32(math.sqrt(2.0)))

    def N(x):  # N(x) = (1 + erf(x/sqrt(2)))/2
        return t.binary("div", t.binary("add", one, t.unary("erf", t.binary("div", x, sqrt2))),
                        two)

    vsqrtT = t.binary("mul", v, t.unary("sqrt", T))
    drift = t.binary("mul", t.binary("add", r, t.binary("div", t.binary("mul", v, v), two)), T)
    d1 = t.binary("div", t.binary("add", t.unary("log", t.binary("div", S, K)), drift), vsqrtT)
    d2 = t.binary("sub", d1, vsqrtT)
    kdisc = t.binary("mul", K, t.unary("exp", t.binary("mul", t.unary("neg", r), T)))
    call = t.binary("sub", t.binary("mul", S, N(d1)), t.binary("mul", kdisc, N(d2)))
    put = t.binary("sub", t.binary("mul", kdisc, N(t.unary("neg", d2))),
                   t.binary("mul", S, N(t.unary("neg", d1))))
    t.out("call", call)
    t.out("put", put)


# ----------------------------------------------------------------------------------------------
# issue 12's ops (trace format 1.1 and 1.2), kept here so the traces above keep their lines

# NumPy's names where they differ from the trace op's.
UFUNC_NAMES = {"rint": "rint", "expm1": "expm1", "log1p": "log1p", "log2": "log2",
               "log10": "log10", "asin": "arcsin", "acos": "arccos", "atan": "arctan",
               "sinh": "sinh", "cosh": "cosh"}


def ufunc(t, op, a):
    """A unary ufunc node: float dtypes keep theirs, bool/int give float64."""
    rd = float_result(a.dtype)
    r = getattr(np, UFUNC_NAMES[op])(a.value.astype(NP[rd]))
    return t._node(op, [a], rd, a.shape, np.asarray(r, dtype=NP[rd]))


def copysign(t, a, b):
    """copysign(a, b) in float_result(promote(a, b)), broadcasting."""
    assert a.dtype != "bool" and b.dtype != "bool", "numeric only"
    rd = float_result(promote(a.dtype, b.dtype))
    shape = np.broadcast_shapes(a.shape, b.shape)
    r = np.copysign(np.broadcast_to(a.value.astype(NP[rd]), shape),
                    np.broadcast_to(b.value.astype(NP[rd]), shape))
    return t._node("copysign", [a, b], rd, shape, np.asarray(r, dtype=NP[rd]).reshape(shape))


@trace("ufuncs")
def _ufuncs(t):
    # Every dtype: specials (signed zeros, infinities, NaN, subnormals, the ends of asin/acos's
    # domain, halves for rint), small integers, the int extremes and bools (-> float64).
    vals = [-1.0, -0.0, 0.0, INF, -INF, NAN, 1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 1e-3, -0.75, 3.7,
            -20.0]
    signs = [-0.0, 0.0, -1.0, 2.0, NAN, -INF, 1e-3, -3.0, 0.0, -0.0, 1.0, -1.0, 5.0, 0.5, -2.0,
             1.0, -1.0, 1.0]
    for dt in FLOATS:
        sub = 1e-40 if dt == "float32" else 5e-310
        x = t.input("x_" + dt, dt, vals + [sub, -sub])
        for op in UFUNC_NAMES:
            t.out("%s_%s" % (op, dt), ufunc(t, op, x))
        t.out("copysign_" + dt, copysign(t, x, t.input("y_" + dt, dt, signs)))
    for dt in INTS:
        lo, hi = INT_RANGE[dt]
        x = t.input("i_" + dt, dt, [-3, -1, 0, 1, 2, 7, lo, hi])
        for op in UFUNC_NAMES:
            t.out("%s_%s" % (op, dt), ufunc(t, op, x))
        s = t.input("s_" + dt, dt, [1, -1, 0, -5, 2, -1, 1, -1])
        t.out("copysign_" + dt, copysign(t, x, s))
    b = t.input("b", "bool", [True, False, True])
    for op in UFUNC_NAMES:
        t.out(op + "_bool", ufunc(t, op, b))
    f = t.input("f_mixed", "float32", [2.5, -1.5, 0.0, 3.0])
    t.out("copysign_f32_i32", copysign(t, f, t.input("s_mixed", "int32", [-1, 0, 1, -2])))


# ----------------------------------------------------------------------------------------------
# checks and main

# ----------------------------------------------------------------------------------------------
# argmin/argmax and scans (issue 12), kept after the older traces so their `loc` lines stay put

def scan(self, op, a, axis):
    """cumsum/cumprod along axis: strictly left to right in the result dtype (as numpy's
    add.accumulate); bool and ints accumulate in int64 with wrapping."""
    assert op in ("cumsum", "cumprod") and 0 <= axis < len(a.shape)
    rd = a.dtype if a.dtype in FLOATS else "int64"
    x = np.moveaxis(a.value.astype(NP[rd]), axis, -1).copy()
    flat = x.reshape(-1, a.shape[axis]) if count(a.shape) else x.reshape(0, 1)
    for row in flat:
        for k in range(1, len(row)):
            row[k] = row[k - 1] + row[k] if op == "cumsum" else row[k - 1] * row[k]
    r = np.moveaxis(flat.reshape(x.shape), -1, axis) if count(a.shape) else a.value.astype(NP[rd])
    return self._node(op, [a], rd, list(a.shape), np.ascontiguousarray(r), {"axis": axis})


Trace.scan = scan
BUILDER_CODES.add(scan.__code__)


@trace("index_reductions")
def _index_reductions(t):
    for dt in DTYPES:
        vals = t.bools([2, 3, 4]) if dt == "bool" else t.ints(-2, 2, [2, 3, 4])  # many ties
        x = t.input("x_" + dt, dt, vals)
        for op in ("argmin", "argmax"):
            t.out("%s_ax0_%s" % (op, dt), t.reduce(op, x, [0]))
            t.out("%s_ax1_%s" % (op, dt), t.reduce(op, x, [1]))
            t.out("%s_ax2_keep_%s" % (op, dt), t.reduce(op, x, [2], True))
            t.out("%s_flat_%s" % (op, dt), t.reduce(op, x, [0, 1, 2]))
            t.out("%s_flat_keep_%s" % (op, dt), t.reduce(op, x, [0, 1, 2], True))
    for dt in FLOATS:
        # NaN first / in the middle / twice, -inf only, signed zeros (equal: the first wins).
        nan = t.input("nan_" + dt, dt, [1.0, NAN, 2.0, NAN, NAN, -1.0, -INF, -INF, -INF,
                                         0.0, -0.0, 0.0, 3.0, 1.0, 3.0], [5, 3])
        for op in ("argmin", "argmax"):
            t.out("%s_nan_%s" % (op, dt), t.reduce(op, nan, [1]))
            t.out("%s_nan_cols_%s" % (op, dt), t.reduce(op, nan, [0]))
    for dt in FLOATS:
        # A fused prologue: argmax of x*x - 2 (ties from +-v).
        x = t.objs[[n["attrs"].get("name") for n in t.nodes].index("x_" + dt)]
        sq = t.binary("sub", t.binary("mul", x, x), t.full(dt, [], 2.0))
        t.out("argmax_prologue_" + dt, t.reduce("argmax", sq, [1]))
    # One long line (partial-results strategy): ties and a NaN far apart, beside a sum.
    n = 3000
    long32 = t.quarters([n], -40, 40)
    long32[[700, 1800, 2900]] = 50.0
    long32[[900, 2100]] = -50.0
    lx = t.input("long_f32", "float32", long32)
    t.out("argmax_long_f32", t.reduce("argmax", lx, [0]))
    t.out("argmin_long_f32", t.reduce("argmin", lx, [0]))
    t.out("sum_long_f32", t.sum(lx, [0]))
    long64 = t.quarters([n], -40, 40)
    long64[[1500, 2500]] = NAN
    ly = t.input("long_f64", "float64", long64)
    t.out("argmax_long_nan_f64", t.reduce("argmax", ly, [0]))
    t.out("argmin_long_nan_f64", t.reduce("argmin", ly, [0]))
    li = t.input("long_i32", "int32", t.ints(-1000, 1000, [2, 1500]))
    t.out("argmax_long_flat_i32", t.reduce("argmax", li, [0, 1]))
    # Empty outer part: a [0, 3] array along its non-empty axis.
    e = t.input("empty_rows", "float64", [], [0, 3])
    t.out("argmax_empty_rows", t.reduce("argmax", e, [1]))


@trace("scans")
def _scans(t):
    for dt in DTYPES:
        if dt == "bool":
            vals = t.bools([2, 3, 4])
        elif dt in FLOATS:
            vals = t.quarters([2, 3, 4])  # exact in any order
        else:
            vals = t.ints(-20, 20, [2, 3, 4])
        x = t.input("x_" + dt, dt, vals)
        t.out("cumsum_ax0_" + dt, t.scan("cumsum", x, 0))
        t.out("cumsum_ax1_" + dt, t.scan("cumsum", x, 1))
        t.out("cumsum_ax2_" + dt, t.scan("cumsum", x, 2))
        small = t.bools([2, 5]) if dt == "bool" else t.rng.choice([1, 2, -1], [2, 5])
        if dt in FLOATS:
            small = t.rng.choice([0.5, 1.0, 2.0, -1.0, -0.5], [2, 5])
        y = t.input("y_" + dt, dt, small)
        t.out("cumprod_ax1_" + dt, t.scan("cumprod", y, 1))
        t.out("cumprod_ax0_" + dt, t.scan("cumprod", y, 0))
    # Wrapping int64 products, NaN and inf along a line.
    big = t.input("big_i64", "int64", [2**62, 3, -5, 7], [4])
    t.out("cumprod_wrap_i64", t.scan("cumprod", big, 0))
    sp = t.input("special_f64", "float64", [1.0, INF, -INF, 2.0, NAN, 1.0], [6])
    t.out("cumsum_special_f64", t.scan("cumsum", sp, 0))
    nz = t.input("negzero_f32", "float32", [-0.0, -0.0, 1.0, -1.0], [4])
    t.out("cumsum_negzero_f32", t.scan("cumsum", nz, 0))   # -0 stays -0, as numpy
    # A fused prologue (x * 2 + 1) and an elementwise epilogue (running mean).
    z = t.input("z_f64", "float64", t.quarters([3, 8]))
    pre = t.binary("add", t.binary("mul", z, t.full("float64", [], 2.0)),
                   t.full("float64", [], 1.0))
    run = t.scan("cumsum", pre, 1)
    t.out("cumsum_prologue_f64", run)
    t.out("running_mean_f64", t.binary("div", run, t.arange("float64", 8, 1.0, 1.0)))
    # Window sums c[:, 3:] - c[:, :-3] (a moving sum) read the scan at shifted elements.
    t.out("window_sums_f64", t.binary("sub", t.slice(run, [slice(None), slice(3, None)]),
                                      t.slice(run, [slice(None), slice(None, -3)])))
    # Long lines (blocked two-pass strategy): exact quarters, wrapping ints, random float32.
    n = 5000
    lq = t.input("long_f64", "float64", t.quarters([n]))
    lq_sum = t.out("cumsum_long_f64", t.scan("cumsum", lq, 0))
    li = t.input("long_i64", "int64", t.ints(-(2**40), 2**40, [n]))
    t.out("cumsum_long_i64", t.scan("cumsum", li, 0))
    lf = t.input("long_f32", "float32", t.uniform(-1.0, 1.0, [3000]))
    t.out("cumsum_long_f32", t.scan("cumsum", lf, 0))
    # Epilogues at the same element: on a blocked line, and on 12 lines (vector lanes).
    t.out("half_cumsum_long_f64", t.binary("mul", lq_sum,
                                           t.full("float64", [], 0.5)))
    w = t.input("w_f32", "float32", t.quarters([2, 3, 4]))
    cw = t.scan("cumsum", w, 0)
    t.out("cumsum_w_f32", cw)
    t.out("cumsum_w_sq_f32", t.binary("mul", cw, cw))
    lp = t.input("long_prod_f64", "float64", t.rng.choice([0.5, 2.0, 1.0, -1.0], [2000]))
    t.out("cumprod_long_f64", t.scan("cumprod", lp, 0))
    # Empty arrays.
    for shape, axis in (([0], 0), ([2, 0], 1), ([0, 3], 1)):
        e = t.input("empty_%d_%d" % (len(shape), shape[-1]), "float32", [], shape)
        t.out("cumsum_empty_%d_%d" % (len(shape), shape[-1]), t.scan("cumsum", e, axis))



# ----------------------------------------------------------------------------------------------
# take (trace format 1.3), kept after the older traces so their `loc` lines stay put

def take(self, a, idx, axis):
    """np.take(a, idx, axis): every index in range (negative ones count from the end)."""
    r = np.take(a.value, idx.value.astype(np.int64), axis=axis)
    return self._node("take", [a, idx], a.dtype, list(r.shape), r, {"axis": axis})


Trace.take = take
BUILDER_CODES.add(take.__code__)


@trace("take")
def _take(t):
    for dt in DTYPES:
        if dt == "bool":
            vals = t.bools([4, 5])
        elif dt in FLOATS:
            vals = t.quarters([4, 5])
        else:
            vals = t.ints(-20, 20, [4, 5])
        x = t.input("x_" + dt, dt, vals)
        rows = t.input("rows_" + dt, "int32", [3, -1, 0], [3])
        t.out("take_ax0_" + dt, t.take(x, rows, 0))
        cols = t.input("cols_" + dt, "int64", [[4, -5], [2, 2]], [2, 2])
        t.out("take_ax1_" + dt, t.take(x, cols, 1))
    # Computed indices (a reversal by arange arithmetic) with a fused epilogue, and a gather
    # inside a reduction's loop.
    z = t.input("z_f64", "float64", t.quarters([3, 6]))
    rev = t.arange("int64", 6, 5, -1)
    t.out("exp_reversed_f64", t.unary("exp", t.take(z, rev, 1)))
    picks = t.input("picks", "int32", [5, 0, 5, -2], [4])
    t.out("sum_picked_f64", t.sum(t.take(z, picks, 1), [1]))
    # Indices from an index reduction: v[argmax(y, axis=1)].
    y = t.input("y_f32", "float32", t.quarters([4, 7]))
    v = t.input("v_f32", "float32", t.quarters([7]))
    t.out("by_argmax_f32", t.take(v, t.reduce("argmax", y, [1]), 0))
    # A 0-d index drops the axis; an empty index array gives an empty axis.
    one = t.input("one", "int64", [-1], [])
    t.out("take_scalar_f64", t.take(z, one, 0))
    none = t.input("none", "int32", [], [0])
    t.out("take_empty_f64", t.take(z, none, 1))
    # The middle axis of a 3-D array (a gather between two strided axes), and a long gather
    # (vector code) with negative indices.
    w = t.input("w_i32", "int32", t.ints(-50, 50, [2, 5, 3]))
    t.out("take_middle_i32", t.take(w, t.input("mid", "int64", [4, 0, -3, 1], [2, 2]), 1))
    n = 3000
    lf = t.input("long_f32", "float32", t.uniform(-1.0, 1.0, [n]))
    li = t.input("long_idx", "int32", t.ints(-n, n - 1, [4096]))
    t.out("take_long_f32", t.take(lf, li, 0))


# ----------------------------------------------------------------------------------------------
# bitwise ops (trace format 1.3), kept after the older traces so their `loc` lines stay put

def bitwise(self, op, a, b):
    """bitwise_and/or/xor of bools and ints (promoted), and NumPy's shifts of ints: a count
    outside 0..<bits gives 0 (left) or the sign, 0 or -1 (right)."""
    d = promote(a.dtype, b.dtype)
    shape = np.broadcast_shapes(a.shape, b.shape)
    A = np.broadcast_to(a.value.astype(NP[d]), shape)
    B = np.broadcast_to(b.value.astype(NP[d]), shape)
    fn = {"bitwise_and": np.bitwise_and, "bitwise_or": np.bitwise_or,
          "bitwise_xor": np.bitwise_xor, "left_shift": np.left_shift,
          "right_shift": np.right_shift}[op]
    return self._node(op, [a, b], d, list(shape), fn(A, B))


def invert(self, a):
    return self._node("invert", [a], a.dtype, list(a.shape), np.invert(a.value))


Trace.bitwise = bitwise
Trace.invert = invert
BUILDER_CODES.update({bitwise.__code__, invert.__code__})


@trace("bitwise")
def _bitwise(t):
    for dt in ("bool", "int32", "int64"):
        if dt == "bool":
            x, y = t.bools([3, 4]), t.bools([4])
        else:
            lo, hi = INT_RANGE[dt]
            x = np.concatenate([t.ints(-1000, 1000, [10]), [lo, hi]]).reshape(3, 4)
            y = np.concatenate([t.ints(-1000, 1000, [3]), [-1]])
        a = t.input("a_" + dt, dt, x)
        b = t.input("b_" + dt, dt, y)
        for op in ("bitwise_and", "bitwise_or", "bitwise_xor"):
            t.out("%s_%s" % (op, dt), t.bitwise(op, a, b))
        t.out("invert_" + dt, t.invert(a))
    # Shifts at every edge of the count: negative, 0, bits - 1, bits, beyond; negative values.
    for dt in INTS:
        bits = 32 if dt == "int32" else 64
        lo, hi = INT_RANGE[dt]
        v = t.input("v_" + dt, dt, [5, -5, 1, -1, hi, lo, 12345, -12345])
        counts = t.input("n_" + dt, dt, [-1, 0, 1, bits - 1, bits, bits + 1, 100, 3])
        t.out("left_" + dt, t.bitwise("left_shift", t.binary("add", v, t.full(dt, [], 0)),
                                      counts))
        t.out("right_" + dt, t.bitwise("right_shift", v, counts))
        # Every value against every count (broadcast), for vector code's lanes.
        grid = t.input("g_" + dt, dt, t.ints(-(2**20), 2**20, [16, 1]))
        shifts = t.input("s_" + dt, dt, list(range(-2, bits + 2)))
        t.out("left_grid_" + dt, t.bitwise("left_shift", grid, shifts))
        t.out("right_grid_" + dt, t.bitwise("right_shift", grid, shifts))
    # Mixed: int32 & int64 promotes to int64; a bool with an int is the int's bits.
    m32 = t.input("m32", "int32", [7, -8, 255])
    m64 = t.input("m64", "int64", [2**40 + 3, 1, -1])
    t.out("and_mixed", t.bitwise("bitwise_and", m32, m64))
    t.out("or_bool_int", t.bitwise("bitwise_or", t.input("mb", "bool", [True, False, True]), m32))


# ----------------------------------------------------------------------------------------------
# sorts (trace format 1.3), kept after the older traces so their `loc` lines stay put

def sort_node(self, op, a, axis):
    """np.sort / np.argsort with kind="stable": ascending, NaN last, ties in position order."""
    if op == "sort":
        r = np.sort(a.value, axis=axis, kind="stable")
        return self._node("sort", [a], a.dtype, list(a.shape), r, {"axis": axis})
    r = np.argsort(a.value, axis=axis, kind="stable").astype(np.int64)
    return self._node("argsort", [a], "int64", list(a.shape), r, {"axis": axis})


Trace.sort_node = sort_node
BUILDER_CODES.add(sort_node.__code__)


@trace("sorts")
def _sorts(t):
    for dt in DTYPES:
        if dt == "bool":
            vals = t.bools([3, 5])
        elif dt in FLOATS:
            vals = t.rng.choice([-2.0, -0.5, 0.0, 0.5, 1.0, 3.0], [3, 5])  # ties
        else:
            vals = t.ints(-4, 4, [3, 5])
        x = t.input("x_" + dt, dt, vals)
        for axis in (0, 1):
            t.out("sort_ax%d_%s" % (axis, dt), t.sort_node("sort", x, axis))
            t.out("argsort_ax%d_%s" % (axis, dt), t.sort_node("argsort", x, axis))
    # NaN (last, wherever it starts), infinities and signed zeros.
    sp = t.input("special_f64", "float64", [NAN, 1.0, -INF, 0.0, INF, NAN, -0.0, -3.0], [8])
    t.out("sort_special_f64", t.sort_node("sort", sp, 0))
    t.out("argsort_special_f64", t.sort_node("argsort", sp, 0))
    # A computed operand and an elementwise epilogue: exp(sort(z * 2)).
    z = t.input("z_f32", "float32", t.quarters([4, 6]))
    doubled = t.binary("mul", z, t.full("float32", [], 2.0))
    t.out("exp_sorted_f32", t.unary("exp", t.sort_node("sort", doubled, 1)))
    # The middle axis of a 3-D array, a long line, and empty axes.
    w = t.input("w_i64", "int64", t.ints(-100, 100, [2, 9, 3]))
    t.out("sort_middle_i64", t.sort_node("sort", w, 1))
    t.out("argsort_middle_i64", t.sort_node("argsort", w, 1))
    lf = t.input("long_f32", "float32", t.uniform(-1.0, 1.0, [3000]))
    t.out("sort_long_f32", t.sort_node("sort", lf, 0))
    t.out("argsort_long_f32", t.sort_node("argsort", lf, 0))
    e = t.input("empty_f64", "float64", [], [2, 0])
    t.out("sort_empty_f64", t.sort_node("sort", e, 1))
    t.out("argsort_empty_f64", t.sort_node("argsort", e, 0))
    # Lines long enough for the blocked sort (blocks, then merges): ties, NaN, an odd length.
    tied = t.quarters([10007])
    tied[[5, 777, 10006]] = NAN
    lt = t.input("long_tied_f64", "float64", tied)
    t.out("sort_long_tied_f64", t.sort_node("sort", lt, 0))
    t.out("argsort_long_tied_f64", t.sort_node("argsort", lt, 0))
    li = t.input("long_i32", "int32", t.ints(-50, 50, [1, 5000]))
    t.out("argsort_long_i32", t.sort_node("argsort", li, 1))


# ----------------------------------------------------------------------------------------------
# scatters (trace format 1.4), kept after the older traces so their `loc` lines stay put

def scatter_node(self, op, x, idx, v):
    """x[idx] = v (the last repeat wins) or np.add.at(x, idx, v) (every repeat, in order)."""
    r = x.value.copy()
    positions = idx.value.astype(np.int64)
    if op == "scatter":
        for i, k in enumerate(positions):
            r[k] = v.value[i]
    else:
        np.add.at(r, positions, v.value)
    return self._node(op, [x, idx, v], x.dtype, list(x.shape), r)


Trace.scatter_node = scatter_node
BUILDER_CODES.add(scatter_node.__code__)


@trace("scatters")
def _scatters(t):
    for dt in DTYPES:
        if dt == "bool":
            xs, vs = t.bools([5, 3]), t.bools([6, 3])
        elif dt in FLOATS:
            xs, vs = t.quarters([5, 3]), t.quarters([6, 3])
        else:
            xs, vs = t.ints(-9, 9, [5, 3]), t.ints(-9, 9, [6, 3])
        x = t.input("x_" + dt, dt, xs)
        v = t.input("v_" + dt, dt, vs)
        # Repeats (1 three times, -1 and 4 the same row) and a negative index.
        idx = t.input("idx_" + dt, "int32" if dt == "int32" else "int64", [1, 4, 1, -1, 0, 1])
        t.out("scatter_" + dt, t.scatter_node("scatter", x, idx, v))
        if dt != "bool":
            t.out("scatter_add_" + dt, t.scatter_node("scatter_add", x, idx, v))
    # Computed positions and values, and an epilogue reading the result: bincount-like counts.
    z = t.input("z_i64", "int64", t.ints(0, 7, [40]))
    counts = t.scatter_node("scatter_add", t.full("int64", [8], 0), z, t.full("int64", [40], 1))
    t.out("counts_i64", t.binary("mul", counts, t.full("int64", [], 2)))
    # float32 sums in index order: 1e8 + 1 + 1 - 1e8 is 0, not 2.
    f = t.input("f_f32", "float32", [1e8, 1.0, 1.0, -1e8])
    t.out("ordered_f32", t.scatter_node(
        "scatter_add", t.full("float32", [2], 0.0), t.input("zeros_i32", "int32", [0, 0, 0, 0]), f))
    # A long line and many positions (wrapping negative ones), and an empty index list.
    lx = t.input("long_f64", "float64", t.uniform(-1.0, 1.0, [3000]))
    li = t.input("long_idx", "int64", t.ints(-3000, 2999, [500]))
    lv = t.input("long_v", "float64", t.uniform(-1.0, 1.0, [500]))
    t.out("scatter_long_f64", t.scatter_node("scatter", lx, li, lv))
    t.out("scatter_add_long_f64", t.scatter_node("scatter_add", lx, li, lv))
    ex = t.input("e_f64", "float64", [1.0, 2.0], [2])
    t.out("scatter_empty_f64", t.scatter_node(
        "scatter", ex, t.input("e_idx", "int64", [], [0]), t.input("e_v", "float64", [], [0])))

# ----------------------------------------------------------------------------------------------
# solves (trace format 1.5), kept after the older traces so their `loc` lines stay put

def gauss_solve_node(self, m):
    """[U | X] of each [A | B] (the pivot rows on the subdiagonal): Gaussian elimination with
    partial pivoting in docs/ops.md's exact arithmetic (float64 multipliers and sums, every stored
    value rounded to the dtype)."""
    v = m.value.astype(np.float64).copy()
    n, k = v.shape[-2], v.shape[-1]
    rnd = (lambda x: float(np.float32(x))) if m.dtype == "float32" else (lambda x: x)
    for w in v.reshape(-1, n, k):  # views: edits go to v
        for c in range(n):
            p, best = c, abs(w[c, c])
            for r in range(c + 1, n):
                if abs(w[r, c]) > best:
                    best, p = abs(w[r, c]), r
            if p != c:
                w[[c, p]] = w[[p, c]]
            if w[c, c] != 0:
                for r in range(c + 1, n):
                    f = w[r, c] / w[c, c]
                    w[r, c] = 0.0
                    for j in range(c + 1, k):
                        w[r, j] = rnd(w[r, j] - f * w[c, j])
            else:
                assert k == n, "singular with right-hand sides"
            if c + 1 < n:
                w[c + 1, c] = float(p)
        for j in range(n, k):
            for r in range(n - 1, -1, -1):
                s = w[r, j]
                for q in range(r + 1, n):
                    s = s - w[r, q] * w[q, j]
                w[r, j] = rnd(s / w[r, r])
    return self._node("gauss_solve", [m], m.dtype, list(m.shape), v.astype(NP[m.dtype]))


Trace.gauss_solve_node = gauss_solve_node
BUILDER_CODES.add(gauss_solve_node.__code__)


def cholesky_node(self, m):
    """L of each square matrix (its lower triangle read) in docs/ops.md's exact arithmetic."""
    a = m.value.astype(np.float64)
    n = a.shape[-1]
    out = np.zeros_like(a)
    rnd = (lambda x: float(np.float32(x))) if m.dtype == "float32" else (lambda x: x)
    for src, w in zip(a.reshape(-1, n, n), out.reshape(-1, n, n)):
        for j in range(n):
            s = src[j, j]
            for k in range(j):
                s = s - w[j, k] * w[j, k]
            assert s > 0, "not positive definite"
            d = np.sqrt(s)
            w[j, j] = rnd(d)
            for i in range(j + 1, n):
                u = src[i, j]
                for k in range(j):
                    u = u - w[i, k] * w[j, k]
                w[i, j] = rnd(u / d)
    return self._node("cholesky", [m], m.dtype, list(m.shape), out.astype(NP[m.dtype]))


Trace.cholesky_node = cholesky_node
BUILDER_CODES.add(cholesky_node.__code__)


@trace("solves")
def _solves(t):
    for dt in FLOATS:
        # Two systems [A | B] with two right-hand sides; A has 4 added on its diagonal.
        vals = t.quarters([2, 3, 5])
        for b in range(2):
            for i in range(3):
                vals[b, i, i] += 4.0
        m = t.input("m_" + dt, dt, vals)
        t.out("solve_" + dt, t.gauss_solve_node(m))
    # No right-hand side (U alone), and a zero where the first pivot would be (rows swap).
    u = t.input("u_f64", "float64", t.quarters([4, 4]) + 3.0 * np.eye(4))
    t.out("upper_f64", t.gauss_solve_node(u))
    sw = t.input("swap_f64", "float64", [0.0, 1.0, 2.0, 1.0, 0.0, 3.0], [2, 3])
    t.out("swap_f64", t.gauss_solve_node(sw))
    # A computed operand and an epilogue reading the result.
    z = t.input("z_f32", "float32", t.quarters([3, 4]) + np.pad(np.eye(3) * 5.0, ((0, 0), (0, 1))))
    doubled = t.binary("mul", z, t.full("float32", [], 2.0))
    t.out("exp_solved_f32", t.unary("exp", t.gauss_solve_node(doubled)))
    # A larger system with random entries (16 x 16, one right-hand side).
    big = t.uniform(-1.0, 1.0, [16, 17]) + np.pad(np.eye(16) * 2.0, ((0, 0), (0, 1)))
    t.out("solve_big_f64", t.gauss_solve_node(t.input("big_f64", "float64", big)))
    # A singular matrix without right-hand sides (a factorisation): the zero pivot is a result.
    t.out("singular_f32", t.gauss_solve_node(t.input(
        "singular_f32", "float32", [1.0, 2.0, 3.0, 2.0, 4.0, 6.0, 1.0, 0.0, 1.0], [3, 3])))
    # Cholesky factors: a batch in each float dtype (only the lower triangle is read: the upper
    # one holds other values), and a larger random positive-definite matrix.
    for dt in FLOATS:
        base = t.quarters([2, 3, 3])
        spd = np.einsum("bij,bkj->bik", base, base) + 2.0 * np.eye(3)
        spd[:, 0, 2] = 99.0  # above the diagonal: never read
        t.out("cholesky_" + dt, t.cholesky_node(t.input("spd_" + dt, dt, spd)))
    r = t.uniform(-1.0, 1.0, [12, 12])
    t.out("cholesky_big_f64", t.cholesky_node(t.input("spd_big_f64", "float64", r @ r.T + 12 * np.eye(12))))


# More ufuncs (trace format 1.5): NumPy's names where they differ from the trace op's.
UFUNC_NAMES_1_5 = {"asinh": "arcsinh", "acosh": "arccosh", "atanh": "arctanh", "cbrt": "cbrt",
                   "exp2": "exp2"}


def ufunc_1_5(t, op, a):
    """A unary ufunc node of 1.5: float dtypes keep theirs, bool/int give float64."""
    rd = float_result(a.dtype)
    r = getattr(np, UFUNC_NAMES_1_5[op])(a.value.astype(NP[rd]))
    return t._node(op, [a], rd, a.shape, np.asarray(r, dtype=NP[rd]))


@trace("ufuncs_1_5")
def _ufuncs_1_5(t):
    # Specials, the ends of acosh's and atanh's domains, values beyond them (NaN), large ones.
    vals = [-1.0, -0.0, 0.0, INF, -INF, NAN, 1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 1e-3, -0.75, 3.7,
            -20.0, 100.0, 0.999, -0.999, 27.0, -8.0, 300.0]
    for dt in FLOATS:
        sub = 1e-40 if dt == "float32" else 5e-310
        x = t.input("x_" + dt, dt, vals + [sub, -sub])
        for op in UFUNC_NAMES_1_5:
            t.out("%s_%s" % (op, dt), ufunc_1_5(t, op, x))
    for dt in INTS:
        x = t.input("i_" + dt, dt, [-3, -1, 0, 1, 2, 7, 64, -27])
        for op in UFUNC_NAMES_1_5:
            t.out("%s_%s" % (op, dt), ufunc_1_5(t, op, x))
    b = t.input("b", "bool", [True, False, True])
    for op in UFUNC_NAMES_1_5:
        t.out(op + "_bool", ufunc_1_5(t, op, b))


def fmod_node(t, a, b):
    """fmod(a, b) of floats in promote(a, b), broadcasting (np.fmod: exact, the sign of a)."""
    rd = promote(a.dtype, b.dtype)
    assert rd in FLOATS, "floats only"
    shape = np.broadcast_shapes(a.shape, b.shape)
    r = np.fmod(np.broadcast_to(a.value.astype(NP[rd]), shape),
                np.broadcast_to(b.value.astype(NP[rd]), shape))
    return t._node("fmod", [a, b], rd, shape, np.asarray(r, dtype=NP[rd]).reshape(shape))


@trace("fmod")
def _fmod(t):
    # Quotients a rounded division puts on the wrong integer (1 / 0.1), signs of both operands,
    # zeros, infinities, NaN, huge over tiny (a subnormal remainder at float64).
    a = [1.0, 1.0, -1.0, -1.0, 7.0, 0.0, -0.0, INF, 3.0, 2.5, NAN, 5.5, 1e30, 0.7, -7.5, 1e300]
    b = [0.1, -0.1, 0.1, -0.1, 0.7, 3.0, 3.0, 2.0, INF, -INF, 1.0, NAN, 3.0, 0.0, 2.0, 1e-300]
    for dt in FLOATS:
        x = t.input("a_" + dt, dt, a)
        t.out("fmod_" + dt, fmod_node(t, x, t.input("b_" + dt, dt, b)))
        t.out("fmod_scalar_" + dt, fmod_node(t, x, t.full(dt, [], 2.5)))
    f = t.input("f_mixed", "float32", [5.5, -5.5, 0.25, 9.0])
    g = t.input("g_mixed", "float64", [2.0, 2.0, -0.1, 0.3])
    t.out("fmod_f32_f64", fmod_node(t, f, g))


def extremum_scan(t, op, a, axis):
    """np.maximum.accumulate / np.minimum.accumulate along axis, in a's dtype (NaN propagates
    from where it appears)."""
    fn = np.maximum if op == "cummax" else np.minimum
    r = fn.accumulate(a.value, axis=axis) if count(a.shape) else a.value
    return t._node(op, [a], a.dtype, list(a.shape), np.ascontiguousarray(r, dtype=NP[a.dtype]),
                   {"axis": axis})


@trace("running_extrema")
def _running_extrema(t):
    # Every axis of every dtype, both ops.
    for dt in DTYPES:
        if dt == "bool":
            vals = t.bools([2, 3, 4])
        elif dt in FLOATS:
            vals = t.quarters([2, 3, 4])
        else:
            vals = t.ints(-20, 20, [2, 3, 4])
        x = t.input("x_" + dt, dt, vals)
        for op in ("cummax", "cummin"):
            for axis in range(3):
                t.out("%s_ax%d_%s" % (op, axis, dt), extremum_scan(t, op, x, axis))
    # NaN (propagates to the end of its line), infinities, the integer extremes.
    for dt in FLOATS:
        sp = t.input("special_" + dt, dt, [1.0, 0.5, INF, 2.0, NAN, 5.0, -INF, 3.0])
        t.out("cummax_special_" + dt, extremum_scan(t, "cummax", sp, 0))
        t.out("cummin_special_" + dt, extremum_scan(t, "cummin", sp, 0))
    for dt in INTS:
        lo, hi = INT_RANGE[dt]
        e = t.input("extreme_" + dt, dt, [0, lo, 5, hi, -3])
        t.out("cummax_extreme_" + dt, extremum_scan(t, "cummax", e, 0))
        t.out("cummin_extreme_" + dt, extremum_scan(t, "cummin", e, 0))
    # A fused prologue and epilogue: the drawdown x - cummax(x) of a price-like line.
    z = t.input("z_f64", "float64", t.quarters([3, 8]))
    peak = extremum_scan(t, "cummax", t.binary("mul", z, z), 1)
    t.out("drawdown_f64", t.binary("sub", t.binary("mul", z, z), peak))
    # Long lines (blocked two-pass strategy), one with a NaN late in it.
    n = 5000
    lf = t.uniform(-1.0, 1.0, [n])
    lf[3777] = NAN
    t.out("cummax_long_nan_f64", extremum_scan(t, "cummax", t.input("long_f64", "float64", lf), 0))
    li = t.input("long_i32", "int32", t.ints(-(2**30), 2**30, [n]))
    t.out("cummin_long_i32", extremum_scan(t, "cummin", li, 0))
    lq = t.input("long_f32", "float32", t.uniform(-1.0, 1.0, [3000]))
    t.out("cummax_long_f32", extremum_scan(t, "cummax", lq, 0))
    # Empty arrays.
    for shape, axis in (([0], 0), ([2, 0], 1)):
        e = t.input("empty_%d" % len(shape), "float32", [], shape)
        t.out("cummax_empty_%d" % len(shape), extremum_scan(t, "cummax", e, axis))


ALL_OPS = ("input param full arange iota add sub mul div pow maximum minimum atan2 eq ne lt le "
           "gt ge logical_and logical_or neg abs sqrt exp log sin cos tan tanh erf floor ceil "
           "logical_not rint expm1 log1p log2 log10 asin acos atan sinh cosh copysign where cast sum prod min max mean slice reshape transpose broadcast "
           "expand_dims squeeze concatenate update matmul argmin argmax cumsum cumprod take "
           "bitwise_and bitwise_or bitwise_xor left_shift right_shift invert sort argsort scatter "
           "scatter_add gauss_solve cholesky asinh acosh atanh cbrt exp2 fmod cummax cummin").split()


def accepted(op):
    """dtypes the first operand may have, per docs/ops.md."""
    if op in ("add", "sub", "mul", "div", "pow", "atan2", "neg", "abs", "floor", "ceil",
              "matmul", "copysign"):
        return set(NUMERIC)
    if op in ("input", "param", "full", "iota", "arange"):
        return set()
    if op in ("bitwise_and", "bitwise_or", "bitwise_xor", "invert"):
        return {"bool"} | set(INTS)
    if op in ("left_shift", "right_shift"):
        return set(INTS)
    if op == "scatter_add":
        return set(NUMERIC)
    if op in ("gauss_solve", "cholesky", "fmod"):
        return set(FLOATS)
    return set(DTYPES)


def check(t):
    import json
    doc = json.loads(trace_text(t))
    assert doc["program"] == t.program and t.program.isidentifier()
    for i, n in enumerate(doc["nodes"]):
        assert n["id"] == i and all(0 <= a < i for a in n["args"]), n
        assert n["dtype"] in DTYPES
        assert __import__("re").fullmatch(r"[A-Za-z0-9_./+-]+:[0-9]+", n["loc"])
        if "name" in n.get("attrs", {}):
            assert n["attrs"]["name"].isidentifier()
    names = [i["name"] for i in doc["inputs"]] + [p["name"] for p in doc["params"]]
    assert len(names) == len(set(names)) and all(x.isidentifier() for x in names)
    for i in doc["inputs"]:
        raw = base64.b64decode(i["data"]["base64"])
        size = np.dtype(NP[i["dtype"]]).itemsize * count(i["shape"])
        assert len(raw) == i["data"]["bytes"] == size
        assert hashlib.sha256(raw).hexdigest() == i["data"]["sha256"]
    for r in doc["readbacks"]:
        assert r["node"] < r["position"] <= len(doc["nodes"])
    exp = json.loads(expected_text(t))
    assert set(exp["outputs"]) == {o["name"] for o in doc["outputs"]}
    for name, o in exp["outputs"].items():
        assert len(o["values"]) == count(o["shape"])

# Kept after the trace definitions so that their `loc` lines stay put.
# The minor version of trace format 1 that added each op after 1.0 (Sources/DRCTrace/
# TraceMinor.swift, docs/trace-format.md "Versioning"); a trace declares the smallest covering its
# ops, and omits `minor` when that is 0, as TraceWriter does.
OP_MINOR = {op: 1 for op in ("rint", "expm1", "log1p", "log2", "log10", "asin", "acos", "atan",
                             "sinh", "cosh", "copysign")}
OP_MINOR.update({op: 2 for op in ("argmin", "argmax", "cumsum", "cumprod")})
OP_MINOR.update({op: 3 for op in ("take", "bitwise_and", "bitwise_or", "bitwise_xor",
                                   "left_shift", "right_shift", "invert", "sort", "argsort")})
OP_MINOR.update({op: 4 for op in ("scatter", "scatter_add")})
OP_MINOR.update({op: 5 for op in ("gauss_solve", "cholesky", "asinh", "acosh", "atanh", "cbrt", "exp2")})
OP_MINOR["fmod"] = 6
OP_MINOR.update({op: 7 for op in ("cummax", "cummin")})


def minor_text(t):
    """The `"minor": N` header line for the smallest minor covering t's ops; empty for 1.0."""
    minor = max([OP_MINOR.get(n["op"], 0) for n in t.nodes] + [0])
    return '  "minor": %d,\n' % minor if minor else ""


def main():
    outdir = os.path.join(ROOT, "traces", "ops")
    os.makedirs(outdir, exist_ok=True)
    coverage = {}
    written = []
    jobs = [(name, TRACES[name], outdir) for name in sorted(TRACES)]
    jobs.append(("blackscholes_small", blackscholes, os.path.join(ROOT, "traces")))
    with np.errstate(all="ignore"):
        for name, fn, d in jobs:
            t = Trace(name)
            fn(t)
            check(t)
            for n in t.nodes:
                args = n["args"][1:] if n["op"] == "where" else n["args"][:1]
                for a in args or [n["id"]]:
                    coverage.setdefault(n["op"], set()).add(t.objs[a].dtype)
            for suffix, text in ((".json", trace_text(t)), (".expected.json", expected_text(t))):
                path = os.path.join(d, name + suffix)
                with open(path, "w", encoding="ascii", newline="\n") as f:
                    f.write(text)
                written.append(os.path.relpath(path, ROOT))
    missing = [op for op in ALL_OPS if op not in coverage]
    assert not missing, "ops not covered: %s" % missing
    for op in ALL_OPS:
        lack = accepted(op) - coverage[op]
        assert not lack, "%s lacks operand dtypes %s" % (op, sorted(lack))
    if "-v" in sys.argv:
        for op in ALL_OPS:
            print("%-12s %s" % (op, " ".join(x for x in DTYPES if x in coverage[op])))
    print("wrote %d files" % len(written))


if __name__ == "__main__":
    main()
