package io.tributary.pipeline.output;

import io.tributary.api.client.ServerSentEvents;
import io.tributary.pipeline.leader.LeaderClient;
import io.tributary.pipeline.leader.NoLeaderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Relays a job's output stream from the leading controller, which gathers the rows that reach preview
 * sinks, to an API client as server-sent events. Each event's data is one {@code OutputData}.
 */
@Component
public class OutputRelay {
    private static final Logger LOG = LoggerFactory.getLogger(OutputRelay.class);
    private static final long STREAM_TIMEOUT_MILLIS = Duration.ofHours(1).toMillis();

    private final LeaderClient leader;

    public OutputRelay(LeaderClient leader) {
        this.leader = leader;
    }

    public SseEmitter relay(String jobId) {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MILLIS);
        HttpRequest.Builder request = HttpRequest.newBuilder()
                .header("Accept", MediaType.TEXT_EVENT_STREAM_VALUE)
                .GET();
        Thread.ofVirtual().name("output-relay-" + jobId).start(() -> {
            try {
                HttpResponse<InputStream> response = leader.send(request, "/internal/v1/jobs/" + jobId + "/output",
                        HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() != 200) {
                        emitter.completeWithError(new IOException("the controller answered " + response.statusCode()
                                + " for the output of job " + jobId));
                        return;
                    }
                    emitter.onCompletion(() -> closeQuietly(body));
                    forward(body, emitter);
                }
                emitter.complete();
            } catch (IOException | IllegalStateException | NoLeaderException e) {
                LOG.debug("output stream of job {} ended: {}", jobId, e.getMessage());
                emitter.completeWithError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                emitter.complete();
            }
        });
        return emitter;
    }

    private static void forward(InputStream body, SseEmitter emitter) throws IOException {
        try {
            ServerSentEvents.read(body, data -> {
                try {
                    emitter.send(SseEmitter.event().data(data, MediaType.APPLICATION_JSON));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            LOG.debug("closing a relayed output stream failed", e);
        }
    }
}
