package io.tributary.sql.plan;

import io.tributary.proto.program.AsyncUdfOperator;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.Schema;
import io.tributary.sql.catalog.UdfDefinition;
import io.tributary.sql.validate.UdfFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.rules.CalcMergeRule;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * Projections calling async UDFs. As in Arroyo, an async call must be a top-level item of a
 * SELECT list (a subquery makes any use possible: {@code SELECT f(x) AS y FROM (SELECT lookup(k)
 * AS x FROM t)}). Such a projection becomes three steps: a projection keeping the input columns
 * the items read and computing the calls' arguments, one async operator per call appending its
 * result, and a projection computing the items from those columns and results.
 */
final class AsyncUdfPlanning {
    /** {@code RelToDataflow}'s projection step, for the projections around the async operators. */
    @FunctionalInterface
    interface Projections {
        Stream project(Stream input, Optional<RexNode> condition, List<RexNode> projects, RelDataType rowType);
    }

    /**
     * Calcite's Calc merge, except into a Calc calling async UDFs: what a query computes from an
     * async result in an outer SELECT stays a projection of its own, after the async operator.
     */
    static final RelOptRule CALC_MERGE = CalcMergeRule.Config.DEFAULT
            .withOperandSupplier(top -> top.operand(Calc.class).oneInput(bottom -> bottom.operand(Calc.class)
                    .predicate(calc -> calc.getProgram().getExprList().stream().noneMatch(AsyncUdfPlanning::isAsync))
                    .anyInputs()))
            .as(CalcMergeRule.Config.class)
            .toRule();

    private final RexBuilder rexBuilder;
    private final DataflowBuilder dataflow;
    private final Projections projections;

    AsyncUdfPlanning(RexBuilder rexBuilder, DataflowBuilder dataflow, Projections projections) {
        this.rexBuilder = rexBuilder;
        this.dataflow = dataflow;
        this.projections = projections;
    }

    /**
     * Whether the projection calls async UDFs. Calls may sit inside expressions here: the query's
     * own text was checked ({@code AsyncUdfPlacement}), and Calcite folds a subquery's SELECT
     * into the outer one's expressions.
     *
     * @throws PlanShapeException if the condition calls one (it runs before the calls)
     */
    static boolean callsAsync(Optional<RexNode> condition, List<RexNode> projects) {
        condition.ifPresent(AsyncUdfPlanning::refuseNested);
        return !asyncCalls(projects).isEmpty();
    }

