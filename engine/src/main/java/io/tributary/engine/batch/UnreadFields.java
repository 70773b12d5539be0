package io.tributary.engine.batch;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/**
 * Columns, and fields of struct columns, that no operator reads (projection pushdown): a source
 * may leave them NULL instead of parsing them. Each path is a column's index in the schema,
 * then the index of a child at each struct level below it.
 */
public record UnreadFields(Set<List<Integer>> paths) {
  private static final UnreadFields NONE = new UnreadFields(Set.of());

  public UnreadFields {
    paths = Set.copyOf(requireNonNull(paths, "paths is null"));
    for (List<Integer> path : paths) {
      if (path.isEmpty()) {
        throw new IllegalArgumentException("an unread field needs a path: " + paths);
      }
    }
  }

  /** Everything is read. */
  public static UnreadFields none() {
    return NONE;
  }

  /** Whether the field at {@code path} is unread (a field inside an unread one is unread too). */
  public boolean contains(List<Integer> path) {
    for (int length = 1; length <= path.size(); length++) {
      if (paths.contains(path.subList(0, length))) {
        return true;
      }
    }
    return false;
  }
}
