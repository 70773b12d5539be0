package io.tributary.connectors.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventRandomTest {
  /** Bounds that are powers of two, small, and large enough that candidates get rejected. */
  private static final int[] INT_BOUNDS = {1, 2, 4, 5, 10, 26, 1 << 20, Integer.MAX_VALUE / 3 * 2, Integer.MAX_VALUE};
  private static final long[] LONG_BOUNDS = {1, 8, 110, 20_000_000_000L, Long.MAX_VALUE / 3 * 2, Long.MAX_VALUE};

  @Test
  void drawsWhatSplittableRandomDrawsFromTheSameSeed() {
    EventRandom reused = new EventRandom();
    SplittableRandom seeds = new SplittableRandom(42);
    for (int s = 0; s < 2_000; s++) {
      long seed = seeds.nextLong();
      SplittableRandom expected = new SplittableRandom(seed);
      EventRandom actual = reused.reseed(seed);
      for (int i = 0; i < 20; i++) {
        int intBound = INT_BOUNDS[(s + i) % INT_BOUNDS.length];
        long longBound = LONG_BOUNDS[(s + i) % LONG_BOUNDS.length];
        assertThat(actual.nextInt(intBound)).as("nextInt(%d), seed %d", intBound, seed)
            .isEqualTo(expected.nextInt(intBound));
        assertThat(actual.nextLong(longBound)).as("nextLong(%d), seed %d", longBound, seed)
            .isEqualTo(expected.nextLong(longBound));
        assertThat(actual.nextDouble()).as("nextDouble(), seed %d", seed).isEqualTo(expected.nextDouble());
      }
    }
  }
}
