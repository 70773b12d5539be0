package io.tributary.sql.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.proto.program.LogicalProgram;
import io.tributary.sql.PlanOutcome;
import io.tributary.sql.PlannerOptions;
import io.tributary.sql.TributarySql;
import org.junit.jupiter.api.Test;

class ProgramExplainerTest {
    private static LogicalProgram plan(String sql, PlannerOptions options) {
        PlanOutcome outcome = TributarySql.plan(sql, options);
        assertThat(outcome).as("%s", outcome.diagnostics()).isInstanceOf(PlanOutcome.Planned.class);
        return ((PlanOutcome.Planned) outcome).program();
    }

    @Test
    void explainsNodesOperatorsSchemasAndEdges() {
        String text = ProgramExplainer.explain(plan("""
                CREATE TABLE input (id BIGINT, name TEXT, price DOUBLE) WITH (connector = 'single_file', path = '/data/in.json', format = 'json', type = 'source');
                CREATE TABLE output WITH (connector = 'single_file', path = '/data/out.json', format = 'json', type = 'sink');
                INSERT INTO output SELECT id, upper(name) AS name, price * 2 AS double_price FROM input WHERE price > 10;
                """, new PlannerOptions(4, false)));
        assertThat(text)
                .startsWith("program: 3 nodes, 2 edges")
                .contains("node 1: source input (single_file) [parallelism 4]")
                .contains("table input via single_file {format='json', path='/data/in.json', type='source'}")
                .contains("where price > CAST(10 AS DOUBLE)")
                .contains("double_price = price * 2")
                .contains("emits (id BIGINT, name TEXT, double_price DOUBLE, _timestamp TIMESTAMP(9) NOT NULL)")
                .contains("node 3: sink output (single_file)")
                .contains("1 -> 2 FORWARD (id BIGINT, name TEXT, price DOUBLE, _timestamp TIMESTAMP(9) NOT NULL)");
    }

    @Test
    void previewReplacesEverySinkKeepingItsName() {
        LogicalProgram program = plan("""
                CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
                CREATE TABLE out1 WITH (connector = 'stdout');
                INSERT INTO out1 SELECT counter FROM impulse;
                """, new PlannerOptions(1, true));
        assertThat(ProgramExplainer.explain(program)).contains("table out1 via preview");
        assertThat(program.getNodes(program.getNodesCount() - 1).getOperators(0).getSink().getOptionsMap()).isEmpty();
    }

    @Test
    void explainsWindowsKeysAndAggregates() {
        String text = ProgramExplainer.explain(plan("""
                CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
                SELECT subtask_index, hop(interval '10 seconds', interval '1 minute') AS window,
                       count(*) AS n, max(counter) AS top
                FROM impulse GROUP BY subtask_index, window;
                """, new PlannerOptions(2, false)));
        assertThat(text)
                .contains("node 4: window_aggregate sliding 1 minute every 10 seconds by subtask_index:"
                        + " count(*) AS n, max(counter) AS top")
                .contains("    window sliding 1 minute every 10 seconds\n")
                .contains("    keys (subtask_index)\n")
                .contains("    n = count(*)\n")
                .contains("    top = max(counter)\n")
                .contains("    window = ROW(window_start, window_end)\n")
                .contains("3 -> 4 SHUFFLE keys (subtask_index)");
    }
}
