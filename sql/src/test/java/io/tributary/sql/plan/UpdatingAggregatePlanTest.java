package io.tributary.sql.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.proto.program.AggregateCall;
import io.tributary.proto.program.Edge;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.ProjectionOperator;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.UpdatingAggregateOperator;
import io.tributary.sql.PlanOutcome;
import io.tributary.sql.PlannerOptions;
import io.tributary.sql.TributarySql;
import io.tributary.sql.diagnostic.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shape of updating (non-windowed) aggregation plans: the contract with the engine (program.proto). */
class UpdatingAggregatePlanTest {
    private static final String EVENTS = """
            CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
            WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
            CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
            """;
    private static final long DAY_MICROS = 86_400_000_000L;

    private static PlanOutcome outcome(String sql, boolean preview) {
        return TributarySql.plan(EVENTS + sql, new PlannerOptions(3, preview));
    }

    private static LogicalProgram plan(String sql) {
        PlanOutcome outcome = outcome(sql, false);
        assertThat(outcome).as("%s", outcome.diagnostics()).isInstanceOf(PlanOutcome.Planned.class);
        return ((PlanOutcome.Planned) outcome).program();
    }

    private static List<String> kinds(LogicalProgram program) {
        return program.getNodesList().stream().map(node -> node.getOperators(0).getName()).toList();
    }

    private static List<Node> nodes(LogicalProgram program, String kind) {
        return program.getNodesList().stream().filter(node -> node.getOperators(0).getName().equals(kind)).toList();
    }

    private static Node node(LogicalProgram program, String kind) {
        return nodes(program, kind).getFirst();
    }

    private static Edge edgeInto(LogicalProgram program, int nodeId) {
        return program.getEdgesList().stream().filter(edge -> edge.getTargetNode() == nodeId).findFirst().orElseThrow();
    }

    private static List<String> names(Schema schema) {
        return schema.getFieldsList().stream().map(Field::getName).toList();
    }

    private static void assertRetractBeforeTimestamp(Schema schema) {
        int count = schema.getFieldsCount();
        Field retract = schema.getFields(count - 2);
        assertThat(retract.getName()).isEqualTo("_is_retract");
        assertThat(retract.getType().getKind()).isEqualTo(TypeKind.BOOLEAN);
        assertThat(retract.getNullable()).isFalse();
        assertThat(schema.getFields(count - 1).getName()).isEqualTo("_timestamp");
    }

    @Test
    void groupByKeyPlansAnUpdatingAggregate() {
        LogicalProgram program = plan("""
                SELECT k, count(*) AS n, sum(v) AS total, min(v) AS lo, max(v) AS hi, avg(v) AS mean,
                       count(DISTINCT v) AS kinds
                FROM events GROUP BY k
                """);
        assertThat(kinds(program)).containsExactly("source", "watermark", "projection", "updating_aggregate", "sink");
        assertThat(program.getNodesList()).allSatisfy(node -> assertThat(node.getParallelism()).isEqualTo(3));

        Node aggregateNode = node(program, "updating_aggregate");
        Edge shuffle = edgeInto(program, aggregateNode.getNodeId());
        assertThat(shuffle.getType()).isEqualTo(EdgeType.SHUFFLE);
        assertThat(shuffle.getKeyFieldsList()).containsExactly(0);
        // The input is append-only: keys then arguments, no _is_retract.
        assertThat(names(shuffle.getSchema())).containsExactly("k", "v", "_timestamp");

        Operator operator = aggregateNode.getOperators(0);
        UpdatingAggregateOperator aggregate = operator.getUpdatingAggregate();
        assertThat(aggregate.getKeyFieldsList()).containsExactly(0);
        assertThat(aggregate.getTtlMicros()).isEqualTo(DAY_MICROS);
        assertThat(aggregate.getFlushIntervalMicros()).isEqualTo(1_000_000L);
        assertThat(aggregate.getAggregatesList()).extracting(AggregateCall::getFunction)
                .containsExactly("COUNT", "SUM", "MIN", "MAX", "AVG", "COUNT");
        assertThat(aggregate.getAggregates(0).getArgumentsList()).isEmpty();
        assertThat(aggregate.getAggregates(1).getArgumentsList()).containsExactly(1);
        assertThat(aggregate.getAggregates(4).getType().getKind()).isEqualTo(TypeKind.FLOAT64);
        assertThat(aggregate.getAggregates(5).getDistinct()).isTrue();
        assertThat(aggregate.getAggregates(0).getDistinct()).isFalse();

        assertThat(names(operator.getOutputSchema()))
                .containsExactly("k", "n", "total", "lo", "hi", "mean", "kinds", "_is_retract", "_timestamp");
        assertRetractBeforeTimestamp(operator.getOutputSchema());

        Operator sink = node(program, "sink").getOperators(0);
        assertThat(sink.getSink().getConnector()).isEqualTo("preview");
        assertThat(sink.getOutputSchema()).isEqualTo(operator.getOutputSchema());
    }

