package io.tributary.controller.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerCommandTest {
    private static final String CLASS_PATH = "/app/a.jar:/app/b.jar";

    @Test
    void aWorkerRunsTheControllersJavaAndClassPathWithArrowsFlagsAndItsIdentity() {
        ProcessBuilder builder = command(25, false, List.of("-XX:+UseSerialGC"))
                .forWorker("job_1-2-w0", "job_1", 2, 8, "localhost:9190", 42);

        assertThat(builder.command()).containsExactly("/jdk/bin/java", "-Xmx512m",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-XX:+UseSerialGC", WorkerCommand.WORKER_MAIN, "--controller=localhost:9190", "--worker-id=job_1-2-w0",
                "--job-id=job_1", "--run-id=2", "--slots=8", "--parent-pid=42");
        assertThat(builder.environment()).containsEntry("CLASSPATH", CLASS_PATH);
    }

    @Test
    void javaBefore24IsNotGivenTheUnsafeMemoryAccessFlagItDoesNotKnow() {
        assertThat(command(21, false, List.of()).forWorker("w", "j", 1, 1, "c:1", 1).command())
                .contains("--add-opens=java.base/java.nio=ALL-UNNAMED")
                .noneMatch(argument -> argument.startsWith("--sun-misc-unsafe-memory-access"));
    }

    @Test
    void aControllerRunFromASpringBootJarStartsTheWorkerThroughBootsLauncher() {
        List<String> command = command(25, true, List.of()).forWorker("w", "j", 1, 1, "c:1", 1).command();

        assertThat(command).containsSubsequence("-Dloader.main=" + WorkerCommand.WORKER_MAIN,
                "org.springframework.boot.loader.launch.PropertiesLauncher", "--controller=c:1");
        assertThat(command).doesNotContain(WorkerCommand.WORKER_MAIN);
    }

    private static WorkerCommand command(int feature, boolean bootJar, List<String> options) {
        return new WorkerCommand("/jdk/bin/java", CLASS_PATH, bootJar, feature, 512, options, WorkerCommand.WORKER_MAIN);
    }
}
