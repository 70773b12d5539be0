package io.tributary.sql.validate;

import io.tributary.sql.catalog.UdfDefinition;
import io.tributary.sql.diagnostic.Diagnostic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Arroyo's rule for async UDFs, checked on what the user wrote: a call must be a top-level item of
 * a SELECT list (aliased or not), with arguments that call no async UDF; anywhere else (inside an
 * expression, WHERE, GROUP BY, a join condition) it is an error at the call. A subquery makes
 * any use of the result possible.
 */
public final class AsyncUdfPlacement {
    private AsyncUdfPlacement() {}

    public static List<Diagnostic> check(SqlNode query, Collection<UdfDefinition> udfs) {
        Set<String> async = udfs.stream().filter(udf -> udf.async().isPresent())
                .map(udf -> udf.name().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        List<Diagnostic> errors = new ArrayList<>();
        if (async.isEmpty()) {
            return errors;
        }
        query.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlSelect select) {
                    for (SqlNode node : select.getOperandList()) {
                        if (node == select.getSelectList()) {
                            select.getSelectList().forEach(item -> item(item));
                        } else if (node != null) {
                            node.accept(this);
                        }
                    }
                    return null;
                }
                if (isAsync(call)) {
                    errors.add(Diagnostic.error("the async UDF '" + call.getOperator().getName() + "' can only be called as a top-level"
                            + " item of a SELECT list, not inside another expression, a WHERE clause or a join"
                            + " condition; select it in a subquery and use its column instead", call.getParserPosition()));
                    return null;
                }
                return super.visit(call);
            }

            /** A SELECT item: an async call (perhaps aliased) is fine, its arguments are looked at. */
            private void item(SqlNode item) {
                SqlNode target = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
                if (target instanceof SqlCall call && isAsync(call)) {
                    call.getOperandList().forEach(operand -> {
                        if (operand != null) {
                            operand.accept(this);
                        }
                    });
                } else {
                    item.accept(this);
                }
            }

            private boolean isAsync(SqlCall call) {
                return call.getOperator() != null && async.contains(name(call));
            }
        });
        return errors;
    }

    private static String name(SqlCall call) {
        return call.getOperator().getName().toUpperCase(Locale.ROOT);
    }
}
