package io.tributary.connectors.blackhole;

import io.tributary.engine.connector.Connector;
import io.tributary.engine.connector.Sink;
import io.tributary.engine.connector.SinkContext;

/** {@code blackhole}: accepts rows and drops them (for benchmarks and tests). */
public final class BlackholeConnector implements Connector {
  @Override
  public String name() {
    return "blackhole";
  }

  @Override
  public Sink createSink(SinkContext context) {
    return batch -> {};
  }
}
