"""Boolean masks with & | ~, np.sign/abs/clip, one-hot + argmax accuracy, mixed int/float dtypes,
cumulative sums (data-cleaning / metrics code)."""
import numpy as np
from corpus_inputs import det


def run(n, k):
    x = det((n,), 81, -3.0, 3.0)
    y = det((n,), 82, -3.0, 3.0).astype(np.float32)
    lab = (np.arange(n) * 5) % k
    m = (x > 0) & ~(y < -1) | (np.abs(x) < 0.25)
    cnt = np.count_nonzero(m)
    cleaned = np.where(m, x, 0.0)
    s = np.sign(x) * np.clip(np.abs(x), 0.5, 2.0)
    z = y * 2.5 + 1                  # float32 stays float32
    zi = lab + 0.5                   # int64 + float -> float64
    zj = lab * y                     # int64 * float32 -> float64
    logits = det((n, k), 83, -2.0, 2.0)
    onehot = np.eye(k)[lab]
    pred = logits.argmax(axis=1)
    acc = (pred == onehot.argmax(axis=1)).mean()
    cs = np.cumsum(m)
    cs2 = np.cumsum(x * m)
    frac = m.sum() / n
    neg = (~m).astype(np.int32) * -2
    return {"m": m, "cnt": np.int64(cnt), "cleaned": cleaned, "s": s, "z": z, "zi": zi, "zj": zj,
            "onehot": onehot, "acc": acc, "cs": cs, "cs2": cs2, "frac": frac, "neg": neg}


ARGS = [33, 4]
