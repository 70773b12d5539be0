package io.tributary.connectors.nexmark;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.TypeKind;

/** The nexmark table as the planner declares it. */
public final class NexmarkSchemas {
  private NexmarkSchemas() {}

  private static Field field(String name, TypeKind kind) {
    return Field.newBuilder().setName(name).setType(DataType.newBuilder().setKind(kind)).build();
  }

  private static Field struct(String name, Field... children) {
    DataType.Builder type = DataType.newBuilder().setKind(TypeKind.STRUCT);
    for (Field child : children) {
      type.addChildren(child);
    }
    return Field.newBuilder().setName(name).setNullable(true).setType(type).build();
  }

  public static org.apache.arrow.vector.types.pojo.Schema schema() {
    return ArrowTypes.toArrow(Schema.newBuilder()
        .addFields(struct("person", field("id", TypeKind.INT64), field("name", TypeKind.UTF8),
            field("email_address", TypeKind.UTF8), field("credit_card", TypeKind.UTF8),
            field("city", TypeKind.UTF8), field("state", TypeKind.UTF8),
            field("datetime", TypeKind.TIMESTAMP), field("extra", TypeKind.UTF8)))
        .addFields(struct("auction", field("id", TypeKind.INT64), field("item_name", TypeKind.UTF8),
            field("description", TypeKind.UTF8), field("initial_bid", TypeKind.INT64),
            field("reserve", TypeKind.INT64), field("datetime", TypeKind.TIMESTAMP),
            field("expires", TypeKind.TIMESTAMP), field("seller", TypeKind.INT64),
            field("category", TypeKind.INT64), field("extra", TypeKind.UTF8)))
        .addFields(struct("bid", field("auction", TypeKind.INT64), field("bidder", TypeKind.INT64),
            field("price", TypeKind.INT64), field("channel", TypeKind.UTF8), field("url", TypeKind.UTF8),
            field("datetime", TypeKind.TIMESTAMP), field("extra", TypeKind.UTF8)))
        .addFields(field("_timestamp", TypeKind.TIMESTAMP))
        .build());
  }

}
