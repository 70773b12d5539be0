package io.tributary.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PipelineServicePropertiesTest {
    private static PipelineServiceProperties bind(String controllerUrl) {
        return new Binder(new MapConfigurationPropertySource(Map.of("tributary.pipeline.controller-url", controllerUrl)))
                .bindOrCreate("tributary.pipeline", PipelineServiceProperties.class);
    }

    @Test
    void oneControllerUrlStaysValid() {
        assertThat(bind("http://controller:8003").controllerUrl()).containsExactly(URI.create("http://controller:8003"));
    }

    @Test
    void aCommaSeparatedListNamesEveryController() {
        assertThat(bind("http://controller-0:8003, http://controller-1:8003").controllerUrl())
                .containsExactly(URI.create("http://controller-0:8003"), URI.create("http://controller-1:8003"));
    }
}