    @Test
    void aggregateWithoutGroupByRunsOnOneSubtask() {
        LogicalProgram program = plan("SELECT count(*) AS n, avg(counter) AS mean FROM impulse");
        Node aggregateNode = node(program, "updating_aggregate");
        Edge shuffle = edgeInto(program, aggregateNode.getNodeId());
        assertThat(shuffle.getType()).isEqualTo(EdgeType.SHUFFLE);
        assertThat(shuffle.getKeyFieldsList()).isEmpty();
        assertThat(aggregateNode.getParallelism()).isEqualTo(1);
        assertThat(node(program, "sink").getParallelism()).isEqualTo(1);
        assertThat(node(program, "source").getParallelism()).isEqualTo(3);
        UpdatingAggregateOperator aggregate = aggregateNode.getOperators(0).getUpdatingAggregate();
        assertThat(aggregate.getKeyFieldsList()).isEmpty();
        assertThat(names(aggregateNode.getOperators(0).getOutputSchema()))
                .containsExactly("n", "mean", "_is_retract", "_timestamp");
    }

    @Test
    void havingFiltersTheUpdatingResultAndCarriesIsRetract() {
        LogicalProgram program = plan("SELECT k, count(*) AS n FROM events GROUP BY k HAVING count(*) > 1");
        assertThat(kinds(program))
                .containsExactly("source", "watermark", "projection", "updating_aggregate", "projection", "sink");
        Node having = nodes(program, "projection").get(1);
        Operator operator = having.getOperators(0);
        ProjectionOperator projection = operator.getProjection();
        assertThat(projection.hasCondition()).isTrue();
        // k, n, then _is_retract passed through from the aggregate's index 2.
        assertThat(projection.getProjectionsCount()).isEqualTo(3);
        Expr retract = projection.getProjections(2);
        assertThat(retract.getInputRef()).isEqualTo(2);
        assertThat(retract.getType().getKind()).isEqualTo(TypeKind.BOOLEAN);
        assertThat(names(operator.getOutputSchema())).containsExactly("k", "n", "_is_retract", "_timestamp");
        assertRetractBeforeTimestamp(operator.getOutputSchema());
    }

    @Test
    void aggregateOverAnUpdatingInputShufflesIsRetract() {
        LogicalProgram program = plan("""
                CREATE VIEW per_key AS SELECT k, count(*) AS n FROM events GROUP BY k;
                SELECT n, count(*) AS keys FROM per_key GROUP BY n;
                """);
        List<Node> aggregates = nodes(program, "updating_aggregate");
        assertThat(aggregates).hasSize(2);
        Node second = aggregates.get(1);
        Edge shuffle = edgeInto(program, second.getNodeId());
        assertThat(shuffle.getType()).isEqualTo(EdgeType.SHUFFLE);
        assertThat(shuffle.getKeyFieldsList()).containsExactly(0);
        assertThat(names(shuffle.getSchema())).containsExactly("n", "_is_retract", "_timestamp");
        assertRetractBeforeTimestamp(shuffle.getSchema());
        assertThat(second.getOperators(0).getUpdatingAggregate().getKeyFieldsList()).containsExactly(0);
        assertThat(names(second.getOperators(0).getOutputSchema()))
                .containsExactly("n", "keys", "_is_retract", "_timestamp");
    }

    @Test
    void ttlComesFromSetUpdatingTtl() {
        LogicalProgram program = plan("""
                SET updating_ttl = INTERVAL '2' HOUR;
                SELECT k, max(v) AS hi FROM events GROUP BY k;
                """);
        assertThat(node(program, "updating_aggregate").getOperators(0).getUpdatingAggregate().getTtlMicros())
                .isEqualTo(2 * 3_600_000_000L);
        assertThat(program.getConfig().getUpdatingTtlMicros()).isEqualTo(2 * 3_600_000_000L);
    }

