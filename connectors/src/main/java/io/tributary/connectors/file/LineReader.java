package io.tributary.connectors.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a file's lines ('\n' or "\r\n" terminated, UTF-8) and knows the byte offset of the
 * next one, which is what a checkpoint records and a restore seeks to.
 */
final class LineReader implements AutoCloseable {
  private static final int BUFFER_BYTES = 64 * 1024;

  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).flip();
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private long position;

  LineReader(Path path) throws IOException {
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
  }

  /** Byte offset of the next line. */
  long position() {
    return position;
  }

  void seek(long offset) throws IOException {
    if (offset > channel.size()) {
      throw new IOException("the file has only " + channel.size() + " bytes");
    }
    channel.position(offset);
    buffer.clear().flip();
    position = offset;
  }

  /** The next line without its terminator; null at the end of the file. */
  String readLine() throws IOException {
    line.reset();
    boolean any = false;
    while (true) {
      if (!buffer.hasRemaining()) {
        buffer.clear();
        int read = channel.read(buffer);
        buffer.flip();
        if (read < 0) {
          return any ? finish() : null;
        }
      }
      any = true;
      byte[] array = buffer.array();
      int start = buffer.position();
      int end = buffer.limit();
      for (int i = start; i < end; i++) {
        if (array[i] == '\n') {
          line.write(array, start, i - start);
          buffer.position(i + 1);
          position += i + 1 - start;
          return finish();
        }
      }
      line.write(array, start, end - start);
      position += end - start;
      buffer.position(end);
    }
  }

  private String finish() {
    byte[] bytes = line.toByteArray();
    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
