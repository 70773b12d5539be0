package io.tributary.connectors;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.connector.Connector;
import io.tributary.engine.connector.Source;
import io.tributary.engine.state.CheckpointStateReader;
import io.tributary.engine.state.CheckpointStateWriter;
import io.tributary.engine.state.Stateful;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.engine.time.ProcessingClock;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads a source table as a job's subtasks would: straight through, or polled a while at one
 * parallelism, checkpointed, and restored at another to read the rest.
 */
public final class SourceRescaling {
  private final Connector connector;
  private final Schema schema;
  private final Map<String, String> options;
  private final BufferAllocator allocator;
  private final ProcessingClock clock;

  public SourceRescaling(Connector connector, Schema schema, Map<String, String> options, BufferAllocator allocator,
      ProcessingClock clock) {
    this.connector = connector;
    this.schema = schema;
    this.options = options;
    this.allocator = allocator;
    this.clock = clock;
  }

  /** Every row of the table at {@code parallelism}, with multiplicities. */
  public Map<List<Object>, Long> straight(int parallelism) {
    Map<List<Object>, Long> rows = new HashMap<>();
    for (int i = 0; i < parallelism; i++) {
      try (Source source = create(i, parallelism)) {
        poll(source, Integer.MAX_VALUE, rows);
      }
    }
    return rows;
  }

  /** {@code polls} polls per subtask at {@code before}, a checkpoint, the rest at {@code after}. */
  public Map<List<Object>, Long> rescaled(CheckpointStore store, int before, int polls, int after) {
    Map<List<Object>, Long> rows = new HashMap<>();
    CheckpointMetadata.Builder metadata = CheckpointMetadata.newBuilder().setJobId("job").setEpoch(1);
    for (int i = 0; i < before; i++) {
      try (Source source = create(i, before)) {
        poll(source, polls, rows);
        CheckpointStateWriter writer = new CheckpointStateWriter(store, "job", 1, "source_1", i, allocator);
        ((Stateful) source).snapshot(writer);
        metadata.addSubtasks(SubtaskCheckpoint.newBuilder().setJobId("job").setEpoch(1).setSubtaskIndex(i)
            .setParallelism(before).addOperators(writer.checkpoint()));
      }
    }
    for (int i = 0; i < after; i++) {
      try (Source source = create(i, after)) {
        ((Stateful) source).restore(new CheckpointStateReader(store, metadata.build(), "source_1", i, after, allocator));
        poll(source, Integer.MAX_VALUE, rows);
      }
    }
    return rows;
  }

  private Source create(int subtask, int parallelism) {
    return connector.createSource(Contexts.source(schema, options, subtask, parallelism, allocator, clock));
  }

  private static void poll(Source source, int polls, Map<List<Object>, Long> rows) {
    for (int i = 0; i < polls; i++) {
      Source.PollResult result = source.poll(batch -> {
        try (RecordBatch owned = batch) {
          List<List<Object>> read = new ArrayList<>(OperatorTestDriver.rowsOf(owned));
          for (int r = 0; r < owned.rowCount(); r++) {
            read.get(r).add(owned.timestamps().get(r));
          }
          read.forEach(row -> rows.merge(row, 1L, Long::sum));
        }
      });
      if (result == Source.PollResult.FINISHED) {
        return;
      }
    }
  }
}
