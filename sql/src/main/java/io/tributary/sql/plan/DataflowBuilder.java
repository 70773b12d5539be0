package io.tributary.sql.plan;

import io.tributary.proto.program.Edge;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.FieldPath;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.ProgramConfig;
import io.tributary.proto.program.Window;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Accumulates the dataflow of a whole query: one node per distinct operator id (see
 * {@link OperatorIds}), FORWARD edges carrying the upstream schema. Node ids are assigned in
 * the order nodes are first needed.
 */
final class DataflowBuilder {
    /** Sink connectors that write one output, which one subtask must own. */
    private static final Set<String> SINGLE_OUTPUT_CONNECTORS = Set.of("single_file");

    private final int parallelism;
    private final Map<String, Node.Builder> nodes = new LinkedHashMap<>();
    private final Map<String, Stream> streams = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    /** Window aggregates running as another window than the one whose rows they aggregate again. */
    private final Map<String, Window> reaggregatedWindows = new HashMap<>();
    private int nextNodeId = 1;

    DataflowBuilder(int parallelism) {
        this.parallelism = parallelism;
    }

    Optional<Stream> existing(String operatorId) {
        return Optional.ofNullable(streams.get(operatorId));
    }

    /** Adds the operator unless an identical one exists; connects it to its inputs. */
    Stream add(String operatorId, String description, Operator.Builder operator, List<Stream> inputs) {
        Stream known = streams.get(operatorId);
        if (known != null) {
            return known;
        }
        Node.Builder node = Node.newBuilder()
                .setNodeId(nextNodeId++)
                .setDescription(description)
                .setParallelism(parallelism)
                .addOperators(operator.setOperatorId(operatorId));
        nodes.put(operatorId, node);
        Stream stream = new Stream(node.getNodeId(), operatorId, operator.getOutputSchema());
        streams.put(operatorId, stream);
        inputs.forEach(input -> connect(input, stream));
        return stream;
    }

    /**
     * Adds a source operator, or finds the one added before for the same table; that one then
     * leaves unread only the fields neither reader reads.
     */
    Stream addSource(String operatorId, String description, Operator.Builder operator) {
        Stream known = streams.get(operatorId);
        if (known == null) {
            return add(operatorId, description, operator, List.of());
        }
        var source = nodes.get(operatorId).getOperatorsBuilder(0).getSourceBuilder();
        List<FieldPath> unread = SourceReads.unreadByBoth(
                source.getUnreadFieldsList(), operator.getSource().getUnreadFieldsList());
        source.clearUnreadFields().addAllUnreadFields(unread);
        return known;
    }

    void connect(Stream from, Stream to) {
        edges.add(Edge.newBuilder()
                .setSourceNode(from.nodeId())
                .setTargetNode(to.nodeId())
                .setType(EdgeType.FORWARD)
                .setSchema(from.schema())
                .build());
    }

    /**
     * Adds the operator unless an identical one exists, fed by a SHUFFLE edge from
     * {@code input} on {@code keyFields} (indexes into the input's schema; empty: round robin).
     */
    Stream addShuffled(String operatorId, String description, Operator.Builder operator, Stream input,
            List<Integer> keyFields) {
        Stream known = streams.get(operatorId);
        if (known != null) {
            return known;
        }
        Stream stream = add(operatorId, description, operator, List.of());
        edges.add(Edge.newBuilder()
                .setSourceNode(input.nodeId())
                .setTargetNode(stream.nodeId())
                .setType(EdgeType.SHUFFLE)
                .addAllKeyFields(keyFields)
                .setSchema(input.schema())
                .build());
        return stream;
    }

    /**
     * Adds a two-input operator (a join) unless an identical one exists, fed by a LEFT_JOIN edge
     * from {@code left} on {@code leftKeys} and a RIGHT_JOIN edge from {@code right} on {@code rightKeys}.
     */
    Stream addJoin(String operatorId, String description, Operator.Builder operator, Stream left,
            List<Integer> leftKeys, Stream right, List<Integer> rightKeys) {
        Stream known = streams.get(operatorId);
        if (known != null) {
            return known;
        }
        Stream stream = add(operatorId, description, operator, List.of());
        edges.add(Edge.newBuilder()
                .setSourceNode(left.nodeId())
                .setTargetNode(stream.nodeId())
                .setType(EdgeType.LEFT_JOIN)
                .addAllKeyFields(leftKeys)
                .setSchema(left.schema())
                .build());
        edges.add(Edge.newBuilder()
                .setSourceNode(right.nodeId())
                .setTargetNode(stream.nodeId())
                .setType(EdgeType.RIGHT_JOIN)
                .addAllKeyFields(rightKeys)
                .setSchema(right.schema())
                .build());
        return stream;
    }

    /**
     * Records that window aggregate {@code stream} aggregates again the rows of {@code window}, running
     * as another window (see {@code RelToDataflow#reaggregated}): its rows are still of {@code window}.
     */
    void reaggregates(Stream stream, Window window) {
        reaggregatedWindows.put(stream.operatorId(), window);
    }

    /**
     * The window of the window aggregate whose rows {@code stream} carries, through projections: such
     * rows are stamped with their window's end, so only the same window can aggregate them again.
     */
    Optional<Window> windowOf(Stream stream) {
        Operator operator = nodes.get(stream.operatorId()).getOperators(0);
        if (operator.hasWindowAggregate()) {
            return Optional.of(reaggregatedWindows.getOrDefault(stream.operatorId(),
                    operator.getWindowAggregate().getWindow()));
        }
        return projectionInput(stream).flatMap(this::windowOf);
    }

