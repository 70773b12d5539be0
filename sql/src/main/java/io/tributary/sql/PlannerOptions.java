package io.tributary.sql;

import io.tributary.sql.catalog.ConnectionProfileResolver;
import io.tributary.sql.catalog.UdfDefinition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to plan a query.
 *
 * @param defaultParallelism parallelism of every node, at least 1
 * @param preview when true every sink is replaced by a {@code preview} sink of the same table
 *     name, so a pipeline can be tried without writing anywhere
 * @param udfs the Java UDFs the query may call
 * @param profiles the connection profiles tables may name, when the planner runs where they are stored
 */
public record PlannerOptions(int defaultParallelism, boolean preview, List<UdfDefinition> udfs,
        Optional<ConnectionProfileResolver> profiles) {
    public static final int DEFAULT_PARALLELISM = 1;

    public PlannerOptions {
        if (defaultParallelism < 1) {
            throw new IllegalArgumentException("defaultParallelism must be at least 1: " + defaultParallelism);
        }
        udfs = List.copyOf(udfs);
        Objects.requireNonNull(profiles, "profiles is null");
    }

    /** Without connection profiles. */
    public PlannerOptions(int defaultParallelism, boolean preview, List<UdfDefinition> udfs) {
        this(defaultParallelism, preview, udfs, Optional.empty());
    }

    /** Without UDFs. */
    public PlannerOptions(int defaultParallelism, boolean preview) {
        this(defaultParallelism, preview, List.of());
    }

    public static PlannerOptions defaults() {
        return new PlannerOptions(DEFAULT_PARALLELISM, false);
    }

    public PlannerOptions withParallelism(int parallelism) {
        return new PlannerOptions(parallelism, preview, udfs, profiles);
    }

    public PlannerOptions withPreview(boolean preview) {
        return new PlannerOptions(defaultParallelism, preview, udfs, profiles);
    }

    public PlannerOptions withProfiles(ConnectionProfileResolver resolver) {
        return new PlannerOptions(defaultParallelism, preview, udfs, Optional.of(resolver));
    }
}
