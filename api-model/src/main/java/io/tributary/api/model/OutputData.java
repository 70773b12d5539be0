package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Rows that reached a preview sink, as sent on a job's output stream. {@code batch} is a JSON
 * array of row objects (Arroyo sends it as a string, so do we); {@code timestamps} are the rows'
 * event times in epoch microseconds; {@code startId} numbers the first row of the batch.
 */
public record OutputData(String operatorId, int subtaskIdx, List<Long> timestamps, long startId, String batch) {
    public OutputData {
        requireNonNull(operatorId, "operatorId is null");
        timestamps = List.copyOf(requireNonNull(timestamps, "timestamps is null"));
        requireNonNull(batch, "batch is null");
    }
}
