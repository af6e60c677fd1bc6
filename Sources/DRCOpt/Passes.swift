// The registry of passes: the standard pipeline and lookup by name.
//
// The order matters: `views` first collapses view chains (so a view of a constant is one view
// for `fold`, and repeated chains look alike for `cse`); `simplify` then rewrites identities and
// small powers (`x**2 -> x*x` on a constant becomes foldable); `signs` moves negations outward
// (so `erf(-x)` and `erf(x)` become one evaluation for `cse`); `fold` evaluates what is constant;
// `cse` merges the duplicates every earlier pass left (equal constants in particular); and `dce`
// runs last so that everything a rewrite orphaned is gone before fusion sees the graph. Each pass
// appears once, so `--dump-after NAME` names exactly one point in the pipeline.

import DRCIR

/// The passes drc knows.
public enum Passes {
  /// The default pipeline.
  public static var standard: [any Pass] {
    [
      ViewSimplification(), AlgebraicSimplification(), SignPropagation(), ConstantFolding(),
      CommonSubexpressionElimination(), DeadCodeElimination(),
    ]
  }

  /// Every pass name, for `--dump-after` validation.
  public static var names: [String] { standard.map(\.name) }
}
