package io.tributary.sql.plan;

import static java.util.Objects.requireNonNull;

import io.tributary.proto.program.AggregateCall;
import io.tributary.proto.program.Call;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.FieldPath;
import io.tributary.proto.program.IntervalValue;
import io.tributary.proto.program.Literal;
import io.tributary.proto.program.CumulatingWindow;
import io.tributary.proto.program.SessionWindow;
import io.tributary.proto.program.SlidingWindow;
import io.tributary.proto.program.TumblingWindow;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.Window;
import io.tributary.proto.program.WindowAggregateOperator;
import io.tributary.proto.program.UpdatingAggregateOperator;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.ProjectionOperator;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.SinkOperator;
import io.tributary.proto.program.SourceOperator;
import io.tributary.proto.program.WatermarkOperator;
import io.tributary.sql.catalog.CatalogTable;
import io.tributary.sql.catalog.ColumnDefinition;
import io.tributary.sql.catalog.TableDefinition;
import io.tributary.sql.explain.ExprFormatter;
import io.tributary.sql.explain.ProgramExplainer;
import io.tributary.sql.explain.TypeNames;
import io.tributary.sql.validate.WindowFunctions;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import io.tributary.proto.program.JoinOperator;
import io.tributary.proto.program.JoinType;
import io.tributary.sql.plan.JoinPlanning.Role;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Turns an optimised relational plan into dataflow nodes: table scans become sources (plus a
 * watermark node when the table declares one), Calc/Project/Filter become projections, UNION
 * ALL becomes a projection node with several inputs, and a windowed Aggregate becomes
 * projection → SHUFFLE on the keys → window aggregate → projection (see
 * {@link #windowAggregate}); an Aggregate without a window becomes projection → SHUFFLE on the keys →
 * updating aggregate (see {@link #updatingAggregate}), an updating stream: {@code _is_retract} sits right
 * before {@code _timestamp}, and every projection over it carries it through. Windowed aggregates and
 * joins reject updating inputs. Anything else is rejected; the SQL-level check reports those
 * earlier with better positions, this is the safety net.
 */
final class RelToDataflow {
    private final DataflowBuilder dataflow;
    private final ExprConverter exprs;
    private final RexBuilder rexBuilder;
    private final Map<String, WatermarkOperator> watermarks;
    private final Map<String, ProjectionOperator> virtualColumns;
    /** Set while planning the input of a window aggregate: its sources need watermarks. */
    private boolean windowedInput;
    /** The joins of the plan being converted, in pre-order (to locate errors at their JOIN keyword). */
    private List<RelNode> joins = List.of();
    /** What the plan being converted reads of each table scan's columns (projection pushdown). */
    private Map<TableScan, SourceReads.Tree> scanReads = Map.of();
    /** {@code SET updating_ttl}; 0: {@link JoinPlanning#DEFAULT_TTL_MICROS}. */
    private long updatingTtlMicros;
    /** What made the stream of the current plan updating (for messages), or null while it is append-only. */
    private String updatingReason;
    /**
     * Updating aggregates gather changes and emit them at most once a second (and at watermarks and end of
     * input): a hot key then emits one update per second instead of one per row.
     */
    static final long UPDATING_FLUSH_INTERVAL_MICROS = 1_000_000L;

    /**
     * @param watermarks the WATERMARK of each source table that declares one
     * @param virtualColumns per source table with generated columns, the projection computing its row
     */
    RelToDataflow(DataflowBuilder dataflow, RexBuilder rexBuilder, Map<String, WatermarkOperator> watermarks,
            Map<String, ProjectionOperator> virtualColumns) {
        this.dataflow = requireNonNull(dataflow, "dataflow is null");
        this.rexBuilder = requireNonNull(rexBuilder, "rexBuilder is null");
        this.exprs = new ExprConverter(rexBuilder);
        this.watermarks = requireNonNull(watermarks, "watermarks is null");
        this.virtualColumns = requireNonNull(virtualColumns, "virtualColumns is null");
    }

    /** Plans {@code rel} and names its output columns {@code names}. */
    Stream plan(RelNode rel, List<String> names) {
        RelNode optimized = Optimizer.optimize(rel);
        joins = JoinPlanning.joinsInPreOrder(optimized);
        scanReads = SourceReads.of(optimized);
        updatingReason = null;
        return named(convert(optimized), names);
    }

    /** What made the stream of the last {@link #plan} updating, e.g. "GROUP BY without a window"; null if none. */
    String updatingReason() {
        return updatingReason;
    }

    void setUpdatingTtlMicros(long micros) {
        this.updatingTtlMicros = micros;
    }

    private Stream convert(RelNode rel) {
        return switch (rel) {
            case TableScan scan -> source(scan);
            case Calc calc when calc.getInput() instanceof Aggregate aggregate -> {
                WindowAggregate window = windowAggregate(aggregate);
                RexProgram program = calc.getProgram();
                Optional<RexNode> condition = Optional.ofNullable(program.getCondition())
                        .map(program::expandLocalRef)
                        .map(window::rewrite);
                List<RexNode> projects = program.getProjectList().stream()
                        .map(program::expandLocalRef)
                        .map(window::rewrite)
                        .toList();
                yield projection(window.stream(), condition, projects, calc.getRowType());
            }
            case Aggregate aggregate -> {
                WindowAggregate window = windowAggregate(aggregate);
                yield projection(window.stream(), Optional.empty(), window.mapping(), aggregate.getRowType());
            }
            case Calc calc when calc.getInput() instanceof org.apache.calcite.rel.core.Window ranked -> topN(calc, ranked);
            case Calc calc when calc.getInput() instanceof Correlate correlate -> unnestThen(calc, correlate);
            case Calc calc -> {
                RexProgram program = calc.getProgram();
                Optional<RexNode> condition = Optional.ofNullable(program.getCondition())
                        .map(program::expandLocalRef);
                List<RexNode> projects = program.getProjectList().stream()
                        .map(program::expandLocalRef)
                        .map(RexNode.class::cast)
                        .toList();
                yield projection(convert(calc.getInput()), condition, projects, calc.getRowType());
            }
            case org.apache.calcite.rel.core.Window ignored -> throw TopNPlanning.unfiltered();
            case Correlate correlate -> unnest(correlate,
                    identity(correlate.getLeft().getRowType()).stream().map(ref -> ((RexInputRef) ref).getIndex()).toList())
                    .stream();
            case Project project -> projection(convert(project.getInput()), Optional.empty(),
                    project.getProjects(), project.getRowType());
            case Filter filter -> projection(convert(filter.getInput()), Optional.of(filter.getCondition()),
                    identity(filter.getInput().getRowType()), filter.getRowType());
            case Union union when union.all -> union(union);
            case Join join when LookupJoinPlanning.involvesLookupTable(join) -> lookupJoin(join);
            case Join join -> join(join);
            default -> throw new UnsupportedRelationException(rel);
        };
    }

    /** Top-N per window (see {@link TopNPlanning}): the ranked rows, then the Calc's columns over them. */
    private Stream topN(Calc calc, org.apache.calcite.rel.core.Window ranked) {
        TopNPlanning.Ranking ranking = TopNPlanning.ranking(calc, ranked, rexBuilder);
        Stream topN = TopNPlanning.plan(dataflow, convert(ranked.getInput()), ranking);
        return projection(topN, ranking.condition(), ranking.projects(), calc.getRowType());
    }

    /** An unnest's stream and, per Correlate column, its index there (-1: a left column not carried). */
    private record Unnested(Stream stream, List<Integer> columnIndex) {}

    /** A Calc over an unnest: only the left columns it reads are copied into every element's row. */
    private Stream unnestThen(Calc calc, Correlate correlate) {
        RexProgram program = calc.getProgram();
        List<RexNode> projects = program.getProjectList().stream().map(program::expandLocalRef)
                .map(RexNode.class::cast).toList();
        Optional<RexNode> condition = Optional.ofNullable(program.getCondition()).map(program::expandLocalRef);
        List<RexNode> read = new ArrayList<>(projects);
        condition.ifPresent(read::add);
        int leftCount = correlate.getLeft().getRowType().getFieldCount();
        List<Integer> carried = org.apache.calcite.plan.RelOptUtil.InputFinder.bits(read, null).asList().stream()
                .filter(index -> index < leftCount)
                .toList();
        Unnested unnested = unnest(correlate, carried);
        RexShuttle remap = new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(unnested.columnIndex().get(ref.getIndex()), ref.getType());
            }
        };
        return projection(unnested.stream(), condition.map(c -> c.accept(remap)),
                projects.stream().map(p -> p.accept(remap)).toList(), calc.getRowType());
    }

    /**
     * Plans {@code t CROSS JOIN UNNEST(list, ...)} (see {@link UnnestPlanning} and program.proto's
     * UnnestOperator): the left input → unnest, emitting the {@code carried} left columns and the elements.
     */
    private Unnested unnest(Correlate correlate, List<Integer> carried) {
        UnnestPlanning.Unnest unnest = UnnestPlanning.of(correlate);
        RelDataType leftType = correlate.getLeft().getRowType();
        Stream input = convert(correlate.getLeft());
        List<Integer> listFields = unnest.lists().stream().map(RexInputRef::getIndex).toList();
        io.tributary.proto.program.UnnestOperator.Builder config = io.tributary.proto.program.UnnestOperator.newBuilder()
                .setListField(listFields.getFirst())
                .addAllZippedListFields(listFields.subList(1, listFields.size()))
                .setElementIndex(carried.size());
        Schema.Builder schema = Schema.newBuilder();
        for (int field : carried) {
            config.addCarriedFields(field);
            schema.addFields(input.schema().getFields(field));
        }
        for (int e = 0; e < listFields.size(); e++) {
            schema.addFields(SchemaConverter.field(unnest.elementNames().get(e), unnest.elementTypes().get(e)));
        }
        if (input.updating()) {
            config.addCarriedFields(input.retractIndex());
            schema.addFields(SchemaConverter.retractField());
        }
        schema.addFields(SchemaConverter.timestampField());
        Operator.Builder operator = Operator.newBuilder()
                .setName("unnest")
                .setOutputSchema(schema)
                .setUnnest(config);
        String id = OperatorIds.of("unnest", operator.clone().clearName().build().toByteArray(),
                List.of(input.operatorId()));
        String description = "unnest " + java.util.stream.IntStream.range(0, listFields.size())
                .mapToObj(e -> ExprFormatter.name(input.schema().getFields(listFields.get(e)).getName()) + " AS "
                        + ExprFormatter.name(unnest.elementNames().get(e)))
                .collect(java.util.stream.Collectors.joining(", "));
        Stream stream = dataflow.add(id, description, operator, List.of(input));
        List<Integer> columnIndex = new ArrayList<>();
        for (int column = 0; column < leftType.getFieldCount(); column++) {
            columnIndex.add(carried.indexOf(column));
        }
        for (int e = 0; e < listFields.size(); e++) {
            columnIndex.add(carried.size() + e);
        }
        return new Unnested(stream, columnIndex);
    }

    /** A join input as the join sees it: its columns over {@code base}, and the window table function it applies. */
    private record JoinSide(RelNode base, Window window, String windowCall, List<RexNode> values, List<Role> roles,
            Optional<RexNode> condition) {
    }

    /**
     * Plans a join with at least one equality between its inputs' columns (see program.proto's
     * JoinOperator). Both inputs windowed by the same TUMBLE or HOP table function, with
     * window_start and window_end equated: a windowed join (any join type). Otherwise an unbounded
     * INNER join with TTL {@code updating_ttl} (default {@link JoinPlanning#DEFAULT_TTL_MICROS}).
     * Plan: each input → a projection computing its columns and keys (skipped when it would change
     * nothing) → LEFT_JOIN / RIGHT_JOIN on the keys → join → a projection giving the Join's row type
     * (window_start and window_end are computed from the output's {@code _timestamp}).
     */
    /** A join with a lookup table (see {@link LookupJoinPlanning}), then the columns the Join rel has. */
    private Stream lookupJoin(Join join) {
        int ordinal = Math.max(0, joins.indexOf(join));
        LookupJoinPlanning.Lookup lookup = LookupJoinPlanning.of(join, rexBuilder, ordinal);
        Stream left = convert(join.getLeft());
        Stream joined = LookupJoinPlanning.plan(dataflow, exprs, left, lookup, join.getRowType().getFieldNames(), ordinal);
        if (lookup.rightProjects().isEmpty()) {
            return joined;
        }
        int leftCount = join.getLeft().getRowType().getFieldCount();
        List<RexNode> projects = new ArrayList<>(identity(join.getLeft().getRowType()));
        RexShuttle shift = new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(ref.getIndex() + leftCount, ref.getType());
            }
        };
        lookup.rightProjects().get().forEach(project -> projects.add(project.accept(shift)));
        return projection(joined, Optional.empty(), projects, join.getRowType());
    }

    private Stream join(Join join) {
        int ordinal = Math.max(0, joins.indexOf(join));
        JoinRelType type = join.getJoinType();
        JoinType joinType = switch (type) {
            case INNER -> JoinType.INNER;
            case LEFT -> JoinType.LEFT;
            case RIGHT -> JoinType.RIGHT;
            case FULL -> JoinType.FULL;
            default -> throw new JoinException(type + " joins (from IN / EXISTS subqueries) are not supported by this"
                    + " version of Tributary's planner", ordinal);
        };
        JoinSide left = joinSide(join.getLeft(), ordinal);
        JoinSide right = joinSide(join.getRight(), ordinal);
        int leftCount = join.getLeft().getRowType().getFieldCount();

        // Split the ON clause: equalities between the sides are keys, the rest is a residual condition.
        List<RexNode[]> keyPairs = new ArrayList<>();
        List<RexNode> residual = new ArrayList<>();
        boolean startsEquated = false;
        boolean endsEquated = false;
        // The windows of two windowed aggregates equated: Arroyo's window structs, or window_start / window_end.
        Window leftAggregateWindow = null;
        Window rightAggregateWindow = null;
        // The equated window bounds of two windowed aggregates, the key when the ON clause has no other.
        RexNode[] windowPair = null;
        for (RexNode conjunct : org.apache.calcite.plan.RelOptUtil.conjunctions(join.getCondition())) {
            RexNode[] pair = equality(conjunct, leftCount);
            if (pair != null && pair[0] instanceof RexInputRef a && pair[1] instanceof RexInputRef b) {
                Optional<AggregateWindowColumn> leftWindow = aggregateWindowColumn(join.getLeft(), a.getIndex(), ordinal);
                Optional<AggregateWindowColumn> rightWindow = aggregateWindowColumn(join.getRight(), b.getIndex(), ordinal);
                if (leftWindow.isPresent() && rightWindow.isPresent()) {
                    if (leftWindow.get().column() != rightWindow.get().column()) {
                        throw new JoinException("A windowed join can only equate the window with the window (or"
                                + " window_start with window_start and window_end with window_end) of the other side",
                                ordinal);
                    }
                    leftAggregateWindow = leftWindow.get().window();
                    rightAggregateWindow = rightWindow.get().window();
                    windowPair = windowKey(a, b, leftWindow.get().column(), windowPair);
                    continue;
                }
            }
            if (pair == null) {
                if (referencesWindow(conjunct, left, right, leftCount)) {
                    throw new JoinException("A join can use window_start and window_end only in equalities between"
                            + " both sides (l.window_start = r.window_start AND l.window_end = r.window_end)", ordinal);
                }
                residual.add(conjunct);
                continue;
            }
            Role leftRole = role(pair[0], left);
            Role rightRole = role(pair[1], right);
            boolean leftWindowed = leftRole != Role.VALUE || referencesWindow(pair[0], left, null, Integer.MAX_VALUE);
            boolean rightWindowed = rightRole != Role.VALUE || referencesWindow(pair[1], right, null, Integer.MAX_VALUE);
            if (leftWindowed || rightWindowed) {
                if (leftRole == rightRole && leftRole != Role.VALUE) {
                    startsEquated |= leftRole == Role.WINDOW_START;
                    endsEquated |= leftRole == Role.WINDOW_END;
                    continue;
                }
                throw new JoinException("A windowed join can only equate window_start with window_start and window_end"
                        + " with window_end of the other side", ordinal);
            }
            keyPairs.add(pair);
        }

        Window window = null;
        if (leftAggregateWindow != null) {
            for (Window aggregateWindow : List.of(leftAggregateWindow, rightAggregateWindow)) {
                if (aggregateWindow.hasSession()) {
                    throw new JoinException("Session windows cannot be used in joins: a session's extent depends on"
                            + " the rows of one side; join tumble(...) or hop(...) windows instead", ordinal);
                }
            }
            if (!leftAggregateWindow.equals(rightAggregateWindow)) {
                throw new JoinException("The inputs of a windowed join must use the same window, but the left uses "
                        + io.tributary.sql.explain.ProgramExplainer.window(leftAggregateWindow) + " and the right "
                        + io.tributary.sql.explain.ProgramExplainer.window(rightAggregateWindow), ordinal);
            }
            // Each aggregate row carries _timestamp = its window's end - 1 ns; windows ending together
            // fall in one tumbling window of the slide, so the join emits them as soon as both are final.
            long slide = switch (leftAggregateWindow.getKindCase()) {
                case TUMBLING -> leftAggregateWindow.getTumbling().getWidthMicros();
                case CUMULATING -> leftAggregateWindow.getCumulating().getStepMicros();
                default -> leftAggregateWindow.getSliding().getSlideMicros();
            };
            window = Window.newBuilder().setTumbling(TumblingWindow.newBuilder().setWidthMicros(slide)).build();
            if (left.window() != null || right.window() != null) {
                throw new JoinException("A join cannot mix a window table function with a windowed aggregate", ordinal);
            }
        } else if (left.window() != null || right.window() != null) {
            for (JoinSide side : List.of(left, right)) {
                if (side.window() != null && side.window().hasSession()) {
                    throw new JoinException("Session windows cannot be used in joins: a session's extent depends on"
                            + " the rows of one side; join TUMBLE or HOP windows instead", ordinal);
                }
                if (side.window() != null && side.window().hasCumulating()) {
                    throw new JoinException("CUMULATE windows cannot be joined row by row: a row belongs to every later"
                            + " window of its period; aggregate each side by the CUMULATE window first and join the"
                            + " aggregates on window_start and window_end, or join TUMBLE or HOP windows", ordinal);
                }
            }
            if (left.window() == null || right.window() == null) {
                throw new JoinException("Both inputs of a windowed join must be the same window table function (TUMBLE"
                        + " or HOP); here only the " + (left.window() == null ? "right" : "left") + " input is windowed",
                        ordinal);
            }
            if (!left.window().equals(right.window())) {
                throw new JoinException("The inputs of a windowed join must use the same window, but the left uses "
                        + io.tributary.sql.explain.ProgramExplainer.window(left.window()) + " and the right "
                        + io.tributary.sql.explain.ProgramExplainer.window(right.window()), ordinal);
            }
            if (!startsEquated || !endsEquated) {
                throw new JoinException("A windowed join must equate the windows of both inputs: ON l.window_start ="
                        + " r.window_start AND l.window_end = r.window_end (plus the join keys)", ordinal);
            }
            window = left.window();
        }
        if (keyPairs.isEmpty() && windowPair != null) {
            // Joined on the window alone (Nexmark q5: each window's counts with their maximum): the rows of
            // an aggregate window carry it as values, so the window is the key and windows spread over subtasks.
            keyPairs.add(windowPair);
        }
        if (keyPairs.isEmpty()) {
            throw new JoinException("A join needs an equality between columns of both inputs in its ON clause"
                    + (window != null ? " besides window_start and window_end (only aggregates over a window can"
                    + " be joined on their window alone)" : "")
                    + ", e.g. ON a.id = b.id; joins without one (cross joins) are not supported", ordinal);
        }
        // Equal keys must have equal types on both sides, for hashing and comparison.
        List<RexNode> leftKeys = new ArrayList<>();
        List<RexNode> rightKeys = new ArrayList<>();
        for (RexNode[] pair : keyPairs) {
            RelDataType a = pair[0].getType();
            RelDataType b = pair[1].getType();
            if (a.isStruct() || b.isStruct() || SqlTypeUtil.isCollection(a) || SqlTypeUtil.isMap(a)) {
                throw new JoinException("A join key must be a scalar value, not " + a.getSqlTypeName()
                        + (a.isStruct() ? "; of structs, only the windows of two aggregates over the same window"
                        + " (GROUP BY tumble(...) or hop(...)) can be equated" : ""), ordinal);
            }
            RelDataType common = rexBuilder.getTypeFactory().leastRestrictive(List.of(a, b));
            if (common == null) {
                throw new JoinException("A join cannot equate " + a + " with " + b, ordinal);
            }
            leftKeys.add(castIfNeededSansNullability(common, pair[0]));
            rightKeys.add(castIfNeededSansNullability(common, pair[1]));
        }

        boolean padLeft = joinType == JoinType.RIGHT || joinType == JoinType.FULL;
        boolean padRight = joinType == JoinType.LEFT || joinType == JoinType.FULL;
        List<String> names = join.getRowType().getFieldNames();
        boolean windowed = window != null;
        SideStream leftStream = sideStream(left, leftKeys, names.subList(0, leftCount), "_left",
                windowed && padLeft && hasWindowColumn(left), ordinal);
        SideStream rightStream = sideStream(right, rightKeys, names.subList(leftCount, names.size()), "_right",
                windowed && padRight && hasWindowColumn(right), ordinal);
        for (SideStream side : List.of(leftStream, rightStream)) {
            if (windowed && side.stream().updating()) {
                throw new JoinException("A windowed join cannot read an updating stream: its "
                        + (side == leftStream ? "left" : "right") + " input (" + updatingReason + ") retracts and"
                        + " replaces rows it emitted earlier, but a window's join is emitted once; join without a"
                        + " window, or aggregate over a window (tumble, hop or session) first", ordinal);
            }
        }
        // Without a window, an outer join withdraws a padded row when its match arrives, and a join of an
        // updating input withdraws what a retracted row joined: the result is a changelog.
        boolean changelog = !windowed
                && (joinType != JoinType.INNER || leftStream.stream().updating() || rightStream.stream().updating());
        if (changelog && updatingReason == null) {
            updatingReason = "a " + type + " join without a window";
        }

        // The join's output: left columns, right columns (nullable when padded), [_is_retract,] _timestamp.
        Schema.Builder output = Schema.newBuilder();
        for (Field field : leftStream.stream().dataColumns()) {
            output.addFields(padLeft ? field.toBuilder().setNullable(true).build() : field);
        }
        for (Field field : rightStream.stream().dataColumns()) {
            output.addFields(padRight ? field.toBuilder().setNullable(true).build() : field);
        }
        if (changelog) {
            output.addFields(SchemaConverter.retractField());
        }
        output.addFields(SchemaConverter.timestampField());
        Schema outputSchema = output.build();
        int rightOffset = leftStream.stream().dataColumns().size();

        JoinOperator.Builder operator = JoinOperator.newBuilder()
                .setJoinType(joinType)
                .addAllLeftKeyFields(leftStream.keyFields())
                .addAllRightKeyFields(rightStream.keyFields());
        if (windowed) {
            operator.setWindow(window);
        } else {
            operator.setTtlMicros(updatingTtlMicros > 0 ? updatingTtlMicros : JoinPlanning.DEFAULT_TTL_MICROS);
        }
        if (!residual.isEmpty()) {
            // Over the join's output: Join column j → its place in the output.
            RexNode condition = RexUtil.composeConjunction(rexBuilder, residual);
            RexNode rewritten = condition.accept(new RexShuttle() {
                @Override
                public RexNode visitInputRef(RexInputRef ref) {
                    int index = ref.getIndex();
                    int target = index < leftCount
                            ? leftStream.columnIndex().get(index)
                            : rightOffset + rightStream.columnIndex().get(index - leftCount);
                    return new RexInputRef(target, ref.getType());
                }
            });
            operator.setCondition(exprs.convert(rewritten));
        }
        Operator.Builder joinOperator = Operator.newBuilder()
                .setName("join")
                .setOutputSchema(outputSchema)
                .setJoin(operator);
        String id = OperatorIds.of("join", joinOperator.clone().clearName().build().toByteArray(),
                List.of(leftStream.stream().operatorId(), rightStream.stream().operatorId()));
        String description = describe(operator.build(), outputSchema, leftStream.stream(), rightStream.stream());
        Stream joined = dataflow.addJoin(id, description, joinOperator, leftStream.stream(), leftStream.keyFields(),
                rightStream.stream(), rightStream.keyFields());

        // Back to the Join's row type, unless the output already is exactly that.
        List<Field> joinedFields = outputSchema.getFieldsList();
        Schema restored = SchemaConverter.streamSchema(join.getRowType());
        if (changelog) {
            restored = SchemaConverter.withRetract(restored);
        }
        ProjectionOperator.Builder projection = ProjectionOperator.newBuilder();
        boolean identity = joinedFields.size() == restored.getFieldsCount();
        int timestampIndex = joinedFields.size() - 1;
        Field timestamp = joinedFields.get(timestampIndex);
        for (int j = 0; j < names.size(); j++) {
            boolean isLeft = j < leftCount;
            JoinSide side = isLeft ? left : right;
            SideStream stream = isLeft ? leftStream : rightStream;
            int column = isLeft ? j : j - leftCount;
            int offset = isLeft ? 0 : rightOffset;
            Field target = restored.getFields(j);
            Role role = side.roles().get(column);
            if (role == Role.VALUE) {
                int index = offset + stream.columnIndex().get(column);
                identity &= index == j;
                projection.addProjections(JoinPlanning.ref(index, joinedFields.get(index)));
            } else {
                identity = false;
                long width = JoinPlanning.widthNanos(window);
                Expr value = role == Role.WINDOW_END
                        ? JoinPlanning.timestampPlus(timestampIndex, timestamp, 1, target.getType())
                        : JoinPlanning.timestampPlus(timestampIndex, timestamp, 1 - width, target.getType());
                if (stream.markerIndex() >= 0) {
                    int marker = offset + stream.markerIndex();
                    value = JoinPlanning.nullUnless(JoinPlanning.ref(marker, joinedFields.get(marker)), value);
                }
                projection.addProjections(value);
            }
        }
        if (changelog) {
            int retract = joined.retractIndex();
            projection.addProjections(JoinPlanning.ref(retract, joinedFields.get(retract)));
        }
        if (identity) {
            return joined;
        }
        return addProjection(joined, projection.build(), restored, List.of(joined));
    }

    /** A side's planned input: its stream, the key columns in it, where each Join column went, the marker column. */
    private record SideStream(Stream stream, List<Integer> keyFields, List<Integer> columnIndex, int markerIndex) {}

    private static boolean hasWindowColumn(JoinSide side) {
        return side.roles().stream().anyMatch(role -> role != Role.VALUE);
    }

    /**
     * Plans a join input: its base, then (unless nothing would change) a projection computing the
     * side's value columns, the keys that are not plain columns, and a TRUE marker column when the
     * side may be padded with NULLs but has window columns to compute after the join.
     */
    private SideStream sideStream(JoinSide side, List<RexNode> keys, List<String> names, String prefix, boolean marker,
            int ordinal) {
        // Every join input needs watermarks: windowed joins close windows with them, unbounded joins
        // expire rows after the TTL with them. Sources without WATERMARK FOR get the default one.
        boolean outer = windowedInput;
        windowedInput = true;
        Stream base;
        try {
            base = convert(side.base());
        } finally {
            windowedInput = outer;
        }
        List<RexNode> projects = new ArrayList<>();
        List<String> projectNames = new ArrayList<>();
        List<Integer> columnIndex = new ArrayList<>();
        for (int i = 0; i < side.values().size(); i++) {
            if (side.roles().get(i) == Role.VALUE) {
                columnIndex.add(projects.size());
                projects.add(side.values().get(i));
                projectNames.add(names.get(i));
            } else {
                columnIndex.add(-1);
            }
        }
        List<Integer> keyFields = new ArrayList<>();
        for (RexNode key : keys) {
            // Keys are over the side's columns; express them over the base.
            RexNode overBase = key.accept(new RexShuttle() {
                @Override
                public RexNode visitInputRef(RexInputRef ref) {
                    return side.values().get(ref.getIndex());
                }
            });
            int existing = projects.indexOf(overBase);
            if (existing >= 0) {
                keyFields.add(existing);
            } else {
                keyFields.add(projects.size());
                projects.add(overBase);
                projectNames.add(prefix + "_key" + keyFields.size());
            }
        }
        int markerIndex = -1;
        if (marker) {
            markerIndex = projects.size();
            projects.add(rexBuilder.makeLiteral(true));
            projectNames.add(prefix + "_present");
        }
        boolean identity = side.condition().isEmpty() && projects.size() == side.base().getRowType().getFieldCount();
        for (int i = 0; identity && i < projects.size(); i++) {
            identity = projects.get(i) instanceof RexInputRef ref && ref.getIndex() == i;
        }
        if (identity) {
            return new SideStream(base, keyFields, columnIndex, markerIndex);
        }
        RelDataType rowType = rexBuilder.getTypeFactory().createStructType(
                projects.stream().map(RexNode::getType).toList(), uniqueNames(projectNames));
        Stream projected = projection(base, side.condition(), projects, rowType);
        return new SideStream(projected, keyFields, columnIndex, markerIndex);
    }

    private static List<String> uniqueNames(List<String> names) {
        Set<String> used = new HashSet<>();
        return names.stream().map(name -> unique(name, used)).toList();
    }

    /** A join input, seeing through a window table function (and a Calc over it). */
    private JoinSide joinSide(RelNode input, int ordinal) {
        RelNode below = input;
        List<RexNode> values = identity(input.getRowType());
        Optional<RexNode> condition = Optional.empty();
        if (input instanceof Calc calc && calc.getInput() instanceof TableFunctionScan) {
            RexProgram program = calc.getProgram();
            values = program.getProjectList().stream().map(program::expandLocalRef).map(RexNode.class::cast).toList();
            condition = Optional.ofNullable(program.getCondition()).map(program::expandLocalRef);
            below = calc.getInput();
        }
        Optional<WindowTableFunction> windowFunction = WindowTableFunction.of(below);
        if (windowFunction.isPresent()) {
            RexCall call = windowFunction.get().call();
            RelNode base = windowFunction.get().input();
            Window window;
            try {
                checkDescriptor(call, base);
                window = window(call.getOperator().getName().toUpperCase(java.util.Locale.ROOT),
                        intervalsMicros(call.getOperands()));
            } catch (WindowException e) {
                throw new JoinException(e.getMessage(), ordinal);
            }
            int start = windowFunction.get().inputColumns();
            int windowColumns = windowFunction.get().scan().getRowType().getFieldCount() - start;
            List<Role> roles = new ArrayList<>();
            List<RexNode> baseValues = new ArrayList<>();
            for (RexNode value : values) {
                if (value instanceof RexInputRef ref && ref.getIndex() >= start) {
                    roles.add(ref.getIndex() == start ? Role.WINDOW_START
                            : ref.getIndex() == start + 1 ? Role.WINDOW_END : null);
                    if (roles.getLast() == null) {
                        throw new JoinException("Only window_start and window_end of a window table function can be"
                                + " used in a join", ordinal);
                    }
                    baseValues.add(value);
                } else if (org.apache.calcite.plan.RelOptUtil.InputFinder.bits(value).asList().stream()
                        .anyMatch(index -> index >= start)) {
                    throw new JoinException("Below a windowed join, window_start and window_end can only be selected"
                            + " as they are, not used in expressions", ordinal);
                } else {
                    roles.add(Role.VALUE);
                    baseValues.add(value);
                }
            }
            if (condition.isPresent() && org.apache.calcite.plan.RelOptUtil.InputFinder.bits(condition.get()).asList()
                    .stream().anyMatch(index -> index >= start)) {
                throw new JoinException("Below a windowed join, window_start and window_end cannot be filtered on",
                        ordinal);
            }
            assert windowColumns >= 2;
            return new JoinSide(base, window, call.getOperator().getName(), baseValues, roles, condition);
        }
        return new JoinSide(input, null, null, values, values.stream().map(v -> Role.VALUE).toList(), Optional.empty());
    }

    /** A column of a windowed aggregate's output that is its window (or window_start, window_end). */
    private record AggregateWindowColumn(Window window, DataflowBuilder.WindowColumn column) {}

    /**
     * Whether column {@code column} of {@code input} is the window of a windowed aggregate: Arroyo's
     * window struct of a GROUP BY tumble(...) / hop(...) / session(...), window_start or window_end of a
     * GROUP BY over a window table function, or such a column of windowed rows grouped by again, through
     * Calcs that pass it on. Traced over the relational plan, not the dataflow (as for a window aggregate,
     * see {@link DataflowBuilder#windowColumn}): a join's keys decide its inputs' projections, which are
     * planned right after each input.
     */
    private static Optional<AggregateWindowColumn> aggregateWindowColumn(RelNode input, int column, int ordinal) {
        RelNode node = input;
        int index = column;
        while (node instanceof Calc calc) {
            RexProgram program = calc.getProgram();
            RexNode expr = program.expandLocalRef(program.getProjectList().get(index));
            while (expr.getKind() == SqlKind.CAST) {
                expr = ((RexCall) expr).getOperands().getFirst();
            }
            if (expr instanceof RexCall call && WindowFunctions.kind(call.getOperator()).isPresent()
                    && calc.getInput() instanceof Aggregate) {
                // Selected as the window the aggregate groups by (see WindowAggregate#rewrite).
                try {
                    return Optional.of(new AggregateWindowColumn(
                            window(WindowFunctions.kind(call.getOperator()).get().name(), intervalsMicros(call.getOperands())),
                            DataflowBuilder.WindowColumn.WINDOW));
                } catch (WindowException e) {
                    throw new JoinException(e.getMessage(), ordinal);
                }
            }
            if (!(expr instanceof RexInputRef ref)) {
                return Optional.empty();
            }
            index = ref.getIndex();
            node = calc.getInput();
        }
        if (!(node instanceof Aggregate aggregate) || index >= aggregate.getGroupCount()) {
            return Optional.empty();
        }
        RelNode below = aggregate.getInput();
        int group = aggregate.getGroupSet().asList().get(index);
        RexNode expr = new RexInputRef(group, below.getRowType().getFieldList().get(group).getType());
        if (below instanceof Calc calc) {
            RexProgram program = calc.getProgram();
            expr = program.expandLocalRef(program.getProjectList().get(group));
            below = calc.getInput();
        }
        try {
            if (expr instanceof RexCall call && WindowFunctions.kind(call.getOperator()).isPresent()) {
                return Optional.of(new AggregateWindowColumn(
                        window(WindowFunctions.kind(call.getOperator()).get().name(), intervalsMicros(call.getOperands())),
                        DataflowBuilder.WindowColumn.WINDOW));
            }
            if (!(expr instanceof RexInputRef ref)) {
                return Optional.empty();
            }
            Optional<WindowTableFunction> windowFunction = WindowTableFunction.of(below);
            if (windowFunction.isPresent()) {
                RexCall call = windowFunction.get().call();
                int start = windowFunction.get().inputColumns();
                if (ref.getIndex() != start && ref.getIndex() != start + 1) {
                    return Optional.empty();
                }
                return Optional.of(new AggregateWindowColumn(
                        window(call.getOperator().getName().toUpperCase(java.util.Locale.ROOT),
                                intervalsMicros(call.getOperands())),
                        ref.getIndex() == start ? DataflowBuilder.WindowColumn.START : DataflowBuilder.WindowColumn.END));
            }
            // Grouped by a window column of windowed rows: the same window again (see windowAggregate).
            return aggregateWindowColumn(below, ref.getIndex(), ordinal);
        } catch (WindowException e) {
            throw new JoinException(e.getMessage(), ordinal);
        }
    }

    /**
     * The pair of window values to key a join on, given an equality of {@code column} ({@code a} left,
     * {@code b} right): window_end is preferred to window_start (either identifies an aligned window),
     * and of Arroyo's window struct its end.
     */
    private RexNode[] windowKey(RexInputRef a, RexInputRef b, DataflowBuilder.WindowColumn column, RexNode[] earlier) {
        return switch (column) {
            case END -> new RexNode[] {a, b};
            case START -> earlier != null ? earlier : new RexNode[] {a, b};
            case WINDOW -> new RexNode[] {rexBuilder.makeFieldAccess(a, 1), rexBuilder.makeFieldAccess(b, 1)};
        };
    }

    /** {@code [left, right]} (right shifted to the right input) for an equality between the sides, else null. */
    private static RexNode[] equality(RexNode conjunct, int leftCount) {
        if (!(conjunct instanceof RexCall call) || call.getKind() != SqlKind.EQUALS) {
            return null;
        }
        RexNode a = call.getOperands().get(0);
        RexNode b = call.getOperands().get(1);
        List<Integer> aBits = org.apache.calcite.plan.RelOptUtil.InputFinder.bits(a).asList();
        List<Integer> bBits = org.apache.calcite.plan.RelOptUtil.InputFinder.bits(b).asList();
        if (aBits.isEmpty() || bBits.isEmpty() || !RexUtil.isDeterministic(a) || !RexUtil.isDeterministic(b)) {
            return null;
        }
        boolean aLeft = aBits.stream().allMatch(i -> i < leftCount);
        boolean aRight = aBits.stream().allMatch(i -> i >= leftCount);
        boolean bLeft = bBits.stream().allMatch(i -> i < leftCount);
        boolean bRight = bBits.stream().allMatch(i -> i >= leftCount);
        if (aLeft && bRight) {
            return new RexNode[] {a, RexUtil.shift(b, -leftCount)};
        }
        if (bLeft && aRight) {
            return new RexNode[] {b, RexUtil.shift(a, -leftCount)};
        }
        return null;
    }

    /** The role of a side's column when {@code node} is a plain reference to it. */
    private static Role role(RexNode node, JoinSide side) {
        return node instanceof RexInputRef ref ? side.roles().get(ref.getIndex()) : Role.VALUE;
    }

    /** Whether {@code node} (over left ++ right, or over one side when right is null) reads a window column. */
    private static boolean referencesWindow(RexNode node, JoinSide left, JoinSide right, int leftCount) {
        for (int index : org.apache.calcite.plan.RelOptUtil.InputFinder.bits(node).asList()) {
            if (index < leftCount && index < left.roles().size()) {
                if (left.roles().get(index) != Role.VALUE) {
                    return true;
                }
            } else if (right != null && right.roles().get(index - leftCount) != Role.VALUE) {
                return true;
            }
        }
        return false;
    }

    private RexNode castIfNeededSansNullability(RelDataType target, RexNode node) {
        return SqlTypeUtil.equalSansNullability(rexBuilder.getTypeFactory(), target, node.getType())
                ? node
                : rexBuilder.makeCast(rexBuilder.getTypeFactory().createTypeWithNullability(target, node.getType().isNullable()),
                        node);
    }

    private static String describe(JoinOperator join, Schema output, Stream left, Stream right) {
        StringBuilder text = new StringBuilder("join ").append(join.getJoinType().name()).append(" on ");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < join.getLeftKeyFieldsCount(); i++) {
            keys.add(ExprFormatter.name(left.columns().get(join.getLeftKeyFields(i)).getName()) + " = "
                    + ExprFormatter.name(right.columns().get(join.getRightKeyFields(i)).getName()));
        }
        text.append(String.join(" AND ", keys));
        if (join.hasCondition()) {
            text.append(" AND ").append(ExprFormatter.format(join.getCondition(), output.getFieldsList()));
        }
        if (join.hasWindow()) {
            text.append(" window ").append(io.tributary.sql.explain.ProgramExplainer.window(join.getWindow()));
        } else {
            text.append(" ttl ").append(join.getTtlMicros()).append("us");
        }
        return text.toString();
    }

    private Stream source(TableScan scan) {
        CatalogTable table = scan.getTable().unwrap(CatalogTable.class);
        if (table == null) {
            throw new UnsupportedRelationException(scan);
        }
        TableDefinition definition = table.definition();
        if (definition.role() == io.tributary.sql.catalog.ConnectorRole.LOOKUP) {
            throw LookupJoinPlanning.notAStream(definition);
        }
        if (!definition.isSource()) {
            throw new SinkReadException(definition);
        }
        // The connector reads every column but the generated ones; a projection adds those.
        List<ColumnDefinition> read = definition.columns().stream().filter(column -> !column.generated()).toList();
        SourceOperator.Builder source = SourceOperator.newBuilder()
                .setTableName(definition.name())
                .setConnector(definition.connector())
                .putAllOptions(definition.options());
        // A generated event time is set by the projection that computes it (see QueryPlanner#virtualColumns).
        definition.eventTimeColumn()
                .map(index -> read.indexOf(definition.columns().get(index)))
                .filter(index -> index >= 0)
                .ifPresent(source::setEventTimeField);
        for (int i = 0; i < read.size(); i++) {
            int index = i;
            read.get(i).metadataKey().ifPresent(key -> source.putMetadataFields(index, key));
        }
        ProjectionOperator virtual = virtualColumns.get(definition.name());
        WatermarkOperator watermark = watermarks.get(definition.name());
        source.addAllUnreadFields(unreadFields(scan, definition, read, Optional.ofNullable(virtual),
                Optional.ofNullable(watermark)));
        // A source of changes reads an updating stream: _is_retract follows the table's columns.
        boolean changes = definition.readsChanges();
        Schema schema = changes ? SchemaConverter.withRetract(tableSchema(read)) : tableSchema(read);
        if (changes && updatingReason == null) {
            updatingReason = "table '" + definition.name() + "' reads changes (format 'debezium_json')";
        }
        Operator.Builder operator = Operator.newBuilder()
                .setName("source")
                .setOutputSchema(schema)
                .setSource(source);
        String id = OperatorIds.of("source", definition.name(), List.of());
        Stream stream = dataflow.addSource(id,
                "source " + definition.name() + " (" + definition.connector() + ")", operator);
        if (virtual != null) {
            stream = addProjection(stream, virtual, tableSchema(definition.columns()), List.of(stream));
        }
        if (watermark == null && windowedInput) {
            watermark = defaultWatermark(definition, stream.schema());
        }
        if (watermark == null) {
            return stream;
        }
        Operator.Builder watermarkOperator = Operator.newBuilder()
                .setName("watermark")
                .setOutputSchema(stream.schema())
                .setWatermark(watermark);
        String description = watermark.hasExpression()
                ? "watermark " + ExprFormatter.format(watermark.getExpression(), stream.schema().getFieldsList())
                : "watermark _timestamp";
        return dataflow.add(
                OperatorIds.of("watermark", watermark.toByteArray(), List.of(stream.operatorId())),
                description, watermarkOperator, List.of(stream));
    }

    /**
     * The fields of the connector's columns ({@code read}) that nothing reads (see {@link SourceReads}):
     * not the operators over this scan, the event time, the watermark, or the generated columns
     * computed from them. Metadata columns are always read: the connector fills them anyway.
     */
    private List<FieldPath> unreadFields(TableScan scan, TableDefinition definition, List<ColumnDefinition> read,
            Optional<ProjectionOperator> virtual, Optional<WatermarkOperator> watermark) {
        List<ColumnDefinition> columns = definition.columns();
        SourceReads.Tree tableReads = new SourceReads.Tree();
        tableReads.readAll(scanReads.getOrDefault(scan, SourceReads.Tree.everything()));
        List<Integer> wholeColumns = new ArrayList<>();
        definition.eventTimeColumn().ifPresent(wholeColumns::add);
        watermark.filter(WatermarkOperator::hasExpression)
                .ifPresent(declared -> SourceReads.columnsOf(declared.getExpression(), wholeColumns));
        wholeColumns.forEach(column -> tableReads.read(List.of(column)));
        // Over the connector's columns: generated columns read what their expressions reference.
        SourceReads.Tree connectorReads = new SourceReads.Tree();
        List<Integer> wholeRead = new ArrayList<>();
        virtual.filter(ProjectionOperator::hasTimestamp)
                .ifPresent(projection -> SourceReads.columnsOf(projection.getTimestamp(), wholeRead));
        for (int column = 0; column < columns.size(); column++) {
            Optional<SourceReads.Tree> used = tableReads.field(column);
            int index = read.indexOf(columns.get(column));
            if (used.isEmpty()) {
                continue;
            }
            if (index >= 0) {
                connectorReads.readAt(index, used.get());
            } else {
                SourceReads.columnsOf(virtual.orElseThrow().getProjections(column), wholeRead);
            }
        }
        for (int index = 0; index < read.size(); index++) {
            if (read.get(index).metadataKey().isPresent()) {
                wholeRead.add(index);
            }
        }
        wholeRead.forEach(index -> connectorReads.read(List.of(index)));
        List<FieldPath> unread = new ArrayList<>();
        for (int index = 0; index < read.size(); index++) {
            RelDataType type = scan.getRowType().getFieldList().get(columns.indexOf(read.get(index))).getType();
            Optional<SourceReads.Tree> used = connectorReads.field(index);
            if (used.isEmpty()) {
                unread.add(FieldPath.newBuilder().addIndexes(index).build());
            } else {
                used.get().unread(type, List.of(index), unread);
            }
        }
        return unread;
    }

    /** The stream schema of rows of {@code columns}, JSON columns marked as such for connectors. */
    private static Schema tableSchema(List<ColumnDefinition> columns) {
        Schema.Builder schema = Schema.newBuilder();
        for (ColumnDefinition column : columns) {
            Field field = SchemaConverter.field(column.name(), column.type());
            if (column.json()) {
                field = field.toBuilder().setType(field.getType().toBuilder()
                        .setKind(io.tributary.proto.program.TypeKind.JSON)).build();
            }
            schema.addFields(field);
        }
        return schema.addFields(SchemaConverter.timestampField()).build();
    }

    /**
     * The default watermark of a source without a WATERMARK clause that a window aggregate reads:
     * {@code _timestamp - INTERVAL '1' SECOND} (so rows up to a second out of order are still on
     * time), emitted every {@link QueryPlanner#WATERMARK_PERIOD_MICROS}. Without a watermark, windows
     * would only close at end of input. Sources read only by non-windowed queries get none.
     */
    private static WatermarkOperator defaultWatermark(TableDefinition table, Schema schema) {
        Field timestamp = schema.getFields(schema.getFieldsCount() - 1);
        Expr eventTime = Expr.newBuilder()
                .setType(timestamp.getType())
                .setNullable(false)
                .setInputRef(schema.getFieldsCount() - 1)
                .build();
        Expr oneSecond = Expr.newBuilder()
                .setType(DataType.newBuilder().setKind(TypeKind.INTERVAL))
                .setNullable(false)
                .setLiteral(Literal.newBuilder().setIntervalValue(IntervalValue.newBuilder().setNanos(NANOS_PER_SECOND)))
                .build();
        WatermarkOperator.Builder watermark = WatermarkOperator.newBuilder()
                .setPeriodMicros(QueryPlanner.WATERMARK_PERIOD_MICROS)
                .setExpression(Expr.newBuilder()
                        .setType(timestamp.getType())
                        .setNullable(false)
                        .setCall(Call.newBuilder().setFunction("MINUS").addOperands(eventTime).addOperands(oneSecond)));
        Optional.ofNullable(table.options().get("idle_micros")).map(Long::parseLong).ifPresent(watermark::setIdleTimeMicros);
        return watermark.build();
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MICROS_PER_MILLI = 1000L;
    private static final int NANOSECOND_DIGITS = 9;

    /** The window an aggregate groups by, and its struct ({@code ROW(start, end)}) over the aggregate's output. */
    private record GroupedWindow(Window window, RexNode start, RexNode end) {}

    /**
     * A planned window aggregate: its output stream, per Aggregate output column its value, and the
     * window it groups by (empty for an updating aggregate).
     */
    private record WindowAggregate(Stream stream, List<RexNode> mapping, Optional<GroupedWindow> grouped,
            RexBuilder rexBuilder) {
        /** {@code node} (over the Aggregate's row type) over the window aggregate's output instead. */
        RexNode rewrite(RexNode node) {
            return node.accept(new RexShuttle() {
                @Override
                public RexNode visitInputRef(RexInputRef ref) {
                    return mapping.get(ref.getIndex());
                }

                /**
                 * A window call selected over an aggregate that groups by the window column of windowed rows
                 * (Arroyo's {@code SELECT hop(...) AS window ... GROUP BY window}) is that window.
                 */
                @Override
                public RexNode visitCall(RexCall call) {
                    Optional<WindowFunctions.Kind> kind = WindowFunctions.kind(call.getOperator());
                    if (kind.isEmpty()) {
                        return super.visitCall(call);
                    }
                    Window selected = window(kind.get().name(), intervalsMicros(call.getOperands()));
                    if (grouped.isEmpty() || !grouped.get().window().equals(selected)) {
                        throw new WindowException("This " + ProgramExplainer.window(selected) + " window is not the"
                                + " window the query groups by; select the grouped window, e.g. by its alias");
                    }
                    return rexBuilder.makeCall(call.getType(), SqlStdOperatorTable.ROW,
                            List.of(grouped.get().start(), grouped.get().end()));
                }

                /** {@code ROW(window_start, window_end).start} is window_start: the engine builds ROWs only as columns. */
                @Override
                public RexNode visitFieldAccess(org.apache.calcite.rex.RexFieldAccess access) {
                    RexNode struct = access.getReferenceExpr().accept(this);
                    if (struct instanceof RexCall call && call.getKind() == SqlKind.ROW) {
                        return call.getOperands().get(access.getField().getIndex());
                    }
                    return struct == access.getReferenceExpr()
                            ? access
                            : rexBuilder.makeFieldAccess(struct, access.getField().getIndex());
                }
            });
        }
    }

    private enum GroupRole { KEY, WINDOW, WINDOW_START, WINDOW_END }

    /**
     * Plans an Aggregate grouped by a window: Arroyo's {@code GROUP BY tumble(...), k} (a group
     * column computed by a {@link WindowFunctions} call) or a GROUP BY window_start, window_end
     * over {@code TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), ...))}. The plan: the aggregate's input
     * (its sources with watermarks) → a projection computing the keys, then the aggregate
     * arguments → SHUFFLE on the keys → window aggregate emitting keys, window_start, window_end,
     * aggregates, {@code _timestamp}. The mapping gives each Aggregate output column over that
     * (the window struct as {@code ROW(window_start, window_end)}), for the projection above.
     */
    private WindowAggregate windowAggregate(Aggregate aggregate) {
        if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
            throw new UnsupportedRelationException(aggregate);
        }
        RelNode input = aggregate.getInput();
        List<RexNode> exprs;
        Optional<RexNode> condition;
        RelNode below;
        if (input instanceof Calc calc) {
            RexProgram program = calc.getProgram();
            exprs = program.getProjectList().stream().map(program::expandLocalRef).map(RexNode.class::cast).toList();
            condition = Optional.ofNullable(program.getCondition()).map(program::expandLocalRef);
            below = calc.getInput();
        } else {
            exprs = identity(input.getRowType());
            condition = Optional.empty();
            below = input;
        }
        Window window = null;
        int windowStart = -1;
        int windowEnd = -1;
        List<Integer> sessionKeys = new ArrayList<>();
        Optional<WindowTableFunction> windowFunction = WindowTableFunction.of(below);
        if (windowFunction.isPresent()) {
            RexCall call = windowFunction.get().call();
            below = windowFunction.get().input();
            checkDescriptor(call, below);
            call.getOperands().stream().skip(1).filter(RelToDataflow::isDescriptor)
                    .flatMap(descriptor -> ((RexCall) descriptor).getOperands().stream())
                    .filter(RexInputRef.class::isInstance)
                    .forEach(ref -> sessionKeys.add(((RexInputRef) ref).getIndex()));
            window = window(call.getOperator().getName().toUpperCase(java.util.Locale.ROOT),
                    intervalsMicros(call.getOperands()));
            windowStart = below.getRowType().getFieldCount();
            windowEnd = windowStart + 1;
        }
        boolean tableFunction = window != null;
        Set<Integer> windowColumns = tableFunction ? Set.of(windowStart, windowEnd) : Set.of();

        // The input is planned first: whether a GROUP BY column is the window of a window aggregate
        // below (Arroyo's window struct, or window_start / window_end) is read off its dataflow.
        boolean outer = windowedInput;
        windowedInput = true;
        Stream upstream;
        try {
            upstream = convert(below);
        } finally {
            windowedInput = outer;
        }
        Optional<Window> earlier = dataflow.windowOf(upstream);
        // The windows of a CUMULATE period share their start, so it does not tell them apart: grouped by
        // again, it is a value like any key, and the end (one per window) names the window.
        boolean cumulated = earlier.filter(Window::hasCumulating).isPresent();

        List<Integer> groups = aggregate.getGroupSet().asList();
        List<GroupRole> roles = new ArrayList<>();
        List<RexNode> keys = new ArrayList<>();
        boolean windowGrouped = false;
        for (int group : groups) {
            RexNode expr = exprs.get(group);
            Optional<DataflowBuilder.WindowColumn> inherited = !tableFunction && expr instanceof RexInputRef ref
                    ? dataflow.windowColumn(upstream, ref.getIndex())
                    : Optional.empty();
            if (cumulated && inherited.equals(Optional.of(DataflowBuilder.WindowColumn.START))) {
                inherited = Optional.empty();
            }
            if (cumulated && inherited.equals(Optional.of(DataflowBuilder.WindowColumn.WINDOW))) {
                throw new WindowException("Rows of a CUMULATE window are aggregated again by window_start and"
                        + " window_end, not by a ROW of them");
            }
            if (expr instanceof RexCall call && WindowFunctions.kind(call.getOperator()).isPresent()) {
                if (window != null || windowGrouped) {
                    throw new WindowException("A GROUP BY can have at most one window (tumble, hop or session)");
                }
                window = window(WindowFunctions.kind(call.getOperator()).get().name(), intervalsMicros(call.getOperands()));
                roles.add(GroupRole.WINDOW);
            } else if (inherited.isPresent()) {
                // GROUP BY the window of windowed rows (Arroyo's window, or window_start, window_end):
                // an aggregate over that same window.
                if (window != null) {
                    throw new WindowException("A GROUP BY can have at most one window (tumble, hop or session)");
                }
                windowGrouped = true;
                roles.add(switch (inherited.get()) {
                    case WINDOW -> GroupRole.WINDOW;
                    case START -> GroupRole.WINDOW_START;
                    case END -> GroupRole.WINDOW_END;
                });
            } else if (tableFunction && expr instanceof RexInputRef ref && ref.getIndex() == windowStart) {
                roles.add(GroupRole.WINDOW_START);
            } else if (tableFunction && expr instanceof RexInputRef ref && ref.getIndex() == windowEnd) {
                roles.add(GroupRole.WINDOW_END);
            } else {
                rejectWindowColumns(expr, windowColumns, "a GROUP BY key");
                roles.add(GroupRole.KEY);
                keys.add(expr);
            }
        }
        if (windowGrouped) {
            window = earlier.orElseThrow();
        }
        boolean updating = window == null;
        for (int partitionKey : sessionKeys) {
            if (keys.stream().noneMatch(k -> k instanceof RexInputRef ref && ref.getIndex() == partitionKey)) {
                throw new WindowException("SESSION(..., DESCRIPTOR(" + below.getRowType().getFieldNames().get(partitionKey)
                        + "), ...) makes sessions per key: add " + below.getRowType().getFieldNames().get(partitionKey)
                        + " to the GROUP BY");
            }
        }
        if (tableFunction && !(roles.contains(GroupRole.WINDOW_START) && roles.contains(GroupRole.WINDOW_END))) {
            throw new WindowException("A GROUP BY over a window table function must include window_start and window_end");
        }
        condition.ifPresent(c -> rejectWindowColumns(c, windowColumns, "WHERE"));

        // The projection feeding the shuffle: keys, then the distinct aggregate arguments.
        List<RexNode> projected = new ArrayList<>(keys);
        List<String> names = new ArrayList<>();
        Set<String> used = new HashSet<>();
        List<String> aggregateNames = aggregate.getRowType().getFieldNames();
        for (int i = 0; i < groups.size(); i++) {
            if (roles.get(i) == GroupRole.KEY) {
                names.add(unique(aggregateNames.get(i), used));
            }
        }
        List<AggregateCall> calls = new ArrayList<>();
        for (org.apache.calcite.rel.core.AggregateCall call : aggregate.getAggCallList()) {
            AggregateCalls.Translated translated = AggregateCalls.translate(call, exprs, rexBuilder);
            AggregateCall.Builder built = AggregateCall.newBuilder()
                    .setFunction(translated.function())
                    .setDistinct(call.isDistinct())
                    .setType(SchemaConverter.dataType(call.getType()))
                    .setNullable(call.getType().isNullable());
            for (RexNode expr : translated.arguments()) {
                rejectWindowColumns(expr, windowColumns, "an aggregate argument");
                int index = projected.indexOf(expr);
                if (index < 0) {
                    index = projected.size();
                    projected.add(expr);
                    String name = expr instanceof RexInputRef ref
                            ? below.getRowType().getFieldNames().get(ref.getIndex())
                            : "arg" + (index - keys.size());
                    names.add(unique(name, used));
                }
                built.addArguments(index);
            }
            calls.add(built.build());
        }
        RelDataType projectedType = rexBuilder.getTypeFactory().createStructType(
                projected.stream().map(RexNode::getType).toList(), names);

        if (!updating && upstream.updating()) {
            throw new WindowOverUpdatingException(updatingReason);
        }
        if (updating && upstream.updating()) {
            AggregateCalls.requireRetraction(aggregate.getAggCallList(), updatingReason);
        }
        if (!updating && earlier.isPresent() && !earlier.get().equals(window)) {
            throw new WindowMismatchException(window, earlier.get());
        }
        Window operatorWindow = updating || earlier.isEmpty() ? window : reaggregated(window);
        if (updating && updatingReason == null) {
            updatingReason = keys.isEmpty() ? "an aggregate without GROUP BY"
                    : calls.isEmpty() ? "GROUP BY or DISTINCT without a window" : "GROUP BY without a window";
        }
        // Over an updating input the projection carries _is_retract through, after the keys and arguments.
        Stream keyed = projection(upstream, condition, projected, projectedType);
        if (updating) {
            return updatingAggregate(aggregate, keys, names, calls, keyed);
        }

        // The window aggregate's output: keys, window_start, window_end, aggregates, _timestamp.
        Schema.Builder schema = Schema.newBuilder();
        List<RelDataType> outputTypes = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            schema.addFields(SchemaConverter.field(names.get(i), keys.get(i).getType()));
            outputTypes.add(keys.get(i).getType());
        }
        RelDataType timestampType = rexBuilder.getTypeFactory().createSqlType(SqlTypeName.TIMESTAMP, NANOSECOND_DIGITS);
        for (String bound : List.of("window_start", "window_end")) {
            schema.addFields(SchemaConverter.field(bound, timestampType));
            outputTypes.add(timestampType);
        }
        List<org.apache.calcite.rel.type.RelDataTypeField> aggregateFields = aggregate.getRowType().getFieldList();
        for (int a = 0; a < calls.size(); a++) {
            org.apache.calcite.rel.type.RelDataTypeField field = aggregateFields.get(groups.size() + a);
            schema.addFields(SchemaConverter.field(field.getName(), field.getType()));
            outputTypes.add(field.getType());
        }
        schema.addFields(SchemaConverter.timestampField());

        WindowAggregateOperator.Builder operatorConfig = WindowAggregateOperator.newBuilder()
                .setWindow(operatorWindow)
                .addAllAggregates(calls);
        List<Integer> keyFields = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            keyFields.add(i);
        }
        operatorConfig.addAllKeyFields(keyFields);
        Operator.Builder operator = Operator.newBuilder()
                .setName("window_aggregate")
                .setOutputSchema(schema)
                .setWindowAggregate(operatorConfig);
        String id = OperatorIds.of("window_aggregate", operator.clone().clearName().build().toByteArray(),
                List.of(keyed.operatorId()));
        Stream stream = dataflow.addShuffled(id, describe(operatorConfig.build(), schema.build(), keyed.schema()),
                operator, keyed, keyFields);
        if (!operatorWindow.equals(window)) {
            dataflow.reaggregates(stream, window);
        }

        // Each Aggregate output column over the window aggregate's output.
        List<RexNode> mapping = new ArrayList<>();
        int key = 0;
        RexNode end = new RexInputRef(keys.size() + 1, timestampType);
        // Re-aggregated sliding windows run as tumbling windows of the slide, whose start is not theirs;
        // re-aggregated CUMULATE windows carry their start as a key (and have no other use for it here).
        RexNode start = operatorWindow.equals(window) || window.hasCumulating()
                ? new RexInputRef(keys.size(), timestampType)
                : rexBuilder.makeCall(timestampType, SqlStdOperatorTable.MINUS, List.of(end,
                        rexBuilder.makeIntervalLiteral(BigDecimal.valueOf(window.getSliding().getWidthMicros() / MICROS_PER_MILLI),
                                new org.apache.calcite.sql.SqlIntervalQualifier(org.apache.calcite.avatica.util.TimeUnit.SECOND,
                                        null, org.apache.calcite.sql.parser.SqlParserPos.ZERO))));
        for (int i = 0; i < groups.size(); i++) {
            RelDataType target = aggregateFields.get(i).getType();
            mapping.add(switch (roles.get(i)) {
                case KEY -> {
                    int index = key++;
                    yield castIfNeeded(target, new RexInputRef(index, outputTypes.get(index)));
                }
                case WINDOW -> rexBuilder.makeCall(target, SqlStdOperatorTable.ROW, List.of(start, end));
                case WINDOW_START -> castIfNeeded(target, start);
                case WINDOW_END -> castIfNeeded(target, end);
            });
        }
        for (int a = 0; a < calls.size(); a++) {
            int index = keys.size() + 2 + a;
            mapping.add(castIfNeeded(aggregateFields.get(groups.size() + a).getType(),
                    new RexInputRef(index, outputTypes.get(index))));
        }
        return new WindowAggregate(stream, mapping, Optional.of(new GroupedWindow(window, start, end)), rexBuilder);
    }

    /**
     * The window that aggregates again the rows of {@code window}, which all carry {@code _timestamp} =
     * their window's end - 1 ns: a tumbling window as itself; a sliding window would put each row into
     * width / slide windows, so a tumbling window of its slide (one per window end) runs it. Sessions
     * differ per key, so no one window gathers the rows of each session.
     */
    private static Window reaggregated(Window window) {
        return switch (window.getKindCase()) {
            case TUMBLING -> window;
            case SLIDING -> Window.newBuilder()
                    .setTumbling(TumblingWindow.newBuilder().setWidthMicros(window.getSliding().getSlideMicros()))
                    .build();
            // Each window of a period ends at another step: a tumbling window of the step gathers one window.
            case CUMULATING -> Window.newBuilder()
                    .setTumbling(TumblingWindow.newBuilder().setWidthMicros(window.getCumulating().getStepMicros()))
                    .build();
            default -> throw new WindowException("Rows of a session window cannot be aggregated by window again:"
                    + " sessions differ per key; aggregate them with GROUP BY without a window");
        };
    }

    /**
     * The updating half of {@link #windowAggregate}, for an Aggregate without a window (see program.proto's
     * UpdatingAggregateOperator): {@code keyed} (keys, then aggregate arguments, then {@code _is_retract} when
     * the input is updating) → SHUFFLE on the keys (round robin, and so parallelism 1, without keys) → updating
     * aggregate emitting keys, aggregates, {@code _is_retract}, {@code _timestamp}. Its TTL is {@code SET
     * updating_ttl}, else {@link JoinPlanning#DEFAULT_TTL_MICROS} (a day, as for unbounded joins); changes are
     * flushed every {@link #UPDATING_FLUSH_INTERVAL_MICROS}.
     */
    private WindowAggregate updatingAggregate(Aggregate aggregate, List<RexNode> keys, List<String> names,
            List<AggregateCall> calls, Stream keyed) {
        List<Integer> groups = aggregate.getGroupSet().asList();
        List<RelDataTypeField> aggregateFields = aggregate.getRowType().getFieldList();
        Schema.Builder schema = Schema.newBuilder();
        List<RelDataType> outputTypes = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            schema.addFields(SchemaConverter.field(names.get(i), keys.get(i).getType()));
            outputTypes.add(keys.get(i).getType());
        }
        Set<String> used = new HashSet<>();
        names.subList(0, keys.size()).forEach(name -> used.add(name.toLowerCase(java.util.Locale.ROOT)));
        for (int a = 0; a < calls.size(); a++) {
            RelDataTypeField field = aggregateFields.get(groups.size() + a);
            schema.addFields(SchemaConverter.field(unique(field.getName(), used), field.getType()));
            outputTypes.add(field.getType());
        }
        schema.addFields(SchemaConverter.retractField());
        schema.addFields(SchemaConverter.timestampField());

        List<Integer> keyFields = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            keyFields.add(i);
        }
        UpdatingAggregateOperator.Builder config = UpdatingAggregateOperator.newBuilder()
                .addAllKeyFields(keyFields)
                .addAllAggregates(calls)
                .setTtlMicros(updatingTtlMicros > 0 ? updatingTtlMicros : JoinPlanning.DEFAULT_TTL_MICROS)
                .setFlushIntervalMicros(UPDATING_FLUSH_INTERVAL_MICROS);
        Operator.Builder operator = Operator.newBuilder()
                .setName("updating_aggregate")
                .setOutputSchema(schema)
                .setUpdatingAggregate(config);
        String id = OperatorIds.of("updating_aggregate", operator.clone().clearName().build().toByteArray(),
                List.of(keyed.operatorId()));
        String description = "updating_aggregate"
                + io.tributary.sql.explain.ProgramExplainer.keysAndAggregates(config.build(), keyed.schema().getFieldsList(),
                        schema.build())
                + " ttl " + io.tributary.sql.explain.ProgramExplainer.duration(config.getTtlMicros());
        Stream stream = dataflow.addShuffled(id, description, operator, keyed, keyFields);

        // Each Aggregate output column over the updating aggregate's output (keys, then aggregates).
        List<RexNode> mapping = new ArrayList<>();
        for (int i = 0; i < groups.size() + calls.size(); i++) {
            mapping.add(castIfNeeded(aggregateFields.get(i).getType(), new RexInputRef(i, outputTypes.get(i))));
        }
        return new WindowAggregate(stream, mapping, Optional.empty(), rexBuilder);
    }

    private RexNode castIfNeeded(RelDataType target, RexNode node) {
        return SqlTypeUtil.equalSansNullability(rexBuilder.getTypeFactory(), target, node.getType())
                ? node
                : rexBuilder.makeCast(target, node);
    }

    private static String unique(String name, Set<String> used) {
        String candidate = name;
        for (int n = 2; !used.add(candidate.toLowerCase(java.util.Locale.ROOT)); n++) {
            candidate = name + "_" + n;
        }
        return candidate;
    }

    private static void rejectWindowColumns(RexNode expr, Set<Integer> windowColumns, String where) {
        if (!windowColumns.isEmpty()
                && org.apache.calcite.plan.RelOptUtil.InputFinder.bits(expr).asList().stream().anyMatch(windowColumns::contains)) {
            throw new WindowException("window_start and window_end can only be grouped by (and selected), not used in "
                    + where + " of a window aggregate");
        }
    }

    /** The interval operands of a window call or window table function, in microseconds. */
    private static List<Long> intervalsMicros(List<RexNode> operands) {
        List<Long> micros = new ArrayList<>();
        for (RexNode operand : operands) {
            if (operand instanceof RexLiteral literal && SqlTypeName.INTERVAL_TYPES.contains(literal.getTypeName())) {
                if (SqlTypeName.YEAR_INTERVAL_TYPES.contains(literal.getTypeName())) {
                    throw new WindowException("A window length must be given in days or smaller units");
                }
                long millis = java.util.Objects.requireNonNull(literal.getValueAs(BigDecimal.class)).longValueExact();
                if (millis <= 0) {
                    throw new WindowException("A window length must be positive");
                }
                micros.add(millis * MICROS_PER_MILLI);
            } else if (!isDescriptor(operand)) {
                throw new WindowException("A window length must be an interval literal, e.g. interval '1 minute'");
            }
        }
        return micros;
    }

    private static boolean isDescriptor(RexNode node) {
        return node instanceof RexCall call && call.getOperator().getName().equalsIgnoreCase("DESCRIPTOR");
    }

    /** A window of program.proto; a hop whose slide equals its width is a tumbling window. */
    private static Window window(String kind, List<Long> micros) {
        Window.Builder window = Window.newBuilder();
        switch (kind) {
            case "TUMBLE" -> {
                requireLengths(kind, micros, 1);
                window.setTumbling(TumblingWindow.newBuilder().setWidthMicros(micros.getFirst()));
            }
            case "HOP" -> {
                requireLengths(kind, micros, 2);
                long slide = micros.get(0);
                long width = micros.get(1);
                if (width % slide != 0) {
                    throw new WindowException("The width of a hop window must be a multiple of its slide");
                }
                if (slide == width) {
                    window.setTumbling(TumblingWindow.newBuilder().setWidthMicros(width));
                } else {
                    window.setSliding(SlidingWindow.newBuilder().setWidthMicros(width).setSlideMicros(slide));
                }
            }
            case "SESSION" -> {
                requireLengths(kind, micros, 1);
                window.setSession(SessionWindow.newBuilder().setGapMicros(micros.getFirst()));
            }
            case "CUMULATE" -> {
                requireLengths(kind, micros, 2);
                if (micros.get(1) % micros.get(0) != 0) {
                    throw new WindowException("The size of a CUMULATE window must be a multiple of its step");
                }
                window.setCumulating(CumulatingWindow.newBuilder().setStepMicros(micros.get(0)).setSizeMicros(micros.get(1)));
            }
            default -> throw new IllegalStateException("unknown window kind " + kind);
        }
        return window.build();
    }

    private static void requireLengths(String kind, List<Long> micros, int count) {
        if (micros.size() != count) {
            throw new WindowException(kind + " takes " + count + " interval" + (count == 1 ? "" : "s"));
        }
    }

    /** The DESCRIPTOR of a window table function must name the event-time column of a source table. */
    private static void checkDescriptor(RexCall call, RelNode input) {
        RexNode first = call.getOperands().isEmpty() ? null : call.getOperands().getFirst();
        if (!isDescriptor(first) || !(first instanceof RexCall descriptor)
                || descriptor.getOperands().size() != 1
                || !(descriptor.getOperands().getFirst() instanceof RexInputRef ref)) {
            throw new WindowException("DESCRIPTOR must name one column: the table's event-time column");
        }
        RelColumnOrigin origin = input.getCluster().getMetadataQuery().getColumnOrigin(input, ref.getIndex());
        CatalogTable table = origin == null ? null : origin.getOriginTable().unwrap(CatalogTable.class);
        if (table == null || origin.isDerived()
                || !table.definition().eventTimeColumn().equals(Optional.of(origin.getOriginColumnOrdinal()))) {
            throw new WindowException("The DESCRIPTOR of " + call.getOperator().getName() + " must name the event-time column"
                    + " (the WATERMARK FOR column) of the table it reads");
        }
    }

    private static String describe(WindowAggregateOperator operator, Schema output, Schema input) {
        return "window_aggregate " + io.tributary.sql.explain.ProgramExplainer.window(operator.getWindow())
                + io.tributary.sql.explain.ProgramExplainer.keysAndAggregates(operator, input.getFieldsList(), output);
    }

    private List<RexNode> identity(RelDataType rowType) {
        List<RexNode> refs = new ArrayList<>();
        for (RelDataTypeField field : rowType.getFieldList()) {
            refs.add(new RexInputRef(field.getIndex(), field.getType()));
        }
        return refs;
    }

    private Stream projection(Stream input, Optional<RexNode> condition, List<RexNode> projects, RelDataType rowType) {
        if (AsyncUdfPlanning.callsAsync(condition, projects)) {
            return new AsyncUdfPlanning(rexBuilder, dataflow, this::projection).plan(input, condition, projects, rowType);
        }
        ProjectionOperator.Builder projection = ProjectionOperator.newBuilder();
        condition.map(exprs::convert).ifPresent(projection::setCondition);
        projects.stream().map(exprs::convert).forEach(projection::addProjections);
        Schema schema = SchemaConverter.streamSchema(rowType);
        if (input.updating()) {
            // The rel's columns are the stream's first ones; _is_retract follows them, then _timestamp.
            int retract = input.retractIndex();
            projection.addProjections(JoinPlanning.ref(retract, input.schema().getFields(retract)));
            schema = SchemaConverter.withRetract(schema);
            if (condition.isEmpty() && schema.equals(input.schema()) && isIdentity(projection)) {
                return input;
            }
        }
        return addProjection(input, projection.build(), schema, List.of(input));
    }

    private static boolean isIdentity(ProjectionOperator.Builder projection) {
        for (int i = 0; i < projection.getProjectionsCount(); i++) {
            Expr expr = projection.getProjections(i);
            if (!expr.hasInputRef() || expr.getInputRef() != i) {
                return false;
            }
        }
        return true;
    }

    private Stream addProjection(Stream input, ProjectionOperator projection, Schema schema, List<Stream> inputs) {
        Operator.Builder operator = Operator.newBuilder()
                .setName("projection")
                .setOutputSchema(schema)
                .setProjection(projection);
        byte[] identity = operator.clone().clearName().build().toByteArray();
        String id = OperatorIds.of("projection", identity,
                inputs.stream().map(Stream::operatorId).toList());
        return dataflow.add(id, describe(projection, schema, input), operator, inputs);
    }

    private static String describe(ProjectionOperator projection, Schema output, Stream input) {
        List<Field> fields = input.schema().getFieldsList();
        StringBuilder text = new StringBuilder("projection ");
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < projection.getProjectionsCount(); i++) {
            Expr expr = projection.getProjections(i);
            String name = output.getFields(i).getName();
            String rendered = ExprFormatter.format(expr, fields);
            columns.add(rendered.equals(ExprFormatter.name(name)) ? rendered : rendered + " AS " + ExprFormatter.name(name));
        }
        text.append(String.join(", ", columns));
        if (projection.hasTimestamp()) {
            text.append(", event time ").append(ExprFormatter.format(projection.getTimestamp(), fields));
        }
        if (projection.hasCondition()) {
            text.append(" WHERE ").append(ExprFormatter.format(projection.getCondition(), fields));
        }
        return text.toString();
    }

    private Stream union(Union union) {
        RelDataType rowType = union.getRowType();
        List<Stream> inputs = new ArrayList<>();
        for (RelNode input : union.getInputs()) {
            Stream stream = convert(input);
            if (!sameTypesIgnoringNullability(input.getRowType(), rowType)) {
                List<RexNode> casts = new ArrayList<>();
                for (RelDataTypeField field : rowType.getFieldList()) {
                    RelDataType from = input.getRowType().getFieldList().get(field.getIndex()).getType();
                    casts.add(rexBuilder.makeCast(field.getType(), new RexInputRef(field.getIndex(), from)));
                }
                stream = projection(stream, Optional.empty(), casts, rowType);
            }
            inputs.add(stream);
        }
        // A union with an updating input is updating: its append-only inputs get _is_retract = FALSE.
        boolean updating = inputs.stream().anyMatch(Stream::updating);
        if (updating) {
            for (int i = 0; i < inputs.size(); i++) {
                Stream input = inputs.get(i);
                if (!input.updating()) {
                    ProjectionOperator.Builder adding = ProjectionOperator.newBuilder();
                    identity(rowType).stream().map(exprs::convert).forEach(adding::addProjections);
                    adding.addProjections(Expr.newBuilder()
                            .setType(SchemaConverter.retractField().getType())
                            .setNullable(false)
                            .setLiteral(Literal.newBuilder().setBoolValue(false)));
                    inputs.set(i, addProjection(input, adding.build(),
                            SchemaConverter.withRetract(SchemaConverter.streamSchema(rowType)), List.of(input)));
                }
            }
        }
        ProjectionOperator.Builder identity = ProjectionOperator.newBuilder();
        identity(rowType).stream().map(exprs::convert).forEach(identity::addProjections);
        Schema schema = SchemaConverter.streamSchema(rowType);
        if (updating) {
            Field retract = SchemaConverter.retractField();
            identity.addProjections(JoinPlanning.ref(rowType.getFieldCount(), retract));
            schema = SchemaConverter.withRetract(schema);
        }
        Operator.Builder operator = Operator.newBuilder()
                .setName("projection")
                .setOutputSchema(schema)
                .setProjection(identity);
        String id = OperatorIds.of("union", schema.toByteArray(), inputs.stream().map(Stream::operatorId).toList());
        return dataflow.add(id, "union of " + inputs.size() + " inputs", operator, inputs);
    }

    private static boolean sameTypesIgnoringNullability(RelDataType a, RelDataType b) {
        if (a.getFieldCount() != b.getFieldCount()) {
            return false;
        }
        for (int i = 0; i < a.getFieldCount(); i++) {
            if (!SqlTypeUtil.equalSansNullability(a.getFieldList().get(i).getType(), b.getFieldList().get(i).getType())) {
                return false;
            }
        }
        return true;
    }

    /** Gives the stream's columns the names the user chose, with an identity projection if needed. */
    private Stream named(Stream stream, List<String> names) {
        List<Field> columns = stream.dataColumns();
        if (columns.stream().map(Field::getName).toList().equals(names)) {
            return stream;
        }
        ProjectionOperator.Builder projection = ProjectionOperator.newBuilder();
        Schema.Builder schema = Schema.newBuilder();
        for (int i = 0; i < columns.size(); i++) {
            Field column = columns.get(i);
            projection.addProjections(Expr.newBuilder()
                    .setType(column.getType())
                    .setNullable(column.getNullable())
                    .setInputRef(i));
            schema.addFields(column.toBuilder().setName(names.get(i)));
        }
        if (stream.updating()) {
            int retract = stream.retractIndex();
            projection.addProjections(JoinPlanning.ref(retract, stream.schema().getFields(retract)));
            schema.addFields(SchemaConverter.retractField());
        }
        schema.addFields(SchemaConverter.timestampField());
        return addProjection(stream, projection.build(), schema.build(), List.of(stream));
    }

    /** {@code stream} (append-only) as an updating stream of additions: a projection adding {@code _is_retract} = FALSE. */
    Stream asUpdating(Stream stream) {
        ProjectionOperator.Builder projection = ProjectionOperator.newBuilder();
        List<Field> columns = stream.columns();
        for (int i = 0; i < columns.size(); i++) {
            projection.addProjections(JoinPlanning.ref(i, columns.get(i)));
        }
        projection.addProjections(Expr.newBuilder()
                .setType(SchemaConverter.retractField().getType())
                .setNullable(false)
                .setLiteral(Literal.newBuilder().setBoolValue(false)));
        return addProjection(stream, projection.build(), SchemaConverter.withRetract(stream.schema()), List.of(stream));
    }

    /** Adds (or extends, when several INSERTs write to it) the sink of {@code table}. */
    Stream sink(String table, String connector, Map<String, String> options, Stream input) {
        String id = OperatorIds.of("sink", table, List.of());
        Optional<Stream> existing = dataflow.existing(id);
        if (existing.isPresent()) {
            Stream sink = existing.get();
            if (!compatible(sink.schema(), input.schema())) {
                throw new SinkSchemaMismatchException(table, sink.schema(), input.schema());
            }
            dataflow.connect(input, sink);
            return sink;
        }
        Operator.Builder operator = Operator.newBuilder()
                .setName("sink")
                .setOutputSchema(input.schema())
                .setSink(SinkOperator.newBuilder()
                        .setTableName(table)
                        .setConnector(connector)
                        .putAllOptions(options));
        return dataflow.add(id, "sink " + table + " (" + connector + ")", operator, List.of(input));
    }

    private static boolean compatible(Schema a, Schema b) {
        if (a.getFieldsCount() != b.getFieldsCount()) {
            return false;
        }
        for (int i = 0; i < a.getFieldsCount(); i++) {
            Field x = a.getFields(i);
            Field y = b.getFields(i);
            if (!x.getName().equals(y.getName()) || !x.getType().equals(y.getType())) {
                return false;
            }
        }
        return true;
    }

    /** A relational operator this version cannot turn into dataflow. */
    static final class UnsupportedRelationException extends RuntimeException {
        UnsupportedRelationException(RelNode rel) {
            super(describe(rel) + " is not supported by this version of Tributary's planner", null, false, false);
        }

        private static String describe(RelNode rel) {
            String type = rel.getRelTypeName().replaceFirst("^Logical", "");
            return switch (type) {
                case "Aggregate" -> "Aggregation (GROUP BY, DISTINCT, aggregate functions)";
                case "Join", "Correlate" -> "JOIN";
                case "Sort" -> "ORDER BY / LIMIT";
                case "Values" -> "A query without a table (VALUES)";
                case "Window" -> "A window function (OVER)";
                case "Union" -> "UNION without ALL";
                default -> "The operation " + type;
            };
        }
    }

    /** A join this version cannot plan; {@code ordinal} is its place among the plan's joins (pre-order). */
    static final class JoinException extends RuntimeException {
        private final int ordinal;

        JoinException(String message, int ordinal) {
            super(message, null, false, false);
            this.ordinal = ordinal;
        }

        int ordinal() {
            return ordinal;
        }
    }

    /** A windowed aggregation this version cannot plan (normally reported earlier, located). */
    static final class WindowException extends RuntimeException {
        WindowException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A window aggregate over an updating stream: its windows are emitted once and never changed, so it
     * cannot take back what a retraction withdraws. Located at the window by the caller.
     */
    static final class WindowOverUpdatingException extends RuntimeException {
        WindowOverUpdatingException(String reason) {
            super("A windowed aggregate cannot read an updating stream: its input (" + reason + ") retracts and"
                    + " replaces rows it emitted earlier, but a window's result is emitted once and never updated;"
                    + " aggregate the input over a window too, or drop the window and aggregate with GROUP BY",
                    null, false, false);
        }
    }

    /**
     * A window over rows an earlier, different window aggregated: those rows carry their window's end
     * as event time, so a wider or shifted window would mix partial windows. Located at the window by the caller.
     */
    static final class WindowMismatchException extends RuntimeException {
        WindowMismatchException(Window window, Window earlier) {
            super("This " + ProgramExplainer.window(window) + " window aggregates rows of a "
                    + ProgramExplainer.window(earlier) + " window; a window over windowed rows must be the same"
                    + " window (or group by the window column without one)", null, false, false);
        }
    }

    /** A query reads from a table that is a sink. */
    static final class SinkReadException extends RuntimeException {
        SinkReadException(TableDefinition table) {
            super("Table " + table.describe() + " is a sink and cannot be read from", null, false, false);
        }
    }

    /** Two INSERTs into one sink produce different rows. */
    static final class SinkSchemaMismatchException extends RuntimeException {
        SinkSchemaMismatchException(String table, Schema existing, Schema inserted) {
            super("This INSERT into '" + table + "' produces (" + render(inserted)
                    + ") but an earlier INSERT into it produces (" + render(existing) + ")", null, false, false);
        }

        private static String render(Schema schema) {
            return schema.getFieldsList().subList(0, schema.getFieldsCount() - 1).stream()
                    .map(TypeNames::field)
                    .collect(Collectors.joining(", "));
        }
    }
}
