package io.tributary.controller.job;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tributary.controller.rpc.WorkerRegistry;
import io.tributary.controller.schedule.Scheduler;
import io.tributary.controller.schedule.WorkerRequest;
import io.tributary.proto.control.CheckpointRequest;
import io.tributary.proto.control.CheckpointResponse;
import io.tributary.proto.control.CommitRequest;
import io.tributary.proto.control.CommitResponse;
import io.tributary.proto.control.RegisterWorkerRequest;
import io.tributary.proto.control.StartExecutionRequest;
import io.tributary.proto.control.StartExecutionResponse;
import io.tributary.proto.control.StopExecutionRequest;
import io.tributary.proto.control.StopExecutionResponse;
import io.tributary.proto.control.WorkerServiceGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose workers are gRPC servers on loopback that run nothing: they record what the
 * controller asks of them, and the test plays their part by delivering their reports.
 */
final class FakeWorkers implements Scheduler, AutoCloseable {
    private final WorkerRegistry registry;
    /** Like a pool's: workers keep running when their controller's supervision ends. */
    private final boolean outliving;
    private final Map<Long, FakeWorker> byRun = new ConcurrentHashMap<>();
    final BlockingQueue<StartExecutionRequest> starts = new LinkedBlockingQueue<>();
    final BlockingQueue<CheckpointRequest> checkpoints = new LinkedBlockingQueue<>();
    final BlockingQueue<CommitRequest> commits = new LinkedBlockingQueue<>();
    final BlockingQueue<StopExecutionRequest> stops = new LinkedBlockingQueue<>();
    /** The workers of each run a supervisor adopted. */
    final BlockingQueue<List<String>> adoptions = new LinkedBlockingQueue<>();
    /** The runs whose workers a supervisor let go. */
    final BlockingQueue<Long> released = new LinkedBlockingQueue<>();

    FakeWorkers(WorkerRegistry registry) {
        this(registry, false);
    }

    FakeWorkers(WorkerRegistry registry, boolean outliving) {
        this.registry = registry;
        this.outliving = outliving;
    }

    @Override
    public boolean workersOutliveController() {
        return outliving;
    }

    /** Registered as a pooled worker, so that the supervisor takes it from the registry at once. */
    @Override
    public List<String> startWorkers(WorkerRequest request) {
        String id = request.jobId() + "-" + request.runId() + "-w0";
        FakeWorker worker = new FakeWorker(id);
        byRun.put(request.runId(), worker);
        registry.register(RegisterWorkerRequest.newBuilder()
                .setWorkerId(id)
                .setRpcAddress("127.0.0.1:" + worker.server.getPort())
                .setSlots(request.slotsPerWorker())
                .build());
        return List.of(id);
    }

    @Override
    public void adopt(String jobId, long runId, List<String> workerIds) {
        adoptions.add(workerIds);
    }

    @Override
    public void stopWorkers(String jobId, long runId) {
        released.add(runId);
        if (outliving) {
            return;
        }
        FakeWorker worker = byRun.remove(runId);
        if (worker != null) {
            registry.remove(worker.id);
            worker.server.shutdownNow();
        }
    }

    static <T> T next(BlockingQueue<T> queue, String what) throws InterruptedException {
        T value = queue.poll(30, TimeUnit.SECONDS);
        if (value == null) {
            throw new AssertionError("the controller sent no " + what);
        }
        return value;
    }

    /** Keeps the request for the test to see and acknowledges it at once, as a worker does. */
    private static <T, R> void accept(BlockingQueue<T> requests, T request, StreamObserver<R> response, R reply) {
        requests.add(request);
        response.onNext(reply);
        response.onCompleted();
    }

    @Override
    public void close() {
        byRun.values().forEach(worker -> worker.server.shutdownNow());
        registry.close();
    }

    private final class FakeWorker extends WorkerServiceGrpc.WorkerServiceImplBase {
        private final String id;
        private final Server server;

        FakeWorker(String id) {
            this.id = id;
            this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(this).build();
            try {
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void startExecution(StartExecutionRequest request, StreamObserver<StartExecutionResponse> response) {
            accept(starts, request, response, StartExecutionResponse.getDefaultInstance());
        }

        @Override
        public void stopExecution(StopExecutionRequest request, StreamObserver<StopExecutionResponse> response) {
            accept(stops, request, response, StopExecutionResponse.getDefaultInstance());
        }

        @Override
        public void checkpoint(CheckpointRequest request, StreamObserver<CheckpointResponse> response) {
            accept(checkpoints, request, response, CheckpointResponse.getDefaultInstance());
        }

        @Override
        public void commit(CommitRequest request, StreamObserver<CommitResponse> response) {
            accept(commits, request, response, CommitResponse.getDefaultInstance());
        }
    }
}
