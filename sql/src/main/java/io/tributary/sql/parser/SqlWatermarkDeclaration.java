package io.tributary.sql.parser;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code WATERMARK FOR column [AS expression]}: the column becomes the rows' event time; the
 * expression (over the table's columns) bounds how late rows may arrive.
 */
public final class SqlWatermarkDeclaration extends SqlCall {
    private static final SqlOperator OPERATOR =
            new SqlSpecialOperator("WATERMARK", SqlKind.OTHER);

    private final SqlIdentifier column;
    private final SqlNode expression;

    public SqlWatermarkDeclaration(SqlParserPos pos, SqlIdentifier column, SqlNode expression) {
        super(pos);
        this.column = requireNonNull(column, "column is null");
        this.expression = expression;
    }

    public SqlIdentifier column() {
        return column;
    }

    public Optional<SqlNode> expression() {
        return Optional.ofNullable(expression);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return Arrays.asList(column, expression);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("WATERMARK FOR");
        column.unparse(writer, 0, 0);
        if (expression != null) {
            writer.keyword("AS");
            expression.unparse(writer, 0, 0);
        }
    }
}
