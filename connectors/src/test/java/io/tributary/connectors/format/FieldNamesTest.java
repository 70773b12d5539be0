package io.tributary.connectors.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldNamesTest {
  @Test
  void indicesWhateverTheKeyOrderWithUnknownNamesAsMinusOne() {
    FieldNames names = new FieldNames(List.of("a", "b", "c"));
    assertThat(List.of(names.indexOf("a", 0), names.indexOf("x", 1), names.indexOf("c", 2)))
        .containsExactly(0, -1, 2);
    // the same order again (remembered), then another order at the same positions
    assertThat(List.of(names.indexOf("a", 0), names.indexOf("x", 1), names.indexOf("c", 2)))
        .containsExactly(0, -1, 2);
    assertThat(List.of(names.indexOf(new String("c"), 0), names.indexOf("b", 1), names.indexOf("a", 2)))
        .containsExactly(2, 1, 0);
    assertThat(names.indexOf("b", 40)).as("beyond the remembered positions").isEqualTo(1);
  }
}
