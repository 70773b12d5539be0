package io.tributary.engine.runtime;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A subtask's bounded input: senders block while it holds {@code maxBatches} batches or
 * {@code maxRows} rows (one batch is always accepted into an empty queue, whatever its size).
 * Watermarks, barriers and end-of-stream markers are never held back, so that they cannot deadlock
 * behind a full queue, but they keep their order relative to the data.
 */
final class InputQueue {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final ArrayDeque<InputMessage> messages = new ArrayDeque<>();
  private final int maxBatches;
  private final long maxRows;
  private int batches;
  private long rows;
  private boolean closed;
  private boolean wakeUp;

  InputQueue(int maxBatches, long maxRows) {
    this.maxBatches = maxBatches;
    this.maxRows = maxRows;
  }

  /**
   * Enqueues a message, waiting for room if it is data.
   *
   * @return false if the queue was closed (the receiver is gone); the message was released
   */
  boolean put(InputMessage message) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      if (message instanceof InputMessage.Data data) {
        int size = data.batch().rowCount();
        while (!closed && !hasRoomFor(size)) {
          notFull.await();
        }
      }
      if (closed) {
        message.release();
        return false;
      }
      messages.addLast(message);
      if (message instanceof InputMessage.Data data) {
        batches++;
        rows += data.batch().rowCount();
      }
      notEmpty.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Whether a batch of {@code rowCount} rows would be accepted now without waiting. */
  boolean hasRoomFor(int rowCount) {
    lock.lock();
    try {
      return batches == 0 || (batches < maxBatches && rows + rowCount <= maxRows);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The next message, or null when {@code timeoutNanos} passed, {@link #wakeUp} was called or
   * the queue was closed.
   */
  InputMessage poll(long timeoutNanos) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      long remaining = timeoutNanos;
      while (messages.isEmpty() && !wakeUp && !closed) {
        if (remaining <= 0) {
          return null;
        }
        remaining = notEmpty.awaitNanos(remaining);
      }
      wakeUp = false;
      InputMessage message = messages.pollFirst();
      if (message instanceof InputMessage.Data data) {
        batches--;
        rows -= data.batch().rowCount();
        notFull.signalAll();
      }
      return message;
    } finally {
      lock.unlock();
    }
  }

  /** How full the queue is, for metrics: {@code batches} of {@code maxBatches}, {@code rows} of {@code maxRows}. */
  record Level(int batches, int maxBatches, long rows, long maxRows) {
    /** From 0 (empty) to 1 (a sender would wait), whichever limit is closer. */
    double fill() {
      return Math.min(1.0, Math.max((double) batches / maxBatches, (double) rows / maxRows));
    }
  }

  /** Read by a metrics reporter every few seconds, never on the data path. */
  Level level() {
    lock.lock();
    try {
      return new Level(batches, maxBatches, rows, maxRows);
    } finally {
      lock.unlock();
    }
  }

  /** Makes a waiting {@link #poll} return, so the receiver looks at its control messages. */
  void wakeUp() {
    lock.lock();
    try {
      wakeUp = true;
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Refuses further messages, releases the queued ones and unblocks every waiter. */
  void close() {
    lock.lock();
    try {
      closed = true;
      InputMessage message;
      while ((message = messages.pollFirst()) != null) {
        message.release();
      }
      batches = 0;
      rows = 0;
      notEmpty.signalAll();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
