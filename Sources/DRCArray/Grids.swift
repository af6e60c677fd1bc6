// NumPy's grid and angle helpers that are compositions of existing ops: `indices`,
// `fromfunction`, `logspace`, `radians`/`deg2rad` and `degrees`/`rad2deg`.
//
// `indices` and `fromfunction` give each axis's index as an `arange` broadcast over the shape
// (int64 for `indices`, `dtype` for `fromfunction`, float64 by default as in NumPy);
// `fromfunction` calls the Swift function once with the whole index arrays, as NumPy does.
// `logspace` is base ** linspace(start, stop, num), NumPy's definition. The angle conversions
// multiply by NumPy's constant (pi/180 or 180/pi, computed in the array's precision from pi
// rounded to it, as NumPy's float32 loops do).

import DRCIR

/// The index of every point along each axis: shape [dims.count] + dims, int64, as NumPy's
/// `indices(dims)`.
public func indices(_ dims: [Int], file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let grids = try indexGrids(dims, dtype: .int64, file: file, line: line)
  if grids.isEmpty { return try zeros([0], dtype: .int64, file: file, line: line) }
  return try stack(grids, axis: 0, file: file, line: line)
}

/// `body` applied to the index arrays of `shape` (one per axis, of `dtype`), as NumPy's
/// `fromfunction(body, shape)`.
public func fromfunction(
  _ shape: [Int], dtype: DType = .float64, file: String = #filePath, line: Int = #line,
  _ body: ([NDArray]) throws(ArrayError) -> NDArray
) throws(ArrayError) -> NDArray {
  try body(try indexGrids(shape, dtype: dtype, file: file, line: line))
}

/// For each axis of `shape`, its index at every point of `shape` (copies, of `dtype`).
private func indexGrids(_ shape: [Int], dtype: DType, file: String, line: Int)
  throws(ArrayError) -> [NDArray]
{
  let site = CallSite.source(file, line)
  guard shape.allSatisfy({ $0 >= 0 }), ShapeRules.count(shape) != nil else {
    throw ArrayError(
      op: "indices", "shape \(shape) is not a valid array shape",
      location: Session.shared.location(site, force: true))
  }
  var grids: [NDArray] = []
  for (axis, n) in shape.enumerated() {
    let range = try NDArray.apply(
      .arange(start: .int(0), step: .int(1)), [], dtype: .int64, shape: [n], site: site)
    let typed = dtype == .int64 ? range : try range.astype(dtype, file: file, line: line)
    grids.append(try typed.spread(along: axis, of: shape, site: site))
  }
  return grids
}

extension NDArray {
  /// This 1-D array laid along `axis` of `shape` and repeated over the other axes: a copy, as
  /// NumPy's `indices` and `meshgrid` return.
  func spread(along axis: Int, of shape: [Int], site: CallSite) throws(ArrayError) -> NDArray {
    var along = [Int](repeating: 1, count: shape.count)
    along[axis] = count
    let placed = view(.reshape, shape: along, site: site)
    return NDArray(try placed.view(.broadcast, shape: shape, site: site).value())
  }
}

/// `num` values from base^start to base^stop, as NumPy's `logspace`: base ** linspace.
public func logspace(
  _ start: Double, _ stop: Double, _ num: Int = 50, endpoint: Bool = true, base: Double = 10,
  dtype: DType = .float64, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let exponents = try linspace(start, stop, num, endpoint: endpoint, file: file, line: line)
  let bases = try full([num], base, file: file, line: line)
  let y = try pow(bases, exponents, file: file, line: line)
  return dtype == .float64 ? y : try y.astype(dtype, file: file, line: line)
}

/// Degrees to radians, as NumPy's `radians` and `deg2rad`; integers give float64.
public func radians(_ x: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  try scaleAngle(x, toRadians: true, file: file, line: line)
}

/// Radians to degrees, as NumPy's `degrees` and `rad2deg`; integers give float64.
public func degrees(_ x: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  try scaleAngle(x, toRadians: false, file: file, line: line)
}

/// x times pi/180 or 180/pi, the constant computed in x's precision as NumPy's loops do.
private func scaleAngle(_ x: NDArray, toRadians: Bool, file: String, line: Int)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  let v = x.dtype.isFloat ? x : try x.astype(.float64, file: file, line: line)
  let factor: Double
  if v.dtype == .float32 {
    let pi = Float(3.141592653589793)
    factor = Double(toRadians ? pi / 180 : 180 / pi)
  } else {
    factor = toRadians ? Double.pi / 180 : 180 / Double.pi
  }
  return try NDArray.binary(.mul, v, try v.weak(factor, site: site), site: site)
}
