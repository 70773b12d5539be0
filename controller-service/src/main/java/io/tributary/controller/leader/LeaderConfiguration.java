package io.tributary.controller.leader;

import io.tributary.controller.job.JobManager;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LeaderConfiguration {
    /** {@code System.nanoTime} as an instant source: it never jumps with the wall clock. */
    private static final InstantSource MONOTONIC = () -> Instant.EPOCH.plusNanos(System.nanoTime());

    @Bean
    LeaderElection leaderElection(DataSource dataSource, LeaseProperties properties, JobManager jobs) {
        var store = new JdbcLeaseStore(dataSource, properties.renewInterval());
        var lease = new LeaseManager(store, instanceId(), properties.leaseDuration(), store::databaseTime, MONOTONIC);
        // Starts after the job manager and stops before it: jobs are released before the lease is.
        return new LeaderElection(lease, jobs, properties.renewInterval(), properties.checkInterval(),
                JobManager.PHASE + 100);
    }

    /** The host (a pod's name in Kubernetes) and a random part: restarts on one host are new instances. */
    private static String instanceId() {
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(name -> !name.isBlank()).orElse("controller");
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
