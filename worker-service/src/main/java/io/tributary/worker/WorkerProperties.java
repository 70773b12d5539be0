package io.tributary.worker;

import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code tributary.worker.*}: how a standalone worker process joins its controller. */
@ConfigurationProperties("tributary.worker")
public record WorkerProperties(
        Optional<String> id,
        @DefaultValue("localhost:9190") String controllerAddress,
        @DefaultValue("0.0.0.0") String bindHost,
        @DefaultValue("localhost") String advertisedHost,
        @DefaultValue("9191") int rpcPort,
        @DefaultValue("4") int slots,
        Optional<String> jobId,
        @DefaultValue("0") long runId,
        @DefaultValue("2s") Duration heartbeatInterval) {

    /** Spring binds an absent optional property as null, not as an empty Optional. */
    public WorkerProperties {
        id = id == null ? Optional.empty() : id;
        jobId = jobId == null ? Optional.empty() : jobId;
    }

    WorkerConfig toConfig() {
        return new WorkerConfig(id.orElseGet(() -> "worker-" + java.util.UUID.randomUUID()), controllerAddress,
                bindHost, advertisedHost, rpcPort, slots, jobId, runId, heartbeatInterval);
    }
}
