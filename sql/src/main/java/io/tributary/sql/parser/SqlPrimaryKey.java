package io.tributary.sql.parser;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code PRIMARY KEY (column, ...)} inside a CREATE TABLE. */
public final class SqlPrimaryKey extends SqlCall {
    private static final SqlOperator OPERATOR =
            new SqlSpecialOperator("PRIMARY KEY", SqlKind.PRIMARY_KEY);

    private final SqlNodeList columns;

    public SqlPrimaryKey(SqlParserPos pos, SqlNodeList columns) {
        super(pos);
        this.columns = requireNonNull(columns, "columns is null");
    }

    public List<SqlIdentifier> columns() {
        return columns.getList().stream().map(SqlIdentifier.class::cast).toList();
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(columns);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("PRIMARY KEY");
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlNode column : columns) {
            writer.sep(",");
            column.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
