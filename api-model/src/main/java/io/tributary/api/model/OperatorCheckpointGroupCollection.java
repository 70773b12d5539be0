package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Arroyo's answer to {@code GET …/checkpoints/{epoch}/operator_checkpoint_groups}: one group per operator. */
public record OperatorCheckpointGroupCollection(List<OperatorCheckpointGroup> data) {
    public OperatorCheckpointGroupCollection {
        data = List.copyOf(requireNonNull(data, "data is null"));
    }
}
