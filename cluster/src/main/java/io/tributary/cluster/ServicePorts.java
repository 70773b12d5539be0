package io.tributary.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

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

    /*
     * Ports below Linux's ephemeral range (32768-60999 by default): a port the kernel hands out
     * for an outgoing connection or a bind to port 0 could otherwise be taken between this probe
     * and the service's own bind.
     */
    private static final int LOWEST = 20000;
    private static final int ABOVE_HIGHEST = 32768;
    private static final int ATTEMPTS = 200;

    private static int freePort() {
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, ABOVE_HIGHEST);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                last = e;
            }
        }
        throw new UncheckedIOException("cannot find a free port in " + LOWEST + "-" + (ABOVE_HIGHEST - 1)
                + " after " + ATTEMPTS + " attempts", last);
    }
}
