package io.tributary.pipeline.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.tributary.api.client.ApiJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/** Another service, faked: a loopback HTTP server answering every request below a path with JSON. */
final class FakeJsonServer {
    /** What to answer a request with, as JSON. */
    interface Answer {
        Object answer(HttpExchange exchange) throws IOException;
    }

    private FakeJsonServer() {}

    /** A started server on a free port; it runs until stopped, or until the JVM ends. */
    static HttpServer start(String path, Answer answer) {
        return serve(path, exchange -> {
            byte[] body = ApiJson.mapper().writeValueAsBytes(answer.answer(exchange));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        });
    }

    /** A started server answering every request below a path with {@code status} alone, as a standby controller answers 503. */
    static HttpServer refusing(String path, int status) {
        return serve(path, exchange -> exchange.sendResponseHeaders(status, -1));
    }

    private static HttpServer serve(String path, HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(path, exchange -> {
                try (exchange) {
                    handler.handle(exchange);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
