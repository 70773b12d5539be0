package io.tributary.sql.plan;

import io.tributary.proto.program.Field;
import io.tributary.proto.program.JoinType;
import io.tributary.proto.program.LookupJoinOperator;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.Schema;
import io.tributary.sql.catalog.CatalogTable;
import io.tributary.sql.catalog.ColumnDefinition;
import io.tributary.sql.catalog.ConnectorRole;
import io.tributary.sql.catalog.LookupTables;
import io.tributary.sql.catalog.TableDefinition;
import io.tributary.sql.explain.ExprFormatter;
import io.tributary.sql.parser.IntervalText;
import io.tributary.sql.plan.RelToDataflow.JoinException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Lookup joins: a stream joined (INNER or LEFT) with a lookup table on the table's primary key.
 * Each row's key is computed from the stream's columns and looked up by the {@code lookup_join}
 * operator, fed by a FORWARD edge: the table answers any key, so nothing needs to be shuffled.
 * Every other use of a lookup table is refused here with the reason.
 */
final class LookupJoinPlanning {
    private LookupJoinPlanning() {}

    /**
     * A checked lookup join.
     *
     * @param key over the left input's columns, of a character type
     * @param rightProjects the right input's columns as expressions over the table's columns, when the
     *     planner projected the table before the join; empty when the right input is the whole table
     */
    record Lookup(TableDefinition table, JoinType type, RexNode key, Optional<List<RexNode>> rightProjects) {}

    /** Whether either input of {@code join} reads a lookup table. */
    static boolean involvesLookupTable(Join join) {
        return lookupTable(join.getLeft()).isPresent() || lookupTable(join.getRight()).isPresent();
    }

    /** Reading a lookup table as a stream (FROM, a window over it, the left side of a join...). */
    static PlanShapeException notAStream(TableDefinition table) {
        return new PlanShapeException("Table '" + table.name() + "' is a lookup table (connector '" + table.connector()
                + "'): it can only be the right side of a JOIN or LEFT JOIN whose ON clause equates its PRIMARY KEY"
                + " with an expression of a stream, e.g. FROM orders o LEFT JOIN " + table.name() + " c ON c."
                + keyColumn(table).name() + " = o.customer_id");
    }

    static Lookup of(Join join, RexBuilder rexBuilder, int ordinal) {
        Optional<TableDefinition> leftTable = lookupTable(join.getLeft());
        if (leftTable.isPresent()) {
            throw new JoinException("Lookup table '" + leftTable.get().name() + "' must be the right side of its"
                    + " join: write FROM <stream> JOIN " + leftTable.get().name() + " ON ...", ordinal);
        }
        TableDefinition table = lookupTable(join.getRight()).orElseThrow();
        JoinType type = switch (join.getJoinType()) {
            case INNER -> JoinType.INNER;
            case LEFT -> JoinType.LEFT;
            default -> throw new JoinException(join.getJoinType() + " JOIN with lookup table '" + table.name()
                    + "' is not supported: a lookup join is a JOIN or LEFT JOIN with the stream on the left", ordinal);
        };
        Optional<List<RexNode>> rightProjects = rightProjects(join.getRight(), table, ordinal);
        int leftCount = join.getLeft().getRowType().getFieldCount();
        int keyColumn = table.columns().indexOf(keyColumn(table));
        String usage = "The ON clause of a join with lookup table '" + table.name() + "' must equate its PRIMARY KEY"
                + " '" + keyColumn(table).name() + "' with an expression of the stream, e.g. ON c."
                + keyColumn(table).name() + " = concat('customer:', o.customer_id)";
        List<RexNode> conjuncts = RelOptUtil.conjunctions(join.getCondition());
        if (conjuncts.size() != 1) {
            throw new JoinException(usage + (type == JoinType.INNER
                    ? "; move the other conditions to WHERE" : "; filter the table's columns in WHERE"), ordinal);
        }
        RexNode key = streamSide(conjuncts.getFirst(), leftCount, rightProjects, keyColumn)
                .map(side -> inlined(side, join.getLeft()))
                .orElseThrow(() -> new JoinException(usage, ordinal));
        if (!SqlTypeUtil.inCharFamily(key.getType())) {
            // Lookup keys are strings (Redis keys): a number or date is looked up as its text.
            key = rexBuilder.makeCast(rexBuilder.getTypeFactory().createTypeWithNullability(
                    rexBuilder.getTypeFactory().createSqlType(SqlTypeName.VARCHAR), key.getType().isNullable()), key);
        }
        return new Lookup(table, type, key, rightProjects);
    }

