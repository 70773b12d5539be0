package io.tributary.pipeline.connectors;

import io.tributary.api.model.TestSourceMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the system a profile points at answers at all: a TCP connection to each address. That
 * is all this service can check without the connector's client library; credentials and topics
 * are checked when a pipeline connects, and the message says so.
 */
final class Reachability {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private Reachability() {}

    static TestSourceMessage test(String connector, String addresses, int defaultPort) {
        List<InetSocketAddress> endpoints = new ArrayList<>();
        for (String address : addresses.split(",")) {
            if (!address.isBlank()) {
                endpoints.add(endpoint(address.trim(), defaultPort));
            }
        }
        if (endpoints.isEmpty()) {
            return TestSourceMessage.fail("no address to test in the " + connector + " profile");
        }
        for (InetSocketAddress endpoint : endpoints) {
            try (Socket socket = new Socket()) {
                // Resolved only now: checking a config must not wait on DNS.
                socket.connect(new InetSocketAddress(endpoint.getHostString(), endpoint.getPort()), (int) TIMEOUT.toMillis());
            } catch (IOException e) {
                return TestSourceMessage.fail("cannot reach " + connector + " at " + endpoint.getHostString() + ":"
                        + endpoint.getPort() + ": " + e.getMessage());
            }
        }
        return TestSourceMessage.done("reached " + connector + " at " + String.join(", ", endpoints.stream()
                .map(endpoint -> endpoint.getHostString() + ":" + endpoint.getPort()).toList())
                + " (a TCP connection only: credentials are checked when a pipeline connects)");
    }

    /** {@code host}, {@code host:port} or {@code scheme://[user@]host[:port][/…]}. */
    static InetSocketAddress endpoint(String address, int defaultPort) {
        URI uri = URI.create(address.contains("://") ? address : "tcp://" + address);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + address + "' is not a host or host:port");
        }
        return InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort() < 0 ? defaultPort : uri.getPort());
    }
}
