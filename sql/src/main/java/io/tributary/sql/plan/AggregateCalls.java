package io.tributary.sql.plan;

import io.tributary.sql.validate.TributaryAggregates;
import io.tributary.sql.validate.UdafFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Calcite's aggregate calls as the engine's (program.proto's AggregateCall): the function's engine
 * name and its argument expressions over the Aggregate's input, which the planner projects.
 *
 * <p>{@code FILTER (WHERE c)} needs no support in the engine: each value argument becomes
 * {@code CASE WHEN c THEN x END}, which the aggregate skips as NULL ({@code count(*)} becomes
 * {@code count(CASE WHEN c THEN TRUE END)}). Hence it is refused for the aggregates that keep
 * NULLs (ARRAY_AGG, FIRST_VALUE, LAST_VALUE), where the two would differ.
 */
final class AggregateCalls {
    private AggregateCalls() {}

    /** An aggregate for the engine: its function name and argument expressions. */
    record Translated(String function, List<RexNode> arguments) {}

    /**
     * An updating aggregate over changing input takes values out again, so every aggregate UDF it
     * calls must retract.
     *
     * @param reason why the input is updating, for the message
     */
    static void requireRetraction(List<AggregateCall> calls, String reason) {
        for (AggregateCall call : calls) {
            if (call.getAggregation() instanceof UdafFunction udaf && !udaf.retracts()) {
                throw new RelToDataflow.WindowException("The aggregate UDF '" + udaf.definition().name()
                        + "' cannot retract values, which an aggregate over an updating input (" + reason
                        + ") needs: override retract in " + udaf.definition().className());
            }
        }
    }

    static Translated translate(AggregateCall call, List<RexNode> inputs, RexBuilder rexBuilder) {
        SqlKind kind = call.getAggregation().getKind();
        String name = call.getAggregation().getName();
        String function = call.getAggregation() instanceof UdafFunction udaf ? udaf.callName() : switch (kind) {
            case COUNT, SUM, MIN, MAX, AVG -> kind.name();
            case OTHER_FUNCTION -> TributaryAggregates.NAMES.contains(name.toUpperCase(Locale.ROOT))
                    ? TributaryAggregates.engineName(name)
                    : null;
            default -> null;
        };
        if (function == null) {
            throw new RelToDataflow.WindowException("The aggregate " + call + " is not supported by this version of"
                    + " Tributary's planner");
        }
        String shown = name.toLowerCase(Locale.ROOT);
        if (!call.getCollation().getFieldCollations().isEmpty()) {
            throw new RelToDataflow.WindowException(shown + "(... ORDER BY ...) is not supported by this version of"
                    + " Tributary's planner: aggregates see rows in arrival order");
        }
        List<RexNode> arguments = new ArrayList<>(call.getArgList().stream().map(inputs::get).toList());
        if (call.filterArg >= 0) {
            if (TributaryAggregates.KEEP_NULLS.contains(function)) {
                throw new RelToDataflow.WindowException("FILTER (WHERE ...) on " + shown + " is not supported by this"
                        + " version of Tributary's planner");
            }
            RexNode condition = inputs.get(call.filterArg);
            if (arguments.isEmpty()) {
                arguments.add(rexBuilder.makeLiteral(true));
            }
            int values = Math.min(arguments.size(), TributaryAggregates.valueArguments(function));
            for (int i = 0; i < values; i++) {
                RexNode argument = arguments.get(i);
                RexNode none = rexBuilder.makeNullLiteral(
                        rexBuilder.getTypeFactory().createTypeWithNullability(argument.getType(), true));
                arguments.set(i, rexBuilder.makeCall(SqlStdOperatorTable.CASE, condition, argument, none));
            }
        }
        return new Translated(function, arguments);
    }
}
