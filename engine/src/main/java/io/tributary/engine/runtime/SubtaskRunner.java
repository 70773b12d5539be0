package io.tributary.engine.runtime;

import io.tributary.engine.batch.UnreadFields;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.connector.Connector;
import io.tributary.engine.connector.ConnectorOptions;
import io.tributary.engine.connector.LookupContext;
import io.tributary.engine.connector.PreviewOutput;
import io.tributary.engine.connector.SinkContext;
import io.tributary.engine.connector.Source;
import io.tributary.engine.connector.SourceContext;
import io.tributary.engine.connector.TransactionalSink;
import io.tributary.engine.metrics.OperatorCounters;
import io.tributary.engine.metrics.SubtaskMetrics;
import io.tributary.engine.operator.FilterProjectOperator;
import io.tributary.engine.operator.JoinOperator;
import io.tributary.engine.operator.OperatorChain;
import io.tributary.engine.operator.OperatorContext;
import io.tributary.engine.operator.OperatorException;
import io.tributary.engine.operator.SinkWriter;
import io.tributary.engine.operator.TopNOperator;
import io.tributary.engine.operator.UnnestOperator;
import io.tributary.engine.operator.lookup.LookupJoinOperator;
import io.tributary.engine.operator.UpdatingAggregateOperator;
import io.tributary.engine.operator.WatermarkGenerator;
import io.tributary.engine.operator.WindowAggregateOperator;
import io.tributary.engine.state.CheckpointStateReader;
import io.tributary.engine.state.ChainPolicy;
import io.tributary.engine.state.CheckpointStateWriter;
import io.tributary.engine.state.StateHistory;
import io.tributary.engine.state.StateCodec;
import io.tributary.engine.state.Stateful;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.checkpoint.OperatorCheckpoint;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import io.tributary.proto.program.Node;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.SinkOperator;
import io.tributary.proto.program.SourceOperator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Runs one subtask on its own thread: its source or input queue, its operator chain, and its
 * part of checkpoints: sources inject barriers between polls; other subtasks align their
 * inputs on them; both snapshot their chain, report it and pass the barrier on.
 */
final class SubtaskRunner implements Runnable {
  /** Global table, in a subtask's first operator's state, of the combined input watermark. */
  private static final String INPUT_WATERMARK_TABLE = "_input_watermark";
  /** Global table, in a transactional sink's state, of its pre-commit result. */
  private static final String COMMIT_TABLE = "_commit";

  private final JobExecution job;
  private final SubtaskId id;
  private final Node node;
  private final Optional<Schema> inputSchema;
  private final BufferAllocator allocator;
  private final Optional<InputQueue> queue;
  private final int inputCount;
  private final LinkedBlockingQueue<ControlMessage> control = new LinkedBlockingQueue<>();
  private final long tickNanos;
  private final Optional<JoinInputs> join;
  /** One per operator of the node, in order; the source's (if any) first. */
  private final List<OperatorCounters> counters;
  private OutputRouter router;

  /** For a node starting with a join: the side of each input index, and the sides' schemas. */
  record JoinInputs(int[] sides, Schema left, Schema right) {}

  /** How the task's main loop ended. */
  private enum Ending {
    /** The input ended or a graceful stop: flush and end the streams. */
    COMPLETED,
    /** A stop-with-checkpoint was committed: end without flushing (the state is in the checkpoint). */
    CHECKPOINTED,
    CANCELLED
  }

  private volatile boolean cancelled;
  private volatile boolean reportStop;
  private String currentOperator;
  private OperatorChain chain;
  private SourceReader reader;
  private WatermarkTracker watermarks;

  // Guarded by this: checkpoints triggered but not reported yet, and what the task can still report.
  private final TreeMap<Long, CheckpointBarrier> expected = new TreeMap<>();
  /** What each operator's last snapshot wrote, so that the next one writes only what changed. */
  private final Map<String, StateHistory> stateHistories = new HashMap<>();
  private long lastReported;
  /** The input ended; the chain stays open so that later checkpoints record its final state. */
  private boolean retained;
  private boolean exited;

