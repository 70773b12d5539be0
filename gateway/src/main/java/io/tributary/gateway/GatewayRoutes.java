package io.tributary.gateway;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The two routes. The UI route matches everything, so it is ordered last. Requests keep their
 * method, path, query string, body and headers; WebSocket upgrades (the UI's push) are switched
 * to {@code ws} by the gateway itself.
 */
@Configuration(proxyBeanMethods = false)
class GatewayRoutes {
    static final String API_ROUTE = "api";
    static final String UI_ROUTE = "ui";

    @Bean
    RouteLocator tributaryRoutes(RouteLocatorBuilder routes, GatewayRoutesProperties properties) {
        return routes.routes()
                .route(API_ROUTE, route -> route.order(0)
                        .path("/api", "/api/**")
                        .uri(properties.apiUrl()))
                .route(UI_ROUTE, route -> route.order(Ordered.LOWEST_PRECEDENCE)
                        .path("/**")
                        .uri(properties.uiUrl()))
                .build();
    }
}
