package io.tributary.controller.rpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tributary.controller.job.JobEvent;
import io.tributary.controller.job.JobEventRouter;
import io.tributary.controller.metrics.MetricsHistory;
import io.tributary.controller.output.OutputHub;
import io.tributary.proto.control.Ack;
import io.tributary.proto.control.CheckpointReport;
import io.tributary.proto.control.ControllerServiceGrpc;
import io.tributary.proto.control.HeartbeatRequest;
import io.tributary.proto.control.HeartbeatResponse;
import io.tributary.proto.control.RegisterWorkerRequest;
import io.tributary.proto.control.RegisterWorkerResponse;
import io.tributary.proto.control.SinkData;
import io.tributary.proto.control.TaskEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The controller's side of the control plane: what workers call. */
@Component
public class ControllerRpc extends ControllerServiceGrpc.ControllerServiceImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerRpc.class);

    private final WorkerRegistry workers;
    private final JobEventRouter router;
    private final OutputHub output;
    private final MetricsHistory metrics;

    public ControllerRpc(WorkerRegistry workers, JobEventRouter router, OutputHub output, MetricsHistory metrics) {
        this.workers = workers;
        this.router = router;
        this.output = output;
        this.metrics = metrics;
    }

    @Override
    public void registerWorker(RegisterWorkerRequest request, StreamObserver<RegisterWorkerResponse> response) {
        if (request.getWorkerId().isBlank() || request.getRpcAddress().isBlank() || request.getSlots() < 1) {
            response.onError(Status.INVALID_ARGUMENT
                    .withDescription("a worker registers with an id, an rpc address and at least one slot")
                    .asRuntimeException());
            return;
        }
        if (!router.leading()) {
            // A standby's registry is never read: the worker tries the next controller address until the leader's.
            response.onError(Status.FAILED_PRECONDITION
                    .withDescription("this controller is a standby; register with the leader")
                    .asRuntimeException());
            return;
        }
        WorkerHandle handle = workers.register(request);
        if (request.getExecutionsCount() > 0) {
            // A worker of a previous leader's run: the job's supervisor finds it in the registry when it adopts the run.
            LOG.info("worker {} re-registered at {} running {}", request.getWorkerId(), request.getRpcAddress(),
                    request.getExecutionsList().stream()
                            .map(execution -> "job " + execution.getJobId() + " run " + execution.getRunId()).toList());
        } else if (request.getJobId().isEmpty()) {
            LOG.info("worker {} joined the pool at {} with {} slots", request.getWorkerId(), request.getRpcAddress(),
                    request.getSlots());
        } else if (!router.deliver(request.getJobId(), new JobEvent.WorkerRegistered(handle))) {
            workers.remove(request.getWorkerId());
            response.onError(Status.FAILED_PRECONDITION
                    .withDescription("job '" + request.getJobId() + "' is not waiting for workers on this controller")
                    .asRuntimeException());
            return;
        }
        LOG.info("worker {} registered for job {} run {} at {}", request.getWorkerId(), request.getJobId(),
                request.getRunId(), request.getRpcAddress());
        response.onNext(RegisterWorkerResponse.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> response) {
        if (!workers.heartbeat(request.getWorkerId())) {
            response.onError(Status.NOT_FOUND
                    .withDescription("worker '" + request.getWorkerId() + "' is not registered")
                    .asRuntimeException());
            return;
        }
        metrics.record(request.getJobMetricsList());
        response.onNext(HeartbeatResponse.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void reportTaskEvent(TaskEvent request, StreamObserver<Ack> response) {
        workers.heartbeat(request.getWorkerId());
        if (!router.deliver(request.getJobId(), new JobEvent.TaskReported(request))) {
            LOG.debug("dropping a task event of job {} which no supervisor here runs", request.getJobId());
        }
        response.onNext(Ack.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void sendSinkData(SinkData request, StreamObserver<Ack> response) {
        output.append(request);
        response.onNext(Ack.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void reportCheckpoint(CheckpointReport request, StreamObserver<Ack> response) {
        workers.heartbeat(request.getWorkerId());
        String jobId = request.getCheckpoint().getJobId();
        if (!router.deliver(jobId, new JobEvent.CheckpointReported(request.getWorkerId(), request.getCheckpoint()))) {
            LOG.debug("dropping a checkpoint report of job {} which no supervisor here runs", jobId);
        }
        response.onNext(Ack.getDefaultInstance());
        response.onCompleted();
    }
}
