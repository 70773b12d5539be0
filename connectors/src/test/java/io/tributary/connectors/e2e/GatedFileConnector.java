package io.tributary.connectors.e2e;

import io.tributary.connectors.file.SingleFileConnector;
import io.tributary.engine.connector.Connector;
import io.tributary.engine.connector.Sink;
import io.tributary.engine.connector.SinkContext;
import io.tributary.engine.connector.Source;
import io.tributary.engine.connector.SourceContext;
import io.tributary.engine.state.StateReader;
import io.tributary.engine.state.StateWriter;
import io.tributary.engine.state.Stateful;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The real {@code single_file} connector, with its sources held on a gate so that a job on a
 * small input is still running when the test checkpoints it. The test writes a prefix of each
 * input file and {@link Gate#advance advances} the gate; every source then reads its file to
 * the current end (which the real reader resumes from when the file grows) and waits, polled
 * but emitting nothing, until the next phase. Sinks are the real connector's.
 */
final class GatedFileConnector implements Connector {
  private final SingleFileConnector delegate = new SingleFileConnector();
  private final Gate gate;

  GatedFileConnector(Gate gate) {
    this.gate = gate;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Source createSource(SourceContext context) {
    gate.created();
    return new GatedSource(delegate.createSource(context), gate);
  }

  @Override
  public Sink createSink(SinkContext context) {
    return delegate.createSink(context);
  }

  /** The phase sources may read up to, and how many of them have read the whole of it. */
  static final class Gate {
    private int phase;
    private int created;
    private int caughtUp;

    synchronized void created() {
      created++;
      notifyAll();
    }

    /** Lets every source read what its file now holds. */
    synchronized void advance() {
      phase++;
      caughtUp = 0;
      notifyAll();
    }

    synchronized int phase() {
      return phase;
    }

    synchronized void caughtUp(int reached) {
      if (reached == phase) {
        caughtUp++;
        notifyAll();
      }
    }

    /**
     * Waits until {@code sources} sources exist and each has read its file to the end in the
     * current phase; false when that did not happen within the timeout (a hung job).
     */
    synchronized boolean awaitCaughtUp(int sources, long timeoutMillis) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      while (created < sources || caughtUp < sources) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        wait(left);
      }
      return true;
    }
  }

  private static final class GatedSource implements Source, Stateful {
    private final Source delegate;
    private final Gate gate;
    private int reached;

    GatedSource(Source delegate, Gate gate) {
      this.delegate = delegate;
      this.gate = gate;
    }

    @Override
    public PollResult poll(Output output) {
      int phase = gate.phase();
      if (reached >= phase) {
        // Nothing to read in this phase: stay alive, let the runtime handle barriers and stops.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        return PollResult.MORE;
      }
      if (delegate.poll(output) == PollResult.FINISHED) {
        reached = phase;
        gate.caughtUp(phase);
      }
      return PollResult.MORE;
    }

    @Override
    public void snapshot(StateWriter writer) {
      ((Stateful) delegate).snapshot(writer);
    }

    @Override
    public void restore(StateReader reader) {
      ((Stateful) delegate).restore(reader);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