    /** What a column of a window aggregate's output is, as {@link #windowColumn} traces it. */
    enum WindowColumn { START, END, WINDOW }

    /**
     * Whether column {@code column} of {@code stream} is window_start, window_end or Arroyo's window
     * struct ({@code ROW(window_start, window_end)}) of the window aggregate the stream reads, through
     * projections that pass it on (renamed or cast).
     */
    Optional<WindowColumn> windowColumn(Stream stream, int column) {
        Operator operator = nodes.get(stream.operatorId()).getOperators(0);
        if (operator.hasWindowAggregate()) {
            int keys = operator.getWindowAggregate().getKeyFieldsCount();
            return column == keys ? Optional.of(WindowColumn.START)
                    : column == keys + 1 ? Optional.of(WindowColumn.END) : Optional.empty();
        }
        Optional<Stream> input = projectionInput(stream);
        if (input.isEmpty() || column >= operator.getProjection().getProjectionsCount()) {
            return Optional.empty();
        }
        Expr expr = operator.getProjection().getProjections(column);
        while (expr.hasCall() && expr.getCall().getFunction().equals("CAST")) {
            expr = expr.getCall().getOperands(0);
        }
        if (expr.hasCall() && expr.getCall().getFunction().equals("ROW") && expr.getCall().getOperandsCount() == 2
                && windowColumn(input.get(), expr.getCall().getOperands(0)).equals(Optional.of(WindowColumn.START))
                && windowColumn(input.get(), expr.getCall().getOperands(1)).equals(Optional.of(WindowColumn.END))) {
            return Optional.of(WindowColumn.WINDOW);
        }
        return windowColumn(input.get(), expr);
    }

    /**
     * {@link #windowColumn} of a value a projection computes over {@code input}: a column passed on, or
     * {@code window_end - width}, the start of a sliding window aggregated again (see
     * {@code RelToDataflow#reaggregated}).
     */
    private Optional<WindowColumn> windowColumn(Stream input, Expr expr) {
        if (expr.hasInputRef()) {
            return windowColumn(input, expr.getInputRef());
        }
        if (expr.hasCall() && expr.getCall().getFunction().equals("MINUS") && expr.getCall().getOperandsCount() == 2
                && expr.getCall().getOperands(0).hasInputRef() && expr.getCall().getOperands(1).hasLiteral()
                && expr.getCall().getOperands(1).getLiteral().hasIntervalValue()
                && windowColumn(input, expr.getCall().getOperands(0).getInputRef()).equals(Optional.of(WindowColumn.END))) {
            return Optional.of(WindowColumn.START);
        }
        return Optional.empty();
    }

    /** The single input of a projection node; empty for other nodes (and unions). */
    private Optional<Stream> projectionInput(Stream stream) {
        Node.Builder node = nodes.get(stream.operatorId());
        List<Edge> inputs = edges.stream().filter(edge -> edge.getTargetNode() == node.getNodeId()).toList();
        if (!node.getOperators(0).hasProjection() || inputs.size() != 1) {
            return Optional.empty();
        }
        int input = inputs.getFirst().getSourceNode();
        return streams.values().stream().filter(candidate -> candidate.nodeId() == input).findFirst();
    }

    boolean hasSinks() {
        return nodes.values().stream().anyMatch(node -> node.getOperators(0).hasSink());
    }

    List<Node.Builder> nodes() {
        return List.copyOf(nodes.values());
    }

    LogicalProgram build(ProgramConfig config) {
        Map<Integer, Node.Builder> byId = new LinkedHashMap<>();
        nodes.values().forEach(node -> byId.put(node.getNodeId(), node));
        List<Edge> planned = parallelismOne(byId);
        LogicalProgram.Builder program = LogicalProgram.newBuilder().setConfig(config);
        nodes.values().forEach(node -> program.addNodes(node.build()));
        program.addAllEdges(planned);
        return program.build();
    }

    /**
     * Runs on one subtask what cannot be split: an operator fed by a keyless shuffle (a global
     * aggregate would otherwise emit one partial result per subtask) with everything it forwards
     * to, and sinks whose connector writes a single output (a file). An edge whose ends then
     * differ in parallelism becomes a round-robin shuffle.
     */
    private List<Edge> parallelismOne(Map<Integer, Node.Builder> byId) {
        Set<Integer> single = new HashSet<>();
        edges.stream()
                .filter(edge -> edge.getType() == EdgeType.SHUFFLE && edge.getKeyFieldsCount() == 0)
                .forEach(edge -> single.add(edge.getTargetNode()));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Edge edge : edges) {
                if (edge.getType() == EdgeType.FORWARD && single.contains(edge.getSourceNode())) {
                    grew |= single.add(edge.getTargetNode());
                }
            }
        }
        byId.values().stream()
                .filter(node -> node.getOperators(0).hasSink()
                        && SINGLE_OUTPUT_CONNECTORS.contains(node.getOperators(0).getSink().getConnector()))
                .forEach(node -> single.add(node.getNodeId()));
        single.forEach(id -> byId.get(id).setParallelism(1));
        return edges.stream()
                .map(edge -> edge.getType() == EdgeType.FORWARD
                        && byId.get(edge.getSourceNode()).getParallelism() != byId.get(edge.getTargetNode()).getParallelism()
                        ? edge.toBuilder().setType(EdgeType.SHUFFLE).build()
                        : edge)
                .toList();
    }
}
