package io.tributary.connectors.format;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Confluent's wire format: a zero magic byte and the registry's 4-byte big-endian schema id
 * before the encoded value, for Avro and JSON alike.
 */
public final class ConfluentFraming {
  private static final byte MAGIC = 0;
  public static final int HEADER_LENGTH = 5;

  private ConfluentFraming() {}

  /** The header for values of schema {@code schemaId}. */
  public static byte[] header(int schemaId) {
    return ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC).putInt(schemaId).array();
  }

  /** The schema id of a framed value; empty when the value does not start with the framing. */
  public static Optional<Integer> schemaId(byte[] value) {
    if (value.length < HEADER_LENGTH || value[0] != MAGIC) {
      return Optional.empty();
    }
    return Optional.of(ByteBuffer.wrap(value, 1, 4).getInt());
  }
}
