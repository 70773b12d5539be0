package io.tributary.engine.operator;

/** Progress of event time through the dataflow. */
public sealed interface Watermark {
  /** No row with an event time at or before {@code epochNanos} is expected any more. */
  record EventTime(long epochNanos) implements Watermark {}

  /** The sender has no data for now and must not hold back downstream watermarks. */
  record Idle() implements Watermark {}

  Watermark IDLE = new Idle();

  static Watermark eventTime(long epochNanos) {
    return new EventTime(epochNanos);
  }
}
