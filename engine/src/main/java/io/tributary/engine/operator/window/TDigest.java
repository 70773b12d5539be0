package io.tributary.engine.operator.window;

import java.util.Arrays;
import java.util.List;

/**
 * A merging t-digest (Dunning, "Computing extremely accurate quantiles using t-digests") with the
 * k1 (arcsine) scale function and compression 400 (about 200 centroids; at DataFusion's 100 the
 * median's rank was off by up to 1.2% on 100k values). Points are kept as they come until there
 * are more than {@link #EXACT_LIMIT}; only then are neighbours merged into centroids. So up to
 * that many values quantiles are exact; beyond, the rank error is largest near the middle and
 * shrinks towards the tails: measured at most 0.3% of the count on 100k values, tested under 0.5%.
 *
 * <p>Quantiles are those of {@code percentile_cont} over the values with each value repeated as
 * often as its weight ({@link #exactQuantile}), exactly so while nothing was merged. Once merged, a
 * centroid of weight w whose values start at rank r (0-based) sits at rank r + (w - 1) / 2, and the
 * wanted rank q·(W - 1) is interpolated linearly between neighbours (and between the exact minimum
 * and maximum at the ends).
 */
final class TDigest {
  static final double COMPRESSION = 400;
  static final int EXACT_LIMIT = 1000;

  private double[] means = new double[64];
  private double[] weights = new double[64];
  private int size;
  private boolean sorted = true;
  /** Whether neighbours were ever merged: until then every point is a value as given. */
  private boolean compressed;
  private double totalWeight;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  void add(double value, double weight) {
    if (size == means.length) {
      means = Arrays.copyOf(means, size * 2);
      weights = Arrays.copyOf(weights, size * 2);
    }
    if (size > 0 && value < means[size - 1]) {
      sorted = false;
    }
    means[size] = value;
    weights[size] = weight;
    size++;
    totalWeight += weight;
    min = Math.min(min, value);
    max = Math.max(max, value);
    if (size > EXACT_LIMIT) {
      compress();
    }
  }

  void merge(TDigest other) {
    for (int i = 0; i < other.size; i++) {
      add(other.means[i], other.weights[i]);
    }
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    compressed |= other.compressed;
  }

  boolean isEmpty() {
    return size == 0;
  }

  private void sort() {
    if (sorted) {
      return;
    }
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(means[a], means[b]));
    double[] sortedMeans = new double[means.length];
    double[] sortedWeights = new double[weights.length];
    for (int i = 0; i < size; i++) {
      sortedMeans[i] = means[order[i]];
      sortedWeights[i] = weights[order[i]];
    }
    means = sortedMeans;
    weights = sortedWeights;
    sorted = true;
  }

  /** Merges neighbours greedily while a centroid spans at most one unit of the k1 scale. */
  private void compress() {
    sort();
    compressed = true;
    int out = 0;
    double before = 0;
    double limit = weightLimit(before);
    for (int i = 1; i < size; i++) {
      double merged = weights[out] + weights[i];
      if (before + merged <= limit) {
        means[out] += (means[i] - means[out]) * weights[i] / merged;
        weights[out] = merged;
      } else {
        before += weights[out];
        limit = weightLimit(before);
        out++;
        means[out] = means[i];
        weights[out] = weights[i];
      }
    }
    size = out + 1;
  }

  /** The cumulative weight at which a centroid starting at cumulative weight {@code start} must end. */
  private double weightLimit(double start) {
    double q = start / totalWeight;
    double k = COMPRESSION / (2 * Math.PI) * Math.asin(2 * q - 1) + 1;
    double bound = k >= COMPRESSION / 4 ? 1 : (Math.sin(k * 2 * Math.PI / COMPRESSION) + 1) / 2;
    return bound * totalWeight;
  }

  /** The q-quantile (0 ≤ q ≤ 1); NaN when empty. */
  double quantile(double q) {
    if (size == 0) {
      return Double.NaN;
    }
    sort();
    if (!compressed) {
      return exactQuantile(means, weights, size, q);
    }
    double rank = q * (totalWeight - 1);
    double previousRank = 0;
    double previousMean = min;
    double start = 0;
    for (int i = 0; i < size; i++) {
      double center = start + (weights[i] - 1) / 2;
      if (rank <= center) {
        return interpolate(previousRank, previousMean, center, means[i], rank);
      }
      previousRank = center;
      previousMean = means[i];
      start += weights[i];
    }
    return interpolate(previousRank, previousMean, totalWeight - 1, max, rank);
  }

  /**
   * percentile_cont of values {@code values[i]} repeated {@code weights[i]} times (sorted by value):
   * value i occupies ranks [start, start + w - 1] (0-based), and ranks between two values'
   * occupied ranges interpolate linearly between them.
   */
  static double exactQuantile(double[] values, double[] weights, int size, double q) {
    double total = 0;
    for (int i = 0; i < size; i++) {
      total += weights[i];
    }
    double rank = q * (total - 1);
    double start = 0;
    for (int i = 0; i < size; i++) {
      double end = start + Math.max(weights[i] - 1, 0);
      if (rank <= end) {
        if (i == 0 || rank >= start) {
          return values[i];
        }
        double previousEnd = start - weights[i - 1] + Math.max(weights[i - 1] - 1, 0);
        return values[i - 1] + (values[i] - values[i - 1]) * (rank - previousEnd) / (start - previousEnd);
      }
      start += weights[i];
    }
    return values[size - 1];
  }

  private double interpolate(double rank0, double value0, double rank1, double value1, double rank) {
    if (rank1 <= rank0) {
      return value1;
    }
    double value = value0 + (value1 - value0) * (rank - rank0) / (rank1 - rank0);
    return Math.clamp(value, min, max);
  }

  List<Object> state() {
    long[] meanBits = new long[size];
    long[] weightBits = new long[size];
    for (int i = 0; i < size; i++) {
      meanBits[i] = Double.doubleToRawLongBits(means[i]);
      weightBits[i] = Double.doubleToRawLongBits(weights[i]);
    }
    return List.of(meanBits, weightBits, totalWeight, min, max, sorted, compressed);
  }

  void restoreState(List<?> state) {
    long[] meanBits = (long[]) state.get(0);
    long[] weightBits = (long[]) state.get(1);
    size = meanBits.length;
    means = new double[Math.max(64, size)];
    weights = new double[Math.max(64, size)];
    for (int i = 0; i < size; i++) {
      means[i] = Double.longBitsToDouble(meanBits[i]);
      weights[i] = Double.longBitsToDouble(weightBits[i]);
    }
    totalWeight = (Double) state.get(2);
    min = (Double) state.get(3);
    max = (Double) state.get(4);
    sorted = (Boolean) state.get(5);
    compressed = (Boolean) state.get(6);
  }
}
