package io.tributary.sql.validate;

import io.tributary.sql.catalog.TableDefinition;
import io.tributary.sql.diagnostic.Diagnostic;
import io.tributary.sql.explain.ProgramExplainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlNameMatchers;
import org.apache.calcite.util.Litmus;

/**
 * Finds, before validation, the parts of a query this version cannot plan (cross joins, window
 * functions, ordering, subqueries in expressions, unsupported aggregates), each located where
 * the user wrote it. Windowed aggregation is checked here too: at most one window per GROUP BY,
 * window intervals that are fixed, positive lengths (a hop's width a multiple of its slide), the
 * supported aggregate functions, and a window table function's DESCRIPTOR naming the table's
 * event-time column.
 * Running before Calcite's validator matters: the validator would otherwise accept them and
 * the user would learn about the limitation with no useful position.
 */
public final class UnsupportedFeatures {
    private static final String NOT_SUPPORTED = " is not supported by this version of Tributary's planner";

    private static final Set<String> WINDOW_TABLE_FUNCTIONS = Set.of("TUMBLE", "HOP", "SESSION", "CUMULATE");
    private static final long MICROS_PER_MILLI = 1000L;

    private final SqlOperatorTable operators;
    private final Function<String, Optional<TableDefinition>> tables;
    private final List<Diagnostic> found = new ArrayList<>();
    /** Whether the expressions being checked belong to a windowed aggregate's SELECT. */
    private boolean windowed;
    /** Whether the expressions being checked may call aggregates (a SELECT list or HAVING, outside aggregate arguments). */
    private boolean aggregating;
    /** The window a windowed SELECT groups by (Arroyo's form), or null. */
    private SqlCall groupWindow;

    private UnsupportedFeatures(SqlOperatorTable operators, Function<String, Optional<TableDefinition>> tables) {
        this.operators = operators;
        this.tables = tables;
    }

    /** Diagnostics for every unsupported construct in a query (SELECT, set operation, WITH). */
    public static List<Diagnostic> find(SqlNode query, SqlOperatorTable operators) {
        return find(query, operators, name -> Optional.empty());
    }

    /**
     * As {@link #find(SqlNode, SqlOperatorTable)}, looking tables up by name to check the
     * DESCRIPTOR of window table functions.
     */
    public static List<Diagnostic> find(
            SqlNode query, SqlOperatorTable operators, Function<String, Optional<TableDefinition>> tables) {
        UnsupportedFeatures finder = new UnsupportedFeatures(operators, tables);
        finder.query(query);
        return List.copyOf(finder.found);
    }

    private void report(String feature, SqlParserPos pos) {
        found.add(Diagnostic.error(feature + NOT_SUPPORTED, pos));
    }

    private void query(SqlNode node) {
        switch (node) {
            case SqlSelect select -> select(select);
            case SqlOrderBy orderBy -> {
                if (orderBy.orderList != null && !orderBy.orderList.isEmpty()) {
                    report("ORDER BY", orderBy.orderList.getParserPosition());
                }
                if (orderBy.fetch != null) {
                    report("LIMIT", orderBy.fetch.getParserPosition());
                }
                if (orderBy.offset != null) {
                    report("OFFSET", orderBy.offset.getParserPosition());
                }
                query(orderBy.query);
            }
            case SqlWith with -> {
                for (SqlNode item : with.withList) {
                    query(((SqlWithItem) item).query);
                }
                query(with.body);
            }
            case SqlCall call when call.getKind() == SqlKind.UNION -> {
                if (call.getOperator() != SqlStdOperatorTable.UNION_ALL) {
                    found.add(Diagnostic.error("UNION without ALL removes duplicates, which needs state;"
                            + " use UNION ALL (UNION" + NOT_SUPPORTED + ")", call.getParserPosition()));
                }
                call.getOperandList().forEach(this::query);
            }
            case SqlCall call when call.getKind() == SqlKind.INTERSECT || call.getKind() == SqlKind.EXCEPT ->
                    report(call.getKind().sql, call.getParserPosition());
            case SqlCall call when call.getKind() == SqlKind.VALUES ->
                    report("VALUES as a query", call.getParserPosition());
            default -> {
                // Calcite reports anything else (e.g. a bare expression) itself.
            }
        }
    }

