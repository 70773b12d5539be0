package io.tributary.engine.operator.window;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
* Session windows per key: {@code [first row, last row + gap)}. A row opens the window
* {@code [t, t + gap)} and merges with every open session of its key that this window overlaps,
* so the sessions of a key stay disjoint. What a session holds ({@code S}: accumulators, buffered
* rows) is the caller's; merging folds the later session's state into the earlier one's.
*/
public final class SessionWindows<S> {
  /** An open session of one key. */
  public static final class Session<S> {
    private long start;
    private long end;
    private final S state;

    private Session(long start, long end, S state) {
      this.start = start;
      this.end = end;
      this.state = state;
    }

    public long start() {
      return start;
    }

    public long end() {
      return end;
    }

    public S state() {
      return state;
    }
  }

  /** A session closed by the watermark, with its key. */
  public record Closed<S>(GroupKey key, long start, long end, S state) {}

  private final long gapNanos;
  private final BiConsumer<S, S> foldLaterIntoEarlier;
  private final LinkedHashMap<GroupKey, TreeMap<Long, Session<S>>> sessions = new LinkedHashMap<>();
  private long earliestEnd = Long.MAX_VALUE;

  public SessionWindows(long gapNanos, BiConsumer<S, S> foldLaterIntoEarlier) {
    if (gapNanos <= 0) {
      throw new IllegalArgumentException("a session gap must be positive, got " + gapNanos + " ns");
    }
    this.gapNanos = gapNanos;
    this.foldLaterIntoEarlier = foldLaterIntoEarlier;
  }

  /**
  * The session a row of {@code key} at {@code time} belongs to, after merging; empty when the
  * row is late: it touches no open session and its own window has already closed.
  */
  public Optional<Session<S>> add(GroupKey key, long time, long watermark, Supplier<S> fresh) {
    long end = time + gapNanos;
    TreeMap<Long, Session<S>> perKey = sessions.get(key);
    Session<S> merged = null;
    if (perKey != null) {
      // Sessions of a key are disjoint: walk back from the last one starting before `end`
      // while they still reach past `time`; each one met starts earlier than the last.
      Iterator<Session<S>> overlapping = perKey.headMap(end, false).descendingMap().values().iterator();
      while (overlapping.hasNext()) {
        Session<S> session = overlapping.next();
        if (session.end <= time) {
          break;
        }
        overlapping.remove();
        if (merged != null) {
          foldLaterIntoEarlier.accept(session.state, merged.state);
          session.start = Math.min(merged.start, session.start);
          session.end = Math.max(merged.end, session.end);
        }
        merged = session;
      }
    }
    if (merged == null) {
      if (end <= watermark) {
        return Optional.empty();
      }
      merged = new Session<>(time, end, fresh.get());
    } else {
      merged.start = Math.min(merged.start, time);
      merged.end = Math.max(merged.end, end);
    }
    if (perKey == null) {
      perKey = new TreeMap<>();
      sessions.put(key, perKey);
    }
    perKey.put(merged.start, merged);
    earliestEnd = Math.min(earliestEnd, merged.end);
    return Optional.of(merged);
  }

  /**
  * Removes every session that ends at or before {@code upTo} ({@link Long#MAX_VALUE}: all of
  * them), in the order of their ends, then starts.
  */
  public List<Closed<S>> closeUpTo(long upTo) {
    List<Closed<S>> closed = new ArrayList<>();
    if (upTo < earliestEnd) {
      return closed;
    }
    long earliest = Long.MAX_VALUE;
    Iterator<Map.Entry<GroupKey, TreeMap<Long, Session<S>>>> keys = sessions.entrySet().iterator();
    while (keys.hasNext()) {
      Map.Entry<GroupKey, TreeMap<Long, Session<S>>> entry = keys.next();
      Iterator<Session<S>> perKey = entry.getValue().values().iterator();
      while (perKey.hasNext()) {
        Session<S> session = perKey.next();
        if (upTo == Long.MAX_VALUE || session.end <= upTo) {
          closed.add(new Closed<>(entry.getKey(), session.start, session.end, session.state));
          perKey.remove();
        } else {
          earliest = Math.min(earliest, session.end);
        }
      }
      if (entry.getValue().isEmpty()) {
        keys.remove();
      }
    }
    earliestEnd = earliest;
    closed.sort(Comparator.comparingLong((Closed<S> c) -> c.end()).thenComparingLong(Closed::start));
    return closed;
  }

  /** Visits the open sessions, for checkpoints. */
  public void forEachSession(Consumer<Closed<S>> action) {
    sessions.forEach((key, perKey) -> perKey.values().forEach(
        session -> action.accept(new Closed<>(key, session.start, session.end, session.state))));
  }

  /**
   * The open session of {@code key} starting at {@code start} as a checkpoint recorded it,
   * created with {@code fresh} state on first use.
   */
  public S restore(GroupKey key, long start, long end, Supplier<S> fresh) {
    Session<S> session = sessions.computeIfAbsent(key, k -> new TreeMap<>())
        .computeIfAbsent(start, s -> new Session<>(start, end, fresh.get()));
    session.end = Math.max(session.end, end);
    earliestEnd = Math.min(earliestEnd, session.end);
    return session.state;
  }

  /** Every open session's state, for callers that measure what they hold. */
  public void forEachState(Consumer<S> action) {
    sessions.values().forEach(perKey -> perKey.values().forEach(session -> action.accept(session.state)));
  }

  public void clear() {
    sessions.clear();
    earliestEnd = Long.MAX_VALUE;
  }
}
