package io.tributary.engine.runtime;

import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.engine.testing.AllocatorTest;

/** A test of jobs that read the counting source and write to a collecting sink, recording their task events. */
abstract class CollectingJobTest extends AllocatorTest {
  final RecordingListener listener = new RecordingListener();
  final FakeConnectors.CountingSource source = new FakeConnectors.CountingSource();
  final FakeConnectors.CollectingSink sink = new FakeConnectors.CollectingSink(false);
  final ConnectorRegistry connectors = ConnectorRegistry.of(source, sink);
}
