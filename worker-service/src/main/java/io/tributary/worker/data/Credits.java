package io.tributary.worker.data;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.runtime.ChannelLevel;
import io.tributary.engine.runtime.TaskCancelledException;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A sender's permission to send frames on one remote channel: the receiver grants credits as it
 * hands frames to its input queue, and every frame spends one. A sender without credit waits, so
 * a slow receiver holds its senders back across machines and no sender buffers without bound.
 */
final class Credits {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final String channel;
    private int available;
    /** The most credits ever available at once: the receiver's window, once its first grant came. */
    private int window;
    private Optional<String> failure = Optional.empty();

    /** @param channel the channel, in words, for errors */
    Credits(String channel) {
        this.channel = requireNonNull(channel, "channel is null");
    }

    /**
     * Spends one credit, waiting for a grant if there is none.
     *
     * @throws DataPlaneException if the channel failed before a credit came
     * @throws TaskCancelledException if the sending task was interrupted (cancelled) while waiting
     */
    void acquire() {
        try {
            lock.lockInterruptibly();
            try {
                while (available == 0 && failure.isEmpty()) {
                    changed.await();
                }
                if (failure.isPresent()) {
                    throw new DataPlaneException("cannot send on " + channel + ": " + failure.get());
                }
                available--;
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskCancelledException();
        }
    }

    void grant(int credits) {
        if (credits < 0) {
            throw new IllegalArgumentException("a receiver cannot grant " + credits + " credits on " + channel);
        }
        lock.lock();
        try {
            available += credits;
            window = Math.max(window, available);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The channel is gone: a waiting sender, and every later one, fails with {@code reason}. */
    void fail(String reason) {
        lock.lock();
        try {
            if (failure.isEmpty()) {
                failure = Optional.of(reason);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Why the channel failed, once it has. */
    Optional<String> failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    int available() {
        lock.lock();
        try {
            return available;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The window as a channel's level: credits spent are frames on their way to the receiver's
     * queue, and a sender waiting for one is held back whatever the window.
     */
    ChannelLevel level() {
        lock.lock();
        try {
            double fill = lock.hasWaiters(changed) ? 1 : window == 0 ? 0 : 1 - (double) available / window;
            return new ChannelLevel(window, available, fill);
        } finally {
            lock.unlock();
        }
    }

    /** Whether a sender waits for a credit now. */
    boolean hasWaitingSender() {
        lock.lock();
        try {
            return lock.hasWaiters(changed);
        } finally {
            lock.unlock();
        }
    }
}
