package io.tributary.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StripedSequenceTest {
  /** Takes up to {@code count} indices from the sequence into {@code produced}. */
  private static void take(StripedSequence sequence, int count, List<Long> produced) {
    for (int i = 0; i < count && sequence.hasNext(); i++) {
      produced.add(sequence.next());
      sequence.advance();
    }
  }

  @Test
  void stripesIndicesOverSubtasks() {
    StripedSequence sequence = StripedSequence.start(1, 3, 10);
    List<Long> produced = new ArrayList<>();
    take(sequence, 100, produced);
    assertThat(produced).containsExactly(1L, 4L, 7L);
    assertThat(sequence.hasNext()).isFalse();
  }

  /** Across two restores at changing parallelism, every index below the end is produced exactly once. */
  @ParameterizedTest(name = "{0} → {1} → {2}")
  @CsvSource({"2, 1, 3", "1, 2, 2", "3, 2, 1", "4, 3, 5", "2, 2, 2"})
  void everyIndexOnceThroughRescaling(int first, int second, int third) {
    Random random = new Random(first * 100 + second * 10 + third);
    long end = 1000;
    List<Long> produced = new ArrayList<>();
    List<byte[]> snapshots = new ArrayList<>();
    for (int i = 0; i < first; i++) {
      StripedSequence sequence = StripedSequence.start(i, first, end);
      take(sequence, random.nextInt(150), produced);
      snapshots.add(sequence.snapshot());
    }
    List<byte[]> next = new ArrayList<>();
    for (int i = 0; i < second; i++) {
      StripedSequence sequence = StripedSequence.restore(snapshots, i, second);
      take(sequence, random.nextInt(150), produced);
      next.add(sequence.snapshot());
    }
    for (int i = 0; i < third; i++) {
      take(StripedSequence.restore(next, i, third), Integer.MAX_VALUE, produced);
    }
    assertThat(produced).doesNotHaveDuplicates().hasSize((int) end);
    assertThat(new TreeSet<>(produced).last()).isEqualTo(end - 1);
  }

  @Test
  void restoringNeedsOldPositions() {
    assertThatThrownBy(() -> StripedSequence.restore(List.of(), 0, 1)).hasMessageContaining("no old positions");
  }
}
