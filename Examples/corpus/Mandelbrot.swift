// npbench mandelbrot1 in real arithmetic, ported from python/mandelbrot.py.

import DRCArray

func mandelbrot(
  _ xmin: Double, _ xmax: Double, _ ymin: Double, _ ymax: Double, _ xn: Int, _ yn: Int,
  _ maxiter: Int, horizon: Double = 2.0
) throws -> (NDArray, NDArray, NDArray) {
  // X = np.linspace(xmin, xmax, xn, dtype=np.float64)
  let X = try linspace(xmin, xmax, xn, dtype: .float64)
  let Y = try linspace(ymin, ymax, yn, dtype: .float64)
  // Cr = X + np.zeros((yn, 1))
  let Cr = try X + zeros([yn, 1])
  // Ci = Y[:, None] + np.zeros((1, xn))
  let Ci = try Y[.all, .newAxis] + zeros([1, xn])
  // N = np.zeros(Cr.shape, dtype=np.int64)
  let N = try zeros(Cr.shape, dtype: .int64)
  let Zr = try zeros(Cr.shape)
  let Zi = try zeros(Cr.shape)
  for n in 0..<maxiter {
    // I = np.less(np.sqrt(Zr * Zr + Zi * Zi), horizon)
    let I = try sqrt(Zr * Zr + Zi * Zi) < horizon
    // N[I] = n
    N[I] = n
    // zr, zi = Zr[I], Zi[I]
    let (zr, zi): (NDArray, NDArray) = (Zr[I], Zi[I])
    // Zr[I] = zr * zr - zi * zi + Cr[I]
    Zr[I] = try zr * zr - zi * zi + Cr[I]
    // Zi[I] = 2 * zr * zi + Ci[I]
    Zi[I] = try 2 * zr * zi + Ci[I]
  }
  // N[N == maxiter - 1] = 0
  N[try N == maxiter - 1] = 0
  return (Zr, Zi, N)
}

func mandelbrotProgram(_ sizes: [Int]) throws {
  let (xn, yn, maxiter) = (size(sizes, 0, 37), size(sizes, 1, 21), size(sizes, 2, 20))
  let (Zr, Zi, N) = try mandelbrot(-2.25, 0.75, -1.25, 1.25, xn, yn, maxiter)
  try report("Zr", Zr)
  try report("Zi", Zi)
  try report("N", N)
}