  SubtaskRunner(
      JobExecution job,
      SubtaskId id,
      Node node,
      Optional<Schema> inputSchema,
      BufferAllocator allocator,
      Optional<InputQueue> queue,
      int inputCount,
      long tickNanos,
      Optional<JoinInputs> join) {
    this.join = join;
    this.job = job;
    this.id = id;
    this.node = node;
    this.inputSchema = inputSchema;
    this.allocator = allocator;
    this.queue = queue;
    this.inputCount = inputCount;
    this.tickNanos = tickNanos;
    this.currentOperator = node.getOperators(0).getOperatorId();
    this.counters = node.getOperatorsList().stream().map(spec -> new OperatorCounters(spec.getOperatorId())).toList();
  }

  SubtaskId id() {
    return id;
  }

  BufferAllocator allocator() {
    return allocator;
  }

  Optional<InputQueue> queue() {
    return queue;
  }

  void setRouter(OutputRouter router) {
    this.router = router;
  }

  /** What the subtask counted so far; safe from any thread at any time. */
  SubtaskMetrics metrics(long nowMicros) {
    OutputRouter.Backpressure backpressure = router.backpressure();
    return new SubtaskMetrics(id.nodeId(), id.subtaskIndex(), nowMicros,
        counters.stream().map(OperatorCounters::snapshot).toList(),
        backpressure.queueSize(), backpressure.queueRemaining(), backpressure.fill(), backpressure.sendNanos());
  }

  void signal(ControlMessage message) {
    control.add(message);
    queue.ifPresent(InputQueue::wakeUp);
  }

  /**
   * A checkpoint was triggered. A source injects its barrier at its next poll; other subtasks
   * wait for the barrier on their inputs. A task whose input already ended reports its final
   * state at once, or as soon as it ends.
   */
  void checkpoint(CheckpointBarrier barrier, long triggeredMicros) {
    synchronized (this) {
      if (barrier.epoch() <= lastReported || exited && !retained) {
        return;
      }
      if (retained) {
        snapshotAndReport(barrier, triggeredMicros);
        return;
      }
      expected.put(barrier.epoch(), barrier);
    }
    if (node.getOperators(0).hasSource()) {
      signal(new ControlMessage.Checkpoint(barrier, triggeredMicros));
    }
  }

  /**
   * Cancels the task where it is.
   *
   * @param stopped whether this is a requested stop (reported as finished) rather than the
   *     consequence of another task's failure (reported as nothing)
   */
  void cancel(boolean stopped) {
    reportStop = stopped;
    cancelled = true;
    signal(new ControlMessage.Stop(StopMode.IMMEDIATE));
    queue.ifPresent(InputQueue::close);
  }

  @Override
  public void run() {
    try {
      job.listener().taskStarted(id);
      build();
      chain.open();
      restore();
      Ending ending = reader != null ? runSource() : runInputs();
      if (ending == Ending.COMPLETED) {
        chain.finish();
        router.endOfStream();
        retainForCheckpoints();
      }
      if (ending != Ending.CANCELLED || reportStop) {
        closeUnlessRetained();
        job.listener().taskFinished(id);
      }
    } catch (TaskCancelledException e) {
      if (reportStop) {
        job.listener().taskFinished(id);
      }
    } catch (Throwable e) {
      if (cancelled) {
        // A task torn down by a stop or another task's failure may fail on its way out;
        // that is a consequence, not a cause worth reporting.
        if (reportStop) {
          job.listener().taskFinished(id);
        }
      } else {
        String operatorId = e instanceof OperatorException op ? op.operatorId() : currentOperator;
        job.taskFailed(this, operatorId, message(e), details(e));
      }
    } finally {
      // Senders must never block on a receiver that is gone.
      queue.ifPresent(InputQueue::close);
      synchronized (this) {
        exited = true;
        expected.clear();
      }
      try {
        closeUnlessRetained();
      } catch (Throwable ignored) {
        // Already failing or cancelled; the first error was reported.
      }
      job.runnerExited(this);
    }
  }

