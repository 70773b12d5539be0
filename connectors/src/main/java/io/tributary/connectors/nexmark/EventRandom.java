package io.tributary.connectors.nexmark;

/**
 * The numbers {@code new java.util.SplittableRandom(seed)} draws (SplitMix64: a seed advanced
 * by the golden gamma and mixed into each value; bounded values by rejecting over-represented
 * candidates), in an instance that is reseeded for each event. The generator made one
 * SplittableRandom per event, and with it a proxy object, so two allocations per event that
 * escape analysis did not remove; the events stay exactly the same.
 */
final class EventRandom {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long seed;

  /** Starts the sequence of {@code new SplittableRandom(seed)}. */
  EventRandom reseed(long seed) {
    this.seed = seed;
    return this;
  }

  int nextInt() {
    long z = seed += GOLDEN_GAMMA;
    z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
    return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
  }

  long nextLong() {
    long z = seed += GOLDEN_GAMMA;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Uniform in {@code [0, bound)}; {@code bound} must be positive. */
  int nextInt(int bound) {
    int m = bound - 1;
    int r = nextInt();
    if ((bound & m) == 0) {
      return r & m;
    }
    // Candidates above the largest multiple of bound are drawn again, so every value is as likely.
    int u = r >>> 1;
    while (u + m - (r = u % bound) < 0) {
      u = nextInt() >>> 1;
    }
    return r;
  }

  /** Uniform in {@code [0, bound)}; {@code bound} must be positive. */
  long nextLong(long bound) {
    long m = bound - 1;
    long r = nextLong();
    if ((bound & m) == 0L) {
      return r & m;
    }
    long u = r >>> 1;
    while (u + m - (r = u % bound) < 0L) {
      u = nextLong() >>> 1;
    }
    return r;
  }

  /** Uniform in {@code [0, 1)}, from the top 53 bits of a long. */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }
}
