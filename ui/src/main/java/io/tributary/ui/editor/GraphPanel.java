package io.tributary.ui.editor;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.tributary.api.model.PipelineEdge;
import io.tributary.api.model.PipelineGraph;
import io.tributary.api.model.PipelineNode;

/** The operator graph of a valid query, as two tables: operators and the edges between them. */
class GraphPanel extends VerticalLayout {
    private final Grid<PipelineNode> nodes = new Grid<>();
    private final Grid<PipelineEdge> edges = new Grid<>();

    GraphPanel() {
        setPadding(false);
        setId("graph");
        nodes.setId("graph-nodes");
        nodes.addColumn(PipelineNode::nodeId).setHeader("Node").setAutoWidth(true).setFlexGrow(0);
        nodes.addColumn(PipelineNode::operator).setHeader("Operator").setAutoWidth(true);
        nodes.addColumn(PipelineNode::description).setHeader("Description").setFlexGrow(2)
                .setTooltipGenerator(PipelineNode::description);
        nodes.addColumn(PipelineNode::parallelism).setHeader("Parallelism").setAutoWidth(true).setFlexGrow(0);
        nodes.addThemeVariants(GridVariant.COLUMN_BORDERS);
        nodes.setAllRowsVisible(true);

        edges.setId("graph-edges");
        edges.addColumn(edge -> edge.srcId() + " → " + edge.destId()).setHeader("Edge").setAutoWidth(true).setFlexGrow(0);
        edges.addColumn(PipelineEdge::edgeType).setHeader("Type").setAutoWidth(true);
        edges.addColumn(PipelineEdge::keyType).setHeader("Key type").setTooltipGenerator(PipelineEdge::keyType);
        edges.addColumn(PipelineEdge::valueType).setHeader("Value type").setFlexGrow(2)
                .setTooltipGenerator(PipelineEdge::valueType);
        edges.addThemeVariants(GridVariant.COLUMN_BORDERS);
        edges.setAllRowsVisible(true);

        add(new H3("Operator graph"), nodes, edges);
        setVisible(false);
    }

    void show(PipelineGraph graph) {
        nodes.setItems(graph.nodes());
        edges.setItems(graph.edges());
        edges.setVisible(!graph.edges().isEmpty());
        setVisible(true);
    }

    void clear() {
        nodes.setItems();
        edges.setItems();
        setVisible(false);
    }
}