  private void build() {
    List<OperatorChain.Link> links = new ArrayList<>();
    int first = 0;
    Schema schema;
    if (node.getOperators(0).hasSource()) {
      Operator spec = node.getOperators(0);
      schema = ProgramPlan.outputSchema(spec);
      reader = createSource(spec, schema);
      first = 1;
    } else {
      schema = inputSchema.orElseThrow();
      watermarks = new WatermarkTracker(inputCount);
    }
    for (int i = first; i < node.getOperatorsCount(); i++) {
      Operator spec = node.getOperators(i);
      currentOperator = spec.getOperatorId();
      Schema output = spec.hasSink() && spec.getOutputSchema().getFieldsCount() == 0
          ? schema
          : ProgramPlan.outputSchema(spec);
      OperatorContext context = new OperatorContext(
          job.jobId(), spec.getOperatorId(), id.subtaskIndex(), node.getParallelism(), schema, output,
          allocator, job.options().clock());
      links.add(new OperatorChain.Link(createOperator(spec, context), context));
      schema = output;
    }
    chain = new OperatorChain(links, router, counters.subList(first, counters.size()));
  }

  private synchronized void closeUnlessRetained() {
    if (!retained) {
      closeAll();
    }
  }

  /** Closes what a task whose input ended kept open for checkpoints; once no checkpoint can come. */
  synchronized void releaseRetained() {
    if (retained) {
      retained = false;
      closeAll();
    }
  }

  private void closeAll() {
    RuntimeException failure = null;
    if (reader != null) {
      try {
        reader.close();
      } catch (RuntimeException e) {
        failure = e;
      }
      reader = null;
    }
    if (chain != null) {
      chain.close();
    }
    if (failure != null) {
      throw failure;
    }
  }

  private SourceReader createSource(Operator spec, Schema schema) {
    SourceOperator source = spec.getSource();
    Connector connector = job.connectors().connector(source.getConnector());
    SourceContext context = new SourceContext(
        job.jobId(), spec.getOperatorId(), source.getTableName(),
        new ConnectorOptions(source.getTableName(), source.getOptionsMap()), schema,
        id.subtaskIndex(), node.getParallelism(), allocator, job.options().clock(), source.getMetadataFieldsMap(),
        new UnreadFields(source.getUnreadFieldsList().stream()
            .map(path -> List.copyOf(path.getIndexesList())).collect(java.util.stream.Collectors.toSet())));
    Source created = connector.createSource(context);
    Optional<Integer> eventTime =
        source.hasEventTimeField() ? Optional.of(source.getEventTimeField()) : Optional.empty();
    try {
      return new SourceReader(created, eventTime, source.getTableName(), schema);
    } catch (RuntimeException e) {
      created.close();
      throw e;
    }
  }

  private LookupJoinOperator lookupJoin(Operator spec) {
    var lookup = spec.getLookupJoin();
    Connector connector = job.connectors().connector(lookup.getConnector());
    return new LookupJoinOperator(lookup, valueSchema -> connector.createLookup(new LookupContext(
        job.jobId(), spec.getOperatorId(), lookup.getTableName(),
        new ConnectorOptions(lookup.getTableName(), lookup.getOptionsMap()), valueSchema,
        id.subtaskIndex(), node.getParallelism())), job.options().compiler(), countersOf(spec).lookup());
  }

  private OperatorCounters countersOf(Operator spec) {
    return counters.stream().filter(operator -> operator.operatorId().equals(spec.getOperatorId())).findFirst()
        .orElseThrow(() -> new IllegalStateException("no counters for operator " + spec.getOperatorId()));
  }

