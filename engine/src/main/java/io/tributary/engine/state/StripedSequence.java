package io.tributary.engine.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The indices {@code 0 … end-1} of a generated stream, striped over subtasks: subtask
 * {@code j} of {@code m} produces the indices {@code ≡ j (mod m)} in increasing order. Its state
 * says exactly which indices were produced, so that after a restore at another parallelism
 * every index is still produced exactly once: a new subtask skips the indices of its stripe
 * that the old subtasks already produced.
 *
 * <p>The produced indices are a union of stripe prefixes {@code (modulus, residue, limit)}: the
 * subtask's own (everything of its stripe below {@link #next()}) and those inherited from old
 * subtasks that still reach beyond it. Old stripes fall away as the subtask passes them.
 */
public final class StripedSequence {
  private record Stripe(long modulus, long residue, long limit) {
    boolean contains(long index) {
      return index < limit && index % modulus == residue;
    }
  }

  private final int subtask;
  private final int parallelism;
  private final long end;
  private List<Stripe> inherited;
  private long next;

  private StripedSequence(int subtask, int parallelism, long end, List<Stripe> inherited) {
    if (parallelism <= 0 || subtask < 0 || subtask >= parallelism) {
      throw new IllegalArgumentException("subtask " + subtask + " of parallelism " + parallelism + " is impossible");
    }
    if (end < 0) {
      throw new IllegalArgumentException("a sequence cannot end at " + end);
    }
    this.subtask = subtask;
    this.parallelism = parallelism;
    this.end = end;
    this.inherited = inherited;
    this.next = start();
    skipProduced();
  }

  /** A fresh sequence of indices below {@code end} ({@link Long#MAX_VALUE}: unbounded). */
  public static StripedSequence start(int subtask, int parallelism, long end) {
    return new StripedSequence(subtask, parallelism, end, List.of());
  }

  /**
   * Continues from the {@link #snapshot}s of every old subtask (of any parallelism).
   *
   * @throws IllegalArgumentException if there are none or they disagree on the end
   */
  public static StripedSequence restore(Collection<byte[]> snapshots, int subtask, int parallelism) {
    if (snapshots.isEmpty()) {
      throw new IllegalArgumentException("no old positions to restore the sequence from");
    }
    Set<Long> ends = new HashSet<>();
    List<Stripe> stripes = new ArrayList<>();
    for (byte[] snapshot : snapshots) {
      List<?> decoded = (List<?>) StateCodec.decode(snapshot);
      ends.add((Long) decoded.getFirst());
      for (Object stripe : decoded.subList(1, decoded.size())) {
        long[] values = (long[]) stripe;
        stripes.add(new Stripe(values[0], values[1], values[2]));
      }
    }
    if (ends.size() != 1) {
      throw new IllegalArgumentException("old positions disagree on where the sequence ends: " + ends);
    }
    return new StripedSequence(subtask, parallelism, ends.iterator().next(), List.copyOf(stripes));
  }

  public boolean hasNext() {
    return next < end;
  }

  /** The next index to produce (≥ {@link #end} when none is left). */
  public long next() {
    return next;
  }

  public long end() {
    return end;
  }

  /** Marks {@link #next()} produced and moves on to the next index not produced yet. */
  public void advance() {
    if (!hasNext()) {
      throw new IllegalStateException("the sequence has ended at " + end);
    }
    next = next > end - parallelism ? end : next + parallelism;
    skipProduced();
  }

  public byte[] snapshot() {
    List<Object> encoded = new ArrayList<>();
    encoded.add(end);
    encoded.add(new long[] {parallelism, subtask, next});
    for (Stripe stripe : inherited) {
      encoded.add(new long[] {stripe.modulus, stripe.residue, stripe.limit});
    }
    return StateCodec.encode(encoded);
  }

  /**
   * Where to start: past everything the old subtasks produced completely, i.e. below the lowest
   * limit of any generation of stripes that covers all residues of its modulus.
   */
  private long start() {
    Map<Long, Map<Long, Long>> byModulus = new HashMap<>();
    for (Stripe stripe : inherited) {
      byModulus.computeIfAbsent(stripe.modulus, m -> new HashMap<>()).merge(stripe.residue, stripe.limit, Math::max);
    }
    long base = 0;
    for (Map.Entry<Long, Map<Long, Long>> generation : byModulus.entrySet()) {
      if (generation.getValue().size() == generation.getKey()) {
        base = Math.max(base, generation.getValue().values().stream().mapToLong(Long::longValue).min().orElse(0));
      }
    }
    if (base <= subtask) {
      return subtask;
    }
    long offset = Math.floorMod(subtask - base, (long) parallelism);
    return base > end - offset ? end : base + offset;
  }

  private void skipProduced() {
    if (inherited.isEmpty()) {
      // The common case, once per generated row: nothing inherited, so nothing to skip.
      if (next > end) {
        next = end;
      }
      return;
    }
    boolean moved = true;
    while (moved && next < end) {
      moved = false;
      for (Stripe stripe : inherited) {
        if (stripe.contains(next)) {
          next = stripe.modulus == parallelism && stripe.residue == subtask
              ? Math.max(stripe.limit + Math.floorMod(subtask - stripe.limit, (long) parallelism), next + parallelism)
              : next + parallelism;
          moved = true;
          break;
        }
      }
    }
    if (next > end) {
      next = end;
    }
    long passed = next;
    inherited = inherited.stream().filter(stripe -> stripe.limit > passed).toList();
  }
}
