package io.tributary.controller.leader;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps trying to take or renew the lease and tells the listener when this controller starts and
 * stops leading. Renewals run on one thread; a second one checks every {@code checkInterval} whether
 * the term lapsed, because a renewal can hang on an unreachable database for longer than the term.
 */
public final class LeaderElection implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    private final LeaseManager lease;
    private final LeadershipListener listener;
    private final Duration renewInterval;
    private final Duration checkInterval;
    private final int phase;
    private OptionalLong leading = OptionalLong.empty();
    private volatile ScheduledExecutorService executor;

    public LeaderElection(LeaseManager lease, LeadershipListener listener, Duration renewInterval,
            Duration checkInterval, int phase) {
        this.lease = requireNonNull(lease, "lease is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.renewInterval = requireNonNull(renewInterval, "renewInterval is null");
        this.checkInterval = requireNonNull(checkInterval, "checkInterval is null");
        this.phase = phase;
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newScheduledThreadPool(2,
                Thread.ofPlatform().daemon().name("controller-lease-", 0).factory());
        started.scheduleWithFixedDelay(() -> guarded(lease::renew), 0, renewInterval.toMillis(), TimeUnit.MILLISECONDS);
        started.scheduleAtFixedRate(() -> guarded(lease::current), checkInterval.toMillis(), checkInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        executor = started;
    }

    /** A scheduled task that throws is never run again: log and carry on instead. */
    private void guarded(Runnable step) {
        try {
            step.run();
            reconcile();
        } catch (RuntimeException e) {
            LOG.error("the controller lease could not be checked; trying again", e);
        }
    }

    /**
     * Brings the listener in line with what the lease manager says now (not with what a step saw: a
     * renewal's answer may be older than a lapse the other thread already acted on).
     */
    private synchronized void reconcile() {
        OptionalLong now = lease.current() instanceof LeaseManager.Leadership.Leading term
                ? OptionalLong.of(term.epoch())
                : OptionalLong.empty();
        if (now.equals(leading)) {
            return;
        }
        if (leading.isPresent()) {
            listener.revoked(leading.getAsLong());
        }
        leading = now;
        if (now.isPresent()) {
            listener.elected(now.getAsLong());
        }
    }

    /** Stops acting on jobs first, then lets the lease go, so that a standby never overlaps this controller. */
    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        if (running == null) {
            return;
        }
        running.shutdownNow();
        try {
            running.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (leading.isPresent()) {
                listener.revoked(leading.getAsLong());
                leading = OptionalLong.empty();
            }
        }
        lease.release();
        executor = null;
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        return phase;
    }
}
