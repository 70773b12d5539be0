package io.tributary.controller.schedule;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code tributary.controller.process.*}: the worker JVMs of the {@code process} scheduler.
 *
 * @param slotsPerWorker the slots a worker JVM has: the most subtasks of one node it runs. A run whose
 *     parallelism is higher gets as many worker JVMs as it needs, and its shuffles cross them
 * @param workerHeap the heap of a worker JVM ({@code -Xmx})
 * @param logDir where each worker's stdout and stderr go, one file per job, run and worker
 * @param shutdownTimeout how long a worker may take to exit after SIGTERM before it is killed
 * @param jvmOptions further options for the worker JVMs (GC, agents, …)
 */
@ConfigurationProperties("tributary.controller.process")
public record ProcessSchedulerProperties(
        @DefaultValue("64") int slotsPerWorker,
        @DefaultValue("1GB") DataSize workerHeap,
        Path logDir,
        @DefaultValue("10s") Duration shutdownTimeout,
        @DefaultValue List<String> jvmOptions) {
    private static final DataSize SMALLEST_HEAP = DataSize.ofMegabytes(64);

    public ProcessSchedulerProperties {
        requireNonNull(workerHeap, "workerHeap is null");
        requireNonNull(logDir, "logDir is null (tributary.controller.process.log-dir)");
        requireNonNull(shutdownTimeout, "shutdownTimeout is null");
        jvmOptions = List.copyOf(requireNonNull(jvmOptions, "jvmOptions is null"));
        if (slotsPerWorker < 1) {
            throw new IllegalArgumentException("tributary.controller.process.slots-per-worker must be at least 1, got "
                    + slotsPerWorker);
        }
        if (workerHeap.compareTo(SMALLEST_HEAP) < 0) {
            throw new IllegalArgumentException("tributary.controller.process.worker-heap must be at least "
                    + SMALLEST_HEAP.toMegabytes() + "MB, got " + workerHeap);
        }
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("tributary.controller.process.shutdown-timeout must not be negative, got "
                    + shutdownTimeout);
        }
    }
}
