package io.tributary.controller.leader;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Whether this controller leads, by the lease in the database.
 *
 * <p>Expiries are compared on one clock, the database's (passed in as {@code databaseClock}), so that
 * controllers whose own clocks disagree cannot take a lease before it really expired. A time read
 * before the statement that uses it is always in the past by then, which only errs on the safe side:
 * a renewal expires a little early, a take-over comes a little late.
 *
 * <p>This controller believes it leads only until {@code duration} minus a margin has passed on its
 * own monotonic clock ({@code localClock}) since it sent its last successful renewal; the database
 * lets another controller take the lease only after the full {@code duration} from a moment after
 * that. So a leader cut off from the database stops acting before anyone else can start. A term,
 * once lapsed, is never resumed: the lease is then taken afresh under a higher epoch, so the epochs
 * this controller is elected under strictly increase.
 */
public final class LeaseManager {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseManager.class);
    private static final long NO_EPOCH = -1;

    /** What this controller knows of its leadership. */
    public sealed interface Leadership {
        /** Holds the lease under this epoch, its fencing token. */
        record Leading(long epoch) implements Leadership {}

        /** Another controller leads, or none does and this one has not taken the lease yet. */
        record Standby() implements Leadership {}
    }

    /** A term this controller holds, and until when (on its local clock) it may act on it. */
    private record Term(long epoch, Instant validUntil) {}

    private final JdbcLeaseStore store;
    private final String holderId;
    private final Duration duration;
    private final Duration margin;
    private final InstantSource databaseClock;
    private final InstantSource localClock;
    private Optional<Term> term = Optional.empty();
    private long lapsedEpoch = NO_EPOCH;

    /**
     * @param holderId this controller's id, unique among the instances sharing the database
     * @param duration how long a lease lasts after it was taken or renewed
     * @param databaseClock the time every controller compares expiries against
     * @param localClock a monotonic clock that decides when this controller stops believing it leads
     */
    public LeaseManager(JdbcLeaseStore store, String holderId, Duration duration, InstantSource databaseClock,
            InstantSource localClock) {
        this.store = requireNonNull(store, "store is null");
        this.holderId = requireNonNull(holderId, "holderId is null");
        this.duration = requireNonNull(duration, "duration is null");
        this.databaseClock = requireNonNull(databaseClock, "databaseClock is null");
        this.localClock = requireNonNull(localClock, "localClock is null");
        if (holderId.isBlank()) {
            throw new IllegalArgumentException("a controller needs an id to hold the lease");
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the lease must last at least 1 s, got " + duration);
        }
        // Time for a leader that could not renew to stop its jobs before a standby may take over.
        this.margin = duration.dividedBy(5);
    }

    public String holderId() {
        return holderId;
    }

    /** One attempt to take or renew the lease. A database that cannot be reached keeps the term until it lapses. */
    public Leadership renew() {
        Instant sent = localClock.instant();
        long heldEpoch = current() instanceof Leadership.Leading leading ? leading.epoch() : NO_EPOCH;
        JdbcLeaseStore.Attempt attempt;
        try {
            attempt = store.tryAcquire(holderId, heldEpoch, databaseClock.instant(), duration);
        } catch (DataAccessException e) {
            LOG.warn("controller {} could not {} the lease: {}", holderId, heldEpoch == NO_EPOCH ? "take" : "renew",
                    e.getMessage());
            return current();
        }
        synchronized (this) {
            Lease lease = attempt.lease();
            if (attempt.won() && lease.epoch() > lapsedEpoch) {
                if (term.isEmpty() || term.get().epoch() != lease.epoch()) {
                    LOG.info("controller {} leads under lease epoch {}", holderId, lease.epoch());
                }
                term = Optional.of(new Term(lease.epoch(), sent.plus(duration).minus(margin)));
            } else if (term.isPresent()) {
                LOG.warn("controller {} lost the lease of epoch {}; {} holds epoch {}", holderId, term.get().epoch(),
                        lease.holder(), lease.epoch());
                lapse();
            }
        }
        return current();
    }

    /** Whether this controller leads now, by its own clock: a term not renewed in time lapses here. */
    public synchronized Leadership current() {
        if (term.isPresent() && !localClock.instant().isBefore(term.get().validUntil())) {
            LOG.warn("controller {}: the lease of epoch {} lapsed before it was renewed", holderId, term.get().epoch());
            lapse();
        }
        return term.<Leadership>map(held -> new Leadership.Leading(held.epoch())).orElseGet(Leadership.Standby::new);
    }

    /** Gives the lease up, so that a standby takes over without waiting for it to expire. */
    public void release() {
        long epoch;
        synchronized (this) {
            if (term.isEmpty()) {
                return;
            }
            epoch = term.get().epoch();
            lapse();
        }
        try {
            store.release(holderId, epoch);
            LOG.info("controller {} released the lease of epoch {}", holderId, epoch);
        } catch (DataAccessException e) {
            LOG.warn("controller {} could not release the lease of epoch {}; it expires by itself: {}", holderId, epoch,
                    e.getMessage());
        }
    }

    private void lapse() {
        term.ifPresent(held -> lapsedEpoch = Math.max(lapsedEpoch, held.epoch()));
        term = Optional.empty();
    }
}