    private void select(SqlSelect select) {
        SqlCall tableFunction = windowTableFunction(select.getFrom());
        List<SqlCall> groupWindows = groupWindows(select);
        boolean windowedSelect = tableFunction != null || !groupWindows.isEmpty();
        if (select.getFrom() == null) {
            found.add(Diagnostic.error(
                    "A query must read from a table; to generate rows, create a table with"
                            + " connector = 'impulse'",
                    select.getParserPosition()));
        } else {
            from(select.getFrom());
        }
        // SELECT DISTINCT, and GROUP BY or aggregates without a window, plan as updating aggregates.
        boolean outer = windowed;
        boolean outerAggregating = aggregating;
        SqlCall outerWindow = groupWindow;
        windowed = windowedSelect;
        aggregating = true;
        groupWindow = groupWindows.isEmpty() ? null : groupWindows.getFirst();
        try {
            expressions(select.getSelectList());
            if (select.getHaving() != null) {
                expression(select.getHaving());
            }
        } finally {
            windowed = outer;
            aggregating = outerAggregating;
            groupWindow = outerWindow;
        }
        if (select.getWhere() != null) {
            boolean saved = windowed;
            boolean savedAggregating = aggregating;
            windowed = false;
            aggregating = false;
            expression(select.getWhere());
            windowed = saved;
            aggregating = savedAggregating;
        }
        if (windowedSelect) {
            windowGroup(select, tableFunction, groupWindows);
        }
        if (select.getWindowList() != null && !select.getWindowList().isEmpty()) {
            report("The WINDOW clause", select.getWindowList().getParserPosition());
        }
        if (select.getQualify() != null) {
            report("QUALIFY", select.getQualify().getParserPosition());
        }
        if (select.getOrderList() != null && !select.getOrderList().isEmpty()) {
            report("ORDER BY", select.getOrderList().getParserPosition());
        }
        if (select.getFetch() != null) {
            report("LIMIT", select.getFetch().getParserPosition());
        }
    }

    /** Checks the GROUP BY of a windowed SELECT: one window, fixed intervals, window columns. */
    private void windowGroup(SqlSelect select, SqlCall tableFunction, List<SqlCall> groupWindows) {
        if (groupWindows.size() > 1) {
            found.add(Diagnostic.error("A GROUP BY can have at most one window (tumble, hop or session); this is"
                    + " a second one", groupWindows.get(1).getParserPosition()));
        }
        if (!groupWindows.isEmpty()) {
            groupWindow(groupWindows.getFirst());
        }
        if (tableFunction == null) {
            return;
        }
        String function = tableFunction.getOperator().getName().toUpperCase(Locale.ROOT);
        if (!groupWindows.isEmpty()) {
            found.add(Diagnostic.error("A GROUP BY over " + function + "(TABLE ...) windows by window_start and"
                    + " window_end; it cannot add another window", groupWindows.getFirst().getParserPosition()));
        }
        SqlNodeList group = select.getGroup();
        if (group == null || group.isEmpty()) {
            found.add(Diagnostic.error("The windows of " + function + "(TABLE ...) must be aggregated: add GROUP BY"
                    + " window_start, window_end (and any key columns)", tableFunction.getParserPosition()));
            return;
        }
        for (String column : List.of("window_start", "window_end")) {
            boolean grouped = group.stream().anyMatch(item -> item instanceof SqlIdentifier id
                    && id.names.getLast().equalsIgnoreCase(column));
            if (!grouped) {
                found.add(Diagnostic.error("A GROUP BY over " + function + "(TABLE ...) must include window_start and"
                        + " window_end; " + column + " is missing", group.getParserPosition()));
            }
        }
    }

    /** The window calls GROUP BY names: directly, by select-list alias or by ordinal. */
    private static List<SqlCall> groupWindows(SqlSelect select) {
        List<SqlCall> windows = new ArrayList<>();
        if (select.getGroup() == null) {
            return windows;
        }
        for (SqlNode item : select.getGroup()) {
            SqlNode resolved = resolveGroupItem(select, item);
            if (resolved instanceof SqlCall call && WindowFunctions.kind(call.getOperator()).isPresent()) {
                windows.add(call);
            }
        }
        return windows;
    }

