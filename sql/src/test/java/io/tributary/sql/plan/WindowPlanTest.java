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
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.WindowAggregateOperator;
import io.tributary.sql.PlanOutcome;
import io.tributary.sql.PlannerOptions;
import io.tributary.sql.TributarySql;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shape of windowed aggregation plans: the contract with the engine (program.proto). */
class WindowPlanTest {
    private static final String EVENTS = """
            CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
            WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
            CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
            """;
    private static final long MINUTE_MICROS = 60_000_000L;

    private static LogicalProgram plan(String sql) {
        PlanOutcome outcome = TributarySql.plan(EVENTS + sql, new PlannerOptions(3, false));
        assertThat(outcome).as("%s", outcome.diagnostics()).isInstanceOf(PlanOutcome.Planned.class);
        return ((PlanOutcome.Planned) outcome).program();
    }

    private static List<String> kinds(LogicalProgram program) {
        return program.getNodesList().stream().map(node -> node.getOperators(0).getName()).toList();
    }

    private static Node node(LogicalProgram program, String kind) {
        return program.getNodesList().stream()
                .filter(node -> node.getOperators(0).getName().equals(kind))
                .findFirst()
                .orElseThrow();
    }

    private static Operator windowOperator(LogicalProgram program) {
        return node(program, "window_aggregate").getOperators(0);
    }

    private static Edge edgeInto(LogicalProgram program, int nodeId) {
        return program.getEdgesList().stream().filter(edge -> edge.getTargetNode() == nodeId).findFirst().orElseThrow();
    }

    private static List<String> names(Operator operator) {
        return operator.getOutputSchema().getFieldsList().stream().map(Field::getName).toList();
    }

    @Test
    void arroyoTumbleWithKey() {
        LogicalProgram program = plan("""
                SELECT k, tumble(interval '1 minute') AS window, count(*) AS n, sum(v) AS total
                FROM events GROUP BY k, window
                """);
        assertThat(kinds(program))
                .containsExactly("source", "watermark", "projection", "window_aggregate", "projection", "sink");
        assertThat(program.getNodesList()).allSatisfy(node -> assertThat(node.getParallelism()).isEqualTo(3));

        Node window = node(program, "window_aggregate");
        Edge shuffle = edgeInto(program, window.getNodeId());
        assertThat(shuffle.getType()).isEqualTo(EdgeType.SHUFFLE);
        assertThat(shuffle.getKeyFieldsList()).containsExactly(0);
        assertThat(shuffle.getSchema().getFields(0).getName()).isEqualTo("k");
        assertThat(program.getEdgesList()).filteredOn(edge -> edge != shuffle)
                .allSatisfy(edge -> assertThat(edge.getType()).isEqualTo(EdgeType.FORWARD));

        Operator operator = window.getOperators(0);
        WindowAggregateOperator aggregate = operator.getWindowAggregate();
        assertThat(aggregate.getWindow().getTumbling().getWidthMicros()).isEqualTo(MINUTE_MICROS);
        assertThat(aggregate.getKeyFieldsList()).containsExactly(0);
        assertThat(aggregate.getAggregatesList()).extracting(AggregateCall::getFunction).containsExactly("COUNT", "SUM");
        AggregateCall count = aggregate.getAggregates(0);
        assertThat(count.getArgumentsList()).isEmpty();
        assertThat(count.getType().getKind()).isEqualTo(TypeKind.INT64);
        assertThat(count.getNullable()).isFalse();
        AggregateCall sum = aggregate.getAggregates(1);
        assertThat(sum.getArgumentsList()).containsExactly(1);
        assertThat(shuffle.getSchema().getFields(1).getName()).isEqualTo("v");
        assertThat(sum.getNullable()).isTrue();
        assertThat(names(operator)).containsExactly("k", "window_start", "window_end", "n", "total", "_timestamp");
        assertThat(operator.getOutputSchema().getFields(1).getType().getKind()).isEqualTo(TypeKind.TIMESTAMP);
        assertThat(operator.getOutputSchema().getFields(2).getNullable()).isFalse();

        Operator select = program.getNodes(4).getOperators(0);
        assertThat(names(select)).containsExactly("k", "window", "n", "total", "_timestamp");
        Expr struct = select.getProjection().getProjections(1);
        assertThat(struct.getType().getKind()).isEqualTo(TypeKind.STRUCT);
        assertThat(struct.getType().getChildrenList()).extracting(Field::getName).containsExactly("start", "end");
        assertThat(struct.getCall().getFunction()).isEqualTo("ROW");
        assertThat(struct.getCall().getOperandsList()).extracting(Expr::getInputRef).containsExactly(1, 2);
    }

