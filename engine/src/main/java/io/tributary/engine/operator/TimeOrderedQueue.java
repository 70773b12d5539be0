package io.tributary.engine.operator;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.ToLongFunction;

/**
 * Items polled in order of their time, earliest first. The rows of a stream arrive nearly in time
 * order (at most the watermark's delay apart), so an item no earlier than the last one in order goes
 * to the tail of a queue at constant cost, and only the others to a heap: a join keeping millions of
 * rows for their TTL no longer pays a heap insertion for each.
 */
final class TimeOrderedQueue<T> {
  private final ToLongFunction<T> time;
  private final ArrayDeque<T> ordered = new ArrayDeque<>();
  private final PriorityQueue<T> unordered;

  TimeOrderedQueue(ToLongFunction<T> time) {
    this.time = requireNonNull(time, "time is null");
    this.unordered = new PriorityQueue<>(Comparator.comparingLong(time));
  }

  void add(T item) {
    requireNonNull(item, "item is null");
    if (ordered.isEmpty() || time.applyAsLong(ordered.peekLast()) <= time.applyAsLong(item)) {
      ordered.addLast(item);
    } else {
      unordered.add(item);
    }
  }

  boolean isEmpty() {
    return ordered.isEmpty() && unordered.isEmpty();
  }

  /** The earliest time held; the queue must not be empty. */
  long earliest() {
    return time.applyAsLong(next());
  }

  /** Removes and returns an item of the earliest time; the queue must not be empty. */
  T poll() {
    T next = next();
    return next == ordered.peekFirst() ? ordered.pollFirst() : unordered.poll();
  }

  void clear() {
    ordered.clear();
    unordered.clear();
  }

  private T next() {
    if (isEmpty()) {
      throw new NoSuchElementException("the queue is empty");
    }
    if (unordered.isEmpty()) {
      return ordered.peekFirst();
    }
    if (ordered.isEmpty()) {
      return unordered.peek();
    }
    T first = ordered.peekFirst();
    T other = unordered.peek();
    return time.applyAsLong(first) <= time.applyAsLong(other) ? first : other;
  }
}
