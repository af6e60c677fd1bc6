// The registry of passes: the standard pipeline and lookup by name.
//
// The order matters: simplification exposes constants and duplicates, folding and CSE feed each
// other, and dead-code elimination runs last so that everything a rewrite orphaned is gone before
// fusion sees the graph.

import DRCIR

/// The passes drc knows.
public enum Passes {
  /// The default pipeline.
  public static var standard: [any Pass] {
    [DeadCodeElimination()]
  }

  /// Every pass name, for `--dump-after` validation.
  public static var names: [String] { standard.map(\.name) }
}