    /** Plans the lookup join of {@code left} (the planned left input): the left's columns, then the table's. */
    static Stream plan(DataflowBuilder dataflow, ExprConverter exprs, Stream left, Lookup lookup, List<String> names,
            int ordinal) {
        TableDefinition table = lookup.table();
        if (left.updating()) {
            throw new JoinException("A lookup join reads an append-only stream, but the left side of the join with '"
                    + table.name() + "' is updating (it has GROUP BY without a window, or reads changes)", ordinal);
        }
        Schema.Builder tableSchema = Schema.newBuilder();
        for (ColumnDefinition column : table.columns()) {
            // A row without a match, or a value without the field, leaves the column NULL.
            tableSchema.addFields(SchemaConverter.field(column.name(), column.type()).toBuilder().setNullable(true));
        }
        Schema.Builder output = Schema.newBuilder().addAllFields(left.columns());
        Set<String> taken = new HashSet<>();
        left.columns().forEach(field -> taken.add(field.getName().toLowerCase(Locale.ROOT)));
        for (int i = 0; i < tableSchema.getFieldsCount(); i++) {
            Field field = tableSchema.getFields(i);
            String name = lookup.rightProjects().isEmpty() ? names.get(left.columns().size() + i)
                    : unique(field.getName(), taken);
            output.addFields(field.toBuilder().setName(name));
        }
        output.addFields(SchemaConverter.timestampField());
        int keyField = table.columns().indexOf(keyColumn(table));
        LookupJoinOperator.Builder config = LookupJoinOperator.newBuilder()
                .setJoinType(lookup.type())
                .setKey(exprs.convert(lookup.key()))
                .setTableName(table.name())
                .setConnector(table.connector())
                .putAllOptions(table.options())
                .setTableSchema(tableSchema)
                .setKeyField(keyField)
                .setCacheMaxBytes(Optional.ofNullable(table.options().get(LookupTables.CACHE_MAX_BYTES))
                        .map(value -> Long.parseLong(value.trim())).orElse(0L))
                .setCacheTtlMicros(Optional.ofNullable(table.options().get(LookupTables.CACHE_TTL))
                        .map(LookupJoinPlanning::micros).orElse(0L));
        Operator.Builder operator = Operator.newBuilder()
                .setName("lookup_join")
                .setOutputSchema(output)
                .setLookupJoin(config);
        String id = OperatorIds.of("lookup_join", operator.clone().clearName().build().toByteArray(),
                List.of(left.operatorId()));
        String description = config.getJoinType().name().toLowerCase(Locale.ROOT) + " lookup join "
                + table.name() + " (" + table.connector() + ") on " + ExprFormatter.name(keyColumn(table).name())
                + " = " + ExprFormatter.format(config.getKey(), left.schema().getFieldsList());
        return dataflow.add(id, description, operator, List.of(left));
    }

    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int i = 0; !taken.add(candidate.toLowerCase(Locale.ROOT)); i++) {
            candidate = name + i;
        }
        return candidate;
    }

    /** An interval option as written ('5 seconds', interval '5' second) in microseconds. */
    private static long micros(String interval) {
        SqlIntervalLiteral literal = (SqlIntervalLiteral) IntervalText.toLiteral(SqlParserPos.ZERO, 1, interval);
        return SqlParserUtil.intervalToMillis(literal.getValueAs(SqlIntervalLiteral.IntervalValue.class)) * 1_000L;
    }

    /**
     * The stream's side of {@code condition} when it equates the table's key column (index
     * {@code keyColumn} of the table) with an expression of the left input's columns only.
     */
    private static Optional<RexNode> streamSide(RexNode condition, int leftCount, Optional<List<RexNode>> rightProjects,
            int keyColumn) {
        if (!(condition instanceof RexCall call) || call.getKind() != SqlKind.EQUALS) {
            return Optional.empty();
        }
        for (int side = 0; side < 2; side++) {
            RexNode table = call.getOperands().get(side);
            RexNode stream = call.getOperands().get(1 - side);
            ImmutableBitSet streamColumns = RelOptUtil.InputFinder.bits(stream);
            if (isKey(table, leftCount, rightProjects, keyColumn)
                    && (streamColumns.isEmpty() || streamColumns.nextSetBit(leftCount) < 0)) {
                return Optional.of(stream);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code node} is the table's key column (perhaps cast, when the ON clause compares it with a number). */
    private static boolean isKey(RexNode node, int leftCount, Optional<List<RexNode>> rightProjects, int keyColumn) {
        RexNode bare = node.getKind() == SqlKind.CAST ? ((RexCall) node).getOperands().getFirst() : node;
        if (!(bare instanceof RexInputRef ref) || ref.getIndex() < leftCount) {
            return false;
        }
        int column = ref.getIndex() - leftCount;
        if (rightProjects.isPresent()) {
            return rightProjects.get().get(column) instanceof RexInputRef projected && projected.getIndex() == keyColumn;
        }
        return column == keyColumn;
    }

    /**
     * Calcite moves an ON clause's expressions into a projection below the join, which keeps its
     * input's columns first and appends them ({@code $f3}). The key is then that appended column;
     * its expression, over the kept columns, reads the same and says what is looked up in EXPLAIN.
     */
    private static RexNode inlined(RexNode key, RelNode left) {
        if (!(key instanceof RexInputRef ref)) {
            return key;
        }
        List<RexNode> projects = switch (left) {
            case Project project -> project.getProjects();
            case Calc calc when calc.getProgram().getCondition() == null -> calc.getProgram().getProjectList().stream()
                    .map(calc.getProgram()::expandLocalRef).map(RexNode.class::cast).toList();
            default -> List.of();
        };
        if (projects.isEmpty()) {
            return key;
        }
        int kept = left.getInput(0).getRowType().getFieldCount();
        if (ref.getIndex() < kept || ref.getIndex() >= projects.size()) {
            return key;
        }
        for (int i = 0; i < kept; i++) {
            if (!(projects.get(i) instanceof RexInputRef same) || same.getIndex() != i) {
                return key;
            }
        }
        RexNode expression = projects.get(ref.getIndex());
        ImmutableBitSet reads = RelOptUtil.InputFinder.bits(expression);
        return reads.isEmpty() || reads.length() <= kept ? expression : key;
    }

    /** The right input's columns over the table's, when the planner projected the table before the join. */
    private static Optional<List<RexNode>> rightProjects(RelNode right, TableDefinition table, int ordinal) {
        return switch (right) {
            case TableScan scan -> Optional.empty();
            case Project project -> Optional.of(project.getProjects());
            case Calc calc -> {
                RexProgram program = calc.getProgram();
                if (program.getCondition() != null) {
                    throw new JoinException("A lookup join reads lookup table '" + table.name() + "' by key only; a"
                            + " condition on the table's columns alone cannot be part of the join: put it in WHERE",
                            ordinal);
                }
                yield Optional.of(program.getProjectList().stream().map(program::expandLocalRef)
                        .map(RexNode.class::cast).toList());
            }
            default -> throw new JoinException("Lookup table '" + table.name() + "' must be joined directly, not"
                    + " through a subquery", ordinal);
        };
    }

    /** The lookup table {@code rel} reads: the table itself, or a projection or filter of it. */
    private static Optional<TableDefinition> lookupTable(RelNode rel) {
        return switch (rel) {
            case TableScan scan -> Optional.ofNullable(scan.getTable().unwrap(CatalogTable.class))
                    .map(CatalogTable::definition)
                    .filter(definition -> definition.role() == ConnectorRole.LOOKUP);
            case Project project -> lookupTable(project.getInput());
            case Calc calc -> lookupTable(calc.getInput());
            default -> Optional.empty();
        };
    }

    private static ColumnDefinition keyColumn(TableDefinition table) {
        String key = table.primaryKey().getFirst();
        return table.columns().stream().filter(column -> column.name().equalsIgnoreCase(key)).findFirst().orElseThrow();
    }
}
