package io.tributary.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tributary.proto.control.ControllerServiceGrpc;
import io.tributary.proto.control.HeartbeatRequest;
import io.tributary.proto.control.HeartbeatResponse;
import io.tributary.proto.control.RegisterWorkerRequest;
import io.tributary.proto.control.RegisterWorkerResponse;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A worker in its own process serves its health and its meters over HTTP, as every service does. */
class WorkerServiceApplicationTest {
    private Server controller;
    private ConfigurableApplicationContext context;

    @AfterEach
    void stop() throws InterruptedException {
        if (context != null) {
            context.close();
        }
        controller.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void servesHealthAndPrometheusMetrics() throws Exception {
        controller = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new AcceptingController())
                .build()
                .start();
        context = WorkerServiceApplication.builder()
                .properties(Map.of(
                        "tributary.worker.http-port", 0,
                        "tributary.worker.rpc-port", 0,
                        "tributary.worker.bind-host", "127.0.0.1",
                        "tributary.worker.controller-address", "127.0.0.1:" + controller.getPort()))
                .run();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();

        HttpResponse<String> health = get(port, "/actuator/health");
        HttpResponse<String> prometheus = get(port, "/actuator/prometheus");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A controller that takes the worker's registration and its heartbeats. */
    private static final class AcceptingController extends ControllerServiceGrpc.ControllerServiceImplBase {
        @Override
        public void registerWorker(RegisterWorkerRequest request, StreamObserver<RegisterWorkerResponse> response) {
            response.onNext(RegisterWorkerResponse.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> response) {
            response.onNext(HeartbeatResponse.getDefaultInstance());
            response.onCompleted();
        }
    }
}