    private static SqlNode resolveGroupItem(SqlSelect select, SqlNode item) {
        SqlNodeList items = select.getSelectList();
        if (items == null) {
            return item;
        }
        if (item instanceof SqlIdentifier id && id.isSimple()) {
            for (SqlNode selected : items) {
                if (selected instanceof SqlCall as && as.getKind() == SqlKind.AS
                        && as.operand(1) instanceof SqlIdentifier alias
                        && alias.getSimple().equalsIgnoreCase(id.getSimple())) {
                    return as.operand(0);
                }
            }
        }
        if (item instanceof SqlNumericLiteral number && number.isInteger()) {
            int ordinal = number.intValue(false);
            if (ordinal >= 1 && ordinal <= items.size()) {
                SqlNode selected = items.get(ordinal - 1);
                return selected instanceof SqlCall as && as.getKind() == SqlKind.AS ? as.operand(0) : selected;
            }
        }
        return item;
    }

    /** Checks the intervals of {@code tumble(width)}, {@code hop(slide, width)} or {@code session(gap)}. */
    private void groupWindow(SqlCall call) {
        WindowFunctions.Kind kind = WindowFunctions.kind(call.getOperator()).orElseThrow();
        int expected = kind == WindowFunctions.Kind.HOP ? 2 : 1;
        if (call.operandCount() != expected) {
            found.add(Diagnostic.error(call.getOperator().getName().toLowerCase(Locale.ROOT) + " takes "
                    + (expected == 1 ? "one interval" : "two intervals") + ", e.g. " + WindowFunctions.usage(kind)
                    + "; the time column is always the table's event time", call.getParserPosition()));
            return;
        }
        List<Long> micros = new ArrayList<>();
        for (SqlNode operand : call.getOperandList()) {
            Optional<Long> length = intervalMicros(operand);
            if (length.isEmpty()) {
                return;
            }
            micros.add(length.get());
        }
        if (kind == WindowFunctions.Kind.HOP && micros.get(1) % micros.get(0) != 0) {
            found.add(Diagnostic.error("The width of a hop window (" + ProgramExplainer.duration(micros.get(1))
                    + ") must be a multiple of its slide (" + ProgramExplainer.duration(micros.get(0)) + ")",
                    call.operand(1).getParserPosition()));
        }
    }

    /** The length of a window interval, or empty after reporting why it is not a fixed, positive one. */
    private Optional<Long> intervalMicros(SqlNode operand) {
        if (!(operand instanceof SqlIntervalLiteral interval)) {
            found.add(Diagnostic.error("A window length must be an interval literal, e.g. interval '1 minute'",
                    operand.getParserPosition()));
            return Optional.empty();
        }
        if (SqlTypeName.YEAR_INTERVAL_TYPES.contains(interval.getTypeName())) {
            found.add(Diagnostic.error("A window length must be given in days or smaller units; months and years"
                    + " have no fixed length", interval.getParserPosition()));
            return Optional.empty();
        }
        long millis = SqlParserUtil.intervalToMillis(interval.getValueAs(SqlIntervalLiteral.IntervalValue.class));
        if (millis <= 0) {
            found.add(Diagnostic.error("A window length must be positive", interval.getParserPosition()));
            return Optional.empty();
        }
        return Optional.of(millis * MICROS_PER_MILLI);
    }

    /** The TUMBLE/HOP/SESSION call of {@code FROM TABLE(TUMBLE(TABLE t, ...)) [AS alias]}, or null. */
    private static SqlCall windowTableFunction(SqlNode from) {
        SqlNode node = from;
        if (node instanceof SqlCall as && as.getKind() == SqlKind.AS) {
            node = as.operand(0);
        }
        if (node instanceof SqlCall table && table.getKind() == SqlKind.COLLECTION_TABLE
                && table.operand(0) instanceof SqlCall function
                && WINDOW_TABLE_FUNCTIONS.contains(function.getOperator().getName().toUpperCase(Locale.ROOT))) {
            return function;
        }
        return null;
    }