  private io.tributary.engine.operator.Operator createOperator(Operator spec, OperatorContext context) {
    return switch (spec.getConfigCase()) {
      case PROJECTION -> new FilterProjectOperator(spec.getProjection(), job.options().compiler());
      case WATERMARK -> new WatermarkGenerator(spec.getWatermark(), job.options().compiler());
      case WINDOW_AGGREGATE -> new WindowAggregateOperator(spec.getWindowAggregate(), job.options().compiler().udfs());
      case UPDATING_AGGREGATE -> new UpdatingAggregateOperator(spec.getUpdatingAggregate(), job.options().compiler().udfs());
      case UNNEST -> new UnnestOperator(spec.getUnnest());
      case TOP_N -> new TopNOperator(spec.getTopN());
      case LOOKUP_JOIN -> lookupJoin(spec);
      case ASYNC_UDF -> io.tributary.engine.operator.async.AsyncUdfOperators.create(
          spec.getAsyncUdf(), job.options().compiler().udfs());
      case JOIN -> {
        JoinInputs inputs = join.orElseThrow(
            () -> new IllegalStateException("join " + spec.getOperatorId() + " is not the first operator of its node"));
        yield new JoinOperator(spec.getJoin(), inputs.left(), inputs.right(), job.options().compiler());
      }
      case SINK -> {
        SinkOperator sink = spec.getSink();
        Connector connector = job.connectors().connector(sink.getConnector());
        SinkContext sinkContext = new SinkContext(
            job.jobId(), spec.getOperatorId(), sink.getTableName(),
            new ConnectorOptions(sink.getTableName(), sink.getOptionsMap()), context.inputSchema(),
            id.subtaskIndex(), node.getParallelism(), allocator, job.options().clock(),
            preview(spec.getOperatorId()), job.options().checkpointStore().isPresent());
        yield new SinkWriter(() -> connector.createSink(sinkContext));
      }
      case SOURCE -> throw new IllegalStateException("a source can only be a node's first operator");
      case CONFIG_NOT_SET ->
          throw new IllegalArgumentException("operator " + spec.getOperatorId() + " has no configuration");
    };
  }

  private PreviewOutput preview(String operatorId) {
    return new PreviewOutput() {
      @Override
      public void rows(List<String> jsonRows, List<Long> timestampsMicros) {
        job.listener().previewRows(operatorId, id.subtaskIndex(), List.copyOf(jsonRows), List.copyOf(timestampsMicros));
      }

      @Override
      public void finished() {
        job.listener().previewFinished(operatorId, id.subtaskIndex());
      }
    };
  }

  // ---- checkpoints and restore ----

  /**
   * Restores the source's position and the chain's state from the checkpoint the job starts
   * from; on a fresh start with checkpoints, transactional sinks discard uncommitted output.
   */
  private void restore() {
    Optional<CheckpointMetadata> restored = job.restoredCheckpoint();
    if (restored.isEmpty()) {
      if (job.options().checkpointStore().isPresent()) {
        for (OperatorChain.Link link : chain.links()) {
          currentOperator = link.context().operatorId();
          transactional(link).ifPresent(sink -> sink.recover(List.of()));
        }
      }
      return;
    }
    CheckpointStore store = job.options().checkpointStore().orElseThrow();
    CheckpointMetadata metadata = restored.get();
    if (reader != null) {
      Operator spec = node.getOperators(0);
      currentOperator = spec.getOperatorId();
      Stateful source = reader.state().orElseThrow(() -> new IllegalStateException(
          "table " + spec.getSource().getTableName() + " cannot resume from checkpoint " + metadata.getEpoch()
              + ": connector '" + spec.getSource().getConnector() + "' does not record its read position"));
      source.restore(stateReader(store, metadata, spec.getOperatorId()));
    }
    List<OperatorChain.Link> links = chain.links();
    for (int i = 0; i < links.size(); i++) {
      OperatorChain.Link link = links.get(i);
      currentOperator = link.context().operatorId();
      CheckpointStateReader state = stateReader(store, metadata, currentOperator);
      if (i == 0 && watermarks != null) {
        state.global(INPUT_WATERMARK_TABLE).values().stream()
            .map(entries -> entries.get("watermark"))
            .mapToLong(StateCodec::decodeLong)
            .min()
            .ifPresent(watermarks::restore);
      }
      if (link.operator() instanceof Stateful stateful) {
        stateful.restore(state);
      }
      transactional(link).ifPresent(sink -> sink.recover(
          state.global(COMMIT_TABLE).values().stream().map(entries -> entries.get("data")).toList()));
    }
  }