    /** Refuses async calls anywhere in {@code node} (conditions, join conditions, aggregate arguments…). */
    static void refuseNested(RexNode node) {
        node.accept(new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                if (isAsync(call)) {
                    throw new PlanShapeException("the async UDF '" + ((UdfFunction) call.getOperator()).definition().name()
                            + "' can only be called as a top-level item of a SELECT list, not inside another expression, "
                            + "a WHERE clause or a join condition; select it in a subquery and use its column instead");
                }
                return super.visitCall(call);
            }
        });
    }

    private static boolean isAsync(RexNode node) {
        return node instanceof RexCall call && call.getOperator() instanceof UdfFunction udf && udf.isAsync();
    }

    /** The distinct async calls in the projects, innermost first; their arguments call none. */
    private static List<RexCall> asyncCalls(List<RexNode> projects) {
        List<RexCall> calls = new ArrayList<>();
        for (RexNode project : projects) {
            project.accept(new RexShuttle() {
                @Override
                public RexNode visitCall(RexCall call) {
                    if (isAsync(call)) {
                        call.getOperands().forEach(AsyncUdfPlanning::refuseNested);
                        if (!calls.contains(call)) {
                            calls.add(call);
                        }
                        return call;
                    }
                    return super.visitCall(call);
                }
            });
        }
        return calls;
    }

    Stream plan(Stream input, Optional<RexNode> condition, List<RexNode> projects, RelDataType rowType) {
        if (input.updating()) {
            throw new PlanShapeException("async UDFs read append-only streams; this SELECT reads an updating one "
                    + "(the result of a GROUP BY without a window, or of an outer join)");
        }
        RelDataTypeFactory types = rexBuilder.getTypeFactory();
        List<RexCall> calls = asyncCalls(projects);
        // First: the input columns the items read, then every call's arguments (cast to the UDF's types).
        java.util.TreeMap<Integer, RelDataType> read = new java.util.TreeMap<>();
        for (RexNode project : projects) {
            project.accept(new RexShuttle() {
                @Override
                public RexNode visitCall(RexCall call) {
                    return isAsync(call) ? call : super.visitCall(call);
                }

                @Override
                public RexNode visitInputRef(RexInputRef ref) {
                    read.put(ref.getIndex(), ref.getType());
                    return ref;
                }
            });
        }
        RelDataTypeFactory.Builder firstType = types.builder();
        List<RexNode> first = new ArrayList<>();
        java.util.Map<Integer, Integer> moved = new java.util.HashMap<>();
        read.forEach((index, type) -> {
            moved.put(index, first.size());
            firstType.add("_column" + index, type);
            first.add(new RexInputRef(index, type));
        });
        List<List<Integer>> arguments = new ArrayList<>();
        for (RexCall call : calls) {
            UdfDefinition udf = ((UdfFunction) call.getOperator()).definition();
            List<Integer> fields = new ArrayList<>();
            for (int a = 0; a < call.getOperands().size(); a++) {
                RexNode operand = call.getOperands().get(a);
                RelDataType wanted = types.createTypeWithNullability(
                        types.createSqlType(udf.arguments().get(a).type()), operand.getType().isNullable());
                RexNode argument = operand.getType().equals(wanted) ? operand : rexBuilder.makeCast(wanted, operand);
                fields.add(first.size());
                firstType.add("_argument" + first.size(), argument.getType());
                first.add(argument);
            }
            arguments.add(fields);
        }
        Stream stream = projections.project(input, condition, first, firstType.build());
        // Then one async operator per call, each appending its result.
        List<RexInputRef> results = new ArrayList<>();
        for (int c = 0; c < calls.size(); c++) {
            RelDataType result = types.createTypeWithNullability(calls.get(c).getType(), true);
            stream = asyncOperator(stream, calls.get(c), arguments.get(c), result, "_result" + c);
            results.add(new RexInputRef(first.size() + c, result));
        }
        // Last: the items, reading the moved columns and the results.
        List<RexNode> last = new ArrayList<>();
        for (RexNode project : projects) {
            RexNode item = project.accept(new RexShuttle() {
                @Override
                public RexNode visitCall(RexCall call) {
                    int index = calls.indexOf(call);
                    if (index < 0) {
                        return super.visitCall(call);
                    }
                    return results.get(index);
                }

                @Override
                public RexNode visitInputRef(RexInputRef ref) {
                    return new RexInputRef(moved.get(ref.getIndex()), ref.getType());
                }
            });
            last.add(item);
        }
        return projections.project(stream, Optional.empty(), last, rowType);
    }

    private Stream asyncOperator(Stream input, RexCall call, List<Integer> argumentFields, RelDataType result,
            String name) {
        UdfDefinition udf = ((UdfFunction) call.getOperator()).definition();
        UdfDefinition.Async async = udf.async().orElseThrow();
        AsyncUdfOperator spec = AsyncUdfOperator.newBuilder()
                .setUdf(udf.name().toLowerCase(Locale.ROOT))
                .addAllArgumentFields(argumentFields)
                .setOrdered(async.ordered())
                .setMaxInFlight(async.maxInFlight())
                .setTimeoutMicros(async.timeoutMillis() * 1_000)
                .build();
        List<Field> fields = new ArrayList<>(input.schema().getFieldsList());
        Field timestamp = fields.removeLast();
        fields.add(SchemaConverter.field(name, result));
        fields.add(timestamp);
        Operator.Builder operator = Operator.newBuilder()
                .setName("async_udf")
                .setOutputSchema(Schema.newBuilder().addAllFields(fields))
                .setAsyncUdf(spec);
        String id = OperatorIds.of("async_udf", operator.clone().clearName().build().toByteArray(),
                List.of(input.operatorId()));
        return dataflow.add(id, "async udf " + udf.name() + " (" + (async.ordered() ? "ordered" : "unordered")
                + ", " + async.maxInFlight() + " in flight, timeout " + async.timeoutMillis() + " ms)", operator,
                List.of(input));
    }
}
