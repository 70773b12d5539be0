package io.tributary.engine.runtime;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.Allocators;
import io.tributary.engine.checkpoint.CheckpointCoordinator;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.checkpoint.CheckpointStoreException;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.engine.metrics.SubtaskMetrics;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A job's subtasks running on this worker: one platform thread per local subtask, bounded
 * input queues between them, a control channel into each.
 *
 * <p>Lifecycle: {@link #start} validates the program, wires the subtasks and starts their
 * threads. Tasks end when their input ends (bounded sources finish and end-of-stream flows
 * down every edge), on {@link #stop}, or when any task fails, which cancels the others. Once
 * every thread ended, queued batches are released and the job's allocators closed.
 */
public final class JobExecution implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(JobExecution.class.getName());

  private final ExecutionSpec spec;
  private final ExecutionOptions options;
  private final ExecutionListener listener;
  private final BufferAllocator jobAllocator;
  private final Map<SubtaskId, SubtaskRunner> runners = new LinkedHashMap<>();
  private final ProgramPlan plan;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicBoolean failed = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final List<Thread> threads = new ArrayList<>();
  private final Optional<CheckpointMetadata> restoredCheckpoint;

  private JobExecution(ExecutionSpec spec, ExecutionOptions options, ProgramPlan plan,
      Optional<CheckpointMetadata> restoredCheckpoint) {
    this.spec = spec;
    this.restoredCheckpoint = restoredCheckpoint;
    this.options = options;
    this.plan = plan;
    this.listener = new GuardedListener(spec.listener());
    BufferAllocator parent = options.parentAllocator().orElseGet(Allocators::root);
    this.jobAllocator = parent.newChildAllocator("job-" + spec.jobId(), 0, Long.MAX_VALUE);
  }

  /** Starts the job's local subtasks with default options; returns at once. */
  public static JobExecution start(ExecutionSpec spec) {
    return start(spec, ExecutionOptions.defaults());
  }

  /**
   * Starts the job's local subtasks; returns at once.
   *
   * @throws InvalidProgramException if the program cannot run as given
   * @throws CheckpointStoreException if the checkpoint to restore cannot be read
   */
  public static JobExecution start(ExecutionSpec spec, ExecutionOptions options) {
    requireNonNull(spec, "spec is null");
    requireNonNull(options, "options is null");
    ProgramPlan plan = ProgramPlan.of(spec.program(), spec.localSubtasks());
    JobExecution job = new JobExecution(spec, options, plan, restoredCheckpoint(spec, options));
    try {
      job.wire();
    } catch (RuntimeException e) {
      job.release();
      throw e;
    }
    job.launch();
    return job;
  }

  private static Optional<CheckpointMetadata> restoredCheckpoint(ExecutionSpec spec, ExecutionOptions options) {
    if (spec.restoreEpoch().isEmpty()) {
      return Optional.empty();
    }
    long epoch = spec.restoreEpoch().getAsLong();
    CheckpointStore store = options.checkpointStore().orElseThrow(() -> new IllegalArgumentException(
        "job " + spec.jobId() + " cannot restore checkpoint " + epoch + ": no checkpoint store is configured"));
    return Optional.of(CheckpointCoordinator.load(store, spec.jobId(), epoch).orElseThrow(() ->
        new CheckpointStoreException("cannot restore job " + spec.jobId() + " from checkpoint " + epoch
            + ": it is missing or incomplete in checkpoint store " + store.location())));
  }

  private void wire() {
    long tickNanos = options.tickInterval().toNanos();
    for (Node node : spec.program().getNodesList()) {
      for (int i = 0; i < node.getParallelism(); i++) {
        SubtaskId id = new SubtaskId(node.getNodeId(), i);
        if (!spec.localSubtasks().contains(id)) {
          continue;
        }
        boolean fed = !plan.incoming(node.getNodeId()).isEmpty();
        BufferAllocator allocator = jobAllocator.newChildAllocator("subtask-" + id, 0, Long.MAX_VALUE);
        Optional<InputQueue> queue = fed
            ? Optional.of(new InputQueue(options.queueBatches(), options.queueRows()))
            : Optional.empty();
        runners.put(id, new SubtaskRunner(
            this, id, node, fed ? Optional.of(plan.inputSchema(node.getNodeId())) : Optional.empty(),
            allocator, queue, plan.inputCount(node.getNodeId()), tickNanos,
            plan.isJoin(node.getNodeId())
                ? Optional.of(new SubtaskRunner.JoinInputs(plan.inputSides(node.getNodeId()),
                    plan.sideSchema(node.getNodeId(), 0), plan.sideSchema(node.getNodeId(), 1)))
                : Optional.empty()));
      }
    }
    for (SubtaskRunner runner : runners.values()) {
      SubtaskId sender = runner.id();
      List<OutputRouter.EdgeOutput> edges = new ArrayList<>();
      for (ProgramPlan.IndexedEdge indexed : plan.outgoing(sender.nodeId())) {
        var edge = indexed.edge();
        Node target = plan.node(edge.getTargetNode());
        List<OutputChannel> channels = new ArrayList<>();
        if (edge.getType() == EdgeType.FORWARD) {
          channels.add(channel(sender, new SubtaskId(target.getNodeId(), sender.subtaskIndex()), indexed.index()));
        } else {
          for (int i = 0; i < target.getParallelism(); i++) {
            channels.add(channel(sender, new SubtaskId(target.getNodeId(), i), indexed.index()));
          }
        }
        edges.add(new OutputRouter.EdgeOutput(edge.getType(), edge.getKeyFieldsList(), channels));
      }
      runner.setRouter(new OutputRouter(edges, runner.allocator(), sender.subtaskIndex()));
    }
  }

  private OutputChannel channel(SubtaskId sender, SubtaskId receiver, int edgeIndex) {
    SubtaskRunner local = runners.get(receiver);
    if (local == null) {
      return options.remoteChannels().open(sender, receiver, edgeIndex);
    }
    int input = plan.inputIndex(receiver.nodeId(), edgeIndex, sender.subtaskIndex());
    return new LocalChannel(local.queue().orElseThrow(), local.allocator(), input);
  }

  /**
   * The receiving end for a sender on another worker: what a data-plane server calls with
   * the batches it receives for local subtask {@code receiver}.
   */
  public OutputChannel inboundChannel(SubtaskId sender, SubtaskId receiver, int edgeIndex) {
    SubtaskRunner local = runners.get(receiver);
    if (local == null) {
      throw new IllegalArgumentException("subtask " + receiver + " does not run here");
    }
    int input = plan.inputIndex(receiver.nodeId(), edgeIndex, sender.subtaskIndex());
    return new LocalChannel(local.queue().orElseThrow(), local.allocator(), input);
  }

  private void launch() {
    running.set(runners.size());
    if (runners.isEmpty()) {
      release();
      return;
    }
    for (SubtaskRunner runner : runners.values()) {
      Thread thread = Thread.ofPlatform()
          .name("tributary-" + spec.jobId() + "-" + runner.id())
          .daemon(true)
          .unstarted(runner);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
  }

  /**
   * Asks the job to stop. GRACEFUL: sources stop reading and what they read drains to the
   * sinks, after which every task reports finished. IMMEDIATE: every task is cancelled.
   */
  public void stop(StopMode mode) {
    requireNonNull(mode, "mode is null");
    for (SubtaskRunner runner : runners.values()) {
      if (mode == StopMode.GRACEFUL) {
        runner.signal(new ControlMessage.Stop(StopMode.GRACEFUL));
      } else {
        runner.cancel(true);
      }
    }
  }

  /**
   * Starts checkpoint {@code epoch}: local sources inject its barrier between two polls; every
   * local subtask reports through {@link ExecutionListener#checkpointed} once its state is
   * written (a subtask whose input already ended reports its final state).
   *
   * @param thenStop stop mode {@code checkpoint}: sources stop after the barrier, and every
   *     subtask ends once {@link #commitCheckpoint} committed the epoch, without flushing
   * @throws IllegalStateException if the job has no checkpoint store
   */
  public void triggerCheckpoint(long epoch, boolean thenStop) {
    if (options.checkpointStore().isEmpty()) {
      throw new IllegalStateException(
          "cannot take checkpoint " + epoch + " of job " + spec.jobId() + ": no checkpoint store is configured");
    }
    CheckpointBarrier barrier = new CheckpointBarrier(epoch, thenStop);
    long triggeredMicros = options.clock().nowNanos() / 1_000;
    for (SubtaskRunner runner : runners.values()) {
      runner.checkpoint(barrier, triggeredMicros);
    }
  }

  /** Checkpoint {@code epoch} is complete (its metadata is durable): two-phase-commit sinks commit. */
  public void commitCheckpoint(long epoch) {
    for (SubtaskRunner runner : runners.values()) {
      runner.signal(new ControlMessage.Commit(epoch));
    }
  }

  /** Waits until every local task ended and the job's resources are released. */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  public boolean isTerminated() {
    return terminated.getCount() == 0;
  }

  public String jobId() {
    return spec.jobId();
  }

  /**
   * Every local subtask's counters as they are now (totals since the subtask started, for ended
   * subtasks their final ones), by node and subtask index. Cheap: no subtask is paused.
   */
  public List<SubtaskMetrics> metrics() {
    long nowMicros = options.clock().nowNanos() / 1_000;
    return runners.values().stream().map(runner -> runner.metrics(nowMicros)).toList();
  }

  /** Cancels what still runs and waits (up to a minute) for the tasks to end. */
  @Override
  public void close() {
    if (isTerminated()) {
      return;
    }
    stop(StopMode.IMMEDIATE);
    try {
      if (!awaitTermination(Duration.ofMinutes(1))) {
        LOG.log(System.Logger.Level.WARNING, "job {0} did not stop within a minute", spec.jobId());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  ExecutionListener listener() {
    return listener;
  }

  ExecutionOptions options() {
    return options;
  }

  Optional<CheckpointMetadata> restoredCheckpoint() {
    return restoredCheckpoint;
  }

  ConnectorRegistry connectors() {
    return spec.connectors();
  }

  void taskFailed(SubtaskRunner runner, String operatorId, String message, String details) {
    listener.taskFailed(runner.id(), operatorId, message, details);
    if (failed.compareAndSet(false, true)) {
      for (SubtaskRunner other : runners.values()) {
        if (other != runner) {
          other.cancel(false);
        }
      }
    }
  }

  void runnerExited(SubtaskRunner runner) {
    if (running.decrementAndGet() == 0) {
      release();
    }
  }

  /** Frees everything once no thread uses it any more; leaks are logged, not thrown. */
  private void release() {
    try {
      for (SubtaskRunner runner : runners.values()) {
        runner.queue().ifPresent(InputQueue::close);
        try {
          runner.releaseRetained();
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "closing " + runner + " of job " + spec.jobId() + " failed", e);
        }
      }
      for (SubtaskRunner runner : runners.values()) {
        closeAllocator(runner.allocator());
      }
      closeAllocator(jobAllocator);
    } finally {
      terminated.countDown();
    }
  }

  private void closeAllocator(BufferAllocator allocator) {
    try {
      allocator.close();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR,
          "job " + spec.jobId() + " leaked Arrow memory in " + allocator.getName(), e);
    }
  }

  /** Keeps a failing listener from breaking the dataflow or its cleanup. */
  private static final class GuardedListener implements ExecutionListener {
    private final ExecutionListener delegate;

    GuardedListener(ExecutionListener delegate) {
      this.delegate = delegate;
    }

    private void call(Runnable action, String event) {
      try {
        action.run();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "execution listener failed on " + event, e);
      }
    }

    @Override
    public void taskStarted(SubtaskId task) {
      call(() -> delegate.taskStarted(task), "taskStarted");
    }

    @Override
    public void taskFinished(SubtaskId task) {
      call(() -> delegate.taskFinished(task), "taskFinished");
    }

    @Override
    public void taskFailed(SubtaskId task, String operatorId, String message, String details) {
      call(() -> delegate.taskFailed(task, operatorId, message, details), "taskFailed");
    }

    @Override
    public void previewRows(String operatorId, int subtaskIndex, List<String> jsonRows, List<Long> timestampsMicros) {
      call(() -> delegate.previewRows(operatorId, subtaskIndex, jsonRows, timestampsMicros), "previewRows");
    }

    @Override
    public void previewFinished(String operatorId, int subtaskIndex) {
      call(() -> delegate.previewFinished(operatorId, subtaskIndex), "previewFinished");
    }

    @Override
    public void checkpointed(SubtaskCheckpoint checkpoint) {
      call(() -> delegate.checkpointed(checkpoint), "checkpointed");
    }
  }
}