  private CheckpointStateReader stateReader(CheckpointStore store, CheckpointMetadata metadata, String operatorId) {
    return new CheckpointStateReader(store, metadata, operatorId, id.subtaskIndex(), node.getParallelism(), allocator);
  }

  private static Optional<TransactionalSink> transactional(OperatorChain.Link link) {
    return link.operator() instanceof SinkWriter writer ? writer.transactional() : Optional.empty();
  }

  /**
   * Writes the source's position and every operator's state for the barrier's epoch and
   * reports it; the caller then passes the barrier on.
   */
  private void snapshotAndReport(CheckpointBarrier barrier, long alignmentStartedMicros) {
    CheckpointStore store = job.options().checkpointStore().orElseThrow();
    long epoch = barrier.epoch();
    long startedMicros = nowMicros();
    List<OperatorCheckpoint> operators = new ArrayList<>();
    if (reader != null && reader.state().isPresent()) {
      String sourceId = node.getOperators(0).getOperatorId();
      currentOperator = sourceId;
      CheckpointStateWriter writer = stateWriter(store, epoch, sourceId);
      reader.state().get().snapshot(writer);
      operators.add(writer.checkpoint());
    }
    List<OperatorChain.Link> links = chain.links();
    for (int i = 0; i < links.size(); i++) {
      OperatorChain.Link link = links.get(i);
      currentOperator = link.context().operatorId();
      CheckpointStateWriter writer = stateWriter(store, epoch, currentOperator);
      boolean wrote = false;
      if (i == 0 && watermarks != null) {
        OptionalLong position = watermarks.position();
        if (position.isPresent()) {
          writer.writeGlobal(INPUT_WATERMARK_TABLE, Map.of("watermark", StateCodec.encode(position.getAsLong())));
          wrote = true;
        }
      }
      if (link.operator() instanceof Stateful stateful) {
        stateful.snapshot(writer);
        wrote = true;
      }
      Optional<TransactionalSink> sink = transactional(link);
      if (sink.isPresent()) {
        writer.writeGlobal(COMMIT_TABLE, Map.of("data", sink.get().preCommit(epoch)));
        writer.hasCommitData();
        wrote = true;
      }
      if (wrote) {
        operators.add(writer.checkpoint());
      }
    }
    SubtaskCheckpoint report = SubtaskCheckpoint.newBuilder()
        .setJobId(job.jobId())
        .setEpoch(epoch)
        .setNodeId(id.nodeId())
        .setSubtaskIndex(id.subtaskIndex())
        .setParallelism(node.getParallelism())
        .setAlignmentStartedMicros(alignmentStartedMicros)
        .setCheckpointStartedMicros(startedMicros)
        .setFinishedMicros(nowMicros())
        .addAllOperators(operators)
        .setBytes(operators.stream().mapToLong(OperatorCheckpoint::getBytes).sum())
        .build();
    synchronized (this) {
      lastReported = Math.max(lastReported, epoch);
      expected.headMap(epoch, true).clear();
    }
    job.listener().checkpointed(report);
  }

  private CheckpointStateWriter stateWriter(CheckpointStore store, long epoch, String operatorId) {
    return new CheckpointStateWriter(store, job.jobId(), epoch, operatorId, id.subtaskIndex(), allocator,
        stateHistories.computeIfAbsent(operatorId, operator -> new StateHistory(ChainPolicy.DEFAULT)));
  }

  /** The input ended: checkpoints triggered from now on record the chain's final state. */
  private void retainForCheckpoints() {
    if (job.options().checkpointStore().isEmpty()) {
      return;
    }
    synchronized (this) {
      retained = true;
      long now = nowMicros();
      for (CheckpointBarrier barrier : List.copyOf(expected.values())) {
        snapshotAndReport(barrier, now);
      }
    }
  }

