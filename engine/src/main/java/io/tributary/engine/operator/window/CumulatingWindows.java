package io.tributary.engine.operator.window;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Cumulating windows (Flink's {@code CUMULATE(step, size)}): time is cut into periods of
 * {@code size} aligned to the epoch, and each period {@code [p, p + size)} has the windows
 * {@code [p, p + step)}, {@code [p, p + 2·step)} … {@code [p, p + size)}, all starting at
 * {@code p}.
 *
 * <p>A row is not added to every window it belongs to: each (period, key) keeps one state per
 * step that has not been emitted yet, plus one running state of the steps already emitted. When
 * the watermark passes a step's end, that step's state is folded into the running one, which is
 * then the window {@code [p, step end)}. So a row costs one update, whatever size / step is. What a
 * state holds ({@code S}: accumulators) is the caller's; the caller reads an emitted state at
 * once, because the next step of the period folds into the same object.
 */
public final class CumulatingWindows<S> {
  /** A window reached by the watermark: its key, bounds and (running) state. */
  public record Closed<S>(GroupKey key, long start, long end, S state) {}

  /**
   * A state to checkpoint. {@code end == start} marks the running state (the steps folded so
   * far); otherwise the state of the step ending at {@code end}. {@code emittedThrough} is the end
   * of the last window emitted for the key in this period ({@link Long#MIN_VALUE} if none), so
   * that a restore with a lower watermark does not emit a window twice.
   */
  public record Stored<S>(GroupKey key, long start, long end, long emittedThrough, S state) {
    public boolean running() {
      return end == start;
    }
  }

  private static final class Group<S> {
    private S running;
    private long emittedThrough = Long.MIN_VALUE;
    private final TreeMap<Long, S> steps = new TreeMap<>();
  }

  private final long stepNanos;
  private final long sizeNanos;
  private final BiConsumer<S, S> foldLaterIntoEarlier;
  /** Periods by start; in each, the keys in order of first appearance. */
  private final TreeMap<Long, LinkedHashMap<GroupKey, Group<S>>> periods = new TreeMap<>();

  public CumulatingWindows(long stepNanos, long sizeNanos, BiConsumer<S, S> foldLaterIntoEarlier) {
    if (stepNanos <= 0 || sizeNanos <= 0 || sizeNanos % stepNanos != 0) {
      throw new IllegalArgumentException("a cumulating window's size (" + sizeNanos
          + " ns) must be a positive multiple of its step (" + stepNanos + " ns)");
    }
    this.stepNanos = stepNanos;
    this.sizeNanos = sizeNanos;
    this.foldLaterIntoEarlier = foldLaterIntoEarlier;
  }

  /**
   * The state a row of {@code key} at {@code time} is added to; empty when the row is late (its
   * period's last window has been emitted). A row whose step was emitted already goes into the
   * running state: it belongs to every window of its period still to come.
   */
  public Optional<S> add(GroupKey key, long time, long watermark, Supplier<S> fresh) {
    long start = Math.floorDiv(time, sizeNanos) * sizeNanos;
    if (start + sizeNanos <= watermark) {
      return Optional.empty();
    }
    long stepEnd = start + (Math.floorDiv(time - start, stepNanos) + 1) * stepNanos;
    Group<S> group = periods.computeIfAbsent(start, s -> new LinkedHashMap<>()).computeIfAbsent(key, k -> new Group<>());
    if (stepEnd <= watermark) {
      if (group.running == null) {
        group.running = fresh.get();
      }
      return Optional.of(group.running);
    }
    return Optional.of(group.steps.computeIfAbsent(stepEnd, e -> fresh.get()));
  }

  /**
   * Emits, in order of end (then key arrival), every window ending after {@code after} and at or
   * before {@code upTo} that holds rows, and forgets the periods whose last window is emitted.
   */
  public void closeUpTo(long after, long upTo, Consumer<Closed<S>> out) {
    Iterator<Map.Entry<Long, LinkedHashMap<GroupKey, Group<S>>>> it = periods.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, LinkedHashMap<GroupKey, Group<S>>> period = it.next();
      long start = period.getKey();
      long periodEnd = start + sizeNanos;
      if (start + stepNanos > upTo) {
        break;
      }
      long end = after < start ? start + stepNanos : start + (Math.floorDiv(after - start, stepNanos) + 1) * stepNanos;
      long last = upTo >= periodEnd ? periodEnd : start + Math.floorDiv(upTo - start, stepNanos) * stepNanos;
      for (; end <= last; end += stepNanos) {
        for (Map.Entry<GroupKey, Group<S>> entry : period.getValue().entrySet()) {
          Group<S> group = entry.getValue();
          Map<Long, S> due = group.steps.headMap(end, true);
          for (S step : due.values()) {
            if (group.running == null) {
              group.running = step;
            } else {
              foldLaterIntoEarlier.accept(group.running, step);
            }
          }
          due.clear();
          if (group.running != null && end > group.emittedThrough) {
            group.emittedThrough = end;
            out.accept(new Closed<>(entry.getKey(), start, end, group.running));
          }
        }
      }
      if (last == periodEnd) {
        it.remove();
      }
    }
  }

  /** Every state, for a checkpoint. */
  public void forEachState(Consumer<Stored<S>> out) {
    periods.forEach((start, groups) -> groups.forEach((key, group) -> {
      if (group.running != null) {
        out.accept(new Stored<>(key, start, start, group.emittedThrough, group.running));
      }
      group.steps.forEach((end, state) -> out.accept(new Stored<>(key, start, end, group.emittedThrough, state)));
    }));
  }

  /** Puts back a {@link Stored} state (fresh from {@code fresh}) and returns it to be restored. */
  public S restore(GroupKey key, long start, long end, long emittedThrough, Supplier<S> fresh) {
    Group<S> group = periods.computeIfAbsent(start, s -> new LinkedHashMap<>()).computeIfAbsent(key, k -> new Group<>());
    group.emittedThrough = Math.max(group.emittedThrough, emittedThrough);
    S state = fresh.get();
    if (end == start) {
      group.running = state;
    } else {
      group.steps.put(end, state);
    }
    return state;
  }

  public void clear() {
    periods.clear();
  }
}
