package io.tributary.ui;

import io.tributary.api.client.TributaryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ApiClientConfiguration {
    @Bean
    TributaryClient tributaryClient(UiProperties properties) {
        return new TributaryClient(properties.apiUrl(), properties.optionalApiKey());
    }
}
