// rosen_der (SciPy, scipy.optimize.rosen_der), ported from python/rosen_der.py: the gradient of
// the Rosenbrock function. Three shifted slices fill the interior of a zeros_like array; the two
// ends are written element by element.

import DRCArray

/// `rosen_der(x)` for a 1-D x of at least 3 elements.
func rosenDer(_ x: NDArray) throws -> NDArray {
  // xm = x[1:-1]
  let xm = x[.s(1, -1)]
  // xm_m1 = x[:-2]
  let xm_m1 = x[.s(nil, -2)]
  // xm_p1 = x[2:]
  let xm_p1 = x[2...]
  // der = np.zeros_like(x)
  let der = try zerosLike(x)
  // der[1:-1] = (200 * (xm - xm_m1**2) - 400 * (xm_p1 - xm**2) * xm - 2 * (1 - xm))
  der[.s(1, -1)] = try (200 * (xm - xm_m1 ** 2) - 400 * (xm_p1 - xm ** 2) * xm - 2 * (1 - xm))
  // der[0] = -400 * x[0] * (x[1] - x[0]**2) - 2 * (1 - x[0])
  let x0: NDArray = x[0]
  let x1: NDArray = x[1]
  der[0] = try -400 * x0 * (x1 - x0 ** 2) - 2 * (1 - x0)
  // der[-1] = 200 * (x[-1] - x[-2]**2)
  let xLast: NDArray = x[-1]
  let xBeforeLast: NDArray = x[-2]
  der[-1] = try 200 * (xLast - xBeforeLast ** 2)
  // return der
  return der
}

/// `corpus rosen_der [n]`: x has n elements in [-2, 2).
func rosenDerProgram(_ sizes: [Int]) throws {
  let n = size(sizes, 0, 1000)
  // x = det((n,), 3, -2.0, 2.0)
  let x = try detInput("x", [n], seed: 3, -2.0, 2.0)
  try report("der", try rosenDer(x))
}
