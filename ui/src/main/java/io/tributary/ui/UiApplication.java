package io.tributary.ui;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Tributary's web UI. Started alone from its {@code -exec} jar, or by the cluster launcher
 * through {@link #builder()} next to the other services in one JVM.
 *
 * <p>The exclusions are auto-configurations that other modules bring onto the cluster's shared
 * classpath and that the UI has no use for: it keeps no database. Excluding an absent class is
 * allowed, so they hold for the UI's own jar as well.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.h2console.autoconfigure.H2ConsoleAutoConfiguration"
})
@ConfigurationPropertiesScan
public class UiApplication {
    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * A builder that reads {@code ui.properties} (not {@code application.properties}, which
     * would leak into the other services of the cluster) and always runs as a servlet
     * application. Spring Cloud Gateway, when present, is switched off: it refuses to start in
     * a servlet application.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(UiApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(
                        "spring.config.name=ui",
                        "spring.cloud.gateway.server.webflux.enabled=false",
                        "spring.grpc.server.enabled=false");
    }
}
