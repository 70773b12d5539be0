package io.tributary.sql.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Operator;
import io.tributary.sql.PlanOutcome;
import io.tributary.sql.PlannerOptions;
import io.tributary.sql.TributarySql;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorIdsTest {
    private static final String BASE = """
            CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
            CREATE TABLE sink WITH (connector = 'blackhole');
            INSERT INTO sink SELECT counter * 2 AS doubled FROM impulse WHERE counter > 5;
            """;

    private static List<String> ids(String sql) {
        PlanOutcome outcome = TributarySql.plan(sql, PlannerOptions.defaults());
        assertThat(outcome).as("%s", outcome.diagnostics()).isInstanceOf(PlanOutcome.Planned.class);
        LogicalProgram program = ((PlanOutcome.Planned) outcome).program();
        return program.getNodesList().stream().map(node -> node.getOperators(0)).map(Operator::getOperatorId).toList();
    }

    @Test
    void unrelatedEditsKeepIds() {
        List<String> before = ids(BASE);
        List<String> after = ids("-- a comment moves every position\n\n"
                + "CREATE TABLE other WITH (connector = 'impulse', event_rate = '1');\n"
                + BASE.replace("WHERE", "\n   WHERE")
                + "SELECT counter FROM other;");
        assertThat(after).containsAll(before);
    }

    @Test
    void anUnrelatedInsertKeepsTheIdsOfAnExistingPipeline() {
        String windowed = """
                CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts)
                WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
                CREATE TABLE counts WITH (connector = 'stdout');
                INSERT INTO counts SELECT k, tumble(interval '1 minute') AS window, count(*) AS n, sum(v) AS total
                FROM events GROUP BY k, window;
                """;
        List<String> before = ids(windowed);
        List<String> after = ids(windowed + """
                CREATE TABLE big WITH (connector = 'blackhole');
                INSERT INTO big SELECT k, v FROM events WHERE v > 1000;
                """);
        assertThat(after).startsWith(before.toArray(String[]::new)).hasSize(before.size() + 2);
    }

    @Test
    void changedExpressionChangesOnlyItsOperatorAndKeepsSourceAndSink() {
        List<String> before = ids(BASE);
        List<String> after = ids(BASE.replace("counter > 5", "counter > 6"));
        assertThat(after.get(0)).isEqualTo(before.get(0));
        assertThat(after.get(1)).isNotEqualTo(before.get(1));
        assertThat(after.get(2)).isEqualTo(before.get(2));
    }

    @Test
    void identicalOperatorsAreShared() {
        List<String> ids = ids("""
                CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
                SELECT counter FROM impulse WHERE counter > 1;
                SELECT counter FROM impulse WHERE counter > 1;
                """);
        assertThat(ids).doesNotHaveDuplicates().hasSize(4);
        assertThat(ids.get(0)).startsWith("source_");
        assertThat(ids.get(1)).startsWith("projection_");
    }

    @Test
    void idsAreDeterministic() {
        assertThat(OperatorIds.of("source", "t", List.of())).isEqualTo(OperatorIds.of("source", "t", List.of()))
                .matches("source_[0-9a-f]{16}");
        assertThat(OperatorIds.of("source", "t", List.of())).isNotEqualTo(OperatorIds.of("sink", "t", List.of()));
    }
}
