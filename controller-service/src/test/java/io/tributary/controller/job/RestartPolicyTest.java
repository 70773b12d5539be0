package io.tributary.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final RestartPolicy policy = new RestartPolicy(5, Duration.ofMinutes(10), Duration.ofSeconds(1),
            Duration.ofSeconds(10));

    @Test
    void waitsDoubleWithEachRestartUpToTheLongest() {
        assertThat(policy.restart(T0)).contains(Duration.ofSeconds(1));
        assertThat(policy.restart(T0.plusSeconds(1))).contains(Duration.ofSeconds(2));
        assertThat(policy.restart(T0.plusSeconds(2))).contains(Duration.ofSeconds(4));
        assertThat(policy.restart(T0.plusSeconds(3))).contains(Duration.ofSeconds(8));
        assertThat(policy.restart(T0.plusSeconds(4))).contains(Duration.ofSeconds(10));
    }

    @Test
    void theBudgetIsSpentWithinTheWindowAndReturnsAsRestartsAgeOut() {
        for (int i = 0; i < 5; i++) {
            assertThat(policy.restart(T0.plusSeconds(i))).isPresent();
        }

        assertThat(policy.restart(T0.plusSeconds(60))).isEmpty();
        assertThat(policy.restart(T0.plus(Duration.ofMinutes(10)).plusSeconds(1)))
                .as("two restarts left the window; three remain")
                .contains(Duration.ofSeconds(8));
    }

    @Test
    void aJobThatRanQuietlyForAWindowStartsFromTheShortestWait() {
        policy.restart(T0);
        policy.restart(T0.plusSeconds(1));

        assertThat(policy.restart(T0.plus(Duration.ofMinutes(11)))).contains(Duration.ofSeconds(1));
    }

    @Test
    void describesItsBudget() {
        assertThat(policy.budget()).isEqualTo("5 restarts within 10 minutes");
        assertThat(new RestartPolicy(1, Duration.ofSeconds(90), Duration.ofSeconds(1), Duration.ofSeconds(1)).budget())
                .isEqualTo("1 restart within 90 s");
    }
}
