package io.tributary.worker;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tributary.engine.batch.Allocators;
import io.tributary.engine.checkpoint.CheckpointStoreException;
import io.tributary.engine.checkpoint.CheckpointStores;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.engine.metrics.OperatorMetrics;
import io.tributary.engine.metrics.SubtaskMetrics;
import io.tributary.engine.runtime.ExecutionListener;
import io.tributary.engine.runtime.ExecutionOptions;
import io.tributary.engine.runtime.ExecutionSpec;
import io.tributary.engine.runtime.JobExecution;
import io.tributary.engine.runtime.StopMode;
import io.tributary.engine.runtime.SubtaskId;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import io.tributary.proto.control.CheckpointReport;
import io.tributary.proto.control.CheckpointRequest;
import io.tributary.proto.control.CheckpointResponse;
import io.tributary.proto.control.CommitRequest;
import io.tributary.proto.control.CommitResponse;
import io.tributary.proto.control.ControllerServiceGrpc;
import io.tributary.proto.control.HeartbeatRequest;
import io.tributary.proto.control.JobMetrics;
import io.tributary.proto.control.RegisterWorkerRequest;
import io.tributary.proto.control.RunningExecution;
import io.tributary.proto.control.RunningSubtask;
import io.tributary.proto.control.SinkData;
import io.tributary.proto.control.StartExecutionRequest;
import io.tributary.proto.control.StartExecutionResponse;
import io.tributary.proto.control.StopExecutionRequest;
import io.tributary.proto.control.StopExecutionResponse;
import io.tributary.proto.control.TaskAssignment;
import io.tributary.proto.control.TaskEvent;
import io.tributary.proto.control.TaskEventType;
import io.tributary.proto.control.WorkerServiceGrpc;
import io.tributary.worker.data.DataPlaneClient;
import io.tributary.worker.data.DataPlaneService;
import io.tributary.worker.data.InboundExecutions;
import io.tributary.worker.udf.UdfLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker: serves the controller's {@code WorkerService} over gRPC, registers, sends heartbeats,
 * and runs the subtasks assigned to it with the engine, reporting their lives back. Plain Java,
 * so that the embedded scheduler can run workers inside the controller's JVM over the very same
 * gRPC contract as a worker in its own container.
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    /** Frames a remote sender may have on the way to one of this worker's subtasks before it takes any. */
    private static final int INITIAL_CREDITS = 8;
    /** How long a stream from another worker waits for its run to start here. */
    private static final Duration RUN_START_WAIT = Duration.ofSeconds(60);
    /** How long a worker waits for a controller to take its first registration. */
    private static final Duration REGISTRATION_WAIT = Duration.ofSeconds(60);
    /** With several controller addresses, how long each is tried before the next (one of them is a standby). */
    private static final Duration STANDBY_RETRY = Duration.ofSeconds(2);

    private final WorkerConfig config;
    private final ConnectorRegistry connectors;
    /** One channel per controller address: a standby refuses registrations, the leader takes them. */
    private final List<ManagedChannel> controllerChannels;
    /** Index of the channel to the controller this worker is registered with. */
    private volatile int leader;
    private final Server server;
    private final ScheduledExecutorService heartbeats;
    private final Map<String, JobExecution> executions = new ConcurrentHashMap<>();
    /** Each execution's reporter, which knows its run and which of its subtasks still run. */
    private final Map<JobExecution, Reporter> running = new ConcurrentHashMap<>();
    /** Reporters of ended executions whose controller has not heard of every end yet (it died meanwhile). */
    private final Set<Reporter> unreported = ConcurrentHashMap.newKeySet();
    private final Map<JobExecution, DataPlaneClient> dataClients = new ConcurrentHashMap<>();
    private final InboundExecutions inbound = new InboundExecutions(RUN_START_WAIT);
    private final BufferAllocator dataAllocator;

    private Worker(WorkerConfig config, ConnectorRegistry connectors) {
        this.config = config;
        this.connectors = connectors;
        this.controllerChannels = config.controllerAddresses().stream()
                .map(address -> (ManagedChannel) NettyChannelBuilder.forTarget(address).usePlaintext().build())
                .toList();
        this.dataAllocator = Allocators.root().newChildAllocator("data-plane-" + config.workerId(), 0, Long.MAX_VALUE);
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(config.bindHost(), config.rpcPort()))
                .addService(new WorkerRpc())
                .addService(new DataPlaneService(inbound, dataAllocator, INITIAL_CREDITS))
                .build();
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("worker-heartbeat-" + config.workerId()).daemon().factory());
    }

    /** Starts the worker's server and registers it with the controller. */
    public static Worker start(WorkerConfig config, ConnectorRegistry connectors) {
        Worker worker = new Worker(config, connectors);
        try {
            worker.server.start();
        } catch (IOException e) {
            worker.controllerChannels.forEach(ManagedChannel::shutdownNow);
            throw new UncheckedIOException("cannot start worker " + config.workerId() + "'s gRPC server on "
                    + config.bindHost() + ":" + config.rpcPort(), e);
        }
        try {
            worker.register();
        } catch (RuntimeException e) {
            worker.close();
            throw e;
        }
        long interval = config.heartbeatInterval().toMillis();
        worker.heartbeats.scheduleAtFixedRate(worker::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
        return worker;
    }

    public String workerId() {
        return config.workerId();
    }

    public int rpcPort() {
        return server.getPort();
    }

    private String rpcAddress() {
        return config.advertisedHost() + ":" + server.getPort();
    }

    private ControllerServiceGrpc.ControllerServiceBlockingStub controller() {
        return ControllerServiceGrpc.newBlockingStub(controllerChannels.get(leader));
    }

    /**
     * Registers with whichever controller leads, trying the addresses in turn. Waits for a
     * controller to come up (containers start in any order) for up to a minute rather than failing
     * at once; with one address, all of that minute goes to it.
     */
    private void register() {
        Duration perAttempt = controllerChannels.size() == 1 ? REGISTRATION_WAIT : STANDBY_RETRY;
        long deadline = System.nanoTime() + REGISTRATION_WAIT.toNanos();
        while (true) {
            Optional<StatusRuntimeException> refused = registerOnce(perAttempt, true);
            if (refused.isEmpty()) {
                return;
            }
            Status.Code code = refused.get().getStatus().getCode();
            boolean retryable = code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                    || code == Status.Code.FAILED_PRECONDITION;
            if (!retryable || System.nanoTime() > deadline) {
                throw refused.get();
            }
        }
    }

    /**
     * One round over the controller addresses, from the one last used: the first that takes the
     * registration becomes this worker's controller.
     *
     * @return the last refusal when none took it
     */
    private Optional<StatusRuntimeException> registerOnce(Duration perAddress, boolean waitForReady) {
        RegisterWorkerRequest request = RegisterWorkerRequest.newBuilder()
                .setWorkerId(config.workerId())
                .setJobId(config.jobId().orElse(""))
                .setRunId(config.runId())
                .setRpcAddress(rpcAddress())
                .setDataAddress(rpcAddress())
                .setSlots(config.slots())
                .addAllExecutions(reporters().stream().map(Reporter::running).toList())
                .build();
        StatusRuntimeException last = null;
        for (int attempt = 0; attempt < controllerChannels.size(); attempt++) {
            int candidate = (leader + attempt) % controllerChannels.size();
            var stub = ControllerServiceGrpc.newBlockingStub(controllerChannels.get(candidate));
            try {
                (waitForReady ? stub.withWaitForReady() : stub)
                        .withDeadlineAfter(perAddress.toMillis(), TimeUnit.MILLISECONDS)
                        .registerWorker(request);
                leader = candidate;
                LOG.info("worker {} registered with the controller at {} ({} slots, {} running executions)",
                        config.workerId(), config.controllerAddresses().get(candidate), config.slots(),
                        request.getExecutionsCount());
                reporters().forEach(Reporter::redeliver);
                unreported.removeIf(Reporter::told);
                return Optional.empty();
            } catch (StatusRuntimeException e) {
                last = e;
            }
        }
        return Optional.of(last);
    }

    /** Tells the controller the worker lives, with the metrics of every job it runs. */
    private void heartbeat() {
        try {
            HeartbeatRequest.Builder request = HeartbeatRequest.newBuilder()
                    .setWorkerId(config.workerId())
                    .setJobId(config.jobId().orElse(""))
                    .setTimeMicros(nowMicros());
            executions.forEach((jobId, execution) -> request.addJobMetrics(JobMetrics.newBuilder()
                    .setJobId(jobId)
                    .addAllSubtasks(execution.metrics().stream().map(Worker::toProto).toList())));
            controller().withDeadlineAfter(10, TimeUnit.SECONDS).heartbeat(request.build());
        } catch (StatusRuntimeException e) {
            LOG.warn("worker {} could not send a heartbeat: {}", config.workerId(), e.getMessage());
            if (reRegisters(e.getStatus().getCode())) {
                registerOnce(config.heartbeatInterval(), false).ifPresent(refused -> LOG.warn(
                        "worker {} found no leading controller to re-register with: {}", config.workerId(),
                        refused.getMessage()));
            }
        } catch (RuntimeException e) {
            LOG.warn("worker {} could not send a heartbeat: {}", config.workerId(), e.getMessage());
        }
    }

    /**
     * Whether a failed heartbeat means this worker must register again: the controller does not
     * know it (it restarted, or a standby took over), or cannot be reached (it died, and another
     * address may lead now). Only pool and Kubernetes workers get that far: embedded and process
     * workers end with their controller.
     */
    private static boolean reRegisters(Status.Code code) {
        return code == Status.Code.NOT_FOUND || code == Status.Code.UNAVAILABLE
                || code == Status.Code.FAILED_PRECONDITION;
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        executions.values().forEach(execution -> execution.stop(StopMode.IMMEDIATE));
        executions.values().forEach(JobExecution::close);
        executions.clear();
        dataClients.values().forEach(DataPlaneClient::close);
        dataClients.clear();
        server.shutdownNow();
        controllerChannels.forEach(ManagedChannel::shutdownNow);
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
            for (ManagedChannel channel : controllerChannels) {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            dataAllocator.close();
        } catch (IllegalStateException e) {
            LOG.error("worker {} leaked Arrow memory of batches received from other workers", config.workerId(), e);
        }
    }

    /** Executions running, and ended ones with ends still to report. */
    private List<Reporter> reporters() {
        List<Reporter> all = new ArrayList<>(running.values());
        all.addAll(unreported);
        return all;
    }

    /** The execution's streams to other workers go once they delivered what its ended tasks sent. */
    private void release(JobExecution execution) {
        Reporter reporter = running.remove(execution);
        if (reporter != null && !reporter.told()) {
            unreported.add(reporter);
        }
        DataPlaneClient client = dataClients.remove(execution);
        if (client != null) {
            client.close();
        }
    }

    private static io.tributary.proto.control.SubtaskMetrics toProto(SubtaskMetrics subtask) {
        var proto = io.tributary.proto.control.SubtaskMetrics.newBuilder()
                .setNodeId(subtask.nodeId())
                .setSubtaskIndex(subtask.subtaskIndex())
                .setCapturedAtMicros(subtask.capturedAtMicros())
                .setTxQueueSize(subtask.txQueueSize())
                .setTxQueueRemaining(subtask.txQueueRemaining())
                .setBackpressure(subtask.backpressure())
                .setSendNanos(subtask.sendNanos());
        for (OperatorMetrics operator : subtask.operators()) {
            var metrics = io.tributary.proto.control.OperatorMetrics.newBuilder()
                    .setOperatorId(operator.operatorId())
                    .setMessagesIn(operator.messagesIn())
                    .setBytesIn(operator.bytesIn())
                    .setBatchesIn(operator.batchesIn())
                    .setMessagesOut(operator.messagesOut())
                    .setBytesOut(operator.bytesOut())
                    .setBatchesOut(operator.batchesOut());
            operator.watermarkMicros().ifPresent(metrics::setWatermarkMicros);
            operator.lookup().ifPresent(lookup -> metrics.setLookup(io.tributary.proto.control.LookupMetrics.newBuilder()
                    .setHits(lookup.hits())
                    .setMisses(lookup.misses())
                    .setLookups(lookup.lookups())
                    .setCacheEntries(lookup.cacheEntries())
                    .setCacheBytes(lookup.cacheBytes())));
            proto.addOperators(metrics);
        }
        return proto.build();
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    private final class WorkerRpc extends WorkerServiceGrpc.WorkerServiceImplBase {
        @Override
        public void startExecution(StartExecutionRequest request, StreamObserver<StartExecutionResponse> response) {
            Set<SubtaskId> local = request.getTasksList().stream()
                    .filter(task -> task.getWorkerId().equals(config.workerId()))
                    .map(task -> new SubtaskId(task.getNodeId(), task.getSubtaskIndex()))
                    .collect(Collectors.toUnmodifiableSet());
            if (local.isEmpty()) {
                response.onError(Status.INVALID_ARGUMENT
                        .withDescription("no subtask of job " + request.getJobId() + " is assigned to worker "
                                + config.workerId())
                        .asRuntimeException());
                return;
            }
            // Subtasks on other workers are reached through their workers' data planes.
            Map<SubtaskId, String> remote = request.getTasksList().stream()
                    .filter(task -> !task.getWorkerId().equals(config.workerId()))
                    .collect(Collectors.toUnmodifiableMap(task -> new SubtaskId(task.getNodeId(), task.getSubtaskIndex()),
                            TaskAssignment::getWorkerDataAddress));
            DataPlaneClient dataClient = new DataPlaneClient(request.getJobId(), request.getRunId(), remote);
            try {
                Reporter reporter = new Reporter(request.getJobId(), request.getRunId(), local);
                OptionalLong restoreEpoch = request.hasRestoreEpoch()
                        ? OptionalLong.of(request.getRestoreEpoch())
                        : OptionalLong.empty();
                ExecutionOptions options = ExecutionOptions.defaults().withRemoteChannels(dataClient);
                if (!request.getStateUrl().isEmpty()) {
                    options = options.withCheckpointStore(CheckpointStores.open(request.getStateUrl()));
                }
                options = options.withCompiler(options.compiler().withUdfs(
                        UdfLoader.shared().load(request.getProgram().getUdfsList())));
                JobExecution execution = JobExecution.start(new ExecutionSpec(request.getJobId(), request.getProgram(),
                        local, connectors, reporter, restoreEpoch), options);
                dataClients.put(execution, dataClient);
                running.put(execution, reporter);
                inbound.register(request.getJobId(), request.getRunId(), execution);
                reporter.attach(execution);
                JobExecution previous = executions.put(request.getJobId(), execution);
                if (previous != null) {
                    previous.stop(StopMode.IMMEDIATE);
                    previous.close();
                    release(previous);
                }
                response.onNext(StartExecutionResponse.getDefaultInstance());
                response.onCompleted();
            } catch (RuntimeException e) {
                dataClient.close();
                respondStartFailed(request, e, response);
            }
        }

        private void respondStartFailed(StartExecutionRequest request, RuntimeException failure,
                StreamObserver<StartExecutionResponse> response) {
            boolean restoring = failure instanceof CheckpointStoreException;
            LOG.warn("worker {} could not {} job {}", config.workerId(), restoring ? "restore" : "start",
                    request.getJobId(), failure);
            response.onError((restoring ? Status.FAILED_PRECONDITION : Status.INVALID_ARGUMENT)
                    .withDescription(failure.getMessage()).withCause(failure).asRuntimeException());
        }

        @Override
        public void stopExecution(StopExecutionRequest request, StreamObserver<StopExecutionResponse> response) {
            JobExecution execution = executions.get(request.getJobId());
            if (execution != null) {
                execution.stop(switch (request.getStopMode()) {
                    case IMMEDIATE -> StopMode.IMMEDIATE;
                    case GRACEFUL, STOP_MODE_UNSPECIFIED, UNRECOGNIZED -> StopMode.GRACEFUL;
                });
            }
            response.onNext(StopExecutionResponse.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void checkpoint(CheckpointRequest request, StreamObserver<CheckpointResponse> response) {
            JobExecution execution = executions.get(request.getJobId());
            if (execution == null) {
                response.onError(notRunning(request.getJobId(), "checkpoint " + request.getEpoch()));
                return;
            }
            execution.triggerCheckpoint(request.getEpoch(), request.getThenStop());
            response.onNext(CheckpointResponse.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void commit(CommitRequest request, StreamObserver<CommitResponse> response) {
            JobExecution execution = executions.get(request.getJobId());
            if (execution == null) {
                response.onError(notRunning(request.getJobId(), "commit checkpoint " + request.getEpoch()));
                return;
            }
            execution.commitCheckpoint(request.getEpoch());
            response.onNext(CommitResponse.getDefaultInstance());
            response.onCompleted();
        }

        private RuntimeException notRunning(String jobId, String attempted) {
            return Status.NOT_FOUND
                    .withDescription("worker " + config.workerId() + " cannot " + attempted + ": it runs no job " + jobId)
                    .asRuntimeException();
        }
    }

    /** Tells the controller what the engine reports; calls come from the subtasks' threads. */
    private final class Reporter implements ExecutionListener {
        private final String jobId;
        private final long runId;
        private final Set<SubtaskId> local;
        /** Subtasks whose end the controller was told of. */
        private final Set<SubtaskId> ended = ConcurrentHashMap.newKeySet();
        /** Ends that could not be reported (no controller led): sent again once the worker re-registered. */
        private final Map<SubtaskId, TaskEvent> undelivered = new ConcurrentHashMap<>();
        private final AtomicInteger running;
        private final CompletableFuture<JobExecution> execution = new CompletableFuture<>();

        Reporter(String jobId, long runId, Set<SubtaskId> local) {
            this.jobId = jobId;
            this.runId = runId;
            this.local = local;
            this.running = new AtomicInteger(local.size());
        }

        /**
         * The run and its subtasks whose end the controller has not been told of, for a new leader:
         * it adopts the run, and the ends that happened while no controller listened follow the
         * registration ({@link #redeliver}), so a run that ended in that gap still ends as it did.
         */
        RunningExecution running() {
            return RunningExecution.newBuilder()
                    .setJobId(jobId)
                    .setRunId(runId)
                    .addAllSubtasks(local.stream().filter(subtask -> !ended.contains(subtask))
                            .map(subtask -> RunningSubtask.newBuilder()
                                    .setNodeId(subtask.nodeId())
                                    .setSubtaskIndex(subtask.subtaskIndex())
                                    .build())
                            .toList())
                    .build();
        }

        void attach(JobExecution started) {
            execution.complete(started);
        }

        @Override
        public void taskStarted(SubtaskId task) {
            report(event(task, TaskEventType.TASK_STARTED).build());
        }

        @Override
        public void taskFinished(SubtaskId task) {
            reportEnd(task, event(task, TaskEventType.TASK_FINISHED).build());
            ended();
        }

        @Override
        public void taskFailed(SubtaskId task, String operatorId, String message, String details) {
            reportEnd(task, event(task, TaskEventType.TASK_FAILED)
                    .setOperatorId(operatorId)
                    .setErrorMessage(message)
                    .setErrorDetails(details)
                    .build());
            ended();
        }

        private void reportEnd(SubtaskId task, TaskEvent end) {
            if (report(end)) {
                ended.add(task);
            } else {
                undelivered.put(task, end);
            }
        }

        /** Sends the ends that could not be reported before, to the controller just registered with. */
        void redeliver() {
            undelivered.forEach((task, end) -> {
                if (report(end)) {
                    ended.add(task);
                    undelivered.remove(task);
                }
            });
        }

        /** Whether the controller was told of every end so far. */
        boolean told() {
            return undelivered.isEmpty();
        }

        /** Once every local task has ended, the execution's resources go; a pooled worker lives on. */
        private void ended() {
            if (running.decrementAndGet() == 0) {
                execution.thenAccept(done -> Thread.ofVirtual().name("release-" + jobId).start(() -> {
                    executions.remove(jobId, done);
                    inbound.unregister(jobId, done);
                    done.close();
                    release(done);
                }));
            }
        }

        @Override
        public void previewRows(String operatorId, int subtaskIndex, List<String> jsonRows, List<Long> timestampsMicros) {
            send(SinkData.newBuilder()
                    .setJobId(jobId)
                    .setOperatorId(operatorId)
                    .setSubtaskIndex(subtaskIndex)
                    .addAllRows(jsonRows)
                    .addAllTimestampsMicros(timestampsMicros)
                    .build());
        }

        @Override
        public void previewFinished(String operatorId, int subtaskIndex) {
            send(SinkData.newBuilder()
                    .setJobId(jobId)
                    .setOperatorId(operatorId)
                    .setSubtaskIndex(subtaskIndex)
                    .setDone(true)
                    .build());
        }

        @Override
        public void checkpointed(SubtaskCheckpoint checkpoint) {
            try {
                controller().withDeadlineAfter(30, TimeUnit.SECONDS).reportCheckpoint(CheckpointReport.newBuilder()
                        .setWorkerId(config.workerId())
                        .setCheckpoint(checkpoint)
                        .build());
            } catch (RuntimeException e) {
                // The checkpoint then never completes; the controller abandons it and takes the next one.
                LOG.warn("worker {} could not report checkpoint {} of {} subtask {}-{} to the controller: {}",
                        config.workerId(), checkpoint.getEpoch(), jobId, checkpoint.getNodeId(),
                        checkpoint.getSubtaskIndex(), e.getMessage());
            }
        }

        private TaskEvent.Builder event(SubtaskId task, TaskEventType type) {
            return TaskEvent.newBuilder()
                    .setWorkerId(config.workerId())
                    .setJobId(jobId)
                    .setNodeId(task.nodeId())
                    .setSubtaskIndex(task.subtaskIndex())
                    .setType(type)
                    .setTimeMicros(nowMicros());
        }

        /** Whether the controller took the event. */
        private boolean report(TaskEvent event) {
            try {
                controller().withDeadlineAfter(30, TimeUnit.SECONDS).reportTaskEvent(event);
                return true;
            } catch (RuntimeException e) {
                LOG.warn("worker {} could not report {} of {} to the controller: {}", config.workerId(),
                        event.getType(), jobId, e.getMessage());
                return false;
            }
        }

        private void send(SinkData data) {
            try {
                controller().withDeadlineAfter(30, TimeUnit.SECONDS).sendSinkData(data);
            } catch (RuntimeException e) {
                LOG.warn("worker {} could not send preview rows of {} to the controller: {}", config.workerId(),
                        jobId, e.getMessage());
            }
        }
    }
}
