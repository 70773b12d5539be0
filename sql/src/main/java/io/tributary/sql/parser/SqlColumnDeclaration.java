package io.tributary.sql.parser;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * One column of a CREATE TABLE:
 * {@code name TYPE [NOT NULL] [GENERATED ALWAYS AS (expr) | METADATA FROM 'key']}.
 */
public final class SqlColumnDeclaration extends SqlCall {
    private static final SqlOperator OPERATOR =
            new SqlSpecialOperator("COLUMN_DECL", SqlKind.COLUMN_DECL);

    private final SqlIdentifier name;
    private final SqlDataTypeSpec type;
    // Calcite's SqlNode API is null-based; the accessor turns it into an Optional.
    private final SqlNode generatedAs;
    private final SqlNode metadataKey;

    public SqlColumnDeclaration(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec type, SqlNode generatedAs,
            SqlNode metadataKey) {
        super(pos);
        this.name = requireNonNull(name, "name is null");
        this.type = requireNonNull(type, "type is null");
        if (generatedAs != null && metadataKey != null) {
            throw new IllegalArgumentException("a column is either generated or read from metadata");
        }
        this.generatedAs = generatedAs;
        this.metadataKey = metadataKey;
    }

    public SqlIdentifier name() {
        return name;
    }

    public SqlDataTypeSpec type() {
        return type;
    }

    public Optional<SqlNode> generatedAs() {
        return Optional.ofNullable(generatedAs);
    }

    /** The string literal of {@code METADATA FROM 'key'}. */
    public Optional<SqlNode> metadataKey() {
        return Optional.ofNullable(metadataKey);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return Arrays.asList(name, type, generatedAs, metadataKey);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        name.unparse(writer, 0, 0);
        type.unparse(writer, 0, 0);
        if (Boolean.FALSE.equals(type.getNullable())) {
            writer.keyword("NOT NULL");
        }
        if (generatedAs != null) {
            writer.keyword("GENERATED ALWAYS AS");
            SqlWriter.Frame frame = writer.startList("(", ")");
            generatedAs.unparse(writer, 0, 0);
            writer.endList(frame);
        }
        if (metadataKey != null) {
            writer.keyword("METADATA FROM");
            metadataKey.unparse(writer, 0, 0);
        }
    }
}
