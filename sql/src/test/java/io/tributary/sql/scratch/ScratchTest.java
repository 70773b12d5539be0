package io.tributary.sql.scratch;

import io.tributary.sql.parser.TributaryParser;
import io.tributary.sql.*;
import org.apache.calcite.sql.*;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void explore() {
        for (String q : new String[]{
            "SELECT tumble(interval '1 minute') AS window, count(*) FROM t GROUP BY window, k",
            "SELECT window, count(*) FROM t GROUP BY hop(interval '1 second', interval '1 minute'), k",
            "SELECT window_start, count(*) FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end",
            "SELECT window_start, count(*) FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end",
            "SELECT window.start FROM t", "SELECT t.window.start, x FROM t window", "SELECT x FROM t WINDOW w AS (ORDER BY x)", "SELECT count(*) FROM t GROUP BY session(interval '1' second)"}) {
            try {
                SqlNode n = TributaryParser.parseStatements(q).get(0);
                SqlSelect s = (SqlSelect) n;
                System.out.println("Q " + q);
                System.out.println(" select " + s.getSelectList());
                if (s.getGroup()!=null) for (SqlNode g : s.getGroup()) System.out.println(" group " + g.getClass().getSimpleName() + " " + (g instanceof SqlCall c ? c.getOperator().getClass().getSimpleName() + " " + c.getOperator().getName() + " " + c.getKind() : "") + " " + g);
                System.out.println(" from " + s.getFrom().getClass().getSimpleName() + " " + s.getFrom().getKind());
            } catch (Exception e) { System.out.println("ERR " + q + " " + e); }
        }
    }
}
