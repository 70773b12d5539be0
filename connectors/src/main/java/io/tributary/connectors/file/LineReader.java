package io.tributary.connectors.file;

import io.tributary.connectors.format.ByteScan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a file's lines ('\n' or "\r\n" terminated, UTF-8) and knows the byte offset of the
 * next one, which is what a checkpoint records and a restore seeks to.
 *
 * <p>Lines are handed out as bytes inside one large buffer ({@link #next()}, then
 * {@link #bytes()}, {@link #offset()}, {@link #length()}): no copy and no String per line, so
 * that a parser reads the UTF-8 directly. A line is copied only when it crosses the end of the
 * buffer (the rest of the buffer moves to its start), and the buffer grows for a line longer
 * than itself.
 */
final class LineReader implements AutoCloseable {
  /**
   * 256 KiB: a quarter of a core's L2 cache here, so the bytes the kernel copied in are still
   * cached when the parser reads them (a 1 MiB buffer cost q8 from the Nexmark file 7 % more CPU).
   */
  private static final int BUFFER_BYTES = 1 << 18;

  private final FileChannel channel;
  private byte[] buffer = new byte[BUFFER_BYTES];
  /** Unread bytes are {@code buffer[start, limit)}. */
  private int start;
  private int limit;
  private int lineOffset;
  private int lineLength;
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
    start = 0;
    limit = 0;
    position = offset;
  }

  /** Moves to the next line; false at the end of the file. */
  boolean next() throws IOException {
    int scan = start;
    while (true) {
      int i = ByteScan.indexOf(buffer, scan, limit, (byte) '\n');
      if (i >= 0) {
        line(start, i - start);
        position += i + 1 - start;
        start = i + 1;
        return true;
      }
      int scanned = limit - start;
      if (!fill()) {
        if (limit == start) {
          return false;
        }
        line(start, limit - start);
        position += limit - start;
        start = limit;
        return true;
      }
      scan = start + scanned;
    }
  }

  /**
   * The index in {@link #bytes()} where the unread bytes start, and the next line with them. A
   * reader that finds that line's end itself passes it to {@link #take}, instead of {@link
   * #next()} searching for it first.
   */
  int unreadStart() {
    return start;
  }

  /** The index in {@link #bytes()} after the last unread byte. */
  int unreadLimit() {
    return limit;
  }

  /** Moves to the next line, which ends at {@code newline}, the index of its '\n' in {@link #bytes()}. */
  void take(int newline) {
    if (newline < start || newline >= limit || buffer[newline] != '\n') {
      throw new IllegalArgumentException("no line ends at " + newline + " of the unread bytes [" + start + ", " + limit + ")");
    }
    line(start, newline - start);
    position += newline + 1 - start;
    start = newline + 1;
  }

  /** The array holding the current line (valid until the next call of {@link #next()}). */
  byte[] bytes() {
    return buffer;
  }

  int offset() {
    return lineOffset;
  }

  /** The current line's length in bytes, without its terminator. */
  int length() {
    return lineLength;
  }

  /** The current line as text. */
  String text() {
    return new String(buffer, lineOffset, lineLength, StandardCharsets.UTF_8);
  }

  /** Whether the current line is empty or only white space. */
  boolean blank() {
    for (int i = lineOffset; i < lineOffset + lineLength; i++) {
      byte b = buffer[i];
      if (b < 0) {
        return text().isBlank(); // non-ASCII: let Java decide what white space is
      }
      if (!Character.isWhitespace(b)) {
        return false;
      }
    }
    return true;
  }

  /** The next line as text without its terminator; null at the end of the file. */
  String readLine() throws IOException {
    return next() ? text() : null;
  }

  private void line(int offset, int length) {
    lineOffset = offset;
    lineLength = length > 0 && buffer[offset + length - 1] == '\r' ? length - 1 : length;
  }

  /** Reads more bytes after the unread ones, making room first; false at the end of the file. */
  private boolean fill() throws IOException {
    int unread = limit - start;
    if (unread == buffer.length) {
      byte[] larger = new byte[buffer.length * 2];
      System.arraycopy(buffer, start, larger, 0, unread);
      buffer = larger;
    } else if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, unread);
    }
    start = 0;
    limit = unread;
    int read;
    do {
      read = channel.read(ByteBuffer.wrap(buffer, limit, buffer.length - limit));
    } while (read == 0);
    if (read < 0) {
      return false;
    }
    limit += read;
    return true;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
