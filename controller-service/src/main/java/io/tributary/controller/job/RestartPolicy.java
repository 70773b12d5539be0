package io.tributary.controller.job;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * How often a failing job is recovered: at most {@code maxRestarts} within a sliding window, each
 * after a wait that doubles with every restart already in the window (so a job that has run
 * quietly for a window starts again from the shortest wait).
 */
final class RestartPolicy {
    private final int maxRestarts;
    private final Duration window;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Deque<Instant> restarts = new ArrayDeque<>();

    RestartPolicy(int maxRestarts, Duration window, Duration initialBackoff, Duration maxBackoff) {
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must not be negative, got " + maxRestarts);
        }
        this.maxRestarts = maxRestarts;
        this.window = requireNonNull(window, "window is null");
        this.initialBackoff = requireNonNull(initialBackoff, "initialBackoff is null");
        this.maxBackoff = requireNonNull(maxBackoff, "maxBackoff is null");
    }

    /**
     * Records a restart wanted at {@code now}.
     *
     * @return how long to wait before it; empty when the budget is spent and the job should fail
     */
    Optional<Duration> restart(Instant now) {
        while (!restarts.isEmpty() && !restarts.peekFirst().isAfter(now.minus(window))) {
            restarts.removeFirst();
        }
        if (restarts.size() >= maxRestarts) {
            return Optional.empty();
        }
        Duration delay = initialBackoff;
        for (int i = 0; i < restarts.size() && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        restarts.addLast(now);
        return Optional.of(delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay);
    }

    /** For the message of a job that gave up: "5 restarts within 10 minutes". */
    String budget() {
        return maxRestarts + " restart" + (maxRestarts == 1 ? "" : "s") + " within " + describe(window);
    }

    private static String describe(Duration duration) {
        return duration.toSecondsPart() == 0 && duration.toMinutes() > 0
                ? duration.toMinutes() + " minute" + (duration.toMinutes() == 1 ? "" : "s")
                : duration.toSeconds() + " s";
    }
}
