package io.tributary.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.proto.control.ControllerServiceGrpc;
import io.tributary.proto.control.HeartbeatRequest;
import io.tributary.proto.control.HeartbeatResponse;
import io.tributary.proto.control.RegisterWorkerRequest;
import io.tributary.proto.control.RegisterWorkerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A pooled worker given every controller's address ends up registered with whichever leads: at
 * start, after its controller died and a standby took over, and after its controller forgot it.
 */
class WorkerReattachTest {
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    @Test
    void registersWithTheLeaderWhenAStandbyComesFirstInTheList() throws Exception {
        FakeController standby = open(new FakeController(false));
        FakeController leader = open(new FakeController(true));

        open(startWorker(standby, leader));

        assertThat(next(leader.registrations).getWorkerId()).isEqualTo("pooled");
        assertThat(standby.registrations).isEmpty();
    }

    @Test
    void reRegistersWithTheStandbyOnceItLeadsWhenTheLeaderDies() throws Exception {
        FakeController leader = open(new FakeController(true));
        FakeController standby = open(new FakeController(false));
        open(startWorker(leader, standby));
        RegisterWorkerRequest first = next(leader.registrations);

        leader.close();
        standby.leading = true;

        RegisterWorkerRequest again = next(standby.registrations);
        assertThat(again.getWorkerId()).isEqualTo(first.getWorkerId());
        assertThat(again.getRpcAddress()).isEqualTo(first.getRpcAddress());
        assertThat(again.getExecutionsList()).as("the worker runs nothing").isEmpty();
    }

    @Test
    void registersAgainWithAControllerThatNoLongerKnowsIt() throws Exception {
        FakeController controller = open(new FakeController(true));
        open(startWorker(controller));
        next(controller.registrations);

        controller.known.clear();

        assertThat(next(controller.registrations).getWorkerId()).isEqualTo("pooled");
    }

    private Worker startWorker(FakeController... controllers) {
        String addresses = String.join(",", Arrays.stream(controllers).map(FakeController::address).toList());
        return Worker.start(new WorkerConfig("pooled", addresses, "127.0.0.1", "127.0.0.1", 0, 2, Optional.empty(), 0,
                Duration.ofMillis(50)), ConnectorRegistry.load());
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private static RegisterWorkerRequest next(BlockingQueue<RegisterWorkerRequest> registrations)
            throws InterruptedException {
        RegisterWorkerRequest request = registrations.poll(30, TimeUnit.SECONDS);
        assertThat(request).as("a registration").isNotNull();
        return request;
    }

    /** A controller's control plane that takes registrations only while it leads, and heartbeats of workers it knows. */
    private static final class FakeController extends ControllerServiceGrpc.ControllerServiceImplBase
            implements AutoCloseable {
        final BlockingQueue<RegisterWorkerRequest> registrations = new LinkedBlockingQueue<>();
        final Set<String> known = ConcurrentHashMap.newKeySet();
        volatile boolean leading;
        private final Server server;

        FakeController(boolean leading) {
            this.leading = leading;
            this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(this).build();
            try {
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String address() {
            return "127.0.0.1:" + server.getPort();
        }

        @Override
        public void registerWorker(RegisterWorkerRequest request, StreamObserver<RegisterWorkerResponse> response) {
            if (!leading) {
                response.onError(Status.FAILED_PRECONDITION.withDescription("standby").asRuntimeException());
                return;
            }
            known.add(request.getWorkerId());
            registrations.add(request);
            response.onNext(RegisterWorkerResponse.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> response) {
            if (!known.contains(request.getWorkerId())) {
                response.onError(Status.NOT_FOUND.withDescription("unknown worker").asRuntimeException());
                return;
            }
            response.onNext(HeartbeatResponse.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void close() throws InterruptedException {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
