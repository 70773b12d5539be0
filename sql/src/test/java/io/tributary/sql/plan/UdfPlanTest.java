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
    private static final UdfDefinition LOOKUP = new UdfDefinition("lookup", "file:///udfs/h3.jar", "h3", "Lookup",
            "lookup", List.of(UdfType.of("BIGINT", true)), UdfType.of("TEXT", true),
            java.util.Optional.of(new UdfDefinition.Async(true, 8, 250)));
    private static final PlannerOptions OPTIONS = new PlannerOptions(1, false, List.of(DOUBLE_IT, TAG, LOOKUP));

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

    @Test
    void anAsyncCallRunsInAnOperatorOfItsOwnBetweenTwoProjections() {
        LogicalProgram program = plan("SELECT lookup(small) AS name, id + 1 AS plus_one FROM events WHERE id > 3;");

        List<Operator> operators = program.getNodesList().stream().flatMap(node -> node.getOperatorsList().stream())
                .filter(operator -> operator.hasProjection() || operator.hasAsyncUdf()).toList();
        assertThat(operators).extracting(Operator::getName).containsExactly("projection", "async_udf", "projection");
        Operator first = operators.get(0);
        assertThat(first.getProjection().hasCondition()).isTrue();
        // The column the other item reads (id), then the argument widened to the UDF's BIGINT.
        assertThat(first.getProjection().getProjectionsList()).hasSize(2);
        assertThat(first.getProjection().getProjections(0).getInputRef()).isZero();
        assertThat(first.getProjection().getProjections(1).getCall().getFunction()).isEqualTo("CAST");
        var async = operators.get(1).getAsyncUdf();
        assertThat(async.getUdf()).isEqualTo("lookup");
        assertThat(async.getArgumentFieldsList()).containsExactly(1);
        assertThat(async.getOrdered()).isTrue();
        assertThat(async.getMaxInFlight()).isEqualTo(8);
        assertThat(async.getTimeoutMicros()).isEqualTo(250_000);
        assertThat(operators.get(1).getOutputSchema().getFieldsList()).extracting(f -> f.getName())
                .containsExactly("_column0", "_argument1", "_result0", "_timestamp");
        assertThat(operators.get(2).getProjection().getProjections(0).getInputRef()).isEqualTo(2);
        assertThat(operators.get(2).getProjection().getProjections(1).getCall().getFunction()).isEqualTo("PLUS");
        assertThat(program.getUdfsList()).extracting(udf -> udf.getName()).containsExactly("lookup");
    }

    @Test
    void anAsyncCallInsideAnExpressionOrAFilterIsRefusedNamingIt() {
        assertThat(error("SELECT upper(lookup(id)) FROM events;").message())
                .contains("async UDF 'lookup'").contains("top-level item of a SELECT");
        assertThat(error("SELECT id FROM events WHERE lookup(id) = 'x';").message())
                .contains("async UDF 'lookup'");
    }

    @Test
    void aSubqueryMakesAnyUseOfAnAsyncResultPossible() {
        for (String query : List.of(
                "SELECT upper(name) FROM (SELECT lookup(id) AS name FROM events) WHERE name <> 'x';",
                "SELECT id, upper(name) AS loud FROM (SELECT id, lookup(id) AS name FROM events);")) {
            assertThat(plan(query).getNodesList().stream().flatMap(node -> node.getOperatorsList().stream())
                    .filter(Operator::hasAsyncUdf)).as(query).hasSize(1);
        }
    }

    @Test
    void aMisplacedAsyncCallIsAnErrorAtTheCall() {
        Diagnostic error = error("SELECT id,\n  upper(lookup(id)) FROM events;");

        assertThat(error.span().start().line()).isEqualTo(4);
        assertThat(error.span().start().column()).isEqualTo(9);
        assertThat(error("SELECT id FROM events GROUP BY id, lookup(id);").message()).contains("async UDF 'lookup'");
    }
}
