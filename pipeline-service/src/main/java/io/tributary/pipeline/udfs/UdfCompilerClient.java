package io.tributary.pipeline.udfs;

import io.tributary.api.client.ApiJson;
import io.tributary.api.model.UdfBuild;
import io.tributary.api.model.ValidateUdfPost;
import io.tributary.pipeline.PipelineServiceProperties;
import io.tributary.pipeline.api.ApiException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/** Asks the compiler service to build a UDF ({@code POST /internal/v1/udfs/build}). */
@Component
public class UdfCompilerClient {
    private final URI build;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public UdfCompilerClient(PipelineServiceProperties properties) {
        String base = properties.compilerUrl().toString();
        this.build = URI.create((base.endsWith("/") ? base : base + "/") + "internal/v1/udfs/build");
    }

    public UdfBuild build(String definition) {
        HttpRequest request = HttpRequest.newBuilder(build)
                .timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ApiJson.mapper().writeValueAsString(new ValidateUdfPost(definition))))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable("cannot reach the compiler service at " + build + " to build the UDF: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while the compiler service built the UDF");
        }
        if (response.statusCode() != 200) {
            throw unavailable("the compiler service answered " + response.statusCode() + " to building the UDF: "
                    + response.body());
        }
        try {
            return ApiJson.mapper().readValue(response.body(), UdfBuild.class);
        } catch (JacksonException e) {
            throw unavailable("the compiler service's answer is unreadable: " + e.getOriginalMessage());
        }
    }

    private static ApiException unavailable(String message) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, message);
    }
}
