package io.tributary.pipeline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tributary.api.client.TributaryApiException;
import io.tributary.api.model.Checkpoint;
import io.tributary.api.model.CheckpointEventSpan;
import io.tributary.api.model.OperatorCheckpointGroup;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelinePost;
import io.tributary.api.model.SubtaskCheckpointGroup;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.checkpoint.OperatorCheckpoint;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The checkpoint endpoints over HTTP, reading rows written here as the controller writes them. */
class CheckpointControllerTest extends OwnDatabaseApiTest {
    private static final String BACKEND = "file:///checkpoints";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        newDatabase(registry, "checkpoints");
    }

    String pipelineId;
    String jobId;

    @BeforeEach
    void createPipeline() {
        Pipeline pipeline = client.createPipeline(new PipelinePost("checkpointed", LifecycleApiTest.QUERY,
                Optional.empty(), Optional.of(1_000_000L)));
        pipelineId = pipeline.id();
        jobId = client.listJobs(pipelineId).data().getFirst().id();
    }

    @Test
    void listsEveryCheckpointOldestFirstWithItsSpans() {
        insert(2, "in_progress", 3_000, null, null, null);
        insert(1, "completed", 1_000, 1_900L, null, metadata(1, 1_000, 1_900));
        insert(3, "failed", 5_000, 5_500L, "task 2-0 failed", null);

        List<Checkpoint> checkpoints = client.jobCheckpoints(pipelineId, jobId).data();

        assertThat(checkpoints).extracting(Checkpoint::epoch).containsExactly(1, 2, 3);
        assertThat(checkpoints.get(0).backend()).isEqualTo(BACKEND);
        assertThat(checkpoints.get(0).startTime()).isEqualTo(1_000);
        assertThat(checkpoints.get(0).finishTime()).contains(1_900L);
        assertThat(checkpoints.get(0).events()).containsExactly(
                new CheckpointEventSpan(1_000, 1_600, "checkpointing_operators", "every subtask wrote its state"),
                new CheckpointEventSpan(1_600, 1_900, "writing_metadata", "the checkpoint's metadata was made durable"));
        assertThat(checkpoints.get(1).finishTime()).isEmpty();
        assertThat(checkpoints.get(1).events()).isEmpty();
        assertThat(checkpoints.get(2).finishTime()).isEmpty();
        assertThat(checkpoints.get(2).events()).singleElement()
                .satisfies(span -> assertThat(span.description()).isEqualTo("task 2-0 failed"));
    }

    @Test
    void groupsACheckpointsStateByOperatorWithEachSubtasksSpans() {
        insert(1, "completed", 1_000, 1_900L, null, metadata(1, 1_000, 1_900));

        List<OperatorCheckpointGroup> groups = client.operatorCheckpointGroups(pipelineId, jobId, 1).data();

        assertThat(groups).extracting(OperatorCheckpointGroup::operatorId).containsExactly("source_1", "window_2");
        OperatorCheckpointGroup window = groups.get(1);
        assertThat(window.bytes()).isEqualTo(300);
        assertThat(window.startedMetadataWrite()).contains(1_600L);
        assertThat(window.finishTime()).contains(1_900L);
        assertThat(window.subtasks()).extracting(SubtaskCheckpointGroup::index, SubtaskCheckpointGroup::bytes)
                .containsExactly(tuple(0, 100L), tuple(1, 200L));
        assertThat(window.subtasks().getFirst().eventSpans()).extracting(CheckpointEventSpan::event)
                .containsExactly("alignment", "sync");
    }

    @Test
    void answersInArroyosFieldNames() throws Exception {
        insert(1, "completed", 1_000, 1_900L, null, metadata(1, 1_000, 1_900));
        String base = "/api/v1/pipelines/" + pipelineId + "/jobs/" + jobId + "/checkpoints";

        assertThat(get(base).body()).contains("\"epoch\":1", "\"backend\":\"" + BACKEND + "\"", "\"start_time\":1000",
                "\"finish_time\":1900", "\"events\":[");
        assertThat(get(base + "/1/operator_checkpoint_groups").body()).contains("\"operator_id\":\"window_2\"",
                "\"started_metadata_write\":1600", "\"subtasks\":[", "\"event_spans\":[", "\"index\":1");
    }

    @Test
    void aCheckpointStillInProgressHasNoOperatorGroupsYet() {
        insert(4, "in_progress", 1_000, null, null, null);

        assertThat(client.operatorCheckpointGroups(pipelineId, jobId, 4).data()).isEmpty();
    }

    @Test
    void unknownEpochsJobsAndPipelinesAreNotFound() throws Exception {
        insert(1, "completed", 1_000, 1_900L, null, metadata(1, 1_000, 1_900));

        expectNotFound(() -> client.operatorCheckpointGroups(pipelineId, jobId, 7), "epoch 7");
        expectNotFound(() -> client.operatorCheckpointGroups(pipelineId, "job_ghost", 1), "job_ghost");
        expectNotFound(() -> client.jobCheckpoints("pl_ghost", jobId), jobId);
        HttpResponse<String> response = get("/api/v1/pipelines/" + pipelineId + "/jobs/" + jobId
                + "/checkpoints/7/operator_checkpoint_groups");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"status\":404", "\"message\":");
    }

    private void insert(long epoch, String state, long start, Long finish, String failure, CheckpointMetadata metadata) {
        jdbc.sql("""
                        INSERT INTO checkpoints (job_id, epoch, run_id, state, backend, then_stop, start_time,
                                                 finish_time, bytes, failure_message, metadata)
                        VALUES (:job, :epoch, 1, :state, :backend, FALSE, :start, :finish, :bytes, :failure, :metadata)
                        """)
                .param("job", jobId)
                .param("epoch", epoch)
                .param("state", state)
                .param("backend", BACKEND)
                .param("start", start)
                .param("finish", finish)
                .param("bytes", metadata == null ? 0 : 310)
                .param("failure", failure)
                .param("metadata", metadata == null ? null : metadata.toByteArray())
                .update();
    }

    /** A source (one subtask, chained nowhere) and a window over two subtasks that finished writing at 1 600. */
    private CheckpointMetadata metadata(long epoch, long start, long finish) {
        return CheckpointMetadata.newBuilder()
                .setJobId(jobId)
                .setEpoch(epoch)
                .setStartedMicros(start)
                .setFinishedMicros(finish)
                .addSubtasks(subtask(epoch, 2, 1, "window_2", 200, 1_600))
                .addSubtasks(subtask(epoch, 1, 0, "source_1", 10, 1_200))
                .addSubtasks(subtask(epoch, 2, 0, "window_2", 100, 1_500))
                .build();
    }

    private SubtaskCheckpoint subtask(long epoch, int node, int index, String operator, long bytes, long finished) {
        return SubtaskCheckpoint.newBuilder()
                .setJobId(jobId)
                .setEpoch(epoch)
                .setNodeId(node)
                .setSubtaskIndex(index)
                .setParallelism(node == 1 ? 1 : 2)
                .setAlignmentStartedMicros(1_100)
                .setCheckpointStartedMicros(1_150)
                .setFinishedMicros(finished)
                .addOperators(OperatorCheckpoint.newBuilder().setOperatorId(operator).setBytes(bytes))
                .setBytes(bytes)
                .build();
    }

    private static void expectNotFound(ThrowingCallable call, String words) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(TributaryApiException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining(words);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
