package io.tributary.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The ports of the services of one embedded cluster.
 *
 * @param grpc the controller's control plane
 */
public record ServicePorts(int gateway, int pipeline, int compiler, int controller, int grpc, int ui) {

    /** The documented defaults: the gateway on 5115, as Arroyo users know it. */
    public static ServicePorts defaults() {
        return new ServicePorts(5115, 8001, 8002, 8003, 9190, 8005);
    }

    /**
     * Free ports picked now, for a cluster that must not collide with another one (tests,
     * {@code tributary run} beside a running {@code tributary cluster}).
     */
    public static ServicePorts ephemeral() {
        return new ServicePorts(freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }
}
