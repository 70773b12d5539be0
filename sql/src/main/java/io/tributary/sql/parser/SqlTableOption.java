package io.tributary.sql.parser;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.NlsString;

/**
 * One {@code key = value} of a WITH clause. Keys may be quoted ({@code 'json.unstructured'})
 * or bare ({@code event_rate}); values are literals or bare words, all kept as text because
 * connectors receive options as strings exactly as written.
 */
public final class SqlTableOption extends SqlCall {
    private static final SqlOperator OPERATOR =
            new SqlSpecialOperator("OPTION", SqlKind.OTHER);

    private final SqlNode key;
    private final SqlNode value;

    public SqlTableOption(SqlParserPos pos, SqlNode key, SqlNode value) {
        super(pos);
        this.key = requireNonNull(key, "key is null");
        this.value = requireNonNull(value, "value is null");
    }

    public String key() {
        return text(key);
    }

    public String value() {
        return text(value);
    }

    public SqlNode keyNode() {
        return key;
    }

    public SqlNode valueNode() {
        return value;
    }

    private static String text(SqlNode node) {
        return switch (node) {
            case SqlIdentifier identifier -> String.join(".", identifier.names);
            case SqlLiteral literal when literal.getValue() instanceof NlsString nls -> nls.getValue();
            case SqlLiteral literal when literal.getValue() == null -> "null";
            // An interval as IntervalText reads it back, e.g. '5 SECOND'.
            case SqlIntervalLiteral interval -> interval.getValueAs(SqlIntervalLiteral.IntervalValue.class)
                    .getIntervalLiteral() + " " + interval.getValueAs(SqlIntervalLiteral.IntervalValue.class)
                    .getIntervalQualifier().timeUnitRange.startUnit.name();
            case SqlLiteral literal -> literal.toValue();
            // Adjacent string literals ('a' 'b') arrive as a concatenation call.
            case SqlCall call -> call.getOperandList().stream()
                    .map(SqlTableOption::text)
                    .reduce("", String::concat);
            default -> node.toString();
        };
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(key, value);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.print(quote(key()));
        writer.keyword("=");
        writer.print(quote(value()));
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