    @Test
    void hopIsSlidingAndEqualHopIsTumbling() {
        WindowAggregateOperator hop = windowOperator(plan(
                "SELECT window, count(*) FROM impulse GROUP BY hop(interval '10 seconds', interval '1 minute')"))
                .getWindowAggregate();
        assertThat(hop.getWindow().getSliding().getWidthMicros()).isEqualTo(MINUTE_MICROS);
        assertThat(hop.getWindow().getSliding().getSlideMicros()).isEqualTo(10_000_000L);

        WindowAggregateOperator tumble = windowOperator(plan(
                "SELECT hop(interval '1 minute', interval '1 minute') AS w, count(*) FROM impulse GROUP BY w"))
                .getWindowAggregate();
        assertThat(tumble.getWindow().hasTumbling()).isTrue();
    }

    @Test
    void noKeyShufflesRoundRobin() {
        LogicalProgram program = plan("SELECT tumble(interval '1 minute') AS window, count(*) FROM impulse GROUP BY window");
        Node window = node(program, "window_aggregate");
        Edge shuffle = edgeInto(program, window.getNodeId());
        assertThat(shuffle.getType()).isEqualTo(EdgeType.SHUFFLE);
        assertThat(shuffle.getKeyFieldsList()).isEmpty();
        assertThat(window.getOperators(0).getWindowAggregate().getKeyFieldsList()).isEmpty();
        assertThat(names(window.getOperators(0))).containsExactly("window_start", "window_end", "EXPR$1", "_timestamp");
    }

    @Test
    void aGlobalWindowRunsOnOneSubtaskWithWhatItFeeds() {
        LogicalProgram program = plan("SELECT tumble(interval '1 minute') AS window, count(*) FROM impulse GROUP BY window");

        assertThat(node(program, "source").getParallelism()).isEqualTo(3);
        assertThat(node(program, "window_aggregate").getParallelism()).isEqualTo(1);
        assertThat(node(program, "sink").getParallelism()).isEqualTo(1);
        assertThat(program.getEdgesList())
                .filteredOn(edge -> edge.getType() == EdgeType.FORWARD)
                .allSatisfy(edge -> assertThat(parallelism(program, edge.getSourceNode()))
                        .isEqualTo(parallelism(program, edge.getTargetNode())));
    }

    @Test
    void aFileSinkIsWrittenByOneSubtaskFedByAShuffle() {
        LogicalProgram program = plan("""
                CREATE TABLE out_file WITH (connector = 'single_file', path = '/out.json', format = 'json', type = 'sink');
                INSERT INTO out_file SELECT counter FROM impulse WHERE counter > 1;
                """);

        Node sink = node(program, "sink");
        assertThat(sink.getParallelism()).isEqualTo(1);
        assertThat(node(program, "projection").getParallelism()).isEqualTo(3);
        assertThat(edgeInto(program, sink.getNodeId()).getType()).isEqualTo(EdgeType.SHUFFLE);
    }

    private static int parallelism(LogicalProgram program, int nodeId) {
        return program.getNodesList().stream().filter(n -> n.getNodeId() == nodeId).findFirst().orElseThrow()
                .getParallelism();
    }

