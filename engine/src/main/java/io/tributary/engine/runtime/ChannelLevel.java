package io.tributary.engine.runtime;

/**
 * How much a channel's receiver holds its sender back, at one moment: the channel takes
 * {@code remaining} more of the {@code capacity} messages it may hold before a send waits.
 *
 * @param capacity messages the channel holds at most on their way to the receiver: a local
 *     receiver's queue in batches, a remote one's credit window in frames
 * @param fill from 0 (nothing held) to 1 (a send waits), whichever limit of the channel is closer
 */
public record ChannelLevel(long capacity, long remaining, double fill) {
  public ChannelLevel {
    if (capacity < 0 || remaining < 0 || remaining > capacity) {
      throw new IllegalArgumentException(
          "a channel cannot have " + remaining + " of " + capacity + " messages left");
    }
    if (!(fill >= 0 && fill <= 1)) {
      throw new IllegalArgumentException("a channel's fill is from 0 to 1, not " + fill);
    }
  }
}
