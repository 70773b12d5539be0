package io.tributary.sql.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.proto.program.AggregateCall;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Aggregate UDFs in windowed and updating aggregates: checked by signature, called by name, referenced. */
class UdafPlanTest {
    private static final String EVENTS = """
            CREATE TABLE events (k TEXT, v BIGINT, small INT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
            WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
            """;
    private static final UdfDefinition SPREAD = aggregate("spread", "com.example.Spread", false);
    private static final UdfDefinition SUM_OF_SQUARES = aggregate("sum_of_squares", "SumOfSquares", true);
    private static final PlannerOptions OPTIONS = new PlannerOptions(1, false, List.of(SPREAD, SUM_OF_SQUARES));

    private static UdfDefinition aggregate(String name, String className, boolean retracts) {
        return new UdfDefinition(name, "file:///udfs/" + name + ".jar", "hash-" + name, className, "add",
                List.of(UdfType.of("BIGINT", true)), UdfType.of("BIGINT", true), Optional.empty(),
                Optional.of(new UdfDefinition.Aggregate(retracts)));
    }

    private static PlanOutcome outcome(String sql) {
        return TributarySql.plan(EVENTS + sql, OPTIONS);
    }

    private static LogicalProgram plan(String sql) {
        PlanOutcome outcome = outcome(sql);
        assertThat(outcome).as("%s", outcome.diagnostics()).isInstanceOf(PlanOutcome.Planned.class);
        return ((PlanOutcome.Planned) outcome).program();
    }

    private static Diagnostic error(String sql) {
        PlanOutcome outcome = outcome(sql);
        assertThat(outcome).isInstanceOf(PlanOutcome.Failed.class);
        return outcome.diagnostics().getFirst();
    }

    private static List<AggregateCall> calls(LogicalProgram program) {
        return program.getNodesList().stream().flatMap(node -> node.getOperatorsList().stream())
                .filter(operator -> operator.hasWindowAggregate() || operator.hasUpdatingAggregate())
                .flatMap(operator -> operator.hasWindowAggregate()
                        ? operator.getWindowAggregate().getAggregatesList().stream()
                        : operator.getUpdatingAggregate().getAggregatesList().stream())
                .toList();
    }

    @Test
    void aWindowedAggregateCallsTheUdafAndTheProgramCarriesIt() {
        LogicalProgram program = plan("""
                SELECT k, tumble(interval '1 minute') AS window, spread(small) AS s FROM events GROUP BY k, window;
                """);

        assertThat(calls(program)).singleElement().satisfies(call -> {
            assertThat(call.getFunction()).isEqualTo("UDF:spread");
            assertThat(call.getArgumentsCount()).isEqualTo(1);
            assertThat(call.getType().getKind()).isEqualTo(TypeKind.INT64);
            assertThat(call.getNullable()).isTrue();
        });
        assertThat(program.getUdfsList()).singleElement().satisfies(udf -> {
            assertThat(udf.getName()).isEqualTo("spread");
            assertThat(udf.getAggregate()).isTrue();
            assertThat(udf.getClassName()).isEqualTo("com.example.Spread");
        });
    }

    @Test
    void anUpdatingAggregateOverAppendOnlyInputNeedsNoRetraction() {
        LogicalProgram program = plan("SELECT k, spread(v) AS s, count(*) AS n FROM events GROUP BY k;");

        assertThat(calls(program)).extracting(AggregateCall::getFunction).contains("UDF:spread");
    }

    @Test
    void anUpdatingAggregateOverUpdatingInputNeedsAUdafThatRetracts() {
        assertThat(plan("""
                CREATE VIEW per_key AS SELECT k, count(*) AS n FROM events GROUP BY k;
                SELECT sum_of_squares(n) FROM per_key;
                """).getUdfsList()).extracting(udf -> udf.getName()).containsExactly("sum_of_squares");

        Diagnostic error = error("""
                CREATE VIEW per_key AS SELECT k, count(*) AS n FROM events GROUP BY k;
                SELECT spread(n) FROM per_key;
                """);
        assertThat(error.message()).contains("aggregate UDF 'spread' cannot retract values")
                .contains("override retract in com.example.Spread");
    }

    @Test
    void wrongArgumentCountsAndTypesAreLocatedAndNamed() {
        Diagnostic count = error("SELECT k, spread(v, small) FROM events GROUP BY k;");
        assertThat(count.message()).containsIgnoringCase("spread");
        assertThat(count.span().start().line()).isEqualTo(3);
        assertThat(count.span().start().column()).isEqualTo(11);

        Diagnostic type = error("SELECT k, spread(k) FROM events GROUP BY k;");
        assertThat(type.message()).containsIgnoringCase("spread");
        assertThat(type.span().start().line()).isEqualTo(3);
    }
}