    @Test
    void inferredDebeziumSinkSchemaIncludesIsRetract() {
        LogicalProgram program = plan("""
                CREATE TABLE counts WITH (connector = 'single_file', path = '/out.json', format = 'debezium_json',
                    type = 'sink');
                INSERT INTO counts SELECT k, count(*) AS n FROM events GROUP BY k;
                """);
        Node sink = node(program, "sink");
        assertThat(sink.getParallelism()).isEqualTo(1);
        Schema schema = sink.getOperators(0).getOutputSchema();
        assertThat(names(schema)).containsExactly("k", "n", "_is_retract", "_timestamp");
        assertThat(edgeInto(program, sink.getNodeId()).getSchema()).isEqualTo(schema);
        assertThat(sink.getOperators(0).getSink().getOptionsMap()).containsEntry("format", "debezium_json");
    }

    @Test
    void declaredDebeziumSinkGetsIsRetractAfterItsColumns() {
        LogicalProgram program = plan("""
                CREATE TABLE counts (key TEXT, total BIGINT) WITH (connector = 'stdout', format = 'debezium_json');
                INSERT INTO counts SELECT k, sum(v) FROM events GROUP BY k;
                """);
        Schema schema = node(program, "sink").getOperators(0).getOutputSchema();
        assertThat(names(schema)).containsExactly("key", "total", "_is_retract", "_timestamp");
    }

    @Test
    void appendOnlyRowsIntoADebeziumSinkAreAdditions() {
        LogicalProgram program = plan("""
                CREATE TABLE changes WITH (connector = 'stdout', format = 'debezium_json');
                INSERT INTO changes SELECT k, v FROM events;
                """);
        Operator last = nodes(program, "projection").getLast().getOperators(0);
        assertThat(last.getProjection().getProjections(2).getLiteral().getBoolValue()).isFalse();
        assertThat(last.getProjection().getProjections(2).getLiteral().hasBoolValue()).isTrue();
        assertRetractBeforeTimestamp(node(program, "sink").getOperators(0).getOutputSchema());
    }

    @Test
    void appendOnlySinkRejectsUpdatesAtTheInsert() {
        PlanOutcome outcome = outcome("""
                CREATE TABLE counts WITH (connector = 'stdout', format = 'json');
                INSERT INTO counts SELECT k, count(*) AS n FROM events GROUP BY k;
                """, false);
        assertThat(outcome).isInstanceOf(PlanOutcome.Failed.class);
        Diagnostic error = outcome.diagnostics().getFirst();
        assertThat(error.message()).isEqualTo("counts is an append-only sink (format 'json') but the query produces"
                + " updates (GROUP BY without a window); use format = 'debezium_json' or aggregate over a window");
        assertThat(error.span().start().line()).isEqualTo(5);
        assertThat(error.span().start().column()).isEqualTo(13);
    }

    @Test
    void previewAcceptsUpdatesForAnySink() {
        PlanOutcome outcome = outcome("""
                CREATE TABLE counts WITH (connector = 'stdout', format = 'json');
                INSERT INTO counts SELECT k, count(*) AS n FROM events GROUP BY k;
                """, true);
        assertThat(outcome).as("%s", outcome.diagnostics()).isInstanceOf(PlanOutcome.Planned.class);
        LogicalProgram program = ((PlanOutcome.Planned) outcome).program();
        Operator sink = node(program, "sink").getOperators(0);
        assertThat(sink.getSink().getConnector()).isEqualTo("preview");
        assertRetractBeforeTimestamp(sink.getOutputSchema());
    }

    @Test
    void windowOverUpdatingIsRejected() {
        PlanOutcome window = outcome("""
                CREATE VIEW per_key AS SELECT k, count(*) AS n FROM events GROUP BY k;
                SELECT count(*), tumble(interval '1 minute') AS window FROM per_key GROUP BY window;
                """, false);
        assertThat(window.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.message()).startsWith("A windowed aggregate cannot read an updating stream");
            assertThat(d.span().start().line()).isEqualTo(5);
            assertThat(d.span().start().column()).isEqualTo(18);
        });
    }
}
