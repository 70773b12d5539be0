package io.tributary.engine.state;

import io.tributary.proto.checkpoint.StateFile;
import java.util.List;

/**
 * When a keyed table's next snapshot writes a whole new file instead of another delta, so that
 * a restore never reads a long chain and retention can drop old files soon: after
 * {@code maxDeltas} deltas, or once the deltas together weigh more than {@code maxDeltaShare}
 * times the full file they build on.
 */
public record ChainPolicy(int maxDeltas, double maxDeltaShare) {
  /** Ten deltas, or as many bytes of deltas as the base: a restore reads at most about twice the state. */
  public static final ChainPolicy DEFAULT = new ChainPolicy(10, 1.0);
  /** Every snapshot whole: no deltas at all. */
  public static final ChainPolicy FULL_ONLY = new ChainPolicy(0, 0);

  public ChainPolicy {
    if (maxDeltas < 0) {
      throw new IllegalArgumentException("a chain cannot allow " + maxDeltas + " deltas");
    }
    if (!(maxDeltaShare >= 0)) {
      throw new IllegalArgumentException("the deltas' share of the base must be at least 0, not " + maxDeltaShare);
    }
  }

  /** Whether the snapshot after {@code chain} (base first) must be a full file. */
  public boolean wantsFull(List<StateFile> chain) {
    if (chain.isEmpty() || chain.size() - 1 >= maxDeltas) {
      return true;
    }
    long deltas = chain.stream().skip(1).mapToLong(StateFile::getBytes).sum();
    return deltas > maxDeltaShare * chain.getFirst().getBytes();
  }
}
