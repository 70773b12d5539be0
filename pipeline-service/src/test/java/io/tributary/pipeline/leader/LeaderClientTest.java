package io.tributary.pipeline.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against real loopback HTTP servers, each a controller that leads or stands by as the test says. */
class LeaderClientTest {
    private static final String PATH = "/internal/v1/jobs/job_1/operator_metric_groups";

    private final List<HttpServer> servers = new ArrayList<>();

    /** A controller: while it leads it answers its name, otherwise 503 as a standby does. */
    private final class Controller {
        final AtomicBoolean leading;
        final AtomicInteger asked = new AtomicInteger();
        final URI url;

        Controller(String name, boolean leading) throws IOException {
            this.leading = new AtomicBoolean(leading);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/internal/", exchange -> {
                try (exchange) {
                    asked.incrementAndGet();
                    boolean leads = this.leading.get();
                    byte[] body = (leads ? name + " " + exchange.getRequestURI().getPath()
                            : "this controller is a standby; ask the leader").getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(leads ? 200 : 503, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.start();
            servers.add(server);
            url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }
    }

    @AfterEach
    void stopControllers() {
        servers.forEach(server -> server.stop(0));
    }

    private static String ask(LeaderClient client) throws Exception {
        return client.send(HttpRequest.newBuilder().GET(), PATH, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A port nothing listens on: a controller that is down. */
    private static URI down() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    @Test
    void aStandbyListedFirstPassesTheRequestToTheLeaderWhichIsAskedFirstFromThenOn() throws Exception {
        Controller standby = new Controller("a", false);
        Controller leader = new Controller("b", true);
        LeaderClient client = new LeaderClient(List.of(standby.url, leader.url));

        assertThat(ask(client)).isEqualTo("b " + PATH);
        assertThat(ask(client)).isEqualTo("b " + PATH);

        assertThat(standby.asked).hasValue(1);
        assertThat(leader.asked).hasValue(2);
    }

    @Test
    void whenTheLeaderStandsDownTheNewLeaderIsFound() throws Exception {
        Controller first = new Controller("a", true);
        Controller second = new Controller("b", false);
        LeaderClient client = new LeaderClient(List.of(first.url, second.url));
        assertThat(ask(client)).isEqualTo("a " + PATH);

        first.leading.set(false);
        second.leading.set(true);

        assertThat(ask(client)).isEqualTo("b " + PATH);
        assertThat(ask(client)).isEqualTo("b " + PATH);
        assertThat(first.asked).hasValue(2);
    }

    @Test
    void aControllerThatIsDownIsPassedOver() throws Exception {
        Controller leader = new Controller("b", true);
        LeaderClient client = new LeaderClient(List.of(down(), leader.url));

        assertThat(ask(client)).isEqualTo("b " + PATH);
    }

    @Test
    void withoutALeaderTheErrorNamesEveryControllerTriedAndWhatItDid() throws Exception {
        Controller standby = new Controller("a", false);
        URI down = down();
        LeaderClient client = new LeaderClient(List.of(standby.url, down));

        assertThatThrownBy(() -> ask(client))
                .isInstanceOf(NoLeaderException.class)
                .hasMessageStartingWith("no controller answered " + PATH + " as the leader: "
                        + standby.url + PATH + " is a standby (503); " + down + PATH + " could not be reached (");
    }
}
