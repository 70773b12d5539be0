package io.tributary.gateway;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The single origin users open: {@code /api/**} goes to the pipeline service, everything else
 * to the UI. Started alone from its {@code -exec} jar, or by the cluster launcher through
 * {@link #builder()} next to the other services in one JVM.
 *
 * <p>The exclusions are auto-configurations that other modules bring onto the cluster's shared
 * classpath and that have no business in the gateway: Vaadin (servlet only), the database, and
 * Tomcat's reactive server, so that the gateway always runs on Netty, whose client it proxies
 * with. Excluding an absent class is allowed, so they hold for the gateway's own jar as well.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration",
        "org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration",
        "com.vaadin.flow.spring.SpringBootAutoConfiguration",
        "com.vaadin.flow.spring.SpringSecurityAutoConfiguration",
        "com.vaadin.flow.spring.VaadinScopesConfig",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.h2console.autoconfigure.H2ConsoleAutoConfiguration"
})
@ConfigurationPropertiesScan
public class GatewayApplication {
    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * A builder that reads {@code gateway.properties} (not {@code application.properties}, which
     * would leak into the other services of the cluster) and always runs reactive, even when
     * Spring MVC is on the classpath.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .web(WebApplicationType.REACTIVE)
                .properties(
                        "spring.config.name=gateway",
                        "spring.grpc.server.enabled=false");
    }
}
