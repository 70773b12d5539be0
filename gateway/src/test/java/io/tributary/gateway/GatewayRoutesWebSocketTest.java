package io.tributary.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** The UI pushes over a WebSocket at {@code /VAADIN/push}; the gateway must carry it, large frames included. */
class GatewayRoutesWebSocketTest {
    private static DisposableServer ui;
    private static ConfigurableApplicationContext gateway;
    private static URI origin;

    @BeforeAll
    static void start() {
        // Answers a number n with a message of n characters, as a push of many rows would be.
        ui = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.ws("/VAADIN/push", (in, out) -> out.sendString(
                        in.receive().asString().map(n -> "x".repeat(Integer.parseInt(n))))))
                .bindNow();
        gateway = GatewayApplication.builder().properties(Map.of(
                        "tributary.gateway.port", 0,
                        "tributary.gateway.api-url", "http://127.0.0.1:9",
                        "tributary.gateway.ui-url", "http://127.0.0.1:" + ui.port()))
                .run();
        origin = URI.create("ws://127.0.0.1:" + ((WebServerApplicationContext) gateway).getWebServer().getPort());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (ui != null) {
            ui.disposeNow();
        }
    }

    @Test
    void webSocketMessagesPassBothWaysIncludingOnesOverSixtyFourKibibytes() throws Exception {
        for (int size : new int[] {5, 200_000}) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(origin.resolve("/VAADIN/push?v-r=push&v-uiId=0"), new Collecting(answer))
                    .get(20, TimeUnit.SECONDS);
            socket.sendText(Integer.toString(size), true);

            assertThat(answer.get(20, TimeUnit.SECONDS)).hasSize(size).matches("x+");
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(20, TimeUnit.SECONDS);
        }
    }

    /** Joins the parts of the first text message. */
    private static final class Collecting implements WebSocket.Listener {
        private final CompletableFuture<String> answer;
        private final StringBuilder text = new StringBuilder();

        Collecting(CompletableFuture<String> answer) {
            this.answer = answer;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                answer.complete(text.toString());
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            answer.completeExceptionally(error);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            answer.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason + " after "
                    + text.length() + " characters"));
            return null;
        }
    }
}
