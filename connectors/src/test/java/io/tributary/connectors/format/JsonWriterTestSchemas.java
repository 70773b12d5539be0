package io.tributary.connectors.format;

import io.tributary.proto.program.TypeKind;
import org.apache.arrow.vector.types.pojo.Schema;

/** Schemas shared by connector tests. */
public final class JsonWriterTestSchemas {
  private JsonWriterTestSchemas() {}

  /** The impulse table as the planner declares it. */
  public static Schema impulseSchema() {
    return JsonWriterTest.schema("counter", TypeKind.INT64, "subtask_index", TypeKind.INT64, "timestamp", TypeKind.TIMESTAMP);
  }

  public static Schema schema(Object... nameTypePairs) {
    return JsonWriterTest.schema(nameTypePairs);
  }
}
