// azimint_naive, azimint_hist and spmv (npbench), ported from python/azimint.py.

import DRCArray

func azimintNaive(_ data: NDArray, _ radius: NDArray, _ npt: Int) throws -> NDArray {
  // rmax = radius.max()
  let rmax = try radius.max()
  // res = np.zeros(npt, dtype=np.float64)
  let res = try zeros([npt])
  for i in 0..<npt {
    // r1 = rmax * i / npt; r2 = rmax * (i + 1) / npt
    let r1 = try rmax * i / npt
    let r2 = try rmax * (i + 1) / npt
    // mask_r12 = np.logical_and((r1 <= radius), (radius < r2))
    let mask_r12 = try logicalAnd(r1 <= radius, radius < r2)
    // values_r12 = data[mask_r12]
    let values_r12: NDArray = data[mask_r12]
    // res[i] = values_r12.mean()
    res[i] = try values_r12.mean()
  }
  return res
}

func azimintHist(_ data: NDArray, _ radius: NDArray, _ npt: Int) throws -> NDArray {
  let histu = try histogram(radius, bins: npt).counts
  let histw = try histogram(radius, bins: npt, weights: data).counts
  return try histw / histu
}

func spmv(_ A_row: NDArray, _ A_col: NDArray, _ A_val: NDArray, _ x: NDArray) throws -> NDArray {
  let y = try zeros([A_row.count - 1], dtype: A_val.dtype)
  for i in 0..<(A_row.count - 1) {
    let lo: Int = A_row[i]
    let hi: Int = A_row[i + 1]
    let cols: NDArray = A_col[lo..<hi]
    let vals: NDArray = A_val[lo..<hi]
    y[i] = try matmul(vals, x[cols])
  }
  return y
}

func azimintProgram(_ sizes: [Int]) throws {
  let (n, npt) = (size(sizes, 0, 1000), size(sizes, 1, 12))
  let data = try detInput("data", [n], seed: 161, 0.0, 10.0)
  let radius = try detInput("radius", [n], seed: 162, 0.0, 5.0)
  let m = 48
  let nnz = (0..<m).map { 1 + ($0 * 7) % 5 }
  var rows = [0]
  for k in nnz { rows.append(rows.last! + k) }
  var colsHost: [Int] = []
  for i in 0..<m { for j in 0..<nnz[i] { colsHost.append((i * 13 + j * 17) % m) } }
  let A_row = try input("A_row", rows, shape: [m + 1])
  let A_col = try input("A_col", colsHost, shape: [colsHost.count])
  let A_val = try detInput("A_val", [rows.last!], seed: 163)
  let x = try detInput("x", [m], seed: 164)
  try report("naive", try azimintNaive(data, radius, npt))
  try report("hist", try azimintHist(data, radius, npt))
  try report("spmv", try spmv(A_row, A_col, A_val, x))
}
