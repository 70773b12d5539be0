package io.tributary.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The public API: long pipelines plan (how fast is for the bench module, not for tests); EXPLAIN. */
class TributarySqlTest {
    private static final int INSERTS = 50;

    @Test
    void aTwoHundredLinePipelineValidates() {
        String inserts = IntStream.range(0, INSERTS)
                .mapToObj(i -> """
                        CREATE TABLE out_%1$d WITH (connector = 'blackhole');
                        INSERT INTO out_%1$d
                        SELECT k, tumble(interval '%2$d seconds') AS window, count(*) AS n, max(v) AS top
                        FROM events WHERE v %% %3$d = 0 GROUP BY k, window;
                        """.formatted(i, i + 1, i + 2))
                .collect(Collectors.joining());
        String sql = """
                CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts)
                WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
                """ + inserts;
        assertThat(sql.lines().count()).isGreaterThanOrEqualTo(200);

        PlanOutcome outcome = TributarySql.plan(sql, PlannerOptions.defaults());

        assertThat(outcome).as("%s", outcome.diagnostics()).isInstanceOf(PlanOutcome.Planned.class);
        var program = ((PlanOutcome.Planned) outcome).program();
        // One shared source and watermark; per INSERT a filter-and-key projection, the window, its
        // output projection and the sink.
        assertThat(program.getNodesCount()).isEqualTo(2 + 4 * INSERTS);
    }

    @Test
    void explainGivesTheProgramAsTextLikeAnExplainStatement() {
        String sql = """
                CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
                SELECT counter FROM impulse WHERE counter > 1;
                """;

        PlanOutcome plain = TributarySql.plan(sql, PlannerOptions.defaults());
        PlanOutcome explained = TributarySql.explain(sql, PlannerOptions.defaults());
        PlanOutcome statement = TributarySql.plan(sql.replace("SELECT", "EXPLAIN SELECT"), PlannerOptions.defaults());

        assertThat(plain).isInstanceOfSatisfying(PlanOutcome.Planned.class,
                planned -> assertThat(planned.explanation()).isEmpty());
        assertThat(explained).isInstanceOfSatisfying(PlanOutcome.Planned.class,
                planned -> assertThat(planned.explanation()).hasValueSatisfying(
                        text -> assertThat(text).contains("where counter > 1", "1 -> 2 FORWARD")));
        assertThat(statement.diagnostics()).isEmpty();
        assertThat(((PlanOutcome.Planned) statement).explanation())
                .isEqualTo(((PlanOutcome.Planned) explained).explanation());
    }
}
