package io.tributary.engine.checkpoint;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A new object being written to a {@link CheckpointStore} as a stream. Nothing is visible under
 * its path until {@link #publish()}; closing it without publishing discards what was written,
 * so a snapshot that fails half-way leaves no torn file behind.
 */
public abstract class StoreOutput extends OutputStream {
  private long written;
  private boolean published;
  private boolean closed;

  /** Makes the whole content visible under the path at once. */
  public final void publish() {
    if (closed) {
      throw new IllegalStateException("a store output cannot be published after it was closed");
    }
    doPublish();
    published = true;
    closed = true;
  }

  /** Bytes written so far. */
  public final long written() {
    return written;
  }

  @Override
  public final void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public final void write(byte[] bytes, int offset, int length) throws IOException {
    if (closed) {
      throw new IOException("store output is closed");
    }
    doWrite(bytes, offset, length);
    written += length;
  }

  /** Discards the content unless it was published. */
  @Override
  public final void close() {
    if (!closed) {
      closed = true;
      if (!published) {
        doAbort();
      }
    }
  }

  protected abstract void doWrite(byte[] bytes, int offset, int length) throws IOException;

  /** @throws CheckpointStoreException if the content cannot be made visible */
  protected abstract void doPublish();

  /** Drops what was written; must not throw. */
  protected abstract void doAbort();
}
