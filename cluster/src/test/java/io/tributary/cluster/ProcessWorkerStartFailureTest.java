package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.model.Job;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelinePost;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker JVM that cannot start fails its job at once, with a message naming the worker and what it said. */
class ProcessWorkerStartFailureTest {
    @TempDir
    Path home;

    @Test
    void aJobWhoseWorkerJvmExitsBeforeRegisteringFailsNamingTheWorkerItsExitCodeAndItsLog() {
        try (ProcessCluster cluster = ProcessCluster.start(home, Map.of(
                "tributary.controller.process.jvm-options", "-XX:+NoSuchTributaryOption"))) {
            Pipeline pipeline = cluster.client.createPipeline(new PipelinePost("doomed", """
                    CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '10', message_count = '10');
                    CREATE TABLE sink_out WITH (connector = 'blackhole');
                    INSERT INTO sink_out SELECT counter FROM impulse_source;
                    """, Optional.of(1), Optional.empty()));

            Job job = cluster.awaitState(pipeline.id(), "Failed", "Finished");

            assertThat(job.state()).isEqualTo("Failed");
            assertThat(job.failureMessage()).hasValueSatisfying(message -> assertThat(message)
                    .contains("worker " + job.id() + "-" + job.runId() + "-w0")
                    .contains("exited with code 1")
                    .contains("Unrecognized VM option 'NoSuchTributaryOption'"));
        }
    }
}
