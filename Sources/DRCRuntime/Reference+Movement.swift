// Data movement that builds new storage: concatenate and the functional `update`.
//
// The pure views (slice, reshape, transpose, broadcast, expand_dims, squeeze) are methods of
// `HostArray`; this file holds the two movement ops that must copy. `update` never writes into
// its operand: it copies operand 0 and overwrites the region in the copy.

import DRCIR

extension Reference {
  /// Joins `parts` along `axis`; the result dtype promotes over the parts.
  static func concatenate(_ parts: [HostArray], axis: Int) throws -> HostArray {
    guard let first = parts.first, let dtype = DType.promote(parts.map(\.dtype)) else {
      throw InterpreterError("concatenate needs at least one operand")
    }
    let rank = first.rank
    guard axis >= 0 && axis < rank else {
      throw InterpreterError("concatenate axis \(axis) is out of range for rank \(rank)")
    }
    for part in parts {
      guard part.rank == rank,
        (0..<rank).allSatisfy({ $0 == axis || part.shape[$0] == first.shape[$0] })
      else {
        throw InterpreterError(
          "concatenate operand shapes \(parts.map(\.shape)) differ off axis \(axis)")
      }
    }
    var shape = first.shape
    shape[axis] = parts.reduce(0) { $0 + $1.shape[axis] }
    let outer = first.shape[..<axis].reduce(1, *)
    func join<T: HostElement>(_: T.Type) -> HostArray {
      let chunks = parts.map { ($0.values(as: T.self), $0.shape[axis...].reduce(1, *)) }
      var out = [T]()
      out.reserveCapacity(shape.reduce(1, *))
      for o in 0..<outer {
        for (values, chunk) in chunks {
          out.append(contentsOf: values[o * chunk..<(o + 1) * chunk])
        }
      }
      return .make(out, shape: shape)
    }
    switch dtype {
    case .bool: return join(Bool.self)
    case .int32: return join(Int32.self)
    case .int64: return join(Int64.self)
    case .float32: return join(Float.self)
    case .float64: return join(Double.self)
    }
  }

  /// A copy of `base` whose region `ranges` holds `value`, broadcast and cast to `base.dtype`.
  static func update(_ base: HostArray, _ value: HostArray, ranges: [SliceRange]) throws
    -> HostArray
  {
    let region = try base.sliced(ranges)
    let source = try value.broadcast(to: region.shape)
    let rowMajor = HostArray.rowMajorStrides(base.shape)
    var offset = 0
    for (i, r) in ranges.enumerated() where region.shape[i] > 0 { offset += r.start * rowMajor[i] }
    let strides = ranges.enumerated().map { rowMajor[$0.offset] * $0.element.step }
    func write<T: HostElement>(_: T.Type) -> HostArray {
      var out = base.values(as: T.self)
      let vals = source.values(as: T.self)
      let inner = region.shape.last ?? 1
      let step = strides.last ?? 0
      out.withUnsafeMutableBufferPointer { dst in
        vals.withUnsafeBufferPointer { src in
          var k = 0
          StridedLoop.forEachRow(shape: region.shape, strides: strides, offset: offset) { start in
            var p = start
            for _ in 0..<inner {
              dst[p] = src[k]
              k += 1
              p += step
            }
          }
        }
      }
      return .make(out, shape: base.shape)
    }
    switch base.dtype {
    case .bool: return write(Bool.self)
    case .int32: return write(Int32.self)
    case .int64: return write(Int64.self)
    case .float32: return write(Float.self)
    case .float64: return write(Double.self)
    }
  }
}
