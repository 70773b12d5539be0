package io.tributary.controller.rpc;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.tributary.controller.ControllerProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** The gRPC server workers talk to; started before job supervision begins, stopped after it ends. */
@Component
public class ControlPlaneServer implements SmartLifecycle {
    /** Before {@code JobManager}, so that workers can register as soon as jobs are scheduled. */
    public static final int PHASE = 100;

    private final ControllerProperties properties;
    private final ControllerRpc rpc;
    private volatile Server server;

    public ControlPlaneServer(ControllerProperties properties, ControllerRpc rpc) {
        this.properties = properties;
        this.rpc = rpc;
    }

    @Override
    public void start() {
        Server started = NettyServerBuilder.forAddress(new InetSocketAddress(properties.grpcPort()))
                .addService(rpc)
                .build();
        try {
            started.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the control plane on port " + properties.grpcPort(), e);
        }
        server = started;
    }

    @Override
    public void stop() {
        Server running = server;
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** host:port where workers reach the control plane. */
    public String address() {
        Server running = server;
        if (running == null) {
            throw new IllegalStateException("the control plane is not running");
        }
        return properties.grpcAdvertisedHost() + ":" + running.getPort();
    }
}
