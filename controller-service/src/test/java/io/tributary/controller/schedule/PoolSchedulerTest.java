package io.tributary.controller.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.controller.rpc.WorkerRegistry;
import io.tributary.proto.control.RegisterWorkerRequest;
import io.tributary.proto.control.RunningExecution;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoolSchedulerTest {
    private final WorkerRegistry registry = new WorkerRegistry();
    private final PoolScheduler scheduler = new PoolScheduler(registry);

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void aWorkerBackWithAPreviousLeadersRunIsNotGivenToAnotherJobUntilThatRunEnds() throws Exception {
        register("reattached", Optional.of(RunningExecution.newBuilder().setJobId("job_a").setRunId(3).build()));
        WorkerRequest other = new WorkerRequest("job_b", 1, 1, 2);

        assertThatThrownBy(() -> scheduler.startWorkers(other)).hasMessageContaining("needs 1 idle worker");

        scheduler.adopt("job_a", 3, List.of("reattached"));
        assertThatThrownBy(() -> scheduler.startWorkers(other)).hasMessageContaining("1 busy");

        scheduler.stopWorkers("job_a", 3);
        assertThat(scheduler.startWorkers(other)).containsExactly("reattached");
    }

    @Test
    void aRunLetGoWithoutAdoptionFreesItsWorkers() throws Exception {
        register("reattached", Optional.of(RunningExecution.newBuilder().setJobId("job_a").setRunId(3).build()));
        register("fresh", Optional.empty());
        WorkerRequest two = new WorkerRequest("job_b", 1, 2, 2);

        assertThatThrownBy(() -> scheduler.startWorkers(two)).hasMessageContaining("the pool has 1");

        scheduler.stopWorkers("job_a", 3);
        assertThat(scheduler.startWorkers(two)).containsExactlyInAnyOrder("reattached", "fresh");
    }

    private void register(String id, Optional<RunningExecution> execution) {
        var request = RegisterWorkerRequest.newBuilder().setWorkerId(id).setRpcAddress("127.0.0.1:1").setSlots(4);
        execution.ifPresent(request::addExecutions);
        registry.register(request.build());
    }
}
