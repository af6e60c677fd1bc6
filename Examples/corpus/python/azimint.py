"""azimint_naive and azimint_hist (npbench azimint), plus spmv (npbench spmv, CSR row loop)."""
import numpy as np
from corpus_inputs import det


def azimint_naive(data, radius, npt):
    rmax = radius.max()
    res = np.zeros(npt, dtype=np.float64)
    for i in range(npt):
        r1 = rmax * i / npt
        r2 = rmax * (i + 1) / npt
        mask_r12 = np.logical_and((r1 <= radius), (radius < r2))
        values_r12 = data[mask_r12]
        res[i] = values_r12.mean()
    return res


def azimint_hist(data, radius, npt):
    histu = np.histogram(radius, npt)[0]
    histw = np.histogram(radius, npt, weights=data)[0]
    return histw / histu


def spmv(A_row, A_col, A_val, x):
    y = np.empty(A_row.size - 1, A_val.dtype)
    for i in range(A_row.size - 1):
        cols = A_col[A_row[i]:A_row[i + 1]]
        vals = A_val[A_row[i]:A_row[i + 1]]
        y[i] = vals @ x[cols]
    return y


def csr(n):
    nnz = [1 + (i * 7) % 5 for i in range(n)]
    A_row = np.concatenate([[0], np.cumsum(nnz)]).astype(np.int64)
    A_col = np.array([(i * 13 + j * 17) % n for i in range(n) for j in range(nnz[i])], dtype=np.int64)
    A_val = det((int(A_row[-1]),), 163)
    return A_row, A_col, A_val


def run(n, npt):
    data = det((n,), 161, 0.0, 10.0)
    radius = det((n,), 162, 0.0, 5.0)
    A_row, A_col, A_val = csr(48)
    x = det((48,), 164)
    return {"naive": azimint_naive(data, radius, npt), "hist": azimint_hist(data, radius, npt),
            "spmv": spmv(A_row, A_col, A_val, x)}


ARGS = [1000, 12]
