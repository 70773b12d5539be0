package io.tributary.sql.validate;

import io.tributary.sql.diagnostic.Diagnostic;
import io.tributary.sql.parser.DialectOperators;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Rewrites, in place and before validation, Arroyo's {@code unnest(list)} select item into the
 * standard form Calcite plans (a Correlate over an Uncollect):
 * {@code SELECT id, unnest(tags) AS tag FROM t WHERE c} becomes
 * {@code SELECT id, __unnest.__element AS tag FROM t CROSS JOIN UNNEST(tags) AS __unnest(__element) WHERE c}.
 * WHERE still filters the input rows, as in Arroyo. An unqualified {@code *} beside it is
 * qualified with the table, so that it does not pick up the element column.
 *
 * <p>Several unnest calls in one select list unnest together, zipped (as in Arroyo / DataFusion):
 * {@code UNNEST(tags, scores) AS __unnest(__element, __element_2)}; a row gives as many rows as
 * its longest list, the shorter lists padded with NULL.
 *
 * <p>What has no such rewrite is reported instead: unnest inside an expression or outside the
 * select list, and unnest in an aggregating SELECT (which would unnest after aggregating).
 */
public final class UnnestSyntax extends SqlBasicVisitor<Void> {
    private static final String ALIAS = "__unnest";
    private static final String ELEMENT = "__element";

    private final List<Diagnostic> found = new ArrayList<>();

    private UnnestSyntax() {}

    /** Rewrites {@code query}; returns what could not be rewritten. */
    public static List<Diagnostic> rewrite(SqlNode query) {
        UnnestSyntax rewriter = new UnnestSyntax();
        if (query != null) {
            query.accept(rewriter);
        }
        return List.copyOf(rewriter.found);
    }

    @Override
    public Void visit(SqlCall call) {
        super.visit(call);
        if (call instanceof SqlSelect select) {
            select(select);
        }
        return null;
    }

    private void select(SqlSelect select) {
        int reported = found.size();
        List<SqlCall> calls = new ArrayList<>();
        for (SqlNode clause : new SqlNode[] {select.getWhere(), select.getGroup(), select.getHaving()}) {
            unnestCalls(clause, calls);
        }
        for (SqlCall call : calls) {
            found.add(Diagnostic.error("unnest(...) can only be a select item; to filter or group by the elements,"
                    + " unnest in a subquery", call.getParserPosition()));
        }
        calls.clear();
        SqlNodeList items = select.getSelectList();
        unnestCalls(items, calls);
        if (calls.isEmpty() || found.size() > reported) {
            return;
        }
        List<Integer> itemIndexes = new ArrayList<>();
        for (SqlCall call : calls) {
            int item = -1;
            for (int i = 0; i < items.size(); i++) {
                SqlNode selected = items.get(i);
                if (selected == call || selected instanceof SqlCall as && as.getKind() == SqlKind.AS && as.operand(0) == call) {
                    item = i;
                }
            }
            if (item < 0) {
                found.add(Diagnostic.error("unnest(...) must be a whole select item, e.g. SELECT unnest(tags) AS tag; to"
                        + " compute with the elements, unnest in a subquery", call.getParserPosition()));
                return;
            }
            itemIndexes.add(item);
        }
        SqlCall unnest = calls.getFirst();
        if (select.getGroup() != null || select.isDistinct() || select.getHaving() != null) {
            found.add(Diagnostic.error("unnest(...) in a SELECT with GROUP BY, DISTINCT or HAVING is not supported;"
                    + " unnest in a subquery and aggregate over it", unnest.getParserPosition()));
            return;
        }
        if (select.getFrom() == null) {
            return; // UnsupportedFeatures explains that a query must read a table.
        }
        SqlParserPos pos = unnest.getParserPosition();
        if (!qualifyStars(items, select.getFrom())) {
            found.add(Diagnostic.error("SELECT * beside unnest(...) over a join is ambiguous; qualify it (t.*)",
                    pos));
            return;
        }
        List<SqlNode> lists = new ArrayList<>();
        List<SqlNode> aliases = new ArrayList<>(List.of(new SqlIdentifier(ALIAS, pos)));
        for (int u = 0; u < calls.size(); u++) {
            SqlCall call = calls.get(u);
            SqlNode list = call.operand(0);
            int item = itemIndexes.get(u);
            String name = items.get(item) instanceof SqlCall as && as.getKind() == SqlKind.AS
                    ? ((SqlIdentifier) as.operand(1)).getSimple()
                    : list instanceof SqlIdentifier column ? column.names.getLast() : "unnest";
            String element = u == 0 ? ELEMENT : ELEMENT + "_" + (u + 1);
            lists.add(list);
            aliases.add(new SqlIdentifier(element, call.getParserPosition()));
            items.set(item, SqlStdOperatorTable.AS.createCall(call.getParserPosition(),
                    new SqlIdentifier(List.of(ALIAS, element), call.getParserPosition()),
                    new SqlIdentifier(name, call.getParserPosition())));
        }
        List<SqlNode> operands = new ArrayList<>();
        operands.add(SqlStdOperatorTable.UNNEST.createCall(pos, lists));
        operands.addAll(aliases);
        SqlCall elements = SqlStdOperatorTable.AS.createCall(pos, operands);
        select.setFrom(new SqlJoin(pos, select.getFrom(), SqlLiteral.createBoolean(false, pos),
                JoinType.CROSS.symbol(pos), elements, JoinConditionType.NONE.symbol(pos), null));
    }

    /** Qualifies each {@code *} of the select list with the one table read; false when it reads several. */
    private static boolean qualifyStars(SqlNodeList items, SqlNode from) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof SqlIdentifier star && star.isStar() && star.names.size() == 1) {
                String table = switch (from) {
                    case SqlIdentifier identifier -> identifier.names.getLast();
                    case SqlCall as when as.getKind() == SqlKind.AS -> ((SqlIdentifier) as.operand(1)).getSimple();
                    default -> null;
                };
                if (table == null) {
                    return false;
                }
                items.set(i, new SqlIdentifier(List.of(table, ""), star.getParserPosition()));
            }
        }
        return true;
    }

    /** The unnest(...) calls in {@code node}, not descending into subqueries (visited on their own). */
    private static void unnestCalls(SqlNode node, List<SqlCall> calls) {
        switch (node) {
            case null -> {
            }
            case SqlSelect ignored -> {
            }
            case SqlNodeList list -> list.forEach(child -> unnestCalls(child, calls));
            case SqlCall call when call.getOperator() == DialectOperators.UNNEST -> calls.add(call);
            case SqlCall call -> call.getOperandList().forEach(child -> unnestCalls(child, calls));
            default -> {
            }
        }
    }
}
