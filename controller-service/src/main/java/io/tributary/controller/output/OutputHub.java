package io.tributary.controller.output;

import io.tributary.api.client.ApiJson;
import io.tributary.api.model.OutputData;
import io.tributary.proto.control.SinkData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The output streams of jobs: rows that reached preview sinks. A stream keeps its first batches so
 * that a client subscribing after a short preview has already finished still sees every row.
 */
@Component
public class OutputHub {
    /** Batches kept per job for late subscribers; a preview shows a sample, not an archive. */
    static final int RETAINED_BATCHES = 10_000;
    private static final int RETAINED_JOBS = 100;

    private final Map<String, Stream> streams = new ConcurrentHashMap<>();

    public void append(SinkData data) {
        if (data.getRowsCount() == 0) {
            return;
        }
        stream(data.getJobId()).append(data);
    }

    /** The job ended: subscribers get what is left and their streams close. */
    public void complete(String jobId) {
        stream(jobId).complete();
    }

    /** A new run of the job starts a fresh stream. */
    public void reset(String jobId) {
        Stream previous = streams.remove(jobId);
        if (previous != null) {
            previous.complete();
        }
    }

    /**
     * Follows the job's output. A job that ended before this controller kept its stream (it
     * restarted, or the stream aged out) gets an empty, completed stream rather than one that
     * never ends.
     */
    public SseEmitter subscribe(String jobId, boolean jobEnded) {
        if (jobEnded && !streams.containsKey(jobId)) {
            SseEmitter emitter = new SseEmitter(0L);
            emitter.complete();
            return emitter;
        }
        return stream(jobId).subscribe();
    }

    private Stream stream(String jobId) {
        Stream existing = streams.get(jobId);
        if (existing != null) {
            return existing;
        }
        // Ended streams are dropped only when a new one is made, never on the path of every batch.
        if (streams.size() >= RETAINED_JOBS) {
            streams.values().removeIf(Stream::completed);
        }
        return streams.computeIfAbsent(jobId, id -> new Stream());
    }

    private static final class Stream {
        private final List<String> batches = new ArrayList<>();
        private final List<SseEmitter> subscribers = new ArrayList<>();
        private long nextRowId;
        private boolean completed;

        synchronized void append(SinkData data) {
            if (completed) {
                return;
            }
            var output = new OutputData(data.getOperatorId(), data.getSubtaskIndex(), data.getTimestampsMicrosList(),
                    nextRowId, "[" + String.join(",", data.getRowsList()) + "]");
            nextRowId += data.getRowsCount();
            String json = ApiJson.mapper().writeValueAsString(output);
            if (batches.size() < RETAINED_BATCHES) {
                batches.add(json);
            }
            subscribers.removeIf(subscriber -> !send(subscriber, json));
        }

        synchronized void complete() {
            completed = true;
            subscribers.forEach(SseEmitter::complete);
            subscribers.clear();
        }

        synchronized boolean completed() {
            return completed;
        }

        synchronized SseEmitter subscribe() {
            SseEmitter emitter = new SseEmitter(0L);
            for (String batch : batches) {
                if (!send(emitter, batch)) {
                    return emitter;
                }
            }
            if (completed) {
                emitter.complete();
            } else {
                subscribers.add(emitter);
                emitter.onCompletion(() -> unsubscribe(emitter));
                emitter.onTimeout(() -> unsubscribe(emitter));
            }
            return emitter;
        }

        private synchronized void unsubscribe(SseEmitter emitter) {
            subscribers.remove(emitter);
        }

        private static boolean send(SseEmitter emitter, String json) {
            try {
                emitter.send(SseEmitter.event().data(json, MediaType.APPLICATION_JSON));
                return true;
            } catch (IOException | IllegalStateException e) {
                emitter.completeWithError(e);
                return false;
            }
        }
    }
}
