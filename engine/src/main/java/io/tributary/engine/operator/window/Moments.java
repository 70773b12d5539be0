package io.tributary.engine.operator.window;

import java.util.List;

/**
 * Variance, standard deviation, covariance, correlation and linear regression, from running
 * means and (co-)moments updated with Welford's algorithm: numerically stable where the textbook
 * sums of squares cancel catastrophically, mergeable (Chan et al.) for session windows, and
 * retractable by running the update backwards. Values are read as doubles, as DataFusion casts
 * them to Float64; results are DOUBLE (REGR_COUNT: BIGINT), NULL where PostgreSQL gives NULL.
 *
 * <p>Two-argument statistics take their argument as the pair {@code [a, b]} (a row where either is
 * NULL is skipped, as {@link Accumulators#argument} gives NULL for it). The regression functions
 * follow SQL's {@code regr_*(Y, X)}: {@code a} is the dependent Y, {@code b} the independent X.
 */
final class Moments implements Accumulator {
  enum Statistic {
    VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP,
    COVAR_SAMP, COVAR_POP, CORR,
    REGR_COUNT, REGR_SLOPE, REGR_INTERCEPT, REGR_R2, REGR_AVGX, REGR_AVGY, REGR_SXX, REGR_SYY, REGR_SXY;

    boolean paired() {
      return ordinal() >= COVAR_SAMP.ordinal();
    }
  }

  private final Statistic statistic;
  private final boolean paired;
  private long n;
  private double meanA;
  private double meanB;
  /** Sum of squared deviations of a (and of b) from its mean. */
  private double m2A;
  private double m2B;
  /** Sum of products of the deviations of a and b. */
  private double cAB;

  Moments(Statistic statistic) {
    this.statistic = statistic;
    this.paired = statistic.paired();
  }

  @Override
  public void add(Object value) {
    if (value == null) {
      return;
    }
    n++;
    if (paired) {
      List<?> pair = (List<?>) value;
      double a = ((Number) pair.get(0)).doubleValue();
      double b = ((Number) pair.get(1)).doubleValue();
      double deltaA = a - meanA;
      meanA += deltaA / n;
      double deltaB = b - meanB;
      meanB += deltaB / n;
      m2A += deltaA * (a - meanA);
      m2B += deltaB * (b - meanB);
      cAB += deltaA * (b - meanB);
    } else {
      double a = ((Number) value).doubleValue();
      double deltaA = a - meanA;
      meanA += deltaA / n;
      m2A += deltaA * (a - meanA);
    }
  }

  @Override
  public void retract(Object value) {
    if (value == null || n == 0) {
      return;
    }
    if (n == 1) {
      // Exactly nothing left: start clean rather than keep rounding residue.
      n = 0;
      meanA = meanB = m2A = m2B = cAB = 0;
      return;
    }
    long previous = n - 1;
    if (paired) {
      List<?> pair = (List<?>) value;
      double a = ((Number) pair.get(0)).doubleValue();
      double b = ((Number) pair.get(1)).doubleValue();
      double previousMeanA = meanA - (a - meanA) / previous;
      double previousMeanB = meanB - (b - meanB) / previous;
      m2A -= (a - previousMeanA) * (a - meanA);
      m2B -= (b - previousMeanB) * (b - meanB);
      cAB -= (a - previousMeanA) * (b - meanB);
      meanA = previousMeanA;
      meanB = previousMeanB;
    } else {
      double a = ((Number) value).doubleValue();
      double previousMeanA = meanA - (a - meanA) / previous;
      m2A -= (a - previousMeanA) * (a - meanA);
      meanA = previousMeanA;
    }
    n = previous;
  }

  @Override
  public void merge(Accumulator other) {
    Moments that = (Moments) other;
    if (that.n == 0) {
      return;
    }
    if (n == 0) {
      restoreState(that.state());
      return;
    }
    long total = n + that.n;
    double deltaA = that.meanA - meanA;
    double deltaB = that.meanB - meanB;
    double weight = (double) n * that.n / total;
    m2A += that.m2A + deltaA * deltaA * weight;
    m2B += that.m2B + deltaB * deltaB * weight;
    cAB += that.cAB + deltaA * deltaB * weight;
    meanA += deltaA * that.n / total;
    meanB += deltaB * that.n / total;
    n = total;
  }

  @Override
  public Object result() {
    if (statistic == Statistic.REGR_COUNT) {
      return n;
    }
    if (n == 0) {
      return null;
    }
    // Rounding can leave a sum of squares a hair below zero after retractions.
    double sxx = Math.max(m2B, 0);
    double syy = Math.max(m2A, 0);
    return switch (statistic) {
      case VAR_SAMP -> n < 2 ? null : syy / (n - 1);
      case VAR_POP -> syy / n;
      case STDDEV_SAMP -> n < 2 ? null : Math.sqrt(syy / (n - 1));
      case STDDEV_POP -> Math.sqrt(syy / n);
      case COVAR_SAMP -> n < 2 ? null : cAB / (n - 1);
      case COVAR_POP -> cAB / n;
      case CORR -> sxx == 0 || syy == 0 ? null : cAB / Math.sqrt(syy * sxx);
      case REGR_SLOPE -> sxx == 0 ? null : cAB / sxx;
      case REGR_INTERCEPT -> sxx == 0 ? null : meanA - cAB / sxx * meanB;
      case REGR_R2 -> sxx == 0 ? null : syy == 0 ? 1.0 : cAB * cAB / (sxx * syy);
      case REGR_AVGX -> meanB;
      case REGR_AVGY -> meanA;
      case REGR_SXX -> sxx;
      case REGR_SYY -> syy;
      case REGR_SXY -> cAB;
      case REGR_COUNT -> throw new AssertionError("handled above");
    };
  }

  @Override
  public Object state() {
    return List.of(n, meanA, meanB, m2A, m2B, cAB);
  }

  @Override
  public void restoreState(Object state) {
    List<?> values = (List<?>) state;
    n = (Long) values.get(0);
    meanA = (Double) values.get(1);
    meanB = (Double) values.get(2);
    m2A = (Double) values.get(3);
    m2B = (Double) values.get(4);
    cAB = (Double) values.get(5);
  }
}
