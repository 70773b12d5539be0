package io.tributary.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.batch.Interval;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateCodecTest {
  @Test
  void keepsEveryValueAndItsType() {
    Map<String, Object> struct = new LinkedHashMap<>();
    struct.put("a", 1L);
    struct.put("b", null);
    List<Object> values = Arrays.asList(null, true, (byte) 1, (short) 2, 3, 4L, 5.5f, 6.25, new BigDecimal("-7.010"),
        "text ✓", ByteBuffer.wrap(new byte[] {1, 2}), new Interval(1, 2, 3), struct, List.of(1L, "x"));
    assertThat(StateCodec.decode(StateCodec.encode(values))).isEqualTo(values);
    assertThat((byte[]) StateCodec.decode(StateCodec.encode(new byte[] {9, 8}))).containsExactly(9, 8);
    assertThat((long[]) StateCodec.decode(StateCodec.encode(new long[] {1, -2}))).containsExactly(1, -2);
  }

  @Test
  void refusesValuesItCannotKeep() {
    assertThatThrownBy(() -> StateCodec.encode(new Object())).hasMessageContaining("cannot keep a java.lang.Object");
  }
}
