package io.tributary.api.model;

import java.util.List;

/** One subtask's part of an operator's checkpoint: its index, the bytes it wrote and how its time went. */
public record SubtaskCheckpointGroup(int index, long bytes, List<CheckpointEventSpan> eventSpans) {
    public SubtaskCheckpointGroup {
        eventSpans = eventSpans == null ? List.of() : List.copyOf(eventSpans);
    }
}
