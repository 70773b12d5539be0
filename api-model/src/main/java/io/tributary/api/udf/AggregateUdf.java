package io.tributary.api.udf;

import java.io.Serializable;

/**
 * An aggregate UDF (UDAF): a public class with a public no-argument constructor that implements
 * this interface directly. SQL calls it under its class's simple name in snake case
 * ({@code WeightedMedian} is {@code weighted_median(x)}) with one argument, in window and updating
 * aggregates. As with the built-in aggregates, NULL inputs are skipped and an aggregate of no rows
 * is the result of a fresh accumulator.
 *
 * <p>Shaped like Flink's {@code AggregateFunction}: the engine keeps one accumulator per group and
 * window and folds each value into it, rather than handing the UDAF every value at once as Arroyo
 * does, so state stays as small as the accumulator. Each method may change the accumulator it is
 * given and return it, or return a new one.
 *
 * @param <A> the accumulator. It is checkpointed with Java serialization and restored with the
 *     UDF's class loader, which is why it must be {@link Serializable}: an accumulator is any type
 *     the UDAF's author chooses, which no fixed state codec could know. Changing its class's shape
 *     between builds makes a checkpoint of the old build unreadable by the new one.
 * @param <T> the argument: {@code Long}, {@code Integer}, {@code Short}, {@code Byte},
 *     {@code Double}, {@code Float}, {@code Boolean}, {@code String} or {@code byte[]}
 * @param <R> the result, one of the same types
 */
public interface AggregateUdf<A extends Serializable, T, R> {
    /** A fresh accumulator: the state of no rows. */
    A create();

    /** Folds a non-null value in. */
    A add(A accumulator, T value);

    /**
     * Takes out a value added earlier. An updating aggregate over input that retracts rows (an
     * updating source, a join, another aggregate) can use the UDAF only if its class overrides this.
     */
    default A retract(A accumulator, T value) {
        throw new UnsupportedOperationException(getClass().getName() + " does not retract values");
    }

    /** Both accumulators' values in one (session windows that merge). */
    A merge(A accumulator, A other);

    /** The aggregate's value; {@code null} is SQL NULL. */
    R result(A accumulator);
}
