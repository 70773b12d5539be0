package io.tributary.controller.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Two controllers' elections on one database: the second takes over when the first shuts down. */
class LeaderElectionTest {
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final InstantSource MONOTONIC = () -> Instant.EPOCH.plusNanos(System.nanoTime());

    /** What a controller was told, in order: "+1" elected under epoch 1, "-1" revoked. */
    private static final class Recording implements LeadershipListener {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void elected(long epoch) {
            calls.add("+" + epoch);
        }

        @Override
        public void revoked(long epoch) {
            calls.add("-" + epoch);
        }
    }

    @Test
    void theStandbyIsElectedUnderTheNextEpochWhenTheLeaderShutsDown() {
        DataSource database = TestDatabases.h2();
        Recording first = new Recording();
        Recording second = new Recording();
        LeaderElection a = election(database, "a", first);
        LeaderElection b = election(database, "b", second);
        try {
            a.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> first.calls.equals(List.of("+1")));
            b.start();

            a.stop();
            assertThat(first.calls).containsExactly("+1", "-1");
            await().atMost(Duration.ofSeconds(30)).until(() -> second.calls.equals(List.of("+2")));
        } finally {
            a.stop();
            b.stop();
        }
        assertThat(second.calls).containsExactly("+2", "-2");
    }

    private static LeaderElection election(DataSource database, String holder, LeadershipListener listener) {
        var store = new JdbcLeaseStore(database, Duration.ofSeconds(1));
        var lease = new LeaseManager(store, holder, LEASE, Clock.systemUTC(), MONOTONIC);
        return new LeaderElection(lease, listener, LEASE.dividedBy(3), Duration.ofMillis(300), 0);
    }
}
