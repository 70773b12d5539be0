package io.tributary.sql.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.proto.program.FieldPath;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.SourceOperator;
import io.tributary.sql.PlanOutcome;
import io.tributary.sql.PlannerOptions;
import io.tributary.sql.TributarySql;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Projection pushdown: what a source is told nobody reads (program.proto's SourceOperator.unread_fields). */
class SourceReadsTest {
    private static final String EVENTS = """
            CREATE TABLE events (
              event_type INT,
              ts TIMESTAMP,
              person ROW(id BIGINT, name TEXT),
              bid ROW(auction BIGINT, price BIGINT, url TEXT),
              WATERMARK FOR ts AS ts - INTERVAL '4' SECOND
            ) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
            """;

    private static List<List<Integer>> unread(String sql) {
        PlanOutcome outcome = TributarySql.plan(sql, new PlannerOptions(1, false));
        assertThat(outcome).as("%s", outcome.diagnostics()).isInstanceOf(PlanOutcome.Planned.class);
        LogicalProgram program = ((PlanOutcome.Planned) outcome).program();
        List<SourceOperator> sources = program.getNodesList().stream()
                .flatMap(node -> node.getOperatorsList().stream())
                .filter(operator -> operator.hasSource())
                .map(operator -> operator.getSource())
                .toList();
        assertThat(sources).hasSize(1);
        return sources.getFirst().getUnreadFieldsList().stream().map(FieldPath::getIndexesList).toList();
    }

    @Test
    void theFieldsOfStructsNobodyReadsAreUnread() {
        assertThat(unread(EVENTS + "SELECT events.bid.price FROM events WHERE event_type = 2;"))
                .containsExactly(List.of(2), List.of(3, 0), List.of(3, 2));
    }

    @Test
    void whatIsReadAsAWholeIsReadWhole() {
        assertThat(unread(EVENTS + "SELECT * FROM events;")).isEmpty();
        assertThat(unread(EVENTS + "SELECT bid FROM events WHERE event_type = 2;")).containsExactly(List.of(2));
        assertThat(unread(EVENTS + "SELECT event_type FROM events WHERE bid IS NOT NULL;"))
                .as("a condition on the whole struct reads it").containsExactly(List.of(2));
    }

    @Test
    void anAggregateReadsWhatItsGroupsAndArgumentsUse() {
        assertThat(unread(EVENTS + """
                SELECT events.person.id AS id, count(*) AS n
                FROM events GROUP BY events.person.id, tumble(INTERVAL '1' MINUTE);
                """)).containsExactly(List.of(0), List.of(2, 1), List.of(3));
    }

    @Test
    void metadataColumnsAreNeverUnread() {
        assertThat(unread("""
                CREATE TABLE lines (
                  id BIGINT,
                  body TEXT,
                  line BIGINT METADATA FROM 'line'
                ) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
                SELECT id FROM lines;
                """)).containsExactly(List.of(1));
    }

    private static FieldPath path(Integer... indexes) {
        return FieldPath.newBuilder().addAllIndexes(List.of(indexes)).build();
    }

    @Test
    void twoReadersLeaveUnreadOnlyWhatNeitherReads() {
        assertThat(SourceReads.unreadByBoth(List.of(path(1), path(2, 0)), List.of(path(1, 1), path(2))))
                .containsExactlyInAnyOrder(path(1, 1), path(2, 0));
        assertThat(SourceReads.unreadByBoth(List.of(path(1)), List.of(path(1)))).containsExactly(path(1));
        assertThat(SourceReads.unreadByBoth(List.of(path(1)), List.of())).isEmpty();
    }
}
