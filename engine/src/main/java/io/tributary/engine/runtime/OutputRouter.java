package io.tributary.engine.runtime;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.operator.Collector;
import io.tributary.engine.operator.Watermark;
import io.tributary.proto.program.EdgeType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** The end of a subtask's chain: sends its output along the node's outgoing edges. */
final class OutputRouter implements Collector {
  /** One outgoing edge: its channels indexed by receiver subtask (one for FORWARD). */
  record EdgeOutput(EdgeType type, List<Integer> keyFields, List<OutputChannel> channels) {
    EdgeOutput {
      keyFields = List.copyOf(keyFields);
      channels = List.copyOf(channels);
    }
  }

  private final List<EdgeOutput> edges;
  private final BufferAllocator allocator;
  private int roundRobin;

  OutputRouter(List<EdgeOutput> edges, BufferAllocator allocator, int subtaskIndex) {
    this.edges = List.copyOf(edges);
    this.allocator = allocator;
    // Senders start their round robin at different receivers, spreading the first batches.
    this.roundRobin = subtaskIndex;
  }

  @Override
  public void collect(RecordBatch batch) {
    if (edges.isEmpty()) {
      batch.close();
      return;
    }
    for (int i = 0; i < edges.size() - 1; i++) {
      route(edges.get(i), batch.copy(allocator));
    }
    route(edges.getLast(), batch);
  }

  private void route(EdgeOutput edge, RecordBatch batch) {
    List<OutputChannel> channels = edge.channels();
    if (channels.size() == 1 || edge.type() == EdgeType.FORWARD) {
      channels.getFirst().send(batch);
    } else if (edge.keyFields().isEmpty()) {
      channels.get(Math.floorMod(roundRobin++, channels.size())).send(batch);
    } else {
      partition(edge, batch);
    }
  }

  private void partition(EdgeOutput edge, RecordBatch batch) {
    int receivers = edge.channels().size();
    int rows = batch.rowCount();
    List<FieldVector> keys = new ArrayList<>(edge.keyFields().size());
    for (int field : edge.keyFields()) {
      keys.add(batch.column(field));
    }
    int[] target = new int[rows];
    int[] counts = new int[receivers];
    for (int row = 0; row < rows; row++) {
      int receiver = KeyHasher.partition(KeyHasher.hash(keys, row), receivers);
      target[row] = receiver;
      counts[receiver]++;
    }
    for (int receiver = 0; receiver < receivers; receiver++) {
      if (counts[receiver] == rows) {
        edge.channels().get(receiver).send(batch);
        return;
      }
    }
    try (batch) {
      int[][] selections = new int[receivers][];
      int[] filled = new int[receivers];
      for (int receiver = 0; receiver < receivers; receiver++) {
        selections[receiver] = new int[counts[receiver]];
      }
      for (int row = 0; row < rows; row++) {
        int receiver = target[row];
        selections[receiver][filled[receiver]++] = row;
      }
      for (int receiver = 0; receiver < receivers; receiver++) {
        if (counts[receiver] > 0) {
          edge.channels().get(receiver).send(batch.take(selections[receiver], counts[receiver], allocator));
        }
      }
    }
  }

  @Override
  public void collectWatermark(Watermark watermark) {
    for (EdgeOutput edge : edges) {
      for (OutputChannel channel : edge.channels()) {
        channel.sendWatermark(watermark);
      }
    }
  }

  /** A barrier goes down every channel: every receiver must align on it. */
  void barrier(CheckpointBarrier barrier) {
    for (EdgeOutput edge : edges) {
      for (OutputChannel channel : edge.channels()) {
        channel.sendBarrier(barrier);
      }
    }
  }

  void endOfStream() {
    for (EdgeOutput edge : edges) {
      for (OutputChannel channel : edge.channels()) {
        channel.sendEndOfStream();
      }
    }
  }
}
