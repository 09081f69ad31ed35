package vn.danvan.indicators;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * Confidence intervals: Wilson for proportions (as a function and as native Spark columns that
 * compute the same), exact Poisson for rates per population (a Spark function: Spark has no gamma
 * quantile).
 */
public final class Intervals {

  /** The standard normal quantile of a two-sided 95 % interval. */
  public static final double Z95 = 1.959963984540054;

  // The Poisson interval's two tails together: 95 %.
  private static final double POISSON_ALPHA = 0.05;

  // Poisson bounds already computed, by count (see registerPoisson).
  private static final Remembered KNOWN_LOW = new Remembered(Intervals::poissonLow);
  private static final Remembered KNOWN_HIGH = new Remembered(Intervals::poissonHigh);

  private Intervals() {}

  /**
   * The Wilson score interval of {@code successes} out of {@code trials} at normal quantile {@code
   * z}: {low, high} as proportions in [0, 1]; null when there are no trials.
   */
  public static double[] wilson(double successes, double trials, double z) {
    if (trials <= 0) {
      return null;
    }
    double p = successes / trials;
    double z2 = z * z;
    double denominator = 1 + z2 / trials;
    double centre = (p + z2 / (2 * trials)) / denominator;
    double half = z * Math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / denominator;
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  /**
   * The exact (Garwood) Poisson interval of a count: {low, high} such that a Poisson variable of
   * mean {@code low} reaches {@code count} with probability 2.5 % and one of mean {@code high}
   * stays at or below it with probability 2.5 %. Fractional counts (restated shares) are allowed.
   */
  public static double[] poisson(double count) {
    return count < 0 ? null : new double[] {poissonLow(count), poissonHigh(count)};
  }

  /** The lower bound of {@link #poisson}: one inverse of the gamma distribution. */
  static double poissonLow(double count) {
    return count == 0
        ? 0
        : new GammaDistribution(null, count, 1).inverseCumulativeProbability(POISSON_ALPHA / 2);
  }

  /** The upper bound of {@link #poisson}. */
  static double poissonHigh(double count) {
    return new GammaDistribution(null, count + 1, 1)
        .inverseCumulativeProbability(1 - POISSON_ALPHA / 2);
  }

  /**
   * Registers {@code poisson_low(count)} and {@code poisson_high(count)} with {@code spark}; each
   * computes its own bound (one gamma inverse: ~3 µs for a count of 3, ~17 µs for 4 200), not the
   * pair, and remembers it: the same counts come back across units, periods and bases (the sample
   * province: 61 000 Poisson values, 5 300 distinct counts).
   */
  public static void registerPoisson(SparkSession spark) {
    spark
        .udf()
        .register(
            "poisson_low",
            (UDF1<Double, Double>) c -> c == null || c < 0 ? null : KNOWN_LOW.of(c),
            DataTypes.DoubleType);
    spark
        .udf()
        .register(
            "poisson_high",
            (UDF1<Double, Double>) c -> c == null || c < 0 ? null : KNOWN_HIGH.of(c),
            DataTypes.DoubleType);
  }

  /** A bound by count, computed once per JVM for up to {@link #LIMIT} counts. */
  private record Remembered(DoubleUnaryOperator bound, Map<Double, Double> known) {

    // An entry (boxed count and bound, map node) takes ~70 bytes: 7 MiB a map at most, well
    // inside the heap a 10 M-record run needs; later counts are computed each time.
    static final int LIMIT = 100_000;

    Remembered(DoubleUnaryOperator bound) {
      this(bound, new ConcurrentHashMap<>());
    }

    double of(double count) {
      Double value = known.get(count);
      if (value == null) {
        value = bound.applyAsDouble(count);
        if (known.size() < LIMIT) {
          known.put(count, value);
        }
      }
      return value;
    }
  }

  /** The lower Wilson bound as a column: proportion in [0, 1], null without trials. */
  public static Column wilsonLow(Column successes, Column trials, double z) {
    return wilsonBound(successes, trials, z, -1);
  }

  /** The upper Wilson bound as a column: proportion in [0, 1], null without trials. */
  public static Column wilsonHigh(Column successes, Column trials, double z) {
    return wilsonBound(successes, trials, z, +1);
  }

  private static Column wilsonBound(Column x, Column n, double z, int sign) {
    Column p = x.divide(n);
    double z2 = z * z;
    Column denominator = lit(1).plus(lit(z2).divide(n));
    Column centre = p.plus(lit(z2).divide(n.multiply(2))).divide(denominator);
    Column half =
        lit(z)
            .multiply(
                sqrt(
                    p.multiply(lit(1).minus(p))
                        .divide(n)
                        .plus(lit(z2).divide(pow(n, 2).multiply(4)))))
            .divide(denominator);
    Column bound = sign < 0 ? centre.minus(half) : centre.plus(half);
    Column clamped =
        sign < 0
            ? when(bound.lt(0), lit(0.0)).otherwise(bound)
            : when(bound.gt(1), lit(1.0)).otherwise(bound);
    return when(n.gt(0), clamped);
  }
}
