package io.tributary.engine.runtime;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.operator.Collector;
import io.tributary.engine.operator.Watermark;
import io.tributary.proto.program.EdgeType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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

  private static final VarHandle SEND_NANOS;

  static {
    try {
      SEND_NANOS = MethodHandles.lookup().findVarHandle(OutputRouter.class, "sendNanos", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** How the receivers this router sends to hold it back, at one moment. */
  record Backpressure(long queueSize, long queueRemaining, double fill, long sendNanos) {}

  private final List<EdgeOutput> edges;
  private final BufferAllocator allocator;
  private int roundRobin;
  /** Time spent in {@link OutputChannel#send}; written by the subtask's thread only, read opaquely. */
  private long sendNanos;

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
      send(channels.getFirst(), batch);
    } else if (edge.keyFields().isEmpty()) {
      send(channels.get(Math.floorMod(roundRobin++, channels.size())), batch);
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
        send(edge.channels().get(receiver), batch);
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
          send(edge.channels().get(receiver), batch.take(selections[receiver], counts[receiver], allocator));
        }
      }
    }
  }

  /** Sends and times the send: two clock reads per batch, to see how long full receivers block it. */
  private void send(OutputChannel channel, RecordBatch batch) {
    long start = System.nanoTime();
    try {
      channel.send(batch);
    } finally {
      SEND_NANOS.setOpaque(this, sendNanos + (System.nanoTime() - start));
    }
  }

  /** Read from any thread: the receivers' channels, local or on other workers, and the time spent sending. */
  Backpressure backpressure() {
    long size = 0;
    long remaining = 0;
    double fill = 0;
    for (EdgeOutput edge : edges) {
      for (OutputChannel channel : edge.channels()) {
        ChannelLevel level = channel.level();
        size += level.capacity();
        remaining += level.remaining();
        fill = Math.max(fill, level.fill());
      }
    }
    return new Backpressure(size, remaining, fill, (long) SEND_NANOS.getOpaque(this));
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
