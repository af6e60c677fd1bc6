// Which lengths the recordings' inputs vary with: the symbols of a size-generic plan.
//
// Every input axis whose extent differs between the recordings is considered in order of its
// extent in the first recording. An axis whose extents are `factor * s + offset` of an existing
// symbol s in every recording (integer factor >= 1: `n`, `n + 2`, `2n`) is related to it;
// any other starts a new symbol (`n`, then `m`, `p`, `q`). Two recordings always relate two
// axes that grow by a multiple of the same step, whether or not the program ties them: a square
// recorded at 16 x 16 and 24 x 24 gives one symbol n for both sides, and so does 16 x 20 and
// 24 x 28 (the second side becomes `n + 4`). A third recording that changes one side and not
// the other (16 x 20, 24 x 28, 16 x 40) separates them into n and m. Axes that never vary stay
// fixed. When no input varies, the program took its sizes from a parameter (an integer it was
// run with): the outputs' varying axes give the symbols, and each call gives their values.

import DRCIR
import DRCTrace

extension DynamicCompilation {
  /// A symbol and its value in each recording.
  struct Length {
    /// Its name in plans, code and messages.
    var name: String
    /// Its value in each recording, in the order the traces were given.
    var values: [Int]
    /// Whether no input varies with it: the program's sizes came from a parameter, and the
    /// caller gives its value.
    var given = false
  }

  /// Names for symbols, in the order they are found.
  static let symbolNames = ["n", "m", "p", "q"]

  /// A recording's interface: its inputs' and outputs' names and shapes.
  struct Interface {
    /// Each input's name, dtype and shape.
    var inputs: [(name: String, dtype: DType, shape: [Int])]
    /// Each output's name and shape.
    var outputs: [(name: String, shape: [Int])]

    /// The interface of a verified graph.
    init(_ graph: Graph) {
      inputs = graph.inputs.map { ($0.name, $0.dtype, $0.shape) }
      outputs = graph.outputs.map { o in
        (o.name, o.node >= 0 && o.node < graph.nodes.count ? graph.nodes[o.node].shape : [])
      }
    }
  }

  enum Lengths {
    /// The symbols the recordings' inputs vary with.
    static func infer(_ plans: [Interface]) throws -> [Length] {
      guard let first = plans.first else { return [] }
      var axes: [(name: String, axis: Int, values: [Int])] = []
      for plan in plans.dropFirst() where plan.inputs.count != first.inputs.count {
        throw TraceError("the traces have different inputs")
      }
      for (i, x) in first.inputs.enumerated() {
        for plan in plans.dropFirst() {
          let y = plan.inputs[i]
          guard x.name == y.name, x.dtype == y.dtype, x.shape.count == y.shape.count else {
            throw TraceError("input '\(x.name)' differs in name, dtype or rank between the traces")
          }
        }
        for axis in x.shape.indices {
          let values = plans.map { $0.inputs[i].shape[axis] }
          if values.contains(where: { $0 != values[0] }) { axes.append((x.name, axis, values)) }
        }
      }
      var given = false
      if axes.isEmpty {
        // No input varies: the sizes came from a parameter of the program. The outputs' axes
        // that vary give the symbols, whose values each call then gives.
        for (i, x) in first.outputs.enumerated() {
          guard
            plans.allSatisfy({
              $0.outputs.count == first.outputs.count && $0.outputs[i].shape.count == x.shape.count
            })
          else {
            throw TraceError("output '\(x.name)' differs in rank between the traces")
          }
          for axis in x.shape.indices {
            let values = plans.map { $0.outputs[i].shape[axis] }
            if values.contains(where: { $0 != values[0] }) { axes.append((x.name, axis, values)) }
          }
        }
        given = true
      }
      guard !axes.isEmpty else {
        throw TraceError(
          "the traces have the same input and output shapes: record the program at two sizes")
      }
      if let empty = axes.first(where: { $0.values.contains { $0 < 1 } }) {
        throw TraceError(
          "input '\(empty.name)' is empty in one recording: record non-empty inputs")
      }
      var lengths: [Length] = []
      for axis in axes.sorted(by: { $0.values[0] < $1.values[0] }) {
        if lengths.contains(where: { DynamicCompilation.affine(axis.values, $0.values) != nil }) {
          continue
        }
        guard lengths.count < DynamicCompilation.symbolNames.count else {
          throw TraceError(
            "the inputs vary in more than \(DynamicCompilation.symbolNames.count) independent ways")
        }
        lengths.append(
          Length(
            name: DynamicCompilation.symbolNames[lengths.count], values: axis.values, given: given))
      }
      return lengths
    }
  }
}
