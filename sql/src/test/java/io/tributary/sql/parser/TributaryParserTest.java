package io.tributary.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sql.diagnostic.PlanningException;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

class TributaryParserTest {
    @Test
    void parsesCreateTableWithColumnsWatermarkKeyAndOptions() {
        List<SqlNode> statements = TributaryParser.parseStatements("""
                CREATE TABLE Events (
                  id BIGINT NOT NULL,
                  "Name" TEXT,
                  ts TIMESTAMP,
                  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND,
                  PRIMARY KEY (id)
                ) WITH (connector = 'single_file', 'json.unstructured' = 'false', event_rate = 10)
                """);
        SqlCreateTable create = (SqlCreateTable) statements.getFirst();
        assertThat(create.name().getSimple()).isEqualTo("events");
        assertThat(create.columns()).extracting(c -> c.name().getSimple()).containsExactly("id", "Name", "ts");
        assertThat(create.columns().getFirst().type().getNullable()).isFalse();
        assertThat(create.watermarks()).singleElement()
                .satisfies(w -> assertThat(w.expression()).isPresent());
        assertThat(create.primaryKeys()).singleElement()
                .satisfies(pk -> assertThat(pk.columns()).extracting(c -> c.getSimple()).containsExactly("id"));
        assertThat(create.options()).extracting(SqlTableOption::key)
                .containsExactly("connector", "json.unstructured", "event_rate");
        assertThat(create.option("event_rate")).get().extracting(SqlTableOption::value).isEqualTo("10");
    }

    @Test
    void columnListIsOptional() {
        SqlCreateTable create = (SqlCreateTable) TributaryParser.parseStatements(
                "CREATE TABLE t WITH (connector = 'impulse', event_rate = '1')").getFirst();
        assertThat(create.declaresColumns()).isFalse();
        assertThat(create.columns()).isEmpty();
    }

    @Test
    void jsonArrowsBindTighterThanComparisonsAndLooserThanArithmetic() {
        SqlBasicCall comparison = (SqlBasicCall) TributaryParser.parseExpression("j -> 'a' ->> 'b' = 'x'");
        assertThat(comparison.getKind()).isEqualTo(SqlKind.EQUALS);
        SqlBasicCall text = (SqlBasicCall) comparison.operand(0);
        assertThat(text.getOperator().getName()).isEqualTo("JSON_AS_TEXT");
        assertThat(((SqlBasicCall) text.operand(0)).getOperator().getName()).isEqualTo("JSON_GET_JSON");

        SqlBasicCall element = (SqlBasicCall) TributaryParser.parseExpression("j -> 1 + 1");
        assertThat(element.getOperator().getName()).isEqualTo("JSON_GET_JSON");
        assertThat(element.operand(1).getKind()).isEqualTo(SqlKind.PLUS);
    }

    @Test
    void parsesCreateTableAsAndExplain() {
        List<SqlNode> statements = TributaryParser.parseStatements("""
                CREATE TABLE evens AS SELECT counter FROM a WHERE counter % 2 = 0;
                EXPLAIN SELECT counter FROM evens;
                EXPLAIN PLAN FOR INSERT INTO b SELECT counter FROM evens;
                """);
        assertThat(((SqlCreateTable) statements.getFirst()).query()).get()
                .extracting(SqlNode::getKind).isEqualTo(SqlKind.SELECT);
        assertThat(statements.subList(1, 3)).extracting(node -> ((SqlExplainStatement) node).statement().getKind())
                .containsExactly(SqlKind.SELECT, SqlKind.INSERT);
    }

    @Test
    void parsesArroyoColumnTypes() {
        SqlCreateTable create = (SqlCreateTable) TributaryParser.parseStatements("""
                CREATE TABLE t (s STRUCT<a INT, b STRUCT<c TEXT NOT NULL>>, tags TEXT[], gap INTERVAL NOT NULL,
                  k TEXT METADATA FROM 'key')
                """).getFirst();
        assertThat(create.columns()).extracting(column -> column.type().getTypeNameSpec().getClass().getSimpleName())
                .containsExactly("SqlRowTypeNameSpec", "SqlCollectionTypeNameSpec", "SqlUserDefinedTypeNameSpec",
                        "SqlUserDefinedTypeNameSpec");
        assertThat(create.columns().get(2).type().getNullable()).isFalse();
        assertThat(create.columns().get(3).metadataKey()).isPresent();
    }

    @Test
    void parsesSeveralStatements() {
        List<SqlNode> statements = TributaryParser.parseStatements("""
                CREATE TABLE a WITH (connector = 'impulse', event_rate = '1');
                CREATE VIEW v AS SELECT counter FROM a;
                SET updating_ttl = INTERVAL '1 hour';
                INSERT INTO b SELECT * FROM v;
                SELECT 1 FROM a;
                """);
        assertThat(statements).extracting(SqlNode::getKind).containsExactly(
                SqlKind.CREATE_TABLE, SqlKind.CREATE_VIEW, SqlKind.SET_OPTION, SqlKind.INSERT, SqlKind.SELECT);
    }

    @Test
    void unitInsideStringIntervalBecomesQualifiedInterval() {
        SqlNode expression = TributaryParser.parseExpression("interval '1 hour 30 minutes'");
        assertThat(expression).isInstanceOf(SqlIntervalLiteral.class);
        SqlIntervalLiteral literal = (SqlIntervalLiteral) expression;
        assertThat(literal.getTypeName()).isEqualTo(SqlTypeName.INTERVAL_MINUTE);
        assertThat(literal.getValueAs(SqlIntervalLiteral.IntervalValue.class).getIntervalLiteral()).isEqualTo("90");
        assertThat(((SqlIntervalLiteral) TributaryParser.parseExpression("INTERVAL '2' DAY")).getTypeName())
                .isEqualTo(SqlTypeName.INTERVAL_DAY);
        assertThat(((SqlIntervalLiteral) TributaryParser.parseExpression("interval '500 ms'")).getTypeName())
                .isEqualTo(SqlTypeName.INTERVAL_SECOND);
        assertThat(((SqlIntervalLiteral) TributaryParser.parseExpression("interval '2 years'")).getTypeName())
                .isEqualTo(SqlTypeName.INTERVAL_MONTH);
    }

    @Test
    void rejectsMixedMonthAndDayIntervals() {
        assertThatThrownBy(() -> TributaryParser.parseExpression("interval '1 month 2 days'"))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("cannot combine months");
    }

    @Test
    void postgresCastBecomesCast() {
        SqlSelect select = (SqlSelect) TributaryParser.parseStatements("SELECT x::bigint, y::text FROM t").getFirst();
        SqlBasicCall first = (SqlBasicCall) select.getSelectList().get(0);
        assertThat(first.getKind()).isEqualTo(SqlKind.CAST);
        assertThat(first.operand(1).toString()).isEqualTo("BIGINT");
        assertThat(select.getSelectList().get(1).toString()).contains("VARCHAR");
    }

    @Test
    void syntaxErrorIsLocated() {
        assertThatThrownBy(() -> TributaryParser.parseStatements("SELECT a\nFROM FROM t"))
                .isInstanceOfSatisfying(PlanningException.class, e -> {
                    assertThat(e.diagnostics()).singleElement().satisfies(d -> {
                        assertThat(d.span().start().line()).isEqualTo(2);
                        assertThat(d.span().start().column()).isEqualTo(6);
                        assertThat(d.message()).startsWith("Syntax error: unexpected 'FROM'");
                    });
                });
    }
}
