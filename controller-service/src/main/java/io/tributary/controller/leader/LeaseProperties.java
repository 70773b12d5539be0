package io.tributary.controller.leader;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tributary.controller.lease-duration}: how long the controller lease lasts after each
 * renewal. The leader renews it every third of that; a standby takes over at most a duration and a
 * third after the leader was last heard from. (Beside {@code ControllerProperties} under the same
 * prefix, so that its positional constructor, used by tests, stays as it is.)
 */
@ConfigurationProperties("tributary.controller")
public record LeaseProperties(@DefaultValue("10s") Duration leaseDuration) {
    public LeaseProperties {
        requireNonNull(leaseDuration, "leaseDuration is null");
        if (leaseDuration.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalArgumentException("tributary.controller.lease-duration must be at least 3s, got "
                    + leaseDuration);
        }
    }

    public Duration renewInterval() {
        return leaseDuration.dividedBy(3);
    }

    /** How often a lapse is looked for between renewals. */
    public Duration checkInterval() {
        Duration tenth = leaseDuration.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(1)) < 0 ? tenth : Duration.ofSeconds(1);
    }
}