    /** Checks a window table function: reads a table directly, by its event time, fixed intervals. */
    private void windowTableFunctionArguments(SqlCall function) {
        String name = function.getOperator().getName().toUpperCase(Locale.ROOT);
        List<SqlNode> operands = function.getOperandList();
        SqlCall table = null;
        List<SqlCall> descriptors = new ArrayList<>();
        List<SqlNode> intervals = new ArrayList<>();
        for (SqlNode operand : operands) {
            SqlNode value = operand instanceof SqlCall assignment && assignment.getKind() == SqlKind.ARGUMENT_ASSIGNMENT
                    ? assignment.operand(0)
                    : operand;
            if (value instanceof SqlCall call && call.getKind() == SqlKind.EXPLICIT_TABLE) {
                table = call;
            } else if (value instanceof SqlCall call && call.getOperator().getName().equalsIgnoreCase("DESCRIPTOR")) {
                descriptors.add(call);
            } else if (value instanceof SqlCall call && call.getKind() == SqlKind.SET_SEMANTICS_TABLE) {
                report(name + "(TABLE ... PARTITION BY ...)", call.getParserPosition());
                return;
            } else {
                intervals.add(value);
            }
        }
        if (table == null || !(table.operand(0) instanceof SqlIdentifier tableName) || descriptors.isEmpty()) {
            // Calcite explains malformed calls itself.
            return;
        }
        int expected = name.equals("HOP") || name.equals("CUMULATE") ? 2 : 1;
        if (intervals.size() > expected) {
            report("The offset argument of " + name, intervals.get(expected).getParserPosition());
            return;
        }
        List<Long> micros = new ArrayList<>();
        for (SqlNode interval : intervals) {
            Optional<Long> length = intervalMicros(interval);
            if (length.isEmpty()) {
                return;
            }
            micros.add(length.get());
        }
        if (name.equals("HOP") && micros.size() == 2 && micros.get(1) % micros.get(0) != 0) {
            found.add(Diagnostic.error("The size of a HOP window (" + ProgramExplainer.duration(micros.get(1))
                    + ") must be a multiple of its slide (" + ProgramExplainer.duration(micros.get(0)) + ")",
                    intervals.get(1).getParserPosition()));
        }
        if (name.equals("CUMULATE") && micros.size() == 2 && micros.get(1) % micros.get(0) != 0) {
            found.add(Diagnostic.error("The size of a CUMULATE window (" + ProgramExplainer.duration(micros.get(1))
                    + ") must be a multiple of its step (" + ProgramExplainer.duration(micros.get(0)) + ")",
                    intervals.get(1).getParserPosition()));
        }
        SqlCall descriptor = descriptors.getFirst();
        if (descriptor.operandCount() != 1 || !(descriptor.operand(0) instanceof SqlIdentifier column)) {
            found.add(Diagnostic.error("DESCRIPTOR must name one column: the table's event-time column",
                    descriptor.getParserPosition()));
            return;
        }
        Optional<TableDefinition> definition = tables.apply(tableName.names.getLast());
        if (definition.isEmpty()) {
            // A view, or a table Calcite will report as not found.
            return;
        }
        TableDefinition defined = definition.get();
        Optional<String> eventTime = defined.eventTimeColumn().map(index -> defined.columns().get(index).name());
        if (eventTime.isEmpty()) {
            found.add(Diagnostic.error("DESCRIPTOR(" + column + ") must name the event-time column of '" + defined.name()
                    + "', but it declares none: declare one with WATERMARK FOR, or window by processing time with"
                    + " GROUP BY tumble(...), hop(...) or session(...)",
                    descriptor.getParserPosition()));
        } else if (!eventTime.get().equalsIgnoreCase(column.names.getLast())) {
            found.add(Diagnostic.error("DESCRIPTOR(" + column + ") must name the event-time column of '" + defined.name()
                    + "', which is " + eventTime.get(), descriptor.getParserPosition()));
        }
    }

