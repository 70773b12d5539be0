package io.tributary.engine.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class TimeOrderedQueueTest {
  private record Item(String name, long time) {}

  @Test
  void pollsEarliestFirstWhetherItemsCameInOrderOrNot() {
    TimeOrderedQueue<Item> queue = new TimeOrderedQueue<>(Item::time);
    for (Item item : List.of(new Item("a", 10), new Item("b", 20), new Item("late", 5), new Item("c", 20),
        new Item("d", 30), new Item("e", 15), new Item("f", 40))) {
      queue.add(item);
    }
    List<Long> times = new ArrayList<>();
    while (!queue.isEmpty()) {
      long earliest = queue.earliest();
      Item polled = queue.poll();
      assertThat(polled.time()).isEqualTo(earliest);
      times.add(polled.time());
    }
    assertThat(times).containsExactly(5L, 10L, 15L, 20L, 20L, 30L, 40L);
  }

  @Test
  void addsAfterPollingKeepTheOrder() {
    TimeOrderedQueue<Item> queue = new TimeOrderedQueue<>(Item::time);
    queue.add(new Item("a", 10));
    queue.add(new Item("b", 3));
    assertThat(queue.poll().name()).isEqualTo("b");
    queue.add(new Item("c", 7));
    assertThat(queue.poll().name()).isEqualTo("c");
    assertThat(queue.poll().name()).isEqualTo("a");
    assertThat(queue.isEmpty()).isTrue();
    assertThatThrownBy(queue::poll).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void clearEmptiesBothParts() {
    TimeOrderedQueue<Item> queue = new TimeOrderedQueue<>(Item::time);
    queue.add(new Item("a", 10));
    queue.add(new Item("b", 3));
    queue.clear();
    assertThat(queue.isEmpty()).isTrue();
  }
}
