package io.tributary.ui.editor;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The query split into lines, with offsets for selecting a line in the browser's text area. */
record SqlText(String text) {
    SqlText {
        requireNonNull(text, "text is null");
    }

    List<String> lines() {
        return List.of(text.split("\r?\n", -1));
    }

    /** Character offsets [start, end) of a 1-based line, clamped to the text. */
    int[] lineRange(int line) {
        int start = 0;
        for (int current = 1; current < line; current++) {
            int newline = text.indexOf('\n', start);
            if (newline < 0) {
                return new int[] {text.length(), text.length()};
            }
            start = newline + 1;
        }
        int end = text.indexOf('\n', start);
        if (end < 0) {
            end = text.length();
        } else if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return new int[] {start, end};
    }
}
