package io.tributary.controller.compile;

import io.tributary.controller.ControllerProperties;
import io.tributary.proto.program.LogicalProgram;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Asks compiler-service to turn a planned program into the one workers run. */
@Component
public class CompilerClient {
    private static final String PROTOBUF = "application/x-protobuf";

    private final ControllerProperties properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public CompilerClient(ControllerProperties properties) {
        this.properties = properties;
    }

    public LogicalProgram compile(String jobId, LogicalProgram program) throws CompilationException {
        HttpRequest request = HttpRequest.newBuilder(properties.compilerUrl().resolve("/internal/v1/compile"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", PROTOBUF)
                .header("Accept", PROTOBUF)
                .POST(HttpRequest.BodyPublishers.ofByteArray(program.toByteArray()))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CompilationException("cannot reach the compiler service at " + properties.compilerUrl()
                    + " to compile job " + jobId + ": " + e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompilationException("interrupted while compiling job " + jobId, true);
        }
        if (response.statusCode() != 200) {
            throw new CompilationException("the compiler service refused job " + jobId + " (HTTP "
                    + response.statusCode() + "): " + new String(response.body(), StandardCharsets.UTF_8),
                    response.statusCode() >= 500);
        }
        try {
            return LogicalProgram.parseFrom(response.body());
        } catch (InvalidProtocolBufferException e) {
            throw new CompilationException("the compiler service answered job " + jobId
                    + " with something that is not a program: " + e.getMessage(), false);
        }
    }

    /** Compiling failed; {@code retryable} when trying again may help (the service was unreachable). */
    public static final class CompilationException extends Exception {
        private final boolean retryable;

        public CompilationException(String message, boolean retryable) {
            super(message);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