    private void from(SqlNode from) {
        switch (from) {
            case SqlIdentifier ignored -> {
                // A table or view: checked by the validator and the catalog.
            }
            case SqlJoin join -> join(join);
            case SqlCall call when call.getKind() == SqlKind.AS -> from(call.operand(0));
            case SqlCall call when call.getKind() == SqlKind.TABLE_REF -> from(call.operand(0));
            case SqlCall call when call.getKind() == SqlKind.COLLECTION_TABLE && windowTableFunction(call) != null ->
                    windowTableFunctionArguments(windowTableFunction(call));
            case SqlCall call when call.getKind() == SqlKind.COLLECTION_TABLE ->
                    report("Table functions other than TUMBLE, HOP, SESSION and CUMULATE", call.getParserPosition());
            case SqlCall call when call.getKind() == SqlKind.UNNEST -> found.add(Diagnostic.error("UNNEST must follow"
                    + " the table whose list it unnests: FROM t CROSS JOIN UNNEST(t.tags) AS u(tag)",
                    call.getParserPosition()));
            case SqlCall call when call.getKind() == SqlKind.LATERAL -> report("LATERAL", call.getParserPosition());
            case SqlCall call when call.getKind() == SqlKind.MATCH_RECOGNIZE ->
                    report("MATCH_RECOGNIZE", call.getParserPosition());
            case SqlCall call when call.getKind() == SqlKind.PIVOT || call.getKind() == SqlKind.UNPIVOT ->
                    report(call.getKind().name(), call.getParserPosition());
            case SqlCall call when call.getKind() == SqlKind.TABLESAMPLE ->
                    report("TABLESAMPLE", call.getParserPosition());
            case SqlCall call when call.getKind() == SqlKind.VALUES ->
                    report("VALUES in FROM", call.getParserPosition());
            default -> query(from);
        }
    }

    /**
     * Joins are planned when their ON clause equates columns of both inputs (see the planner's
     * RelToDataflow#join, which reports what else it cannot plan); joins that cannot have such an
     * equality (CROSS, comma, ON TRUE-less forms) are rejected here.
     */
    private void join(SqlJoin join) {
        org.apache.calcite.sql.JoinConditionType condition = join.getConditionType();
        boolean natural = join.isNatural();
        SqlNode right = join.getRight() instanceof SqlCall as && as.getKind() == SqlKind.AS ? as.operand(0) : join.getRight();
        if (right instanceof SqlCall unnest && unnest.getKind() == SqlKind.UNNEST) {
            unnestJoin(join, unnest);
            from(join.getLeft());
            return;
        }
        if (!natural && condition == org.apache.calcite.sql.JoinConditionType.NONE) {
            found.add(Diagnostic.error("A join needs an equality between columns of both inputs (JOIN ... ON a.id = b.id);"
                    + " cross joins" + NOT_SUPPORTED, joinPosition(join)));
        }
        if (join.getCondition() != null && condition == org.apache.calcite.sql.JoinConditionType.ON) {
            expression(join.getCondition());
        }
        from(join.getLeft());
        from(join.getRight());
    }

    /**
     * {@code t CROSS JOIN UNNEST(list, ...)} (or a comma): one row per element of each row of t's list;
     * several lists are zipped, the shorter padded with NULL.
     */
    private void unnestJoin(SqlJoin join, SqlCall unnest) {
        org.apache.calcite.sql.JoinType type = join.getJoinType();
        if (join.getConditionType() != org.apache.calcite.sql.JoinConditionType.NONE
                || type != org.apache.calcite.sql.JoinType.CROSS && type != org.apache.calcite.sql.JoinType.COMMA) {
            found.add(Diagnostic.error("UNNEST is joined with CROSS JOIN (or a comma) only: a row whose list is NULL or"
                    + " empty produces no rows; " + type.name().replace('_', ' ') + " JOIN UNNEST" + NOT_SUPPORTED,
                    joinPosition(join)));
        }
        if (unnest.getOperator() instanceof org.apache.calcite.sql.SqlUnnestOperator operator && operator.withOrdinality) {
            report("UNNEST ... WITH ORDINALITY", unnest.getParserPosition());
        }
        unnest.getOperandList().forEach(this::expression);
    }

    private static SqlParserPos joinPosition(SqlJoin join) {
        SqlParserPos keyword = join.getJoinTypeNode().getParserPosition();
        return keyword.equals(SqlParserPos.ZERO) ? join.getParserPosition() : keyword;
    }

    private void expressions(SqlNodeList list) {
        if (list != null) {
            list.forEach(this::expression);
        }
    }

