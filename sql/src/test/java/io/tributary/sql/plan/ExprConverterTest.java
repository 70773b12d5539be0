package io.tributary.sql.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.proto.program.Expr;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.ProjectionOperator;
import io.tributary.proto.program.TypeKind;
import io.tributary.sql.PlanOutcome;
import io.tributary.sql.PlannerOptions;
import io.tributary.sql.TributarySql;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExprConverterTest {
    private static final String TABLE = """
            CREATE TABLE input (id BIGINT, name TEXT, price DOUBLE, ts TIMESTAMP)
            WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
            """;

    private static ProjectionOperator projection(String select) {
        PlanOutcome outcome = TributarySql.plan(TABLE + select, PlannerOptions.defaults());
        assertThat(outcome).as("%s", outcome.diagnostics()).isInstanceOf(PlanOutcome.Planned.class);
        LogicalProgram program = ((PlanOutcome.Planned) outcome).program();
        return program.getNodesList().stream()
                .map(node -> node.getOperators(0))
                .filter(op -> op.hasProjection())
                .findFirst()
                .orElseThrow()
                .getProjection();
    }

    private static List<Expr> projections(String select) {
        return projection(select).getProjectionsList();
    }

    @Test
    void namesCallsBySqlKindOrFunctionName() {
        List<Expr> exprs = projections(
                "SELECT id + 1, upper(name), name || 'x', char_length(name), abs(price), -id FROM input;");
        assertThat(exprs).extracting(e -> e.getCall().getFunction())
                .containsExactly("PLUS", "UPPER", "CONCAT", "CHAR_LENGTH", "ABS", "MINUS_PREFIX");
        Expr plus = exprs.getFirst();
        assertThat(plus.getType().getKind()).isEqualTo(TypeKind.INT64);
        assertThat(plus.getNullable()).isTrue();
        assertThat(plus.getCall().getOperands(0).getInputRef()).isEqualTo(0);
        assertThat(plus.getCall().getOperands(1).getLiteral().getIntValue()).isEqualTo(1);
    }

    @Test
    void convertsLiteralsOfEveryKind() {
        List<Expr> exprs = projections("""
                SELECT TRUE, 2.50, 1e3, 'text', TIMESTAMP '1970-01-01 00:00:01.5', DATE '1970-01-03',
                       INTERVAL '2' SECOND, CAST(NULL AS BIGINT), X'0A0B' FROM input;""");
        assertThat(exprs.get(0).getLiteral().getBoolValue()).isTrue();
        assertThat(exprs.get(1).getLiteral().getDecimalValue()).isEqualTo("2.50");
        assertThat(exprs.get(1).getType().getKind()).isEqualTo(TypeKind.DECIMAL);
        assertThat(exprs.get(2).getLiteral().getDoubleValue()).isEqualTo(1000.0);
        assertThat(exprs.get(3).getLiteral().getStringValue()).isEqualTo("text");
        assertThat(exprs.get(4).getLiteral().getIntValue()).isEqualTo(1_500_000_000L);
        assertThat(exprs.get(4).getType().getKind()).isEqualTo(TypeKind.TIMESTAMP);
        assertThat(exprs.get(5).getLiteral().getIntValue()).isEqualTo(2);
        assertThat(exprs.get(6).getLiteral().getIntervalValue().getNanos()).isEqualTo(2_000_000_000L);
        assertThat(exprs.get(7).getLiteral().hasIntValue()).isFalse();
        assertThat(exprs.get(7).getType().getKind()).isEqualTo(TypeKind.INT64);
        assertThat(exprs.get(8).getLiteral().getBytesValue().toByteArray()).containsExactly(10, 11);
    }

    @Test
    void expandsInListsIntoComparisons() {
        Expr condition = projection("SELECT id FROM input WHERE id IN (1, 2, 3);").getCondition();
        assertThat(condition.toString()).doesNotContain("SEARCH").contains("EQUALS");
    }

    @Test
    void trimFlagTravelsAsText() {
        Expr trim = projections("SELECT trim(leading 'x' from name) FROM input;").getFirst();
        assertThat(trim.getCall().getFunction()).isEqualTo("TRIM");
        assertThat(trim.getCall().getOperands(0).getLiteral().getStringValue()).isEqualTo("LEADING");
    }

    @Test
    void castCarriesTargetType() {
        Expr cast = projections("SELECT name::int FROM input;").getFirst();
        assertThat(cast.getCall().getFunction()).isEqualTo("CAST");
        assertThat(cast.getType().getKind()).isEqualTo(TypeKind.INT32);
    }

    @Test
    void arroyoFunctionsPlanWithTheirResultTypes() {
        List<Expr> exprs = projections("""
                SELECT date_trunc('hour', ts), to_timestamp(id), row_time(), now(), concat_ws(',', name),
                       json_get_int(name, 'a', 0), json_get_str(name, 'a'), regexp_match(name, 'a'),
                       ltrim(name, 'x'), log2(price), translate(name, 'a', 'b'), lpad(name, 3) FROM input;""");
        assertThat(exprs).extracting(e -> e.getCall().getFunction()).containsExactly(
                "DATE_TRUNC", "TO_TIMESTAMP", "ROW_TIME", "NOW", "CONCAT_WS", "JSON_GET_INT", "JSON_GET_STR",
                "REGEXP_MATCH", "LTRIM", "LOG2", "TRANSLATE", "LPAD");
        assertThat(exprs).extracting(e -> e.getType().getKind()).containsExactly(
                TypeKind.TIMESTAMP, TypeKind.TIMESTAMP, TypeKind.TIMESTAMP, TypeKind.TIMESTAMP, TypeKind.UTF8,
                TypeKind.INT64, TypeKind.UTF8, TypeKind.UTF8, TypeKind.UTF8, TypeKind.FLOAT64, TypeKind.UTF8,
                TypeKind.UTF8);
        assertThat(exprs.get(0).getCall().getOperands(0).getLiteral().getStringValue()).isEqualTo("hour");
        assertThat(exprs.get(0).getCall().getOperands(1).getInputRef()).isEqualTo(3);
        assertThat(exprs.get(2).getNullable()).isFalse();
        assertThat(exprs.get(5).getNullable()).isTrue();
        assertThat(exprs.get(11).getNullable()).isTrue();
    }
}
