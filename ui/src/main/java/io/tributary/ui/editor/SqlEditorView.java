package io.tributary.ui.editor;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tributary.api.client.TributaryClient;
import io.tributary.api.model.PipelinePost;
import io.tributary.api.model.QueryValidationResult;
import io.tributary.ui.MainLayout;
import io.tributary.ui.Notifications;
import io.tributary.ui.UiProperties;
import io.tributary.ui.pipelines.PipelinesView;
import java.util.List;
import java.util.Optional;

/** Write SQL, validate it, preview its output, and start it as a pipeline. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("SQL editor · Tributary")
public class SqlEditorView extends VerticalLayout {
    private final TributaryClient client;
    private final TextArea sql = new TextArea("SQL");
    private final UnorderedList diagnostics = new UnorderedList();
    private final SqlListing listing = new SqlListing();
    private final VerticalLayout problems = new VerticalLayout();
    private final GraphPanel graph = new GraphPanel();
    private final PreviewPanel preview;
    private final TextField name = new TextField("Pipeline name");
    private final IntegerField parallelism = new IntegerField("Parallelism");

    public SqlEditorView(TributaryClient client, UiProperties properties) {
        this.client = client;
        this.preview = new PreviewPanel(client, properties.previewRowLimit());
        setWidthFull();

        sql.setId("sql");
        sql.setWidthFull();
        sql.setMinRows(10);
        sql.setManualValidation(true);
        sql.setPlaceholder("CREATE TABLE … WITH (connector = '…');\nSELECT … FROM …");
        sql.getStyle().set("font-family", "monospace").set("--lumo-font-family", "monospace");
        sql.getElement().setAttribute("spellcheck", "false");

        Button validate = new Button("Validate", e -> validate());
        validate.setId("validate");
        Button previewButton = new Button("Preview", e -> preview());
        previewButton.setId("preview-button");

        name.setId("pipeline-name");
        name.setRequiredIndicatorVisible(true);
        name.setManualValidation(true);
        parallelism.setId("parallelism");
        parallelism.setMin(1);
        parallelism.setManualValidation(true);
        parallelism.setValue(1);
        parallelism.setStepButtonsVisible(true);
        parallelism.setWidth("9rem");
        Button start = new Button("Start", e -> start());
        start.setId("start");
        start.addThemeVariants(ButtonVariant.PRIMARY);

        HorizontalLayout actions = new HorizontalLayout(validate, previewButton, name, parallelism, start);
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        actions.setWrap(true);

        diagnostics.setId("diagnostics");
        problems.setPadding(false);
        problems.add(new H3("Problems"), diagnostics, listing);
        problems.setVisible(false);

        add(sql, actions, problems, graph, preview);
    }

    private Optional<String> query() {
        String text = sql.getValue();
        if (text == null || text.isBlank()) {
            Notifications.error("Write a query first");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    private void validate() {
        query().ifPresent(text -> Notifications.reportingErrors("Validation", () -> show(text, client.validateQuery(text))));
    }

    private void show(String text, QueryValidationResult result) {
        List<Diagnostic> found = Diagnostic.of(result.errors());
        diagnostics.removeAll();
        if (found.isEmpty()) {
            problems.setVisible(false);
            listing.clear();
            sql.setInvalid(false);
            result.graph().ifPresentOrElse(graph::show, graph::clear);
            Notifications.info("The query is valid");
            return;
        }
        graph.clear();
        SqlText sqlText = new SqlText(text);
        for (Diagnostic diagnostic : found) {
            ListItem item = new ListItem(diagnostic.text());
            item.addClassName("diagnostic");
            diagnostic.lines().stream().findFirst().ifPresent(line -> {
                item.getElement().setAttribute("data-line", Integer.toString(line));
                item.getStyle().set("cursor", "pointer");
                item.addClickListener(e -> selectLine(sqlText, line));
            });
            diagnostics.add(item);
        }
        listing.show(sqlText, found);
        problems.setVisible(true);
        String lines = SqlListing.describeMarks(found);
        sql.setErrorMessage(found.size() + (found.size() == 1 ? " problem" : " problems")
                + (lines.isEmpty() ? "" : " on line " + lines));
        sql.setInvalid(true);
        found.stream().flatMap(d -> d.lines().stream()).findFirst().ifPresent(line -> selectLine(sqlText, line));
    }

    /** Selects a line in the browser's text area, which is how a plain text area can point at it. */
    private void selectLine(SqlText text, int line) {
        int[] range = text.lineRange(line);
        sql.getElement().executeJs(
                "const t = this.querySelector('textarea'); if (t) { t.focus(); t.setSelectionRange($0, $1); }",
                range[0], range[1]);
    }

    private void preview() {
        query().ifPresent(text -> Notifications.reportingErrors("Preview", () -> preview.follow(client.preview(text))));
    }

    private void start() {
        Optional<String> text = query();
        if (text.isEmpty()) {
            return;
        }
        String pipelineName = name.getValue() == null ? "" : name.getValue().strip();
        if (pipelineName.isEmpty()) {
            name.setErrorMessage("A pipeline needs a name");
            name.setInvalid(true);
            return;
        }
        name.setInvalid(false);
        Integer requested = parallelism.getValue();
        if (requested == null || requested < 1) {
            parallelism.setErrorMessage("At least 1");
            parallelism.setInvalid(true);
            return;
        }
        parallelism.setInvalid(false);
        Notifications.reportingErrors("Starting " + pipelineName, () -> {
            var created = client.createPipeline(
                    new PipelinePost(pipelineName, text.get(), Optional.of(requested), Optional.empty()));
            Notifications.info("Started pipeline " + created.name());
            getUI().ifPresent(ui -> ui.navigate(PipelinesView.class));
        });
    }
}
