package io.tributary.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineReaderTest {
  @TempDir
  Path dir;

  private record Line(String text, long positionAfter, boolean blank) {}

  private List<Line> lines(LineReader reader) throws IOException {
    List<Line> lines = new ArrayList<>();
    while (reader.next()) {
      String text = new String(reader.bytes(), reader.offset(), reader.length(), StandardCharsets.UTF_8);
      lines.add(new Line(text, reader.position(), reader.blank()));
    }
    return lines;
  }

  @Test
  void linesAsBytesWithTheirPositions() throws IOException {
    Path file = dir.resolve("in.json");
    Files.writeString(file, "{\"a\":1}\r\n\n  \t\nnaïve\u00a0\nlast");
    try (LineReader reader = new LineReader(file)) {
      assertThat(lines(reader)).containsExactly(
          new Line("{\"a\":1}", 9, false),
          new Line("", 10, true),
          new Line("  \t", 14, true),
          new Line("naïve\u00a0", 23, false),
          new Line("last", 27, false));
      assertThat(reader.next()).isFalse();
      reader.seek(9);
      assertThat(reader.readLine()).isEqualTo("");
      assertThat(reader.readLine()).isEqualTo("  \t");
    }
  }

  @Test
  void linesAcrossAndLongerThanTheBuffer() throws IOException {
    // 3 MiB lines force both a copy to the buffer's start and a larger buffer.
    String longLine = "x".repeat(3 << 20);
    List<String> written = List.of("first", longLine, "middle", longLine + "y", "end");
    Path file = dir.resolve("long.json");
    Files.writeString(file, String.join("\n", written) + "\n");
    try (LineReader reader = new LineReader(file)) {
      assertThat(lines(reader)).extracting(Line::text).containsExactlyElementsOf(written);
      assertThat(reader.position()).isEqualTo(Files.size(file));
    }
  }
}
