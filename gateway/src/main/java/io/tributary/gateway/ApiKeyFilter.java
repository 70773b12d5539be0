package io.tributary.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * With {@code tributary.gateway.auth.enabled}, a request to {@code /api/**} needs
 * {@code Authorization: Bearer <key>} for a key the pipeline service holds; otherwise it is a 401
 * {@code {status, message}}. Only the key's SHA-256 leaves the gateway
 * ({@code GET /internal/v1/api_keys/{sha256}}); confirmed hashes are remembered for
 * {@code cache-ttl}. CORS preflights pass (browsers send them without credentials).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiKeyFilter implements WebFilter {
    private static final String BEARER = "Bearer ";

    private final GatewayAuthProperties properties;
    private final WebClient pipelineService;
    private final Map<String, Long> confirmedUntil = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    ApiKeyFilter(GatewayAuthProperties properties, GatewayRoutesProperties routes) {
        this.properties = properties;
        this.pipelineService = WebClient.create(routes.apiUrl().toString());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (!properties.enabled() || !(path.equals("/api") || path.startsWith("/api/"))
                || exchange.getRequest().getMethod() == HttpMethod.OPTIONS) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith(BEARER) || header.length() == BEARER.length()) {
            return refuse(exchange, "this API needs an API key: send 'Authorization: Bearer <key>'");
        }
        String hash = sha256(header.substring(BEARER.length()).trim());
        Long until = confirmedUntil.get(hash);
        if (until != null && until > clock.millis()) {
            return chain.filter(exchange);
        }
        return pipelineService.get().uri("/internal/v1/api_keys/{hash}", hash)
                .exchangeToMono(response -> Mono.just(response.statusCode().value()))
                .flatMap(status -> switch (status) {
                    case 204 -> {
                        confirmedUntil.put(hash, clock.millis() + properties.cacheTtl().toMillis());
                        yield chain.filter(exchange);
                    }
                    case 404 -> refuse(exchange, "the API key is not valid");
                    default -> respond(exchange, HttpStatus.BAD_GATEWAY,
                            "the Tributary API answered " + status + " when asked to check the API key");
                });
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, String message) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return respond(exchange, HttpStatus.UNAUTHORIZED, message);
    }

    private static Mono<Void> respond(ServerWebExchange exchange, HttpStatus status, String message) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        String body = "{\"status\":" + status.value() + ",\"message\":\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
