package io.tributary.engine.state;

import static java.util.Objects.requireNonNull;

import io.tributary.proto.checkpoint.StateFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one operator of one subtask last wrote of each keyed table: the chain of files and the
 * rows they hold, so that the next snapshot writes only the difference. A subtask keeps one
 * per operator for as long as it runs; a fresh one (after a start or restore) makes the first
 * snapshot whole, since a restored subtask's state is cut from other subtasks' chains.
 */
public final class StateHistory {
  record Table(List<StateFile> chain, RowCounts rows) {
    Table {
      chain = List.copyOf(chain);
      requireNonNull(rows, "rows is null");
    }
  }

  private final ChainPolicy policy;
  private final Map<String, Table> tables = new HashMap<>();

  public StateHistory(ChainPolicy policy) {
    this.policy = requireNonNull(policy, "policy is null");
  }

  ChainPolicy policy() {
    return policy;
  }

  /** The table as the last snapshot wrote it, when the next one may build on it. */
  Optional<Table> base(String table) {
    return Optional.ofNullable(tables.get(table)).filter(last -> !policy.wantsFull(last.chain()));
  }

  void record(String table, Table written) {
    tables.put(table, written);
  }
}
