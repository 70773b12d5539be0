package io.tributary.api.model;

import java.util.Optional;

public record PipelinePatch(Optional<StopType> stop) {
    public PipelinePatch {
        stop = stop == null ? Optional.empty() : stop;
    }
}
