package io.tributary.ui.pipelines;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import io.tributary.api.client.TributaryApiException;
import io.tributary.api.client.TributaryClient;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.StopType;
import io.tributary.ui.MainLayout;
import io.tributary.ui.Notifications;
import io.tributary.ui.UiProperties;
import java.util.ArrayList;
import java.util.List;

/** Every pipeline with its latest job's state; reloads by UI polling. */
@Route(value = "pipelines", layout = MainLayout.class)
@PageTitle("Pipelines · Tributary")
public class PipelinesView extends VerticalLayout {
    private final TributaryClient client;
    private final int refreshMillis;
    private final Grid<PipelineRow> grid = new Grid<>();
    private final Span problem = new Span();
    private List<PipelineRow> shown = List.of();
    private Registration polling;

    public PipelinesView(TributaryClient client, UiProperties properties) {
        this.client = client;
        this.refreshMillis = (int) properties.refreshInterval().toMillis();
        setSizeFull();

        problem.setId("pipelines-problem");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        problem.setVisible(false);

        grid.setId("pipelines");
        grid.addColumn(row -> row.pipeline().name()).setHeader("Name").setAutoWidth(true);
        grid.addColumn(row -> row.pipeline().id()).setHeader("ID").setAutoWidth(true);
        grid.addColumn(row -> row.pipeline().parallelism()).setHeader("Parallelism").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(PipelineRow::state).setHeader("State").setKey("state").setAutoWidth(true);
        grid.addColumn(PipelineRow::created).setHeader("Created").setAutoWidth(true);
        grid.addComponentColumn(this::stopButton).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.ROW_STRIPES);
        grid.setEmptyStateText("No pipelines yet: start one from the SQL editor");
        grid.setSizeFull();

        add(new H2("Pipelines"), problem, grid);
    }

    private Button stopButton(PipelineRow row) {
        Pipeline pipeline = row.pipeline();
        Button stop = new Button("Stop", e -> {
            boolean asked = Notifications.reportingErrors("Stopping " + pipeline.name(), () -> {
                client.stopPipeline(pipeline.id(), StopType.CHECKPOINT);
                Notifications.info("Stopping " + pipeline.name() + " with a final checkpoint");
            });
            if (!asked) {
                e.getSource().setEnabled(true);
            }
            refresh();
        });
        stop.setId("stop-" + pipeline.id());
        stop.setDisableOnClick(true);
        stop.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.ERROR);
        stop.setEnabled(row.stoppable());
        return stop;
    }

    /** Reloads the table; a failure is shown above it rather than as a notification every poll. */
    void refresh() {
        List<PipelineRow> rows = new ArrayList<>();
        try {
            for (Pipeline pipeline : client.listPipelines().data()) {
                if (!pipeline.preview()) {
                    rows.add(PipelineRow.of(pipeline, client.listJobs(pipeline.id()).data()));
                }
            }
        } catch (TributaryApiException e) {
            problem.setText("Cannot load pipelines: " + e.getMessage());
            problem.setVisible(true);
            return;
        }
        problem.setVisible(false);
        // Re-rendering only on change keeps the buttons (and a click on them) stable between polls.
        if (!rows.equals(shown)) {
            shown = List.copyOf(rows);
            grid.setItems(shown);
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        UI ui = attachEvent.getUI();
        polling = ui.addPollListener(e -> refresh());
        ui.setPollInterval(refreshMillis);
        refresh();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (polling != null) {
            polling.remove();
            polling = null;
        }
        detachEvent.getUI().setPollInterval(-1);
        super.onDetach(detachEvent);
    }
}
