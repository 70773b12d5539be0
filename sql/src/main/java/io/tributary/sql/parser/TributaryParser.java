package io.tributary.sql.parser;

import io.tributary.sql.diagnostic.CalciteErrors;
import io.tributary.sql.diagnostic.PlanningException;
import io.tributary.sql.parser.impl.TributarySqlParserImpl;
import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Entry point to Tributary's SQL dialect: Calcite's grammar extended with CREATE TABLE ...
 * WITH, CREATE VIEW, {@code ::} casts and unit-in-string intervals.
 *
 * <p>Identifiers follow PostgreSQL (and so Arroyo/DataFusion): unquoted names fold to lower
 * case, double quotes keep case. Lookups are case-insensitive so that built-in function
 * names, which Calcite registers in upper case, resolve from lower-cased identifiers.
 */
public final class TributaryParser {
    private static final SqlParser.Config CONFIG = SqlParser.config()
            .withParserFactory(TributarySqlParserImpl.FACTORY)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withQuotedCasing(Casing.UNCHANGED)
            .withUnquotedCasing(Casing.TO_LOWER)
            .withCaseSensitive(false)
            .withConformance(TributaryConformance.INSTANCE)
            .withIdentifierMaxLength(1024);

    private TributaryParser() {}

    public static SqlParser.Config config() {
        return CONFIG;
    }

    /**
     * Parses {@code ;}-separated statements, positions relative to the whole text.
     *
     * @throws PlanningException with the syntax error located where it occurred
     */
    public static List<SqlNode> parseStatements(String sql) {
        try {
            List<SqlNode> statements = SqlParser.create(sql, CONFIG).parseStmtList().getList();
            statements.forEach(DialectNormalizer::normalize);
            return statements;
        } catch (SqlParseException e) {
            throw new PlanningException(List.of(CalciteErrors.fromParseException(e)));
        }
    }

    /** Parses one expression (used by tests and by option values that hold SQL). */
    public static SqlNode parseExpression(String sql) {
        try {
            SqlNode expression = SqlParser.create(sql, CONFIG).parseExpression();
            DialectNormalizer.normalize(expression);
            return expression;
        } catch (SqlParseException e) {
            throw new PlanningException(List.of(CalciteErrors.fromParseException(e)));
        }
    }
}
