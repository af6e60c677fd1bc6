"""Integer code: an LCG and xorshift hash on int64 with wrap-around, int32 floor division and
remainder of negative numbers, bit counting, Euclid's gcd by np.where in a loop, bucketing."""
import numpy as np


def popcount32(x):
    x = x - ((x >> 1) & 0x55555555)
    x = (x & 0x33333333) + ((x >> 2) & 0x33333333)
    x = (x + (x >> 4)) & 0x0F0F0F0F
    return (x * 0x01010101 & 0xFFFFFFFF) >> 24


def gcd(a, b):
    for _ in range(40):
        nz = b != 0
        a, b = np.where(nz, b, a), np.where(nz, a % np.where(nz, b, 1), 0)
    return a


def run(n):
    i = np.arange(n, dtype=np.int64)
    s = i * 6364136223846793005 + 1442695040888963407
    s ^= s >> 33
    s ^= s << 13
    h = s & 0x7FFFFFFF
    v = (i.astype(np.int32) * 37 - 500)
    q = v // 7
    r = v % 7
    q2 = v // -3
    r2 = v % -3
    pc = popcount32(h)
    g = gcd(np.abs(v).astype(np.int64) + 1, i + 12)
    bucket = np.minimum(np.abs(v) // 100, 4)
    hist = np.bincount(bucket, minlength=5)
    mean_q = q.mean()
    return {"h": h, "q": q, "r": r, "q2": q2, "r2": r2, "pc": pc, "g": g, "hist": hist,
            "mean_q": mean_q}


ARGS = [33]
