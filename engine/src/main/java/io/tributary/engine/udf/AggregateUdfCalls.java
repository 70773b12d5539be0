package io.tributary.engine.udf;

import io.tributary.engine.operator.window.Accumulator;
import io.tributary.engine.operator.window.Accumulators;
import io.tributary.proto.program.AggregateCall;
import java.util.function.Supplier;
import org.apache.arrow.vector.types.pojo.Schema;

/** The accumulators of an aggregate call: an aggregate UDF's ({@code UDF:name}) or a built-in's. */
public final class AggregateUdfCalls {
  /** Prefix of the program's call name for a UDF, as the planner writes it. */
  public static final String CALL_PREFIX = "UDF:";

  private AggregateUdfCalls() {}

  /**
   * Accumulators for {@code call}.
   *
   * @param retractable whether they must retract (see {@link Accumulators#retractable})
   * @throws IllegalArgumentException if the call names an aggregate UDF the program does not
   *     carry, calls it wrongly, or needs a retraction it cannot do
   */
  public static Supplier<Accumulator> factory(AggregateCall call, Schema input, UdfLibrary udfs, boolean retractable) {
    if (!call.getFunction().startsWith(CALL_PREFIX)) {
      return retractable ? Accumulators.retractable(call, input) : Accumulators.factory(call, input);
    }
    String name = call.getFunction().substring(CALL_PREFIX.length());
    UdfLibrary.Aggregate aggregate = udfs.aggregate(name).orElseThrow(() -> new IllegalArgumentException(
        "the program calls the aggregate UDF '" + name + "' but does not carry it"));
    if (call.getArgumentsCount() != 1) {
      throw new IllegalArgumentException("aggregate UDF '" + name + "' takes 1 argument, not " + call.getArgumentsCount());
    }
    if (call.getDistinct()) {
      throw new IllegalArgumentException("aggregate UDF '" + name + "' cannot be called with DISTINCT");
    }
    int columns = input.getFields().size();
    if (call.getArguments(0) < 0 || call.getArguments(0) >= columns) {
      throw new IllegalArgumentException("aggregate UDF '" + name + "' refers to input column " + call.getArguments(0)
          + " but the input has " + columns + " columns");
    }
    return UdafAccumulator.factory(name, aggregate.type(), retractable);
  }
}
