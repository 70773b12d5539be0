package io.tributary.ui.editor;

import static java.util.Objects.requireNonNull;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.server.Command;
import io.tributary.api.client.OutputSubscription;
import io.tributary.api.client.TributaryApiException;
import io.tributary.api.client.TributaryClient;
import io.tributary.api.model.Job;
import io.tributary.api.model.OutputData;
import io.tributary.api.model.Pipeline;
import io.tributary.ui.Notifications;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a preview pipeline's output and shows its rows as they arrive (by server push).
 * One preview at a time: starting another, or leaving the page, ends the previous one.
 */
class PreviewPanel extends VerticalLayout {
    private static final Logger log = LoggerFactory.getLogger(PreviewPanel.class);
    private static final Duration JOB_WAIT = Duration.ofSeconds(15);

    private final TributaryClient client;
    private final int rowLimit;
    private final Span status = new Span();
    private final Grid<PreviewRows.Row> grid = new Grid<>();
    private final AtomicReference<Run> current = new AtomicReference<>();
    private PreviewRows rows;
    private UI ui;

    /** One followed preview; {@code subscription} is set once the job's stream is open. */
    private static final class Run {
        final Pipeline pipeline;
        volatile OutputSubscription subscription;
        volatile boolean closed;

        Run(Pipeline pipeline) {
            this.pipeline = pipeline;
        }

        void close() {
            closed = true;
            OutputSubscription s = subscription;
            if (s != null) {
                s.close();
            }
        }
    }

    PreviewPanel(TributaryClient client, int rowLimit) {
        this.client = requireNonNull(client, "client is null");
        this.rowLimit = rowLimit;
        this.rows = new PreviewRows(rowLimit);
        setPadding(false);
        setId("preview");
        status.setId("preview-status");
        grid.setId("preview-grid");
        grid.addThemeVariants(GridVariant.COLUMN_BORDERS, GridVariant.ROW_STRIPES);
        grid.setHeight("24rem");
        add(new H3("Preview"), status, grid);
        setVisible(false);
    }

    /** Follows the output of a preview pipeline the API has just created. */
    void follow(Pipeline pipeline) {
        stop();
        rows = new PreviewRows(rowLimit);
        grid.removeAllColumns();
        grid.setItems(rows.rows());
        status.setText("Starting preview " + pipeline.id() + "…");
        setVisible(true);

        Run run = new Run(pipeline);
        current.set(run);
        UI target = ui;
        Thread.ofVirtual().name("preview-" + pipeline.id()).start(() -> subscribe(run, target));
    }

    void stop() {
        Run run = current.getAndSet(null);
        if (run != null) {
            run.close();
        }
    }

    private void subscribe(Run run, UI target) {
        try {
            Optional<Job> job = awaitJob(run);
            if (run.closed) {
                return;
            }
            if (job.isEmpty()) {
                access(target, run, () -> status.setText("The preview has no job after " + JOB_WAIT.toSeconds() + " s"));
                return;
            }
            String jobId = job.get().id();
            access(target, run, () -> status.setText("Previewing job " + jobId + ": waiting for rows…"));
            run.subscription = client.streamOutput(run.pipeline.id(), jobId,
                    data -> access(target, run, () -> append(data)),
                    failure -> access(target, run, () -> ended(failure)));
            if (run.closed) {
                run.subscription.close();
            }
        } catch (TributaryApiException e) {
            access(target, run, () -> {
                status.setText("Preview failed: " + e.getMessage());
                Notifications.error("Preview: " + e.getMessage());
            });
        } catch (RuntimeException e) {
            log.warn("following preview {} failed", run.pipeline.id(), e);
            access(target, run, () -> status.setText("Preview failed: " + e.getMessage()));
        }
    }

    /** Preview creates its job with the pipeline, but a slower service may list it a moment later. */
    private Optional<Job> awaitJob(Run run) {
        Instant deadline = Instant.now().plus(JOB_WAIT);
        while (!run.closed) {
            Optional<Job> job = client.listJobs(run.pipeline.id()).data().stream()
                    .max(Comparator.comparingLong(Job::createdAt).thenComparingLong(Job::runId));
            if (job.isPresent() || Instant.now().isAfter(deadline)) {
                return job;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private void append(OutputData data) {
        try {
            for (String column : rows.add(data)) {
                grid.addColumn(row -> row.get(column)).setHeader(column).setKey(column).setResizable(true).setAutoWidth(true);
            }
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            return;
        }
        grid.setItems(rows.rows());
        status.setText(describe("Previewing"));
    }

    private void ended(Optional<TributaryApiException> failure) {
        failure.ifPresentOrElse(
                error -> {
                    status.setText(describe("Preview failed (" + error.getMessage() + ")"));
                    Notifications.error("Preview: " + error.getMessage());
                },
                () -> status.setText(describe("Preview ended")));
    }

    private String describe(String prefix) {
        long received = rows.received();
        String text = prefix + ": " + received + (received == 1 ? " row" : " rows");
        return received > rowLimit ? text + " (showing the last " + rowLimit + ")" : text;
    }

    /** Runs a change in the UI, unless the preview was replaced or the page has gone. */
    private void access(UI target, Run run, Command command) {
        if (target == null) {
            return;
        }
        try {
            target.access(() -> {
                if (current.get() == run) {
                    command.execute();
                }
            });
        } catch (UIDetachedException e) {
            run.close();
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        ui = attachEvent.getUI();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        stop();
        ui = null;
        super.onDetach(detachEvent);
    }
}
