package io.tributary.worker;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a worker joins a controller.
 *
 * @param workerId unique among the controller's workers
 * @param controllerAddress host:port of the controller's gRPC control plane; with controllers in
 *     standby, every controller's, comma-separated: the worker registers with whichever leads
 * @param bindHost where the worker's own gRPC server listens
 * @param advertisedHost how the controller and other workers reach this worker
 * @param rpcPort the worker's gRPC port; 0 picks a free one
 * @param slots how many parallel lanes of subtasks the worker runs
 * @param jobId the job the worker was started for (embedded and process schedulers), absent for a pooled worker
 * @param runId the run of that job
 * @param heartbeatInterval how often the worker tells the controller it is alive
 */
public record WorkerConfig(
        String workerId,
        String controllerAddress,
        String bindHost,
        String advertisedHost,
        int rpcPort,
        int slots,
        Optional<String> jobId,
        long runId,
        Duration heartbeatInterval) {
    public WorkerConfig {
        requireNonNull(workerId, "workerId is null");
        requireNonNull(controllerAddress, "controllerAddress is null");
        requireNonNull(bindHost, "bindHost is null");
        requireNonNull(advertisedHost, "advertisedHost is null");
        requireNonNull(jobId, "jobId is null");
        requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        if (slots < 1) {
            throw new IllegalArgumentException("a worker needs at least one slot, got " + slots);
        }
        if (rpcPort < 0 || rpcPort > 65535) {
            throw new IllegalArgumentException("rpcPort out of range: " + rpcPort);
        }
        if (addresses(controllerAddress).isEmpty()) {
            throw new IllegalArgumentException("a worker needs a controller address, got '" + controllerAddress + "'");
        }
    }

    /** The controllers' addresses, in the order the worker tries them. */
    public List<String> controllerAddresses() {
        return addresses(controllerAddress);
    }

    private static List<String> addresses(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(address -> !address.isEmpty())
                .toList();
    }
}
