package io.tributary.sql.scratch;

import io.tributary.sql.*;
import io.tributary.sql.explain.ProgramExplainer;
import org.junit.jupiter.api.Test;

class ScratchTest {
    static final String T = "CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');\n"
        + "CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');\n";
    @Test
    void explore() {
        for (String q : new String[]{
            "SELECT k, tumble(interval '1 minute') AS window, count(*) AS n, sum(v) FROM events GROUP BY k, window",
            "SELECT window, count(*) FROM impulse GROUP BY hop(interval '10 seconds', interval '1 minute'), subtask_index",
            "SELECT window_start, window_end, k, count(DISTINCT v) c, avg(v) FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end, k HAVING count(*) > 2",
            "SELECT window_start, count(*) FROM TABLE(SESSION(TABLE events, DESCRIPTOR(ts), DESCRIPTOR(k), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end",
        }) {
            PlanOutcome o = TributarySql.plan(T + q, new PlannerOptions(2, false));
            System.out.println("Q " + q);
            if (o instanceof PlanOutcome.Planned p) System.out.println(ProgramExplainer.explain(p.program()));
            else System.out.println(o.diagnostics());
        }
    }
}
