package io.tributary.compiler;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Turns a planned program into the one workers run: optimisation passes (operator chaining). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CompilerServiceApplication {
    public static void main(String[] args) {
        builder().run(args);
    }

    /** Reads {@code compiler.properties}, so that it can share a JVM with the other services. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(CompilerServiceApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties("spring.config.name=compiler");
    }
}
