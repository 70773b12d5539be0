package io.tributary.sql.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.proto.program.Edge;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.JoinOperator;
import io.tributary.proto.program.JoinType;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import io.tributary.proto.program.Operator;
import io.tributary.sql.PlanOutcome;
import io.tributary.sql.PlannerOptions;
import io.tributary.sql.TributarySql;
import io.tributary.sql.diagnostic.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shape of join plans: the contract with the engine (program.proto's JoinOperator). */
class JoinPlanTest {
    private static final String TABLES = """
            CREATE TABLE orders (k TEXT, amount BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
            WITH (connector = 'single_file', path = '/orders.json', format = 'json', type = 'source');
            CREATE TABLE payments (k TEXT, paid BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
            WITH (connector = 'single_file', path = '/payments.json', format = 'json', type = 'source');
            CREATE TABLE users (id INT, name TEXT)
            WITH (connector = 'single_file', path = '/users.json', format = 'json', type = 'source');
            """;
    private static final long MINUTE_MICROS = 60_000_000L;

    private static LogicalProgram plan(String sql) {
        PlanOutcome outcome = TributarySql.plan(TABLES + sql, new PlannerOptions(3, false));
        assertThat(outcome).as("%s", outcome.diagnostics()).isInstanceOf(PlanOutcome.Planned.class);
        return ((PlanOutcome.Planned) outcome).program();
    }

    private static List<Diagnostic> errors(String sql) {
        PlanOutcome outcome = TributarySql.plan(TABLES + sql, new PlannerOptions(3, false));
        assertThat(outcome).isInstanceOf(PlanOutcome.Failed.class);
        return outcome.diagnostics();
    }

    private static Node joinNode(LogicalProgram program) {
        return program.getNodesList().stream().filter(node -> node.getOperators(0).hasJoin()).findFirst().orElseThrow();
    }

    private static List<Edge> edgesInto(LogicalProgram program, int nodeId) {
        return program.getEdgesList().stream().filter(edge -> edge.getTargetNode() == nodeId).toList();
    }

    private static Node node(LogicalProgram program, int id) {
        return program.getNodesList().stream().filter(node -> node.getNodeId() == id).findFirst().orElseThrow();
    }

    private static List<String> names(io.tributary.proto.program.Schema schema) {
        return schema.getFieldsList().stream().map(Field::getName).toList();
    }

    @Test
    void windowedTumbleJoinShufflesBothSidesOnTheKeyIntoOneJoin() {
        LogicalProgram program = plan("""
                SELECT o.window_start, o.window_end, o.k, o.amount, p.paid
                FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) o
                JOIN TABLE(TUMBLE(TABLE payments, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) p
                  ON o.k = p.k AND o.window_start = p.window_start AND o.window_end = p.window_end
                """);
        Node join = joinNode(program);
        assertThat(join.getParallelism()).isEqualTo(3);
        Operator operator = join.getOperators(0);
        JoinOperator spec = operator.getJoin();
        assertThat(spec.getJoinType()).isEqualTo(JoinType.INNER);
        assertThat(spec.getWindow().getTumbling().getWidthMicros()).isEqualTo(MINUTE_MICROS);
        assertThat(spec.hasCondition()).isFalse();
        assertThat(spec.getLeftKeyFieldsList()).containsExactly(0);
        assertThat(spec.getRightKeyFieldsList()).containsExactly(0);

        List<Edge> inputs = edgesInto(program, join.getNodeId());
        assertThat(inputs).extracting(Edge::getType).containsExactly(EdgeType.LEFT_JOIN, EdgeType.RIGHT_JOIN);
        assertThat(inputs).allSatisfy(edge -> assertThat(edge.getKeyFieldsList()).containsExactly(0));
        // Both inputs come from their watermarks: windows need event time.
        assertThat(inputs).allSatisfy(edge ->
                assertThat(node(program, edge.getSourceNode()).getOperators(0).hasWatermark()).isTrue());
        // Output layout: left columns, right columns, _timestamp.
        assertThat(names(operator.getOutputSchema()))
                .containsExactly("k", "amount", "ts", "k", "paid", "ts", "_timestamp");
        assertThat(names(inputs.get(0).getSchema())).containsExactly("k", "amount", "ts", "_timestamp");
        assertThat(names(inputs.get(1).getSchema())).containsExactly("k", "paid", "ts", "_timestamp");
        // After the join: window columns from _timestamp, then the user's select list.
        List<Edge> out = program.getEdgesList().stream().filter(e -> e.getSourceNode() == join.getNodeId()).toList();
        assertThat(out).singleElement().satisfies(edge -> assertThat(edge.getType()).isEqualTo(EdgeType.FORWARD));
        Node restore = node(program, out.getFirst().getTargetNode());
        assertThat(names(restore.getOperators(0).getOutputSchema())).contains("window_start", "window_end");
    }

    @Test
    void outerWindowedJoinMarksThePaddedSideAndMakesItNullable() {
        LogicalProgram program = plan("""
                SELECT o.k, p.window_start AS paid_window, p.paid
                FROM TABLE(HOP(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE)) o
                LEFT JOIN TABLE(HOP(TABLE payments, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE)) p
                  ON o.k = p.k AND o.window_start = p.window_start AND o.window_end = p.window_end AND p.paid > o.amount
                """);
        Operator operator = joinNode(program).getOperators(0);
        JoinOperator spec = operator.getJoin();
        assertThat(spec.getJoinType()).isEqualTo(JoinType.LEFT);
        assertThat(spec.getWindow().getSliding().getSlideMicros()).isEqualTo(MINUTE_MICROS);
        assertThat(spec.getWindow().getSliding().getWidthMicros()).isEqualTo(5 * MINUTE_MICROS);
        assertThat(spec.hasCondition()).isTrue();
        List<Field> fields = operator.getOutputSchema().getFieldsList();
        assertThat(names(operator.getOutputSchema())).containsExactly(
                "k", "amount", "ts", "k0", "paid", "ts0", "_right_present", "_timestamp");
        assertThat(fields.subList(3, 7)).allSatisfy(field -> assertThat(field.getNullable()).isTrue());
        // The condition reads paid (4) and amount (1) of the output row.
        assertThat(spec.getCondition().getCall().getOperandsList())
                .extracting(expr -> expr.getInputRef()).containsExactlyInAnyOrder(4, 1);
    }

    @Test
    void unboundedInnerJoinUsesTheUpdatingTtlAndCastsKeysToOneType() {
        LogicalProgram program = plan("""
                SET updating_ttl = INTERVAL '2 hours';
                SELECT o.k, u.name FROM orders o JOIN users u ON o.amount = u.id
                """);
        Node join = joinNode(program);
        JoinOperator spec = join.getOperators(0).getJoin();
        assertThat(spec.hasWindow()).isFalse();
        assertThat(spec.getJoinType()).isEqualTo(JoinType.INNER);
        assertThat(spec.getTtlMicros()).isEqualTo(2 * 60 * MINUTE_MICROS);
        List<Edge> inputs = edgesInto(program, join.getNodeId());
        Edge right = inputs.stream().filter(e -> e.getType() == EdgeType.RIGHT_JOIN).findFirst().orElseThrow();
        Edge left = inputs.stream().filter(e -> e.getType() == EdgeType.LEFT_JOIN).findFirst().orElseThrow();
        // users.id INT is cast to BIGINT in a projection before the join.
        Field rightKey = right.getSchema().getFields(right.getKeyFields(0));
        Field leftKey = left.getSchema().getFields(left.getKeyFields(0));
        assertThat(rightKey.getType()).isEqualTo(leftKey.getType());
        assertThat(node(program, right.getSourceNode()).getOperators(0).hasProjection()).isTrue();
        // users declares no watermark: it gets the default one, which drives the TTL.
        assertThat(program.getNodesList()).filteredOn(node -> node.getOperators(0).hasWatermark()).hasSize(2);
    }

    @Test
    void unboundedJoinWithoutSetUsesTheDefaultTtlOfADay() {
        LogicalProgram program = plan("SELECT o.k, p.paid FROM orders o JOIN payments p ON o.k = p.k");
        assertThat(joinNode(program).getOperators(0).getJoin().getTtlMicros())
                .isEqualTo(JoinPlanning.DEFAULT_TTL_MICROS).isEqualTo(24 * 60 * MINUTE_MICROS);
    }

    @Test
    void arroyoJoinOfTwoHopAggregatesJoinsInTumblingWindowsOfTheSlide() {
        LogicalProgram program = plan("""
                SELECT o.w, o.k, o.n, p.total
                FROM (SELECT hop(interval '1 minute', interval '5 minutes') AS w, k, count(*) AS n FROM orders GROUP BY 1, 2) o
                FULL JOIN (SELECT hop(interval '1 minute', interval '5 minutes') AS w, k, sum(paid) AS total
                           FROM payments GROUP BY 1, 2) p
                  ON o.w = p.w AND o.k = p.k
                """);
        Node join = joinNode(program);
        JoinOperator spec = join.getOperators(0).getJoin();
        assertThat(spec.getJoinType()).isEqualTo(JoinType.FULL);
        assertThat(spec.getWindow().getTumbling().getWidthMicros()).isEqualTo(MINUTE_MICROS);
        // The window struct is not a key: the join window already separates windows.
        assertThat(spec.getLeftKeyFieldsList()).containsExactly(1);
        assertThat(edgesInto(program, join.getNodeId())).allSatisfy(edge ->
                assertThat(node(program, edge.getSourceNode()).getOperators(0).hasProjection()).isTrue());
    }

    @Test
    void anUnboundedOuterJoinIsAChangelogWithRetractBeforeTimestamp() {
        LogicalProgram program = plan("SELECT o.k, o.amount, p.paid FROM orders o LEFT JOIN payments p ON o.k = p.k");
        Operator join = joinNode(program).getOperators(0);
        assertThat(join.getJoin().getJoinType()).isEqualTo(JoinType.LEFT);
        assertThat(join.getJoin().hasWindow()).isFalse();
        List<String> names = names(join.getOutputSchema());
        assertThat(names.subList(names.size() - 2, names.size())).containsExactly("_is_retract", "_timestamp");
        // The padded side's columns are nullable; the preview sink receives the changelog.
        assertThat(join.getOutputSchema().getFields(names.indexOf("paid")).getNullable()).isTrue();
        Operator sink = program.getNodesList().stream().map(node -> node.getOperators(0)).filter(Operator::hasSink)
                .findFirst().orElseThrow();
        assertThat(names(sink.getOutputSchema())).containsExactly("k", "amount", "paid", "_is_retract", "_timestamp");
    }

    @Test
    void anInnerJoinOfAnUpdatingAggregateReadsItsRetractions() {
        LogicalProgram program = plan("""
                SELECT o.k, o.amount, t.total FROM orders o
                JOIN (SELECT k, sum(paid) AS total FROM payments GROUP BY k) t ON o.k = t.k
                """);
        Node join = joinNode(program);
        assertThat(join.getOperators(0).getJoin().getJoinType()).isEqualTo(JoinType.INNER);
        // The right input is the updating aggregate's changelog, _is_retract included.
        Edge right = edgesInto(program, join.getNodeId()).stream()
                .filter(edge -> edge.getType() == EdgeType.RIGHT_JOIN).findFirst().orElseThrow();
        assertThat(names(right.getSchema())).endsWith("_is_retract", "_timestamp");
        // orders.ts is read by nothing after the join, so the join does not carry it.
        assertThat(names(join.getOperators(0).getOutputSchema()))
                .containsExactly("k", "amount", "k", "total", "_is_retract", "_timestamp");
    }

    @Test
    void errorsPointAtTheJoinKeyword() {
        // TABLES has 6 lines; the query is line 7, its JOIN at column 39.
        List<Diagnostic> errors = errors("SELECT o.k, p.paid FROM orders o FULL JOIN payments p ON o.amount < p.paid");
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.message()).contains("A join needs an equality between columns of both inputs");
            assertThat(error.span().start().line()).isEqualTo(7);
            assertThat(error.span().start().column()).isEqualTo(39);
        });
    }

    @Test
    void theSecondOfTwoJoinsIsLocatedAtItsOwnKeyword() {
        List<Diagnostic> errors = errors("""
                SELECT o.k FROM orders o JOIN payments p ON o.k = p.k
                LEFT JOIN users u ON o.amount < u.id
                """);
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.message()).contains("A join needs an equality");
            assertThat(error.span().start().line()).isEqualTo(8);
        });
    }
}
