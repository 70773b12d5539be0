package io.tributary.pipeline.api;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tributary.api.model.Checkpoint;
import io.tributary.api.model.CheckpointCollection;
import io.tributary.api.model.CheckpointEventSpan;
import io.tributary.api.model.OperatorCheckpointGroup;
import io.tributary.api.model.OperatorCheckpointGroupCollection;
import io.tributary.api.model.SubtaskCheckpointGroup;
import io.tributary.pipeline.PipelineManager;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.checkpoint.OperatorCheckpoint;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A job's checkpoints in Arroyo's shapes, read from the {@code checkpoints} rows the controller
 * writes. A completed row carries the checkpoint's metadata (what every subtask reported), from
 * which the per-operator view is built; nothing here reads the checkpoint store.
 */
@RestController
@RequestMapping(path = "/api/v1/pipelines/{id}/jobs/{jobId}/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
public class CheckpointController {
    private static final String COMPLETED = "completed";
    private static final String FAILED = "failed";
    private static final String SELECT = """
            SELECT epoch, state, backend, start_time, finish_time, failure_message, metadata FROM checkpoints""";

    /** One {@code checkpoints} row. */
    private record Row(long epoch, String state, String backend, long startTime, Optional<Long> finishTime,
            Optional<String> failure, Optional<CheckpointMetadata> metadata) {}

    private final PipelineManager manager;
    private final JdbcClient jdbc;

    public CheckpointController(PipelineManager manager, JdbcClient jdbc) {
        this.manager = manager;
        this.jdbc = jdbc;
    }

    /** Every checkpoint of the job, oldest first, in progress and failed ones included. */
    @GetMapping
    public CheckpointCollection checkpoints(@PathVariable("id") String id, @PathVariable("jobId") String jobId) {
        manager.job(id, jobId);
        List<Checkpoint> checkpoints = jdbc.sql(SELECT + " WHERE job_id = :job ORDER BY epoch")
                .param("job", jobId)
                .query(CheckpointController::row)
                .list()
                .stream()
                .map(CheckpointController::checkpoint)
                .toList();
        return new CheckpointCollection(checkpoints);
    }

    /** What each operator wrote in the checkpoint, per subtask; empty while it is in progress or when it failed. */
    @GetMapping("/{epoch}/operator_checkpoint_groups")
    public OperatorCheckpointGroupCollection operatorCheckpointGroups(@PathVariable("id") String id,
            @PathVariable("jobId") String jobId, @PathVariable("epoch") long epoch) {
        manager.job(id, jobId);
        Row row = jdbc.sql(SELECT + " WHERE job_id = :job AND epoch = :epoch")
                .param("job", jobId)
                .param("epoch", epoch)
                .query(CheckpointController::row)
                .optional()
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "job " + jobId + " of pipeline " + id
                        + " has no checkpoint with epoch " + epoch));
        return new OperatorCheckpointGroupCollection(row.metadata().map(CheckpointController::groups).orElse(List.of()));
    }

    private static Row row(ResultSet rs, int index) throws SQLException {
        long finish = rs.getLong("finish_time");
        Optional<Long> finishTime = rs.wasNull() ? Optional.empty() : Optional.of(finish);
        long epoch = rs.getLong("epoch");
        byte[] bytes = rs.getBytes("metadata");
        Optional<CheckpointMetadata> metadata;
        try {
            metadata = bytes == null ? Optional.empty() : Optional.of(CheckpointMetadata.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the stored metadata of checkpoint " + epoch + " is unreadable: "
                    + e.getMessage(), e);
        }
        return new Row(epoch, rs.getString("state"), rs.getString("backend"), rs.getLong("start_time"), finishTime,
                Optional.ofNullable(rs.getString("failure_message")), metadata);
    }

    private static Checkpoint checkpoint(Row row) {
        List<CheckpointEventSpan> events = new ArrayList<>();
        Optional<Long> finishTime = Optional.empty();
        switch (row.state()) {
            case COMPLETED -> {
                finishTime = row.finishTime();
                row.metadata().ifPresent(metadata -> {
                    long operatorsDone = operatorsFinished(metadata);
                    events.add(new CheckpointEventSpan(metadata.getStartedMicros(), operatorsDone,
                            "checkpointing_operators", "every subtask wrote its state"));
                    events.add(new CheckpointEventSpan(operatorsDone, Math.max(operatorsDone, metadata.getFinishedMicros()),
                            "writing_metadata", "the checkpoint's metadata was made durable"));
                });
            }
            // Arroyo's shape has no state: a failed checkpoint says so in a span, without a finish time.
            case FAILED -> events.add(new CheckpointEventSpan(row.startTime(),
                    Math.max(row.startTime(), row.finishTime().orElse(row.startTime())), FAILED,
                    row.failure().orElse("the checkpoint did not complete")));
            default -> {
            }
        }
        return new Checkpoint(Math.toIntExact(row.epoch()), row.backend(), row.startTime(), finishTime, events);
    }

    /** When the last subtask finished writing its state, which is when the metadata write began. */
    private static long operatorsFinished(CheckpointMetadata metadata) {
        return metadata.getSubtasksList().stream()
                .mapToLong(SubtaskCheckpoint::getFinishedMicros)
                .max()
                .orElse(metadata.getStartedMicros());
    }

    private static List<OperatorCheckpointGroup> groups(CheckpointMetadata metadata) {
        Map<String, List<SubtaskCheckpointGroup>> subtasksByOperator = new LinkedHashMap<>();
        Map<String, Long> bytesByOperator = new LinkedHashMap<>();
        List<SubtaskCheckpoint> reports = metadata.getSubtasksList().stream()
                .sorted(Comparator.comparingInt(SubtaskCheckpoint::getNodeId)
                        .thenComparingInt(SubtaskCheckpoint::getSubtaskIndex))
                .toList();
        for (SubtaskCheckpoint report : reports) {
            // Chained operators share a subtask: each gets the subtask's timings with its own bytes.
            for (OperatorCheckpoint operator : report.getOperatorsList()) {
                subtasksByOperator.computeIfAbsent(operator.getOperatorId(), k -> new ArrayList<>())
                        .add(new SubtaskCheckpointGroup(report.getSubtaskIndex(), operator.getBytes(), spans(report)));
                bytesByOperator.merge(operator.getOperatorId(), operator.getBytes(), Long::sum);
            }
        }
        Optional<Long> metadataWrite = Optional.of(operatorsFinished(metadata));
        Optional<Long> finished = Optional.of(metadata.getFinishedMicros());
        return subtasksByOperator.entrySet().stream()
                .map(entry -> new OperatorCheckpointGroup(entry.getKey(), bytesByOperator.get(entry.getKey()),
                        metadataWrite, finished, entry.getValue()))
                .toList();
    }

    /** Alignment (first barrier to last) and sync (snapshot to state written), where the subtask reported both ends. */
    private static List<CheckpointEventSpan> spans(SubtaskCheckpoint report) {
        List<CheckpointEventSpan> spans = new ArrayList<>();
        if (report.getAlignmentStartedMicros() > 0 && report.getCheckpointStartedMicros() >= report.getAlignmentStartedMicros()) {
            spans.add(new CheckpointEventSpan(report.getAlignmentStartedMicros(), report.getCheckpointStartedMicros(),
                    "alignment", "waiting for the barrier on every input"));
        }
        if (report.getCheckpointStartedMicros() > 0 && report.getFinishedMicros() >= report.getCheckpointStartedMicros()) {
            spans.add(new CheckpointEventSpan(report.getCheckpointStartedMicros(), report.getFinishedMicros(), "sync",
                    "snapshotting and writing state"));
        }
        return spans;
    }
}
