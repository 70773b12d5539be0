package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One operator's state in a checkpoint, in Arroyo's shape ({@code GET …/checkpoints/{epoch}/
 * operator_checkpoint_groups}): bytes over all subtasks, when the last subtask finished writing
 * (and so the checkpoint's metadata write began) and the checkpoint's finish (epoch microseconds).
 */
public record OperatorCheckpointGroup(String operatorId, long bytes, Optional<Long> startedMetadataWrite,
        Optional<Long> finishTime, List<SubtaskCheckpointGroup> subtasks) {
    public OperatorCheckpointGroup {
        requireNonNull(operatorId, "operatorId is null");
        startedMetadataWrite = startedMetadataWrite == null ? Optional.empty() : startedMetadataWrite;
        finishTime = finishTime == null ? Optional.empty() : finishTime;
        subtasks = subtasks == null ? List.of() : List.copyOf(subtasks);
    }
}
