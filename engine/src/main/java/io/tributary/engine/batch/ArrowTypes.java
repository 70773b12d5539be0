package io.tributary.engine.batch;

import static java.util.Objects.requireNonNull;

import io.tributary.proto.program.DataType;
import io.tributary.proto.program.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Maps the program's types ({@code tributary.program.Schema}) to Arrow's and back.
 *
 * <p>The mapping is lossless for every kind except {@code JSON}, which Arrow has no type for:
 * it travels as UTF-8 with the field metadata {@value #JSON_METADATA_KEY}, so that the reverse
 * mapping (and the json format) can tell it from ordinary text.
 */
public final class ArrowTypes {
  /** Field metadata key marking a UTF-8 column that holds JSON text. */
  public static final String JSON_METADATA_KEY = "tributary.json";
  /** Field metadata key keeping a TIMESTAMP's declared precision, for display. */
  public static final String PRECISION_METADATA_KEY = "tributary.precision";

  /** Name of the trailing event-time column every batch carries. */
  public static final String TIMESTAMP_FIELD = "_timestamp";

  /**
   * Name of the BOOLEAN (not null) column right before {@code _timestamp} that makes a stream
   * updating (a changelog): true rows retract an earlier added row with the same values.
   */
  public static final String IS_RETRACT_FIELD = "_is_retract";

  /** Whether rows of {@code schema} form an updating stream: {@code _is_retract} right before {@code _timestamp}. */
  public static boolean isUpdating(Schema schema) {
    List<Field> fields = schema.getFields();
    if (fields.size() < 2) {
      return false;
    }
    Field field = fields.get(fields.size() - 2);
    return field.getName().equals(IS_RETRACT_FIELD) && kindOf(field) == TypeKind.BOOLEAN;
  }

  private ArrowTypes() {}

  public static Schema toArrow(io.tributary.proto.program.Schema schema) {
    requireNonNull(schema, "schema is null");
    List<Field> fields = new ArrayList<>(schema.getFieldsCount());
    for (io.tributary.proto.program.Field field : schema.getFieldsList()) {
      fields.add(toArrow(field));
    }
    return new Schema(fields);
  }

  public static Field toArrow(io.tributary.proto.program.Field field) {
    requireNonNull(field, "field is null");
    DataType type = field.getType();
    List<Field> children = new ArrayList<>();
    for (io.tributary.proto.program.Field child : type.getChildrenList()) {
      children.add(toArrow(child));
    }
    java.util.Map<String, String> metadata = null;
    if (type.getKind() == TypeKind.JSON) {
      metadata = java.util.Map.of(JSON_METADATA_KEY, "true");
    } else if (type.getKind() == TypeKind.TIMESTAMP && type.getPrecision() > 0) {
      metadata = java.util.Map.of(PRECISION_METADATA_KEY, Integer.toString(type.getPrecision()));
    }
    if (type.getKind() == TypeKind.LIST && children.size() != 1) {
      throw new UnsupportedTypeException(
          "field '" + field.getName() + "' is a LIST with " + children.size()
              + " element fields; a LIST needs exactly one");
    }
    boolean nullable = field.getNullable() || type.getKind() == TypeKind.NULL;
    return new Field(
        field.getName(), new FieldType(nullable, arrowType(field.getName(), type), null, metadata),
        children);
  }

  public static ArrowType arrowType(String fieldName, DataType type) {
    return switch (type.getKind()) {
      case BOOLEAN -> ArrowType.Bool.INSTANCE;
      case INT8 -> new ArrowType.Int(8, true);
      case INT16 -> new ArrowType.Int(16, true);
      case INT32 -> new ArrowType.Int(32, true);
      case INT64 -> new ArrowType.Int(64, true);
      case UINT8 -> new ArrowType.Int(8, false);
      case UINT16 -> new ArrowType.Int(16, false);
      case UINT32 -> new ArrowType.Int(32, false);
      case UINT64 -> new ArrowType.Int(64, false);
      case FLOAT32 -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case FLOAT64 -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case DECIMAL -> {
        if (type.getPrecision() <= 0 || type.getPrecision() > 38) {
          throw new UnsupportedTypeException(
              "field '" + fieldName + "' is DECIMAL(" + type.getPrecision() + ", "
                  + type.getScale() + "); precision must be between 1 and 38");
        }
        yield new ArrowType.Decimal(type.getPrecision(), type.getScale(), 128);
      }
      case UTF8, JSON -> ArrowType.Utf8.INSTANCE;
      case BINARY -> ArrowType.Binary.INSTANCE;
      case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.NANOSECOND, null);
      case DATE -> new ArrowType.Date(DateUnit.DAY);
      case TIME -> new ArrowType.Time(TimeUnit.NANOSECOND, 64);
      case INTERVAL -> new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO);
      case STRUCT -> ArrowType.Struct.INSTANCE;
      case LIST -> ArrowType.List.INSTANCE;
      case NULL -> ArrowType.Null.INSTANCE;
      case TYPE_KIND_UNSPECIFIED, UNRECOGNIZED ->
          throw new UnsupportedTypeException(
              "field '" + fieldName + "' has no type kind (" + type.getKind() + ")");
    };
  }

  public static io.tributary.proto.program.Schema toProto(Schema schema) {
    requireNonNull(schema, "schema is null");
    io.tributary.proto.program.Schema.Builder builder = io.tributary.proto.program.Schema.newBuilder();
    for (Field field : schema.getFields()) {
      builder.addFields(toProto(field));
    }
    return builder.build();
  }

  public static io.tributary.proto.program.Field toProto(Field field) {
    DataType.Builder type = DataType.newBuilder().setKind(kindOf(field));
    if (field.getType() instanceof ArrowType.Decimal decimal) {
      type.setPrecision(decimal.getPrecision()).setScale(decimal.getScale());
    }
    String precision = field.getMetadata().get(PRECISION_METADATA_KEY);
    if (precision != null) {
      type.setPrecision(Integer.parseInt(precision));
    }
    for (Field child : field.getChildren()) {
      type.addChildren(toProto(child));
    }
    return io.tributary.proto.program.Field.newBuilder()
        .setName(field.getName())
        .setNullable(field.isNullable())
        .setType(type)
        .build();
  }

  /** The program's type kind of an Arrow field (JSON recognised by its metadata). */
  public static TypeKind kindOf(Field field) {
    ArrowType type = field.getType();
    return switch (type.getTypeID()) {
      case Bool -> TypeKind.BOOLEAN;
      case Int -> {
        ArrowType.Int i = (ArrowType.Int) type;
        yield switch (i.getBitWidth()) {
          case 8 -> i.getIsSigned() ? TypeKind.INT8 : TypeKind.UINT8;
          case 16 -> i.getIsSigned() ? TypeKind.INT16 : TypeKind.UINT16;
          case 32 -> i.getIsSigned() ? TypeKind.INT32 : TypeKind.UINT32;
          default -> i.getIsSigned() ? TypeKind.INT64 : TypeKind.UINT64;
        };
      }
      case FloatingPoint ->
          ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.SINGLE
              ? TypeKind.FLOAT32
              : TypeKind.FLOAT64;
      case Decimal -> TypeKind.DECIMAL;
      case Utf8 -> "true".equals(field.getMetadata().get(JSON_METADATA_KEY)) ? TypeKind.JSON : TypeKind.UTF8;
      case Binary -> TypeKind.BINARY;
      case Timestamp -> TypeKind.TIMESTAMP;
      case Date -> TypeKind.DATE;
      case Time -> TypeKind.TIME;
      case Interval -> TypeKind.INTERVAL;
      case Struct -> TypeKind.STRUCT;
      case List -> TypeKind.LIST;
      case Null -> TypeKind.NULL;
      default ->
          throw new UnsupportedTypeException(
              "field '" + field.getName() + "' has Arrow type " + type + ", which Tributary does not support");
    };
  }

  /** The trailing {@code _timestamp} field every operator's output carries. */
  public static Field timestampField() {
    return new Field(
        TIMESTAMP_FIELD,
        new FieldType(false, new ArrowType.Timestamp(TimeUnit.NANOSECOND, null), null),
        List.of());
  }
}
