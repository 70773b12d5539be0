package io.tributary.sql.plan;

import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.IntervalValue;
import io.tributary.proto.program.Literal;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.Window;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;

/** Helpers for planning joins (see {@code RelToDataflow#join}). */
final class JoinPlanning {
    /** Unbounded joins keep rows this long of event time when {@code SET updating_ttl} is not given. */
    static final long DEFAULT_TTL_MICROS = 24L * 60 * 60 * 1_000_000L;

    private JoinPlanning() {}

    /** What a column of a join input is: a value computed before the join, or the window's start or end. */
    enum Role { VALUE, WINDOW_START, WINDOW_END }

    /** The Join rel nodes of a plan in pre-order, matching the order of JOIN keywords in the SQL. */
    static List<RelNode> joinsInPreOrder(RelNode root) {
        List<RelNode> joins = new ArrayList<>();
        collect(root, joins);
        return joins;
    }

    private static void collect(RelNode node, List<RelNode> joins) {
        if (node instanceof org.apache.calcite.rel.core.Join) {
            joins.add(node);
        }
        node.getInputs().forEach(input -> collect(input, joins));
    }

    /** The width of an aligned window in nanoseconds. */
    static long widthNanos(Window window) {
        return switch (window.getKindCase()) {
            case TUMBLING -> window.getTumbling().getWidthMicros() * 1000L;
            case SLIDING -> window.getSliding().getWidthMicros() * 1000L;
            default -> throw new IllegalArgumentException("not an aligned window: " + window);
        };
    }

    static Expr ref(int index, Field field) {
        return Expr.newBuilder().setType(field.getType()).setNullable(field.getNullable()).setInputRef(index).build();
    }

    /** {@code _timestamp + nanos} (nanos may be negative: then MINUS). */
    static Expr timestampPlus(int timestampIndex, Field timestamp, long nanos, DataType type) {
        Expr interval = Expr.newBuilder()
                .setType(DataType.newBuilder().setKind(TypeKind.INTERVAL))
                .setNullable(false)
                .setLiteral(Literal.newBuilder().setIntervalValue(IntervalValue.newBuilder().setNanos(Math.abs(nanos))))
                .build();
        return Expr.newBuilder()
                .setType(type)
                .setNullable(false)
                .setCall(io.tributary.proto.program.Call.newBuilder()
                        .setFunction(nanos >= 0 ? "PLUS" : "MINUS")
                        .addOperands(ref(timestampIndex, timestamp))
                        .addOperands(interval))
                .build();
    }

    /** {@code CASE WHEN marker IS NULL THEN NULL ELSE value END}. */
    static Expr nullUnless(Expr marker, Expr value) {
        Expr isNull = Expr.newBuilder()
                .setType(DataType.newBuilder().setKind(TypeKind.BOOLEAN))
                .setNullable(false)
                .setCall(io.tributary.proto.program.Call.newBuilder().setFunction("IS_NULL").addOperands(marker))
                .build();
        Expr nullValue = Expr.newBuilder()
                .setType(value.getType())
                .setNullable(true)
                .setLiteral(Literal.getDefaultInstance())
                .build();
        return Expr.newBuilder()
                .setType(value.getType())
                .setNullable(true)
                .setCall(io.tributary.proto.program.Call.newBuilder().setFunction("CASE")
                        .addOperands(isNull).addOperands(nullValue).addOperands(value))
                .build();
    }
}
