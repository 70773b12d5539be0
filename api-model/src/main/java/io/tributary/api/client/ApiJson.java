package io.tributary.api.client;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The JSON conventions of the API, shared by the services' configuration and the client. */
public final class ApiJson {
    private static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();

    private ApiJson() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** snake_case names, as Arroyo's API uses; unknown fields tolerated so older clients keep working. */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
