package io.tributary.gateway;

import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A service that is down answers {@code 502} saying which one, instead of a bare {@code 500}.
 * API clients get the API's error body ({@code {"status":…,"message":…}}), so the UI and the
 * command line show the message as they show any API error.
 */
@Component
class UnreachableBackendFilter implements GlobalFilter, Ordered {
    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorResume(UnreachableBackendFilter::isConnectFailure, error -> {
            ServerHttpResponse response = exchange.getResponse();
            if (response.isCommitted()) {
                return Mono.error(error);
            }
            Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            boolean api = route != null && GatewayRoutes.API_ROUTE.equals(route.getId());
            URI target = route == null ? null : route.getUri();
            String message = (api ? "the Tributary API" : "the Tributary UI") + " at " + target + " cannot be reached";
            response.setStatusCode(HttpStatus.BAD_GATEWAY);
            String body;
            if (api) {
                response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
                body = "{\"status\":502,\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
            } else {
                response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
                body = message + "\n";
            }
            DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
            return response.writeWith(Mono.just(buffer));
        });
    }

    private static boolean isConnectFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
