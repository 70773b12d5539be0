package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.api.model.Job;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelinePost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the worker JVM at random moments of a keyed event-time window aggregation from a
 * bounded file into an exactly-once {@code single_file} sink, checkpointing every second: whatever
 * the moments, the output equals that of a run without faults, with no row lost or repeated.
 *
 * <p>Each run is killed one to three times. A kill comes a random 0–999 ms after a random number of
 * checkpoints completed in the current run (fewer than the fault-free run took), so that it lands
 * before, between and across checkpoints, commits and the final flush however fast the machine is;
 * a kill that finds the job already finished is recorded as missed. The choices come from a seeded
 * random: every assertion names the seed, and {@code -Dtributary.fault.seed=N} replays its choices
 * (not the machine's timing). Three runs by default; the soak profile ({@code -Psoak}) runs 50 more.
 */
class WorkerKillFaultTest {
    private static final WindowedEvents EVENTS = new WindowedEvents(
            Integer.getInteger("tributary.fault.rows", 600_000), 8, 1000);
    private static final long SEED = Long.getLong("tributary.fault.seed", System.nanoTime());
    private static final int MAX_KILLS = 3;

    @TempDir
    static Path home;

    static ProcessCluster cluster;
    static Path input;
    static List<String> faultFree;
    /** Checkpoints the fault-free run completed: the span the kills are drawn from. */
    static int checkpoints;

    @BeforeAll
    static void runWithoutFaults() throws Exception {
        // A run killed at every chance may restart more often than the default budget allows in its window.
        cluster = ProcessCluster.start(home, Map.of("tributary.controller.max-restarts", "10"));
        input = home.resolve("events.json");
        EVENTS.write(input);
        Path output = home.resolve("fault-free.json");
        Pipeline pipeline = cluster.client.createPipeline(new PipelinePost("fault-free", EVENTS.query(input, output),
                Optional.of(1), Optional.of(1_000_000L)));
        cluster.awaitFinished(pipeline.id());
        faultFree = WindowedEvents.written(output);
        assertThat(faultFree).as("the fault-free run").containsExactlyElementsOf(EVENTS.expected());
        // How many checkpoints fit depends on the machine's speed; the kills are drawn within them.
        checkpoints = completedCheckpoints(pipeline.id(), cluster.job(pipeline.id()).id());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @RepeatedTest(3)
    void killedWorkersLeaveTheOutputOfARunWithoutFaults(RepetitionInfo repetition) throws Exception {
        runWithKills(repetition.getCurrentRepetition());
    }

    @Tag("soak")
    @RepeatedTest(50)
    void soak(RepetitionInfo repetition) throws Exception {
        runWithKills(1000 + repetition.getCurrentRepetition());
    }

    private void runWithKills(int repetition) throws Exception {
        long seed = SEED + repetition;
        Random random = new Random(seed);
        String name = "killed-" + repetition;
        Path output = home.resolve(name + ".json");
        Pipeline pipeline = cluster.client.createPipeline(new PipelinePost(name, EVENTS.query(input, output),
                Optional.of(1), Optional.of(1_000_000L)));
        String jobId = cluster.job(pipeline.id()).id();
        List<String> kills = new ArrayList<>();
        long lastRun = 0;
        for (int kill = random.nextInt(MAX_KILLS) + 1; kill > 0; kill--) {
            int afterCheckpoints = random.nextInt(Math.max(1, checkpoints - 1));
            long delayMillis = random.nextInt(1000);
            Optional<ProcessHandle> worker = awaitNextRun(pipeline.id(), jobId, lastRun);
            if (worker.isEmpty()) {
                break;
            }
            lastRun = cluster.job(pipeline.id()).runId();
            int baseline = completedCheckpoints(pipeline.id(), jobId);
            await().atMost(ProcessCluster.PATIENCE).until(() -> ended(pipeline.id())
                    || completedCheckpoints(pipeline.id(), jobId) >= baseline + afterCheckpoints);
            // The fault itself: a moment drawn from the seed, not a wait for something to happen.
            Thread.sleep(delayMillis);
            String state = cluster.job(pipeline.id()).state();
            String moment = "run " + lastRun + ", " + delayMillis + " ms after " + afterCheckpoints
                    + " checkpoints of the run";
            kills.add(worker.get().destroyForcibly() ? moment + " (job " + state + ")"
                    : "missed " + moment + ": the job ended first");
        }
        String context = "seed " + seed + " (replay with -Dtributary.fault.seed=" + SEED + "), kills " + kills
                + "; the fault-free run took " + checkpoints + " checkpoints";
        System.out.println(name + ": " + context);
        Job job = cluster.awaitState(pipeline.id(), "Finished", "Failed", "Stopped");
        assertThat(job.state()).as("%s: %s", context, job.failureMessage().orElse("no failure")).isEqualTo("Finished");
        assertThat(WindowedEvents.written(output)).as(context).containsExactlyElementsOf(faultFree);
    }

    /** The worker of a run after {@code afterRun} once the job runs it, or nothing when the job ended first. */
    private static Optional<ProcessHandle> awaitNextRun(String pipelineId, String jobId, long afterRun) {
        await().atMost(ProcessCluster.PATIENCE).until(() -> {
            Job job = cluster.job(pipelineId);
            return ended(pipelineId) || job.state().equals("Running") && job.runId() > afterRun
                    && ProcessCluster.worker(jobId, job.runId()).isPresent();
        });
        Job job = cluster.job(pipelineId);
        return job.state().equals("Running") ? ProcessCluster.worker(jobId, job.runId()) : Optional.empty();
    }

    private static boolean ended(String pipelineId) {
        return List.of("Finished", "Failed", "Stopped").contains(cluster.job(pipelineId).state());
    }

    private static int completedCheckpoints(String pipelineId, String jobId) {
        return ClusterPipelines.completedCheckpoints(cluster.client, pipelineId, jobId).size();
    }
}
