package io.tributary.engine.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.TypeKind;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

class ArrowTypesTest {
  private static Field field(String name, DataType type) {
    return Field.newBuilder().setName(name).setType(type).setNullable(true).build();
  }

  private static DataType kind(TypeKind kind) {
    return DataType.newBuilder().setKind(kind).build();
  }

  @Test
  void everyKindRoundTrips() {
    Schema.Builder schema = Schema.newBuilder();
    for (TypeKind kind : TypeKind.values()) {
      switch (kind) {
        case TYPE_KIND_UNSPECIFIED, UNRECOGNIZED -> {}
        case DECIMAL -> schema.addFields(field("decimal", DataType.newBuilder().setKind(kind).setPrecision(10).setScale(2).build()));
        case STRUCT -> schema.addFields(field("struct", DataType.newBuilder().setKind(kind)
            .addChildren(field("a", kind(TypeKind.INT64))).addChildren(field("b", kind(TypeKind.UTF8))).build()));
        case LIST -> schema.addFields(field("list", DataType.newBuilder().setKind(kind)
            .addChildren(field("item", kind(TypeKind.FLOAT64))).build()));
        case TIMESTAMP -> schema.addFields(field("ts", DataType.newBuilder().setKind(kind).setPrecision(3).build()));
        default -> schema.addFields(field(kind.name().toLowerCase(), kind(kind)));
      }
    }
    Schema original = schema.build();
    assertThat(ArrowTypes.toProto(ArrowTypes.toArrow(original))).isEqualTo(original);
  }

  @Test
  void timestampsAreNanosecondsWithoutZone() {
    var arrow = ArrowTypes.toArrow(field("ts", kind(TypeKind.TIMESTAMP)));
    assertThat(arrow.getType()).isEqualTo(new ArrowType.Timestamp(TimeUnit.NANOSECOND, null));
  }

  @Test
  void unspecifiedKindIsATypedError() {
    assertThatThrownBy(() -> ArrowTypes.toArrow(field("x", kind(TypeKind.TYPE_KIND_UNSPECIFIED))))
        .isInstanceOf(UnsupportedTypeException.class)
        .hasMessageContaining("field 'x' has no type kind");
  }

  @Test
  void listNeedsExactlyOneElementField() {
    assertThatThrownBy(() -> ArrowTypes.toArrow(field("l", kind(TypeKind.LIST))))
        .isInstanceOf(UnsupportedTypeException.class)
        .hasMessageContaining("LIST with 0 element fields");
  }
}
