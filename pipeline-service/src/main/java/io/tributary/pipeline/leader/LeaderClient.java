package io.tributary.pipeline.leader;

import io.tributary.pipeline.PipelineServiceProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Asks the leading controller. Operator metrics and output streams live in the leader's memory; a
 * standby answers 503 for them. With several controllers ({@code tributary.pipeline.controller-url}
 * lists them) each is tried in turn, starting with the one that last answered, so that requests go
 * straight to the leader until it stops answering.
 */
@Component
public class LeaderClient {
    private static final int STANDBY = 503;

    private final List<URI> controllers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Index into {@link #controllers} of the one that last answered as the leader. */
    private final AtomicInteger leader = new AtomicInteger();

    @Autowired
    public LeaderClient(PipelineServiceProperties properties) {
        this(properties.controllerUrl());
    }

    LeaderClient(List<URI> controllers) {
        this.controllers = List.copyOf(controllers);
        if (this.controllers.isEmpty()) {
            throw new IllegalArgumentException("a leader is looked for among at least one controller");
        }
    }

    /**
     * Sends a request for {@code path} to each controller in turn until one answers other than 503.
     *
     * @param request the request but for its URI, which is {@code path} resolved against each controller
     * @return that answer, whatever its status
     * @throws NoLeaderException when every controller answered 503 or could not be reached
     */
    public <T> HttpResponse<T> send(HttpRequest.Builder request, String path, HttpResponse.BodyHandler<T> body)
            throws NoLeaderException, InterruptedException {
        // A standby's body is dropped unread, so that a refused stream does not hold its connection.
        HttpResponse.BodyHandler<T> unlessStandby = info -> info.statusCode() == STANDBY
                ? HttpResponse.BodySubscribers.<T>replacing(null)
                : body.apply(info);
        int first = leader.get();
        List<String> attempts = new ArrayList<>();
        for (int i = 0; i < controllers.size(); i++) {
            int index = (first + i) % controllers.size();
            URI uri = controllers.get(index).resolve(path);
            try {
                HttpResponse<T> response = http.send(request.uri(uri).build(), unlessStandby);
                if (response.statusCode() != STANDBY) {
                    leader.set(index);
                    return response;
                }
                attempts.add(uri + " is a standby (503)");
            } catch (IOException e) {
                attempts.add(uri + " could not be reached ("
                        + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()) + ")");
            }
        }
        throw new NoLeaderException(path, attempts);
    }
}
