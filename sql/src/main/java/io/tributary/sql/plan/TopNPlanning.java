package io.tributary.sql.plan;

import io.tributary.proto.program.Field;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.RankFunction;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.SortField;
import io.tributary.proto.program.TopNOperator;
import io.tributary.sql.explain.ExprFormatter;
import io.tributary.sql.explain.ProgramExplainer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * Top-N per window: {@code SELECT ... FROM (SELECT ..., ROW_NUMBER() OVER (PARTITION BY window [,
 * keys] ORDER BY ...) AS row_num FROM <windowed aggregate>) WHERE row_num <= N}, which the optimizer
 * leaves as a Calc (the filter) over a Window computing ROW_NUMBER. Planned as: the aggregate's stream →
 * SHUFFLE on the other partition keys and {@code _timestamp} → top_n (program.proto's TopNOperator)
 * → a projection computing the Calc's columns, with the row number where it reads row_num.
 *
 * <p>The partition must hold the window (Arroyo's {@code window} struct, or window_start or
 * window_end), traced through the dataflow to the window aggregate: then its rows share one
 * {@code _timestamp}, the window's end - 1 ns, which the operator partitions and emits by.
 */
final class TopNPlanning {
    private static final String SHAPE = "ROW_NUMBER() OVER (PARTITION BY window [, keys] ORDER BY ...) over a"
            + " windowed aggregate, filtered with WHERE row_num <= N in an enclosing query";

    private TopNPlanning() {}

    /** The Calc over the Window, read: the bound, the other conditions and the columns (over the Window's row type). */
    record Ranking(Window.Group group, String rowNumberName, long limit, Optional<RexNode> condition,
            List<RexNode> projects, boolean rowNumber, RankFunction function) {}

    static PlanShapeException unfiltered() {
        return new PlanShapeException("ROW_NUMBER() needs a bound: top-N per window is " + SHAPE);
    }

    /**
     * Reads {@code calc} over {@code ranked}. The Window's row type (its input's columns, then the row
     * number) is the top-N output's, so the Calc's expressions apply to it unchanged.
     */
    static Ranking ranking(Calc calc, Window ranked, RexBuilder rexBuilder) {
        if (ranked.groups.size() != 1 || ranked.groups.getFirst().aggCalls.size() != 1) {
            throw new PlanShapeException("One ROW_NUMBER() per query is supported: top-N per window is " + SHAPE);
        }
        Window.Group group = ranked.groups.getFirst();
        RankFunction function = switch (group.aggCalls.getFirst().getOperator().getKind()) {
            case ROW_NUMBER -> RankFunction.ROW_NUMBER;
            case RANK -> RankFunction.RANK;
            case DENSE_RANK -> RankFunction.DENSE_RANK;
            default -> throw new PlanShapeException(io.tributary.sql.validate.TopNSyntax.OTHER_FUNCTIONS);
        };
        int rowNumberColumn = ranked.getInput().getRowType().getFieldCount();
        RexProgram program = calc.getProgram();
        long limit = Long.MAX_VALUE;
        List<RexNode> rest = new ArrayList<>();
        if (program.getCondition() != null) {
            for (RexNode conjunct : RelOptUtil.conjunctions(program.expandLocalRef(program.getCondition()))) {
                Optional<Long> bound = bound(conjunct, rowNumberColumn);
                if (bound.isPresent()) {
                    limit = Math.min(limit, bound.get());
                } else {
                    rest.add(conjunct);
                }
            }
        }
        if (limit == Long.MAX_VALUE) {
            throw unfiltered();
        }
        if (limit <= 0) {
            throw new PlanShapeException("The bound on ROW_NUMBER() keeps no rows: row numbers start at 1");
        }
        List<RexNode> projects = program.getProjectList().stream()
                .map(program::expandLocalRef)
                .map(RexNode.class::cast)
                .toList();
        Optional<RexNode> condition = rest.isEmpty()
                ? Optional.empty()
                : Optional.of(RexUtil.composeConjunction(rexBuilder, rest));
        List<RexNode> used = new ArrayList<>(projects);
        condition.ifPresent(used::add);
        boolean rowNumber = RelOptUtil.InputFinder.bits(used, null).get(rowNumberColumn);
        return new Ranking(group, ranked.getRowType().getFieldNames().get(rowNumberColumn), limit, condition, projects,
                rowNumber, function);
    }

    /** N when {@code conjunct} bounds the row number to 1..N ({@code rn <= N}, {@code rn < N + 1}, {@code rn = 1}). */
    private static Optional<Long> bound(RexNode conjunct, int overIndex) {
        if (!(conjunct instanceof RexCall call) || call.getOperands().size() != 2) {
            return Optional.empty();
        }
        RexNode left = call.getOperands().get(0);
        RexNode right = call.getOperands().get(1);
        SqlKind kind = call.getKind();
        if (!isRef(left, overIndex) && isRef(right, overIndex)) {
            RexNode swapped = left;
            left = right;
            right = swapped;
            kind = kind.reverse();
        }
        if (!isRef(left, overIndex) || !(right instanceof RexLiteral literal)
                || !(literal.getValue() instanceof BigDecimal value)) {
            return Optional.empty();
        }
        long n = value.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        return switch (kind) {
            case LESS_THAN_OR_EQUAL -> Optional.of(n);
            case LESS_THAN -> Optional.of(value.stripTrailingZeros().scale() <= 0 ? n - 1 : n);
            case EQUALS -> n == 1 && value.compareTo(BigDecimal.ONE) == 0 ? Optional.of(1L) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static boolean isRef(RexNode node, int index) {
        RexNode stripped = RexUtil.removeCast(node);
        return stripped instanceof RexInputRef ref && ref.getIndex() == index;
    }

    /**
     * Adds the top_n operator reading {@code input} (the ranked Project's input): checks that the
     * partition holds the window, and shuffles on the other keys and {@code _timestamp}.
     */
    static Stream plan(DataflowBuilder dataflow, Stream input, Ranking ranking) {
        Optional<io.tributary.proto.program.Window> window = dataflow.windowOf(input);
        if (window.isEmpty()) {
            throw new PlanShapeException("Top-N per window reads a windowed aggregate (GROUP BY tumble(...) or hop(...),"
                    + " or a GROUP BY window_start, window_end of TUMBLE or HOP); ROW_NUMBER() over other rows is not"
                    + " supported by this version of Tributary's planner");
        }
        if (window.get().hasSession()) {
            throw new PlanShapeException("Top-N per window needs tumble or hop windows: session windows differ per key,"
                    + " so there is no one window to rank in");
        }
        List<Integer> keys = new ArrayList<>();
        boolean windowed = false;
        for (int column : ranking.group().keys) {
            if (dataflow.windowColumn(input, column).isPresent()) {
                windowed = true;
            } else {
                keys.add(column);
            }
        }
        if (!windowed) {
            throw new PlanShapeException("ROW_NUMBER() for top-N must be partitioned by the window: PARTITION BY window"
                    + " (or window_start, window_end) [, keys]");
        }
        keys.add(input.schema().getFieldsCount() - 1);
        TopNOperator.Builder config = TopNOperator.newBuilder()
                .addAllKeyFields(keys)
                .setLimit(ranking.limit())
                .setRowNumber(ranking.rowNumber())
                .setFunction(ranking.function());
        for (RelFieldCollation collation : ranking.group().orderKeys.getFieldCollations()) {
            config.addOrder(SortField.newBuilder()
                    .setField(collation.getFieldIndex())
                    .setDescending(collation.getDirection().isDescending())
                    .setNullsFirst(collation.nullDirection == RelFieldCollation.NullDirection.FIRST
                            || collation.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED
                                    && collation.getDirection().isDescending()));
        }
        Schema.Builder schema = Schema.newBuilder().addAllFields(input.columns());
        if (ranking.rowNumber()) {
            schema.addFields(SchemaConverter.field(ranking.rowNumberName(), ranking.group().aggCalls.getFirst().getType()));
        }
        Schema output = schema.addFields(SchemaConverter.timestampField()).build();
        Operator.Builder operator = Operator.newBuilder()
                .setName("top_n")
                .setOutputSchema(output)
                .setTopN(config);
        String id = OperatorIds.of("top_n", operator.clone().clearName().build().toByteArray(),
                List.of(input.operatorId()));
        return dataflow.addShuffled(id, describe(config.build(), input.schema().getFieldsList()), operator, input, keys);
    }

    /** {@code top_n 3 by auction order by bids DESC}. */
    static String describe(TopNOperator topN, List<Field> input) {
        StringBuilder text = new StringBuilder("top_n ").append(topN.getLimit());
        if (topN.getFunction() != RankFunction.ROW_NUMBER) {
            text.append(" (").append(topN.getFunction().name().toLowerCase(java.util.Locale.ROOT)).append(")");
        }
        List<Integer> keys = topN.getKeyFieldsList().subList(0, topN.getKeyFieldsCount() - 1);
        if (!keys.isEmpty()) {
            text.append(" by ").append(keys.stream().map(key -> ExprFormatter.name(input.get(key).getName()))
                    .collect(Collectors.joining(", ")));
        }
        return text.append(" per window order by ").append(ProgramExplainer.order(topN.getOrderList(), input)).toString();
    }
}
