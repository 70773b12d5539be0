package io.tributary.connectors.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteScanTest {
  /** The answer of a byte-by-byte scan, to hold the word-at-a-time one against. */
  private static int firstStop(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b == '"' || b == '\\' || b < 0x20) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void findsTheFirstMatchAtEveryPositionOfAWordAndOfTheTail() {
    for (byte special : new byte[] {'"', '\\', '\n', 0x1f, 0, (byte) 0xc3, (byte) 0x80, (byte) 0xff}) {
      for (int at = 0; at < 21; at++) {
        byte[] bytes = "abcdefgh ijklmnop qrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
        bytes[at] = special;
        assertThat(ByteScan.plainStringStop(bytes, 0, 21)).as("byte %d at %d", special, at).isEqualTo(at);
        assertThat(ByteScan.indexOf(bytes, 0, 21, special)).as("byte %d at %d", special, at).isEqualTo(at);
        assertThat(ByteScan.plainStringStop(bytes, at + 1, 21)).isEqualTo(-1);
        assertThat(ByteScan.indexOf(bytes, 0, at, special)).as("only before the range's end").isEqualTo(-1);
      }
    }
  }

  @Test
  void aBorrowFromAControlByteNeverHidesOrInventsAnEarlierStop() {
    // 0x20 and 0x21 right above a control byte, and bytes just below and above the bounds
    String[] texts = {"ab\u0001 !cdefghij", " \u0000!\"xxxxxxxxx", "\u001f\u0020\u0021\u007f~~~~~~~~", "~}|{\"\u0001\\]",
        "\u007f\u007f\u007f\u007f\u007f\u007f\u007f\u007f\u007f", "!#$%&'()*+,-./0123"};
    for (String text : texts) {
      byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
      for (int from = 0; from <= bytes.length; from++) {
        assertThat(ByteScan.plainStringStop(bytes, from, bytes.length)).as("%s from %d", text, from)
            .isEqualTo(firstStop(bytes, from, bytes.length));
      }
    }
  }

  @Test
  void findsALineEndAcrossManyWords() {
    byte[] bytes = ("x".repeat(1000) + "\nyy\n").getBytes(StandardCharsets.US_ASCII);
    assertThat(ByteScan.indexOf(bytes, 0, bytes.length, (byte) '\n')).isEqualTo(1000);
    assertThat(ByteScan.indexOf(bytes, 1001, bytes.length, (byte) '\n')).isEqualTo(1003);
    assertThat(ByteScan.indexOf(bytes, 1004, bytes.length, (byte) '\n')).isEqualTo(-1);
  }

  @Test
  void aNeedleIsFoundOnlyWhereAllItsBytesAre() {
    byte[] line = "{\"event_type\":2,\"ts\":1}".getBytes(StandardCharsets.US_ASCII);
    for (String name : new String[] {"event_type\"", "event_typo\"", "ts\"", "tx\"", "\"event_t", "", "{\"event_type\":2,\"ts\":1}"}) {
      ByteScan.Needle needle = new ByteScan.Needle(name.getBytes(StandardCharsets.US_ASCII));
      assertThat(needle.length()).isEqualTo(name.length());
      for (int at = 0; at + name.length() <= line.length; at++) {
        // far from the array's end (words) and near it (the byte path)
        byte[] padded = java.util.Arrays.copyOf(line, line.length + 16);
        boolean expected = new String(line, at, name.length(), StandardCharsets.US_ASCII).equals(name);
        assertThat(needle.isAt(line, at)).as("%s at %d", name, at).isEqualTo(expected);
        assertThat(needle.isAt(padded, at)).as("%s at %d", name, at).isEqualTo(expected);
      }
    }
  }
}
