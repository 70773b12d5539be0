package io.tributary.sql.parser;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE TABLE name [(columns, WATERMARK FOR ..., PRIMARY KEY (...))] [WITH (options)] [AS query]}.
 *
 * <p>Whether a column list was written at all is kept apart from the columns themselves:
 * an empty list means "schema comes from the connector or from the INSERT into it".
 */
public final class SqlCreateTable extends SqlCreate {
    private static final SqlOperator OPERATOR =
            new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

    private final SqlIdentifier name;
    private final boolean declaresColumns;
    private final SqlNodeList columns;
    private final SqlNodeList watermarks;
    private final SqlNodeList primaryKeys;
    private final SqlNodeList options;
    // Calcite's SqlNode API is null-based; the accessor turns it into an Optional.
    private final SqlNode query;
    private final boolean temporary;

    /** {@code temporary}: {@code CREATE TEMPORARY TABLE}, Arroyo's spelling of a lookup table. */
    public SqlCreateTable(
            SqlParserPos pos,
            boolean replace,
            boolean temporary,
            boolean ifNotExists,
            SqlIdentifier name,
            boolean declaresColumns,
            SqlNodeList columns,
            SqlNodeList watermarks,
            SqlNodeList primaryKeys,
            SqlNodeList options,
            SqlNode query) {
        super(OPERATOR, pos, replace, ifNotExists);
        this.temporary = temporary;
        this.name = requireNonNull(name, "name is null");
        this.declaresColumns = declaresColumns;
        this.columns = requireNonNull(columns, "columns is null");
        this.watermarks = requireNonNull(watermarks, "watermarks is null");
        this.primaryKeys = requireNonNull(primaryKeys, "primaryKeys is null");
        this.options = requireNonNull(options, "options is null");
        this.query = query;
    }

    /** The query of {@code CREATE TABLE name AS query}. */
    public Optional<SqlNode> query() {
        return Optional.ofNullable(query);
    }

    public SqlIdentifier name() {
        return name;
    }

    public boolean declaresColumns() {
        return declaresColumns;
    }

    public List<SqlColumnDeclaration> columns() {
        return columns.getList().stream().map(SqlColumnDeclaration.class::cast).toList();
    }

    public List<SqlWatermarkDeclaration> watermarks() {
        return watermarks.getList().stream().map(SqlWatermarkDeclaration.class::cast).toList();
    }

    public List<SqlPrimaryKey> primaryKeys() {
        return primaryKeys.getList().stream().map(SqlPrimaryKey.class::cast).toList();
    }

    public List<SqlTableOption> options() {
        return options.getList().stream().map(SqlTableOption.class::cast).toList();
    }

    public boolean temporary() {
        return temporary;
    }

    public boolean ifNotExists() {
        return ifNotExists;
    }

    public Optional<SqlTableOption> option(String key) {
        return options().stream().filter(option -> option.key().equals(key)).findFirst();
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return Arrays.asList(name, columns, watermarks, primaryKeys, options, query);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE");
        if (getReplace()) {
            writer.keyword("OR REPLACE");
        }
        if (temporary) {
            writer.keyword("TEMPORARY");
        }
        writer.keyword("TABLE");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
        if (declaresColumns) {
            SqlWriter.Frame frame = writer.startList("(", ")");
            for (SqlNode element : List.of(columns, watermarks, primaryKeys)) {
                for (SqlNode item : (SqlNodeList) element) {
                    writer.sep(",");
                    item.unparse(writer, 0, 0);
                }
            }
            writer.endList(frame);
        }
        if (!options.isEmpty()) {
            writer.keyword("WITH");
            SqlWriter.Frame frame = writer.startList("(", ")");
            for (SqlNode option : options) {
                writer.sep(",");
                option.unparse(writer, 0, 0);
            }
            writer.endList(frame);
        }
        if (query != null) {
            writer.keyword("AS");
            query.unparse(writer, 0, 0);
        }
    }
}