  private void commit(long epoch) {
    for (OperatorChain.Link link : chain.links()) {
      currentOperator = link.context().operatorId();
      transactional(link).ifPresent(sink -> sink.commit(epoch));
    }
  }

  /**
   * After the barrier of a stop-with-checkpoint: nothing more is read or flushed; the task
   * waits for the checkpoint to complete, lets its sinks commit, and ends.
   */
  private Ending awaitCommit(long epoch) throws InterruptedException {
    while (!cancelled) {
      ControlMessage message = control.poll(tickNanos, TimeUnit.NANOSECONDS);
      switch (message) {
        case null -> {}
        case ControlMessage.Stop stop -> {
          if (stop.mode() == StopMode.IMMEDIATE) {
            return Ending.CANCELLED;
          }
        }
        case ControlMessage.Checkpoint ignored -> {}
        case ControlMessage.Commit commit -> {
          commit(commit.epoch());
          if (commit.epoch() >= epoch) {
            return Ending.CHECKPOINTED;
          }
        }
      }
    }
    return Ending.CANCELLED;
  }

  private long nowMicros() {
    return job.options().clock().nowNanos() / 1_000;
  }

  // ---- main loops ----

  private Ending runSource() throws InterruptedException {
    long nextTick = System.nanoTime() + tickNanos;
    currentOperator = node.getOperators(0).getOperatorId();
    while (true) {
      ControlMessage message;
      while ((message = control.poll()) != null) {
        switch (message) {
          case ControlMessage.Stop stop -> {
            return stop.mode() == StopMode.GRACEFUL ? Ending.COMPLETED : Ending.CANCELLED;
          }
          case ControlMessage.Checkpoint checkpoint -> {
            CheckpointBarrier barrier = checkpoint.barrier();
            snapshotAndReport(barrier, checkpoint.triggeredMicros());
            router.barrier(barrier);
            if (barrier.thenStop()) {
              return awaitCommit(barrier.epoch());
            }
          }
          case ControlMessage.Commit commit -> commit(commit.epoch());
        }
      }
      if (cancelled) {
        return Ending.CANCELLED;
      }
      Source.PollResult result = pollSource();
      if (System.nanoTime() >= nextTick) {
        chain.onTick();
        nextTick = System.nanoTime() + tickNanos;
      }
      if (result == Source.PollResult.FINISHED) {
        return Ending.COMPLETED;
      }
      currentOperator = node.getOperators(0).getOperatorId();
    }
  }

  private Source.PollResult pollSource() {
    String sourceId = node.getOperators(0).getOperatorId();
    RuntimeException[] downstream = new RuntimeException[1];
    OperatorCounters source = counters.getFirst();
    try {
      return reader.poll(batch -> {
        try {
          source.sent(batch);
          chain.processBatch(batch);
        } catch (RuntimeException e) {
          downstream[0] = e;
          throw e;
        }
      });
    } catch (RuntimeException e) {
      if (e == downstream[0] || e instanceof OperatorException || e instanceof TaskCancelledException) {
        throw e;
      }
      throw new OperatorException(sourceId, message(e), e);
    }
  }

  /** The inputs' messages, aligned on barriers. */
  private Ending runInputs() throws InterruptedException {
    Alignment alignment = new Alignment();
    try {
      return alignment.run();
    } finally {
      alignment.release();
    }
  }

  /**
   * Reads the input queue, aligning on barriers: after an input's barrier its further messages
   * are held back until every input that has not ended delivered the barrier too; then the
   * chain is snapshotted, the barrier passed on, and the held-back messages processed (they
   * may hold the next barrier).
   */
  private final class Alignment {
    private final InputQueue input = queue.orElseThrow();
    private final int[] sides = join.map(JoinInputs::sides).orElse(null);
    private final boolean[] ended = new boolean[inputCount];
    private final boolean[] blocked = new boolean[inputCount];
    /** Messages of blocked inputs, in arrival order. */
    private final ArrayDeque<InputMessage> held = new ArrayDeque<>();
    /** Held-back messages being processed after an alignment, before the queue's. */
    private final ArrayDeque<InputMessage> replay = new ArrayDeque<>();
    private int endedCount;
    private Optional<CheckpointBarrier> aligning = Optional.empty();
    private long alignmentStartedMicros;

