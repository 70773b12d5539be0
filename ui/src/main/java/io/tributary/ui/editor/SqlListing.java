package io.tributary.ui.editor;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The validated query with line numbers, lines with a diagnostic marked. A browser text area
 * cannot colour single lines, so the marks are shown here, under the editor.
 */
class SqlListing extends Div {
    SqlListing() {
        setId("sql-listing");
        getStyle()
                .set("font-family", "monospace")
                .set("white-space", "pre")
                .set("overflow-x", "auto")
                .set("border", "1px solid var(--lumo-contrast-20pct)")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "0.25rem 0")
                .set("width", "100%")
                .set("box-sizing", "border-box");
        setVisible(false);
    }

    void show(SqlText sql, List<Diagnostic> diagnostics) {
        removeAll();
        Map<Integer, String> marks = new TreeMap<>();
        for (Diagnostic diagnostic : diagnostics) {
            for (int line : diagnostic.lines()) {
                marks.merge(line, diagnostic.message(), (a, b) -> a + "\n" + b);
            }
        }
        List<String> lines = sql.lines();
        int width = Integer.toString(lines.size()).length();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            Div row = new Div();
            row.addClassName("sql-line");
            row.getElement().setAttribute("data-line", Integer.toString(number));
            Span gutter = new Span(String.format("%" + width + "d ", number));
            gutter.getStyle().set("color", "var(--lumo-secondary-text-color)").set("padding-inline", "0.5rem");
            Span marker = new Span(marks.containsKey(number) ? "▶ " : "  ");
            marker.getStyle().set("color", "var(--lumo-error-text-color)");
            row.add(gutter, marker, new Span(lines.get(i)));
            if (marks.containsKey(number)) {
                row.addClassName("sql-line-error");
                row.getElement().setAttribute("data-error", "true");
                row.getElement().setAttribute("title", marks.get(number));
                row.getStyle().set("background", "var(--lumo-error-color-10pct)");
            }
            add(row);
        }
        setVisible(marks.keySet().stream().anyMatch(line -> line <= lines.size()));
    }

    void clear() {
        removeAll();
        setVisible(false);
    }

    static String describeMarks(List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .flatMap(d -> d.lines().stream())
                .distinct()
                .sorted()
                .map(String::valueOf)
                .collect(Collectors.joining(", "));
    }
}
