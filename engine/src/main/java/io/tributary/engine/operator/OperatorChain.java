package io.tributary.engine.operator;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.metrics.OperatorCounters;
import java.util.ArrayList;
import java.util.List;

/**
 * Operators run one after another in a subtask: each operator's collector feeds the next,
 * the last one feeds the node's output. Failures are tagged with the failing operator's id.
 */
public final class OperatorChain implements AutoCloseable {
  /** An operator with its id and context, as the chain runs it. */
  public record Link(Operator operator, OperatorContext context) {
    public Link {
      requireNonNull(operator);
      requireNonNull(context);
    }
  }

  private final List<Link> links;
  private final List<OperatorCounters> counters;
  private final List<Collector> collectors;
  private final Collector head;
  private boolean closed;

  /** A chain whose counts nobody reads. */
  public OperatorChain(List<Link> links, Collector output) {
    this(links, output, links.stream().map(link -> new OperatorCounters(link.context().operatorId())).toList());
  }

  /** @param counters one per link, in order: what each operator receives and sends is counted there */
  public OperatorChain(List<Link> links, Collector output, List<OperatorCounters> counters) {
    this.links = List.copyOf(links);
    this.counters = List.copyOf(counters);
    requireNonNull(output);
    if (this.counters.size() != this.links.size()) {
      throw new IllegalArgumentException(
          this.links.size() + " operators need as many counters, got " + this.counters.size());
    }
    List<Collector> chain = new ArrayList<>(this.links.size());
    Collector next = output;
    for (int i = this.links.size() - 1; i >= 0; i--) {
      Collector sent = new Sent(this.counters.get(i), next);
      chain.addFirst(sent);
      next = new Stage(i, sent);
    }
    this.collectors = chain;
    this.head = next;
  }

  /** Opens every operator, first to last. */
  public void open() {
    for (Link link : links) {
      guard(link, () -> link.operator().open(link.context()));
    }
  }

  /** Feeds a batch to the first operator (or the output when the chain is empty). */
  public void processBatch(RecordBatch batch) {
    head.collect(batch);
  }

  /**
   * Feeds a batch of input {@code side} to the first operator, which must be a
   * {@link TwoInputOperator}.
   */
  public void processBatch(int side, RecordBatch batch) {
    if (links.isEmpty() || !(links.getFirst().operator() instanceof TwoInputOperator twoInput)) {
      batch.close();
      throw new IllegalStateException("the chain's first operator does not take two inputs");
    }
    Link link = links.getFirst();
    Collector out = collectors.getFirst();
    counters.getFirst().received(batch);
    guard(link, () -> twoInput.processBatch(side, batch, out));
  }

  public void processWatermark(Watermark watermark) {
    head.collectWatermark(watermark);
  }

  public void onTick() {
    for (int i = 0; i < links.size(); i++) {
      Link link = links.get(i);
      Collector out = collectors.get(i);
      guard(link, () -> link.operator().onTick(out));
    }
  }

  /** End of input: each operator flushes into the rest of the chain, first to last. */
  public void finish() {
    for (int i = 0; i < links.size(); i++) {
      Link link = links.get(i);
      Collector out = collectors.get(i);
      guard(link, () -> link.operator().finish(out));
    }
  }

  public List<Link> links() {
    return links;
  }

  /** Closes every operator; the first failure is rethrown after all were closed. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    for (Link link : links) {
      try {
        link.operator().close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = new OperatorException(
              link.context().operatorId(),
              "operator " + link.context().operatorId() + " failed to close: " + e.getMessage(), e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void guard(Link link, Runnable action) {
    try {
      action.run();
    } catch (OperatorException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new OperatorException(
          link.context().operatorId(),
          describe(e),
          e);
    }
  }

  /** The message a user sees: the error's own words, which name what was attempted. */
  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private final class Stage implements Collector {
    private final int index;
    private final Collector out;

    Stage(int index, Collector out) {
      this.index = index;
      this.out = out;
    }

    @Override
    public void collect(RecordBatch batch) {
      Link link = links.get(index);
      counters.get(index).received(batch);
      guard(link, () -> link.operator().processBatch(batch, out));
    }

    @Override
    public void collectWatermark(Watermark watermark) {
      Link link = links.get(index);
      counters.get(index).watermark(watermark);
      guard(link, () -> link.operator().processWatermark(watermark, out));
    }
  }

  /** Counts what an operator emits on its way to the next one (or the node's output). */
  private static final class Sent implements Collector {
    private final OperatorCounters counters;
    private final Collector out;

    Sent(OperatorCounters counters, Collector out) {
      this.counters = counters;
      this.out = out;
    }

    @Override
    public void collect(RecordBatch batch) {
      counters.sent(batch);
      out.collect(batch);
    }

    @Override
    public void collectWatermark(Watermark watermark) {
      counters.watermark(watermark);
      out.collectWatermark(watermark);
    }
  }
}
