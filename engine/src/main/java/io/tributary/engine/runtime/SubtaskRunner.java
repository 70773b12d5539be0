package io.tributary.engine.runtime;

import io.tributary.engine.connector.Connector;
import io.tributary.engine.connector.ConnectorOptions;
import io.tributary.engine.connector.PreviewOutput;
import io.tributary.engine.connector.Sink;
import io.tributary.engine.connector.SinkContext;
import io.tributary.engine.connector.Source;
import io.tributary.engine.connector.SourceContext;
import io.tributary.engine.operator.FilterProjectOperator;
import io.tributary.engine.operator.JoinOperator;
import io.tributary.engine.operator.OperatorChain;
import io.tributary.engine.operator.OperatorContext;
import io.tributary.engine.operator.OperatorException;
import io.tributary.engine.operator.SinkWriter;
import io.tributary.engine.operator.UpdatingAggregateOperator;
import io.tributary.engine.operator.WatermarkGenerator;
import io.tributary.engine.operator.WindowAggregateOperator;
import io.tributary.proto.program.Node;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.SinkOperator;
import io.tributary.proto.program.SourceOperator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/** Runs one subtask on its own thread: its source or input queue, its operator chain. */
final class SubtaskRunner implements Runnable {
  private final JobExecution job;
  private final SubtaskId id;
  private final Node node;
  private final Optional<Schema> inputSchema;
  private final BufferAllocator allocator;
  private final Optional<InputQueue> queue;
  private final int inputCount;
  private final ConcurrentLinkedQueue<ControlMessage> control = new ConcurrentLinkedQueue<>();
  private final long tickNanos;
  private final Optional<JoinInputs> join;
  private OutputRouter router;

  /** For a node starting with a join: the side of each input index, and the sides' schemas. */
  record JoinInputs(int[] sides, Schema left, Schema right) {}

  private volatile boolean cancelled;
  private volatile boolean reportStop;
  private String currentOperator;

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

  void signal(ControlMessage message) {
    control.add(message);
    queue.ifPresent(InputQueue::wakeUp);
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
    OperatorChain chain = null;
    SourceReader reader = null;
    try {
      job.listener().taskStarted(id);
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
      chain = new OperatorChain(links, router);
      chain.open();
      boolean completed = reader != null ? runSource(reader, chain) : runInputs(chain);
      if (completed) {
        chain.finish();
        router.endOfStream();
      }
      closeAll(chain, reader);
      chain = null;
      reader = null;
      if (completed || reportStop) {
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
      try {
        closeAll(chain, reader);
      } catch (Throwable ignored) {
        // Already failing or cancelled; the first error was reported.
      }
      job.runnerExited(this);
    }
  }

  private static void closeAll(OperatorChain chain, SourceReader reader) {
    RuntimeException failure = null;
    if (reader != null) {
      try {
        reader.close();
      } catch (RuntimeException e) {
        failure = e;
      }
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
        id.subtaskIndex(), node.getParallelism(), allocator, job.options().clock());
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

  private io.tributary.engine.operator.Operator createOperator(Operator spec, OperatorContext context) {
    return switch (spec.getConfigCase()) {
      case PROJECTION -> new FilterProjectOperator(spec.getProjection(), job.options().compiler());
      case WATERMARK -> new WatermarkGenerator(spec.getWatermark(), job.options().compiler());
      case WINDOW_AGGREGATE -> new WindowAggregateOperator(spec.getWindowAggregate());
      case UPDATING_AGGREGATE -> new UpdatingAggregateOperator(spec.getUpdatingAggregate());
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
            preview(spec.getOperatorId()));
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

  /** @return true when the source finished or was stopped gracefully */
  private boolean runSource(SourceReader reader, OperatorChain chain) {
    long nextTick = System.nanoTime() + tickNanos;
    currentOperator = node.getOperators(0).getOperatorId();
    while (true) {
      ControlMessage message;
      while ((message = control.poll()) != null) {
        switch (message) {
          case ControlMessage.Stop stop -> {
            if (stop.mode() == StopMode.GRACEFUL) {
              return true;
            }
            return false;
          }
        }
      }
      if (cancelled) {
        return false;
      }
      Source.PollResult result = pollSource(reader, chain);
      if (System.nanoTime() >= nextTick) {
        chain.onTick();
        nextTick = System.nanoTime() + tickNanos;
      }
      if (result == Source.PollResult.FINISHED) {
        return true;
      }
    }
  }

  private Source.PollResult pollSource(SourceReader reader, OperatorChain chain) {
    String sourceId = node.getOperators(0).getOperatorId();
    RuntimeException[] downstream = new RuntimeException[1];
    try {
      return reader.poll(batch -> {
        try {
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

  /** @return true when every input ended */
  private boolean runInputs(OperatorChain chain) throws InterruptedException {
    InputQueue input = queue.orElseThrow();
    WatermarkTracker watermarks = new WatermarkTracker(inputCount);
    int[] sides = join.map(JoinInputs::sides).orElse(null);
    int ended = 0;
    long nextTick = System.nanoTime() + tickNanos;
    while (ended < inputCount) {
      ControlMessage message;
      while ((message = control.poll()) != null) {
        switch (message) {
          case ControlMessage.Stop stop -> {
            // A graceful stop reaches this task as end-of-stream from its stopped sources.
            if (stop.mode() == StopMode.IMMEDIATE) {
              return false;
            }
          }
        }
      }
      if (cancelled) {
        return false;
      }
      long wait = Math.max(0, nextTick - System.nanoTime());
      InputMessage next = input.poll(wait);
      if (next != null) {
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
            ended++;
            watermarks.end(end.input()).ifPresent(chain::processWatermark);
          }
        }
      }
      if (System.nanoTime() >= nextTick) {
        chain.onTick();
        nextTick = System.nanoTime() + tickNanos;
      }
    }
    return true;
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
