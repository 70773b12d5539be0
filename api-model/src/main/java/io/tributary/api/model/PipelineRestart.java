package io.tributary.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import java.util.Optional;

/**
 * The body of {@code POST /api/v1/pipelines/{id}/restart}, optional as a whole. {@code mode} says
 * how a running job restarts ({@code safe} by default); Arroyo's {@code force: true} is the same as
 * {@code mode: force}, and contradicting another mode is refused.
 * Fields not given are left out when written.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record PipelineRestart(Optional<Boolean> force, Optional<RestartMode> mode) {
    public PipelineRestart {
        force = force == null ? Optional.empty() : force;
        mode = mode == null ? Optional.empty() : mode;
        if (force.orElse(false) && mode.filter(m -> m != RestartMode.FORCE).isPresent()) {
            throw new IllegalArgumentException("\"force\": true contradicts mode '"
                    + mode.get().name().toLowerCase(Locale.ROOT) + "'");
        }
    }

    /** The mode asked for, by either field. */
    public RestartMode restartMode() {
        return mode.orElse(force.orElse(false) ? RestartMode.FORCE : RestartMode.SAFE);
    }
}