    Ending run() throws InterruptedException {
      long nextTick = System.nanoTime() + tickNanos;
      while (endedCount < inputCount) {
        ControlMessage message;
        while ((message = control.poll()) != null) {
          switch (message) {
            case ControlMessage.Stop stop -> {
              // A graceful stop reaches this task as end-of-stream from its stopped sources.
              if (stop.mode() == StopMode.IMMEDIATE) {
                return Ending.CANCELLED;
              }
            }
            case ControlMessage.Checkpoint ignored -> {}
            case ControlMessage.Commit commit -> commit(commit.epoch());
          }
        }
        if (cancelled) {
          return Ending.CANCELLED;
        }
        InputMessage next = replay.pollFirst();
        if (next == null) {
          next = input.poll(Math.max(0, nextTick - System.nanoTime()));
        }
        if (next != null) {
          Optional<CheckpointBarrier> stopAt = process(next);
          if (stopAt.isPresent()) {
            return awaitCommit(stopAt.get().epoch());
          }
        }
        if (System.nanoTime() >= nextTick) {
          chain.onTick();
          nextTick = System.nanoTime() + tickNanos;
        }
      }
      return Ending.COMPLETED;
    }

    /** @return the barrier of a stop-with-checkpoint once it has been aligned and passed on */
    private Optional<CheckpointBarrier> process(InputMessage next) {
      if (blocked[next.input()]) {
        held.addLast(next);
        return Optional.empty();
      }
      switch (next) {
        case InputMessage.Data data -> {
          if (sides != null) {
            chain.processBatch(sides[data.input()], data.batch());
          } else {
            chain.processBatch(data.batch());
          }
        }
        case InputMessage.WatermarkMessage mark ->
            watermarks.update(mark.input(), mark.watermark()).ifPresent(chain::processWatermark);
        case InputMessage.EndOfStream end -> {
          ended[end.input()] = true;
          endedCount++;
          watermarks.end(end.input()).ifPresent(chain::processWatermark);
        }
        case InputMessage.Barrier barrier -> {
          if (aligning.isEmpty()) {
            aligning = Optional.of(barrier.barrier());
            alignmentStartedMicros = nowMicros();
          } else if (aligning.get().epoch() != barrier.barrier().epoch()) {
            throw new IllegalStateException("input " + barrier.input() + " sent the barrier of checkpoint "
                + barrier.barrier().epoch() + " while checkpoint " + aligning.get().epoch() + " was aligning");
          }
          blocked[barrier.input()] = true;
        }
      }
      return aligning.isPresent() && aligned() ? Optional.of(complete()).filter(CheckpointBarrier::thenStop)
          : Optional.empty();
    }

    private boolean aligned() {
      for (int i = 0; i < inputCount; i++) {
        if (!ended[i] && !blocked[i]) {
          return false;
        }
      }
      return true;
    }

    private CheckpointBarrier complete() {
      CheckpointBarrier barrier = aligning.orElseThrow();
      snapshotAndReport(barrier, alignmentStartedMicros);
      router.barrier(barrier);
      aligning = Optional.empty();
      java.util.Arrays.fill(blocked, false);
      // Held messages are older than any still to be replayed from an earlier alignment.
      while (!held.isEmpty()) {
        replay.addFirst(held.pollLast());
      }
      return barrier;
    }

    void release() {
      Consumer<InputMessage> drop = InputMessage::release;
      held.forEach(drop);
      replay.forEach(drop);
      held.clear();
      replay.clear();
    }
  }

  private static String message(Throwable e) {
    Throwable cause = e instanceof OperatorException && e.getCause() != null ? e.getCause() : e;
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }

  private static String details(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @Override
  public String toString() {
    return "subtask " + id + " of node " + node.getNodeId();
  }
}