    private void expression(SqlNode node) {
        switch (node) {
            case null -> {
            }
            case SqlNodeList list -> expressions(list);
            case SqlSelect select -> report("A subquery inside an expression", select.getParserPosition());
            case SqlCall call when call.getKind() == SqlKind.OVER -> TopNSyntax.check(call).ifPresent(found::add);
            case SqlCall call when SqlKind.QUERY.contains(call.getKind()) ->
                    report("A subquery inside an expression", call.getParserPosition());
            case SqlCall call when call.getKind() == SqlKind.FILTER -> {
                // The planner turns FILTER into CASE WHEN arguments, which those that keep NULLs would keep.
                if (call.operand(0) instanceof SqlCall aggregate && TributaryAggregates.KEEP_NULLS.contains(
                        aggregate.getOperator().getName().toUpperCase(Locale.ROOT))) {
                    report("FILTER (WHERE ...) on " + aggregate.getOperator().getName().toLowerCase(Locale.ROOT),
                            call.getParserPosition());
                    return;
                }
                expression(call.operand(0));
                boolean savedAggregating = aggregating;
                aggregating = false;
                expression(call.operand(1));
                aggregating = savedAggregating;
            }
            case SqlCall call when WindowFunctions.kind(call.getOperator()).isPresent() -> {
                if (!windowed || groupWindow == null) {
                    found.add(Diagnostic.error(call.getOperator().getName().toLowerCase(Locale.ROOT)
                            + "(...) defines the window of an aggregation and can only be used in GROUP BY (and"
                            + " selected as the grouped window)", call.getParserPosition()));
                } else if (call != groupWindow && !call.equalsDeep(groupWindow, Litmus.IGNORE)) {
                    found.add(Diagnostic.error("This window is not the one the query groups by (" + groupWindow
                            + "); select the grouped window, e.g. by its alias", call.getParserPosition()));
                }
            }
            case SqlCall call -> {
                if (isAggregate(call)) {
                    aggregate(call);
                    return;
                }
                call.getOperandList().forEach(this::expression);
            }
            default -> {
            }
        }
    }

    /**
     * An aggregate call: supported in a SELECT list or HAVING (windowed, or updating without a window)
     * when it is one the engine computes. Elsewhere (WHERE, inside another aggregate) Calcite's validator
     * explains the mistake.
     */
    private void aggregate(SqlCall call) {
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        if (!aggregating) {
            return;
        }
        if (!TributaryAggregates.NAMES.contains(name) && !isUdaf(call)) {
            report("The aggregate function " + name, call.getParserPosition());
            return;
        }
        if (call.getOperandList().stream().anyMatch(SqlNodeList.class::isInstance)) {
            report(name.toLowerCase(Locale.ROOT) + "(... ORDER BY ...)", call.getParserPosition());
            return;
        }
        boolean saved = windowed;
        boolean savedAggregating = aggregating;
        windowed = false;
        aggregating = false;
        call.getOperandList().forEach(this::expression);
        windowed = saved;
        aggregating = savedAggregating;
    }

    private boolean isAggregate(SqlCall call) {
        SqlOperator operator = call.getOperator();
        if (operator.isAggregator()) {
            return true;
        }
        if (!(operator instanceof SqlFunction function) || call.getKind() == SqlKind.CAST) {
            return false;
        }
        List<SqlOperator> candidates = candidates(call);
        return !candidates.isEmpty() && candidates.stream().allMatch(SqlOperator::isAggregator);
    }

    /** Whether the call names an aggregate UDF of the catalog. */
    private boolean isUdaf(SqlCall call) {
        List<SqlOperator> candidates = candidates(call);
        return !candidates.isEmpty() && candidates.stream().allMatch(UdafFunction.class::isInstance);
    }

    /** The functions of the call's name; empty for an operator that is no function. */
    private List<SqlOperator> candidates(SqlCall call) {
        List<SqlOperator> candidates = new ArrayList<>();
        if (!(call.getOperator() instanceof SqlFunction function)) {
            return candidates;
        }
        SqlIdentifier name = function.getSqlIdentifier() != null
                ? function.getSqlIdentifier()
                : new SqlIdentifier(function.getName(), SqlParserPos.ZERO);
        operators.lookupOperatorOverloads(name, SqlFunctionCategory.USER_DEFINED_FUNCTION,
                SqlSyntax.FUNCTION, candidates, SqlNameMatchers.withCaseSensitive(false));
        return candidates;
    }
}
