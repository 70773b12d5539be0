package io.tributary.sql;

/**
 * How to plan a query.
 *
 * @param defaultParallelism parallelism of every node, at least 1
 * @param preview when true every sink is replaced by a {@code preview} sink of the same table
 *     name, so a pipeline can be tried without writing anywhere
 */
public record PlannerOptions(int defaultParallelism, boolean preview) {
    public static final int DEFAULT_PARALLELISM = 1;

    public PlannerOptions {
        if (defaultParallelism < 1) {
            throw new IllegalArgumentException("defaultParallelism must be at least 1: " + defaultParallelism);
        }
    }

    public static PlannerOptions defaults() {
        return new PlannerOptions(DEFAULT_PARALLELISM, false);
    }

    public PlannerOptions withParallelism(int parallelism) {
        return new PlannerOptions(parallelism, preview);
    }

    public PlannerOptions withPreview(boolean preview) {
        return new PlannerOptions(defaultParallelism, preview);
    }
}