    @Test
    void defaultWatermarkOnlyForWindowedReads() {
        LogicalProgram plain = plan("SELECT counter FROM impulse");
        assertThat(kinds(plain)).containsExactly("source", "projection", "sink");

        LogicalProgram windowed = plan("SELECT tumble(interval '1 minute') AS w, count(*) FROM impulse GROUP BY w");
        Operator watermark = node(windowed, "watermark").getOperators(0);
        Expr expression = watermark.getWatermark().getExpression();
        assertThat(expression.getCall().getFunction()).isEqualTo("MINUS");
        assertThat(expression.getCall().getOperands(0).getInputRef()).isEqualTo(3);
        assertThat(watermark.getOutputSchema().getFields(3).getName()).isEqualTo("_timestamp");
        assertThat(expression.getCall().getOperands(1).getLiteral().getIntervalValue().getNanos())
                .isEqualTo(1_000_000_000L);
        assertThat(watermark.getWatermark().getPeriodMicros()).isEqualTo(QueryPlanner.WATERMARK_PERIOD_MICROS);
    }

    @Test
    void tableFunctionsFollowCalcitesArgumentOrder() {
        LogicalProgram program = plan("""
                SELECT window_start, window_end, k, count(DISTINCT v) AS d, avg(v) AS mean
                FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '5' MINUTE, INTERVAL '10' MINUTE))
                GROUP BY window_start, window_end, k
                """);
        Operator operator = windowOperator(program);
        WindowAggregateOperator aggregate = operator.getWindowAggregate();
        assertThat(aggregate.getWindow().getSliding().getSlideMicros()).isEqualTo(5 * MINUTE_MICROS);
        assertThat(aggregate.getWindow().getSliding().getWidthMicros()).isEqualTo(10 * MINUTE_MICROS);
        assertThat(aggregate.getKeyFieldsList()).containsExactly(0);
        assertThat(aggregate.getAggregates(0).getDistinct()).isTrue();
        assertThat(aggregate.getAggregates(1).getFunction()).isEqualTo("AVG");
        assertThat(aggregate.getAggregates(1).getType().getKind()).isEqualTo(TypeKind.FLOAT64);
        assertThat(names(operator)).containsExactly("k", "window_start", "window_end", "d", "mean", "_timestamp");
        Operator select = program.getNodes(4).getOperators(0);
        assertThat(names(select)).containsExactly("window_start", "window_end", "k", "d", "mean", "_timestamp");
    }

    @Test
    void sessionTableFunction() {
        WindowAggregateOperator aggregate = windowOperator(plan("""
                SELECT k, window_start, window_end, count(*)
                FROM TABLE(SESSION(TABLE events, DESCRIPTOR(ts), DESCRIPTOR(k), INTERVAL '30' SECOND))
                GROUP BY window_start, window_end, k
                """)).getWindowAggregate();
        assertThat(aggregate.getWindow().getSession().getGapMicros()).isEqualTo(30_000_000L);
    }

    @Test
    void sessionPartitionKeyMustBeGrouped() {
        PlanOutcome outcome = TributarySql.plan(EVENTS + """
                SELECT window_start, window_end, count(*)
                FROM TABLE(SESSION(TABLE events, DESCRIPTOR(ts), DESCRIPTOR(k), INTERVAL '30' SECOND))
                GROUP BY window_start, window_end
                """, PlannerOptions.defaults());
        assertThat(outcome).isInstanceOf(PlanOutcome.Failed.class);
        assertThat(outcome.diagnostics().getFirst().message()).contains("add k to the GROUP BY");
    }

    @Test
    void operatorIdsAreStableAcrossUnrelatedEdits() {
        String query = "SELECT k, tumble(interval '1 minute') AS window, count(*) AS n FROM events GROUP BY k, window";
        String before = windowOperator(plan(query)).getOperatorId();
        String after = windowOperator(plan("SELECT counter FROM impulse;\n" + query)).getOperatorId();
        assertThat(after).isEqualTo(before).startsWith("window_aggregate_");
    }
}
