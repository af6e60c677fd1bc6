// Result dtype and shape of every op, from its operands and attributes (docs/ops.md).
//
// The verifier compares these with what a trace recorded; the array library calls the same
// function before running an operation, so user errors and trace errors share one set of rules
// and messages. Ops that take their result type from the node itself (cast, reshape, broadcast,
// the sources) receive it as `declared`.

/// The dtype and shape of a value.
public struct ValueType: Hashable, Sendable, CustomStringConvertible {
  /// Element type.
  public var dtype: DType
  /// Dimensions.
  public var shape: [Int]
  /// Creates a value type.
  public init(_ dtype: DType, _ shape: [Int]) {
    self.dtype = dtype
    self.shape = shape
  }
  /// `float32[3, 4]`.
  public var description: String { "\(dtype)\(shape)" }
}

/// Computes result types of ops.
public enum TypeInference {
  /// The result type of `op` applied to `operands`; `declared` is the node's recorded type.
  public static func infer(_ op: Op, _ operands: [ValueType], declared: ValueType)
    throws(ShapeError)
    -> ValueType
  {
    func arity(_ n: Int) throws(ShapeError) {
      if operands.count != n {
        throw ShapeError(
          "\(op.name) expects \(n) operand\(n == 1 ? "" : "s"), got \(operands.count)")
      }
    }
    func numeric(_ t: ValueType) throws(ShapeError) {
      if !t.dtype.isNumeric { throw ShapeError("\(op.name) does not take bool operands") }
    }
    switch op {
    case .input, .param:
      try arity(0)
      return declared
    case .full(let value):
      try arity(0)
      guard kindMatches(value, declared.dtype) else {
        throw ShapeError("fill value \(value) is not a \(declared.dtype) value")
      }
      return declared
    case .arange(let start, let step):
      try arity(0)
      guard declared.shape.count == 1, declared.dtype != .bool else {
        throw ShapeError("arange makes a 1-D numeric array, not \(declared)")
      }
      guard kindMatches(start, declared.dtype), kindMatches(step, declared.dtype) else {
        throw ShapeError("arange start and step must be \(declared.dtype) values")
      }
      return declared
    case .iota(let axis):
      try arity(0)
      guard declared.dtype.isInteger else {
        throw ShapeError("iota makes int32 or int64, not \(declared.dtype)")
      }
      try checkAxis(axis, rank: declared.shape.count)
      return declared
    case .unary(let u):
      try arity(1)
      let a = operands[0]
      switch u {
      case .neg, .abs, .floor, .ceil:
        try numeric(a)
        return a
      case .logicalNot: return ValueType(.bool, a.shape)
      case .invert:
        guard !a.dtype.isFloat else {
          throw ShapeError("invert takes bool or integer operands, not \(a.dtype)")
        }
        return a
      default: return ValueType(a.dtype.floatResult, a.shape)
      }
    case .binary(let b):
      try arity(2)
      let shape = try broadcastShape(operands)
      let (x, y) = (operands[0].dtype, operands[1].dtype)
      let promoted = DType.promote(x, y)
      switch b {
      case .add, .sub, .mul, .pow:
        try numeric(operands[0])
        try numeric(operands[1])
        return ValueType(promoted, shape)
      case .div, .atan2, .copysign:
        try numeric(operands[0])
        try numeric(operands[1])
        return ValueType(promoted.floatResult, shape)
      case .fmod:
        guard promoted.isFloat else {
          throw ShapeError("fmod takes float operands, not \(x) and \(y)")
        }
        return ValueType(promoted, shape)
      case .maximum, .minimum: return ValueType(promoted, shape)
      case .bitwiseAnd, .bitwiseOr, .bitwiseXor, .leftShift, .rightShift:
        for t in operands where t.dtype.isFloat || (b.isShift && t.dtype == .bool) {
          throw ShapeError(
            "\(b.rawValue) takes \(b.isShift ? "integer" : "bool or integer") operands, not \(t.dtype)"
          )
        }
        return ValueType(promoted, shape)
      default: return ValueType(.bool, shape)
      }
    case .select:
      try arity(3)
      guard operands[0].dtype == .bool else {
        throw ShapeError("where needs a bool condition, got \(operands[0].dtype)")
      }
      return ValueType(
        DType.promote(operands[1].dtype, operands[2].dtype), try broadcastShape(operands))
    case .cast:
      try arity(1)
      return ValueType(declared.dtype, operands[0].shape)
    case .reduce(let r, let axes, let keepdims):
      try arity(1)
      return try reduce(r, operands[0], axes: axes, keepdims: keepdims)
    case .slice(let ranges):
      try arity(1)
      return ValueType(operands[0].dtype, try sliceShape(ranges, of: operands[0].shape))
    case .reshape:
      try arity(1)
      guard ShapeRules.count(operands[0].shape) == ShapeRules.count(declared.shape) else {
        throw ShapeError(
          "reshape from \(operands[0].shape) to \(declared.shape) changes the element count")
      }
      return ValueType(operands[0].dtype, declared.shape)
    case .transpose(let perm):
      try arity(1)
      guard let shape = ShapeRules.transposed(operands[0].shape, perm: perm) else {
        throw ShapeError(
          "transpose permutation \(perm) does not fit rank \(operands[0].shape.count)")
      }
      return ValueType(operands[0].dtype, shape)
    case .broadcast:
      try arity(1)
      guard ShapeRules.broadcasts(operands[0].shape, to: declared.shape) else {
        throw ShapeError("cannot broadcast \(operands[0].shape) to \(declared.shape)")
      }
      return ValueType(operands[0].dtype, declared.shape)
    case .expandDims(let axes):
      try arity(1)
      let rank = operands[0].shape.count + axes.count
      try checkAxes(axes, rank: rank)
      var shape: [Int] = []
      var rest = operands[0].shape.makeIterator()
      for i in 0..<rank { shape.append(axes.contains(i) ? 1 : rest.next() ?? 1) }
      return ValueType(operands[0].dtype, shape)
    case .squeeze(let axes):
      try arity(1)
      let a = operands[0]
      try checkAxes(axes, rank: a.shape.count)
      for axis in axes where a.shape[axis] != 1 {
        throw ShapeError("squeeze of axis \(axis), which has length \(a.shape[axis]), not 1")
      }
      return ValueType(
        a.dtype, a.shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element))
    case .concatenate(let axis):
      return try concatenate(operands, axis: axis)
    case .matmul:
      try arity(2)
      try numeric(operands[0])
      try numeric(operands[1])
      switch ShapeRules.matmul(operands[0].shape, operands[1].shape) {
      case .success(let shape):
        return ValueType(DType.promote(operands[0].dtype, operands[1].dtype), shape)
      case .failure(let e): throw e
      }
    case .scan(let s, let axis):
      try arity(1)
      let a = operands[0]
      try checkAxis(axis, rank: a.shape.count)
      // As NumPy's cumsum/cumprod: bool and int32 accumulate in int64, floats keep their dtype;
      // a running maximum or minimum keeps every dtype (maximum.accumulate).
      return ValueType(a.dtype.isFloat || s.isExtremum ? a.dtype : .int64, a.shape)
    case .sort(let s, let axis):
      try arity(1)
      let a = operands[0]
      try checkAxis(axis, rank: a.shape.count)
      return ValueType(s == .argsort ? .int64 : a.dtype, a.shape)
    case .take(let axis):
      try arity(2)
      let (x, indices) = (operands[0], operands[1])
      try checkAxis(axis, rank: x.shape.count)
      guard indices.dtype.isInteger else {
        throw ShapeError("take indices must be integers, not \(indices.dtype)")
      }
      if x.shape[axis] == 0 && !indices.shape.contains(0) {
        throw ShapeError("take from an empty axis \(axis) needs an empty index array")
      }
      let shape = Array(x.shape[..<axis]) + indices.shape + Array(x.shape[(axis + 1)...])
      guard ShapeRules.count(shape) != nil else { throw ShapeError("take result is too large") }
      return ValueType(x.dtype, shape)
    case .scatter(let s):
      try arity(3)
      let (x, indices, values) = (operands[0], operands[1], operands[2])
      guard x.shape.count >= 1 else { throw ShapeError("\(s.rawValue) into a 0-d array") }
      guard indices.dtype.isInteger, indices.shape.count == 1 else {
        throw ShapeError(
          "\(s.rawValue) indices must be a 1-D integer array, not \(indices.dtype)\(indices.shape)")
      }
      let expected = indices.shape + Array(x.shape[1...])
      guard values.shape == expected, values.dtype == x.dtype else {
        throw ShapeError(
          "\(s.rawValue) values must be \(x.dtype)\(expected) (one per index), not "
            + "\(values.dtype)\(values.shape)")
      }
      if s == .scatterAdd && x.dtype == .bool {
        throw ShapeError("scatter_add into a bool array (NumPy's add.at on bools is logical_or)")
      }
      if x.shape[0] == 0 && indices.shape[0] != 0 {
        throw ShapeError("\(s.rawValue) into an empty axis 0 needs an empty index array")
      }
      return x
    case .matrix(let m):
      try arity(1)
      return try matrix(m, operands[0])
    case .update(let ranges):
      try arity(2)
      let region = try sliceShape(ranges, of: operands[0].shape)
      guard ShapeRules.broadcasts(operands[1].shape, to: region) else {
        throw ShapeError("cannot broadcast update value \(operands[1].shape) to region \(region)")
      }
      return operands[0]
    }
  }

  /// Whether a scalar's kind (bool, integer, float) matches `dtype`.
  public static func kindMatches(_ value: Scalar, _ dtype: DType) -> Bool {
    switch value {
    case .bool: return dtype == .bool
    case .int(let i):
      return dtype == .int64 || (dtype == .int32 && Int64(Int32(truncatingIfNeeded: i)) == i)
    case .float: return dtype.isFloat
    }
  }

  static func broadcastShape(_ operands: [ValueType]) throws(ShapeError) -> [Int] {
    guard let shape = ShapeRules.broadcast(operands.map(\.shape)) else {
      throw ShapeError(
        "cannot broadcast shapes \(operands.map { "\($0.shape)" }.joined(separator: " and "))")
    }
    return shape
  }

  static func checkAxis(_ axis: Int, rank: Int) throws(ShapeError) {
    if axis < 0 || axis >= rank { throw ShapeError("axis \(axis) out of range for rank \(rank)") }
  }

  static func checkAxes(_ axes: [Int], rank: Int) throws(ShapeError) {
    for axis in axes { try checkAxis(axis, rank: rank) }
    for (a, b) in zip(axes, axes.dropFirst()) where a >= b {
      throw ShapeError("axes \(axes) must be sorted and distinct")
    }
  }

  static func reduce(_ r: ReduceOp, _ a: ValueType, axes: [Int], keepdims: Bool) throws(ShapeError)
    -> ValueType
  {
    guard !axes.isEmpty else { throw ShapeError("\(r.rawValue) needs at least one axis") }
    try checkAxes(axes, rank: a.shape.count)
    let shape = ShapeRules.reduced(a.shape, axes: axes, keepdims: keepdims)
    let reducedCount = axes.reduce(1) { $0 * a.shape[$1] }
    switch r {
    case .sum, .prod:
      let dtype: DType = a.dtype.isFloat ? a.dtype : .int64
      return ValueType(dtype, shape)
    case .min, .max:
      if reducedCount == 0, ShapeRules.count(shape) != 0 {
        throw ShapeError("\(r.rawValue) over zero elements has no identity")
      }
      return ValueType(a.dtype, shape)
    case .mean: return ValueType(a.dtype.floatResult, shape)
    case .argmin, .argmax:
      // NumPy raises for an empty reduced axis even when the result is empty too.
      if reducedCount == 0 {
        throw ShapeError("attempt to get \(r.rawValue) of an empty sequence")
      }
      return ValueType(.int64, shape)
    }
  }

  /// The shape selected by `ranges` from an array of `shape`.
  public static func sliceShape(_ ranges: [SliceRange], of shape: [Int]) throws(ShapeError) -> [Int]
  {
    guard ranges.count == shape.count else {
      throw ShapeError("slice has \(ranges.count) ranges for rank \(shape.count)")
    }
    var out: [Int] = []
    for (axis, (r, dim)) in zip(ranges, shape).enumerated() {
      guard r.step != 0 else { throw ShapeError("slice step on axis \(axis) is 0") }
      guard (-1...dim).contains(r.start), (-1...dim).contains(r.stop) else {
        throw ShapeError("slice \(r) on axis \(axis) is out of bounds for length \(dim)")
      }
      let n = r.count
      if n > 0, !(0..<dim).contains(r.start) {
        throw ShapeError("slice \(r) on axis \(axis) is out of bounds for length \(dim)")
      }
      out.append(n)
    }
    return out
  }

  static func concatenate(_ operands: [ValueType], axis: Int) throws(ShapeError) -> ValueType {
    guard let first = operands.first else {
      throw ShapeError("concatenate needs at least one operand")
    }
    try checkAxis(axis, rank: first.shape.count)
    var total = 0
    for t in operands {
      guard t.shape.count == first.shape.count else {
        throw ShapeError("concatenate operands differ in rank: \(first.shape) and \(t.shape)")
      }
      for i in 0..<t.shape.count where i != axis && t.shape[i] != first.shape[i] {
        throw ShapeError(
          "concatenate operands differ off axis \(axis): \(first.shape) and \(t.shape)")
      }
      let (sum, overflow) = total.addingReportingOverflow(t.shape[axis])
      if overflow { throw ShapeError("concatenate result is too large") }
      total = sum
    }
    var shape = first.shape
    shape[axis] = total
    return ValueType(DType.promote(operands.map(\.dtype)) ?? first.dtype, shape)
  }
}
