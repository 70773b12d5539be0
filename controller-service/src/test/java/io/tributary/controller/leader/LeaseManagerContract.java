package io.tributary.controller.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.controller.leader.LeaseManager.Leadership;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lease state machine against a real database, with time in the test's hands: one clock plays
 * the database's, and each controller has its own local clock (normally moving with it).
 */
abstract class LeaseManagerContract {
    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicReference<Instant> databaseTime = new AtomicReference<>(START);
    private JdbcLeaseStore store;

    abstract DataSource database();

    @BeforeEach
    void migrate() {
        store = new JdbcLeaseStore(database(), Duration.ofSeconds(5));
    }

    @Test
    void oneControllerLeadsAndTheOtherWaits() {
        LeaseManager a = manager("a", databaseTime::get);
        LeaseManager b = manager("b", databaseTime::get);

        assertThat(a.renew()).isEqualTo(new Leadership.Leading(1));
        assertThat(b.renew()).isEqualTo(new Leadership.Standby());

        advance(Duration.ofSeconds(3));
        assertThat(a.renew()).isEqualTo(new Leadership.Leading(1));
        advance(Duration.ofSeconds(7));
        // 10 s after the lease was taken, but it was renewed at 3 s: it holds until 13 s.
        assertThat(b.renew()).isEqualTo(new Leadership.Standby());
        assertThat(a.current()).isEqualTo(new Leadership.Leading(1));
        assertThat(store.current().holder()).isEqualTo("a");
    }

    @Test
    void theStandbyTakesOverUnderAHigherEpochOnceTheLeaderStopsRenewing() {
        LeaseManager a = manager("a", databaseTime::get);
        LeaseManager b = manager("b", databaseTime::get);
        assertThat(a.renew()).isEqualTo(new Leadership.Leading(1));

        // The leader stops believing it leads a margin before the database lets anyone take over.
        advance(Duration.ofSeconds(8));
        assertThat(a.current()).isEqualTo(new Leadership.Standby());
        assertThat(b.renew()).isEqualTo(new Leadership.Standby());

        advance(Duration.ofSeconds(2));
        assertThat(b.renew()).isEqualTo(new Leadership.Leading(2));
        assertThat(a.renew()).isEqualTo(new Leadership.Standby());
        assertThat(store.current().holder()).isEqualTo("b");
    }

    @Test
    void aStaleLeaderCannotRenewOnceAnotherTookTheLease() {
        // A controller whose own clock stood still (a paused process) still believes it leads.
        AtomicReference<Instant> frozen = new AtomicReference<>(START);
        LeaseManager a = manager("a", frozen::get);
        LeaseManager b = manager("b", databaseTime::get);
        assertThat(a.renew()).isEqualTo(new Leadership.Leading(1));

        advance(LEASE);
        assertThat(b.renew()).isEqualTo(new Leadership.Leading(2));
        assertThat(a.current()).isEqualTo(new Leadership.Leading(1));

        assertThat(a.renew()).isEqualTo(new Leadership.Standby());
        assertThat(store.current()).isEqualTo(new Lease("b", 2, databaseTime.get().plus(LEASE)));
        assertThat(b.renew()).isEqualTo(new Leadership.Leading(2));
    }

    @Test
    void aLapsedTermIsNeverResumedButTakenAgainUnderTheNextEpoch() {
        LeaseManager a = manager("a", databaseTime::get);
        assertThat(a.renew()).isEqualTo(new Leadership.Leading(1));

        advance(Duration.ofSeconds(9));
        // Lapsed locally, although the database would still let it renew.
        assertThat(a.current()).isEqualTo(new Leadership.Standby());
        assertThat(a.renew()).isEqualTo(new Leadership.Standby());

        advance(Duration.ofSeconds(1));
        assertThat(a.renew()).isEqualTo(new Leadership.Leading(2));
    }

    @Test
    void aReleasedLeaseIsTakenAtOnce() {
        LeaseManager a = manager("a", databaseTime::get);
        LeaseManager b = manager("b", databaseTime::get);
        assertThat(a.renew()).isEqualTo(new Leadership.Leading(1));

        a.release();

        assertThat(a.current()).isEqualTo(new Leadership.Standby());
        assertThat(b.renew()).isEqualTo(new Leadership.Leading(2));
        assertThat(a.renew()).isEqualTo(new Leadership.Standby());
    }

    @Test
    void controllersRacingForAnExpiredLeaseHaveOneWinner() throws Exception {
        int racers = 4;
        CyclicBarrier barrier = new CyclicBarrier(racers);
        List<Callable<JdbcLeaseStore.Attempt>> attempts = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String holder = "racer-" + i;
            attempts.add(() -> {
                barrier.await();
                return store.tryAcquire(holder, -1, databaseTime.get(), LEASE);
            });
        }
        List<JdbcLeaseStore.Attempt> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(racers)) {
            for (Future<JdbcLeaseStore.Attempt> result : executor.invokeAll(attempts)) {
                results.add(result.get());
            }
        }

        assertThat(results).filteredOn(JdbcLeaseStore.Attempt::won).hasSize(1);
        Lease won = results.stream().filter(JdbcLeaseStore.Attempt::won).findFirst().orElseThrow().lease();
        assertThat(won.epoch()).isEqualTo(1);
        assertThat(store.current()).isEqualTo(won);
    }

    @Test
    void theDatabaseClockIsReadable() {
        assertThat(store.databaseTime()).isBetween(Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofHours(1)));
    }

    private LeaseManager manager(String holder, InstantSource localClock) {
        return new LeaseManager(store, holder, LEASE, databaseTime::get, localClock);
    }

    private void advance(Duration duration) {
        databaseTime.updateAndGet(now -> now.plus(duration));
    }
}
