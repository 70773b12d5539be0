package io.tributary.sql.validate;

import io.tributary.sql.diagnostic.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
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
import org.apache.calcite.sql.validate.SqlNameMatchers;

/**
 * Finds, before validation, the parts of a query this version cannot plan (aggregation,
 * joins, windows, ordering, subqueries in expressions), each located where the user wrote it.
 * Running before Calcite's validator matters: the validator would otherwise accept them and
 * the user would learn about the limitation with no useful position.
 */
public final class UnsupportedFeatures {
    private static final String NOT_SUPPORTED = " is not supported by this version of Tributary's planner";

    private final SqlOperatorTable operators;
    private final List<Diagnostic> found = new ArrayList<>();

    private UnsupportedFeatures(SqlOperatorTable operators) {
        this.operators = operators;
    }

    /** Diagnostics for every unsupported construct in a query (SELECT, set operation, WITH). */
    public static List<Diagnostic> find(SqlNode query, SqlOperatorTable operators) {
        UnsupportedFeatures finder = new UnsupportedFeatures(operators);
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
        if (select.getFrom() == null) {
            found.add(Diagnostic.error(
                    "A query must read from a table; to generate rows, create a table with"
                            + " connector = 'impulse'",
                    select.getParserPosition()));
        } else {
            from(select.getFrom());
        }
        SqlNode distinct = select.getModifierNode(SqlSelectKeyword.DISTINCT);
        if (distinct != null) {
            report("SELECT DISTINCT", distinct.getParserPosition());
        }
        expressions(select.getSelectList());
        if (select.getWhere() != null) {
            expression(select.getWhere());
        }
        if (select.getGroup() != null && !select.getGroup().isEmpty()) {
            report("GROUP BY", select.getGroup().getParserPosition());
        }
        if (select.getHaving() != null) {
            report("HAVING", select.getHaving().getParserPosition());
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

    private void from(SqlNode from) {
        switch (from) {
            case SqlIdentifier ignored -> {
                // A table or view: checked by the validator and the catalog.
            }
            case SqlJoin join -> report("JOIN", joinPosition(join));
            case SqlCall call when call.getKind() == SqlKind.AS -> from(call.operand(0));
            case SqlCall call when call.getKind() == SqlKind.TABLE_REF -> from(call.operand(0));
            case SqlCall call when call.getKind() == SqlKind.COLLECTION_TABLE ->
                    report("Table functions (including window functions TUMBLE, HOP and SESSION)",
                            call.getParserPosition());
            case SqlCall call when call.getKind() == SqlKind.UNNEST -> report("UNNEST", call.getParserPosition());
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
            case SqlCall call when call.getKind() == SqlKind.OVER ->
                    report("A window function (OVER)", call.getParserPosition());
            case SqlCall call when SqlKind.QUERY.contains(call.getKind()) ->
                    report("A subquery inside an expression", call.getParserPosition());
            case SqlCall call -> {
                if (isAggregate(call)) {
                    report("The aggregate function " + call.getOperator().getName().toUpperCase(Locale.ROOT),
                            call.getParserPosition());
                    return;
                }
                call.getOperandList().forEach(this::expression);
            }
            default -> {
            }
        }
    }

    private boolean isAggregate(SqlCall call) {
        SqlOperator operator = call.getOperator();
        if (operator.isAggregator()) {
            return true;
        }
        if (!(operator instanceof SqlFunction function) || call.getKind() == SqlKind.CAST) {
            return false;
        }
        List<SqlOperator> candidates = new ArrayList<>();
        SqlIdentifier name = function.getSqlIdentifier() != null
                ? function.getSqlIdentifier()
                : new SqlIdentifier(function.getName(), SqlParserPos.ZERO);
        operators.lookupOperatorOverloads(name, SqlFunctionCategory.USER_DEFINED_FUNCTION,
                SqlSyntax.FUNCTION, candidates, SqlNameMatchers.withCaseSensitive(false));
        return !candidates.isEmpty() && candidates.stream().allMatch(SqlOperator::isAggregator);
    }
}
