package io.tributary.sql.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.proto.program.Expr;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.TypeKind;
import io.tributary.sql.PlanOutcome;
import io.tributary.sql.PlannerOptions;
import io.tributary.sql.TributarySql;
import io.tributary.sql.catalog.UdfDefinition;
import io.tributary.sql.catalog.UdfDefinition.UdfType;
import io.tributary.sql.diagnostic.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Java UDFs in queries: type-checked by their signatures, called by name, referenced by the program. */
class UdfPlanTest {
    private static final String TABLE = """
            CREATE TABLE events (id BIGINT, small INT, name TEXT, score DOUBLE NOT NULL)
            WITH (connector = 'single_file', path = '/events.json', format = 'json', type = 'source');
            """;
    private static final UdfDefinition DOUBLE_IT = new UdfDefinition("double_it", "file:///udfs/h1.jar", "h1", "Doubler",
            "double_it", List.of(UdfType.of("BIGINT", false)), UdfType.of("BIGINT", false));
    private static final UdfDefinition TAG = new UdfDefinition("tag", "file:///udfs/h2.jar", "h2", "com.example.Tags",
            "tag", List.of(UdfType.of("TEXT", true), UdfType.of("DOUBLE", false)), UdfType.of("TEXT", true));
    private static final PlannerOptions OPTIONS = new PlannerOptions(1, false, List.of(DOUBLE_IT, TAG));

    private static LogicalProgram plan(String sql) {
        PlanOutcome outcome = TributarySql.plan(TABLE + sql, OPTIONS);
        assertThat(outcome).as("%s", outcome.diagnostics()).isInstanceOf(PlanOutcome.Planned.class);
        return ((PlanOutcome.Planned) outcome).program();
    }

    private static Diagnostic error(String sql) {
        PlanOutcome outcome = TributarySql.plan(TABLE + sql, OPTIONS);
        assertThat(outcome).isInstanceOf(PlanOutcome.Failed.class);
        return outcome.diagnostics().getFirst();
    }

    private static Operator projection(LogicalProgram program) {
        return program.getNodesList().stream().flatMap(node -> node.getOperatorsList().stream())
                .filter(Operator::hasProjection).findFirst().orElseThrow();
    }

    @Test
    void aCallBecomesAUdfCallAndTheProgramReferencesOnlyTheUdfsItCalls() {
        LogicalProgram program = plan("SELECT DOUBLE_IT(small) AS doubled FROM events;");

        Expr call = projection(program).getProjection().getProjections(0);
        assertThat(call.getCall().getFunction()).isEqualTo("UDF:double_it");
        assertThat(call.getType().getKind()).isEqualTo(TypeKind.INT64);
        // The argument is primitive and the column nullable: the result may be NULL.
        assertThat(call.getNullable()).isTrue();
        assertThat(program.getUdfsList()).singleElement().satisfies(udf -> {
            assertThat(udf.getName()).isEqualTo("double_it");
            assertThat(udf.getArtifactUrl()).isEqualTo("file:///udfs/h1.jar");
            assertThat(udf.getHash()).isEqualTo("h1");
            assertThat(udf.getClassName()).isEqualTo("Doubler");
            assertThat(udf.getArgumentsList()).extracting(type -> type.getKind()).containsExactly(TypeKind.INT64);
            assertThat(udf.getResult().getKind()).isEqualTo(TypeKind.INT64);
        });
    }

    @Test
    void udfsWorkInFiltersAndNestedExpressions() {
        LogicalProgram program = plan("SELECT id FROM events WHERE tag(name, score) = 'x' AND double_it(id) > 10;");

        assertThat(program.getUdfsList()).extracting(udf -> udf.getName()).containsExactly("double_it", "tag");
        assertThat(projection(program).getProjection().getCondition().toString()).contains("UDF:tag", "UDF:double_it");
    }

    @Test
    void aQueryWithoutUdfCallsReferencesNone() {
        assertThat(plan("SELECT id FROM events;").getUdfsList()).isEmpty();
    }

    @Test
    void anUnknownFunctionIsLocatedAndNamed() {
        Diagnostic error = error("SELECT triple_it(id) FROM events;");

        assertThat(error.message()).containsIgnoringCase("triple_it");
        assertThat(error.span().start().line()).isEqualTo(3);
        assertThat(error.span().start().column()).isEqualTo(8);
    }

    @Test
    void wrongArgumentCountsAndTypesAreLocatedAndNamed() {
        Diagnostic count = error("SELECT double_it(id, id) FROM events;");
        assertThat(count.message()).containsIgnoringCase("double_it");
        assertThat(count.span().start().line()).isEqualTo(3);

        Diagnostic type = error("SELECT id,\n  double_it(name) FROM events;");
        assertThat(type.message()).containsIgnoringCase("double_it").contains("CHAR");
        assertThat(type.span().start().line()).isEqualTo(4);
        assertThat(type.span().start().column()).isEqualTo(3);
    }
}
