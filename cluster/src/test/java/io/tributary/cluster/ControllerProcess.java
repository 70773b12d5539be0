package io.tributary.cluster;

import static org.awaitility.Awaitility.await;

import io.tributary.controller.ControllerServiceApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A controller in a JVM of its own, as a second machine would run it, so that a test can end it
 * the hard way: {@link #kill()} is SIGKILL — no shutdown hook runs, its lease is not given back,
 * its gRPC server vanishes without a word to the workers.
 */
final class ControllerProcess implements AutoCloseable {
    /** A controller JVM starts in seconds, but the machine may be shared and slow. */
    private static final Duration STARTUP = Duration.ofMinutes(2);

    private final Process process;
    private final int httpPort;
    private final Path log;

    private ControllerProcess(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /**
     * What a test's controllers share: the pool scheduler, checkpoints (and logs) under {@code home},
     * the database, the compiler and the lease.
     *
     * @param leaseDuration {@code tributary.controller.lease-duration}
     */
    record Setup(Path home, String databaseUrl, String databaseUser, int compilerPort, Duration leaseDuration) {
        /** The controller's command-line arguments. */
        List<String> arguments(int httpPort, int grpcPort) {
            return List.of(
                    "--server.port=" + httpPort,
                    "--tributary.home=" + home.toAbsolutePath(),
                    "--tributary.database.url=" + databaseUrl,
                    "--tributary.database.username=" + databaseUser,
                    "--tributary.controller.grpc-port=" + grpcPort,
                    "--tributary.controller.compiler-url=http://localhost:" + compilerPort,
                    "--tributary.controller.scheduler=pool",
                    "--tributary.controller.lease-duration=" + leaseDuration.toSeconds() + "s",
                    "--spring.main.banner-mode=off",
                    "--spring.cloud.gateway.server.webflux.enabled=false",
                    "--springdoc.api-docs.enabled=false",
                    "--springdoc.swagger-ui.enabled=false",
                    // The test's class path holds every service: only what a lone controller would load.
                    "--spring.autoconfigure.exclude=" + String.join(",",
                            EmbeddedCluster.concat(EmbeddedCluster.MIGRATIONS, EmbeddedCluster.VAADIN)));
        }

        /** A controller in the test's own JVM, which an orderly close ends (it gives its lease back). */
        ConfigurableApplicationContext inThisJvm(int httpPort, int grpcPort) {
            List<String> arguments = new ArrayList<>(arguments(httpPort, grpcPort));
            arguments.add("--spring.main.register-shutdown-hook=false");
            return ControllerServiceApplication.builder().run(arguments.toArray(String[]::new));
        }
    }

    /**
     * Starts a controller JVM and waits until it serves HTTP (it may still be the standby then).
     *
     * @param name names its log file, {@code logs/<name>.log} under the setup's home
     */
    static ControllerProcess start(String name, Setup setup, int httpPort, int grpcPort) throws IOException {
        Path log = setup.home().resolve("logs").resolve(name + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx384m",
                // Arrow reads direct buffers through java.nio internals and, on JDK 24+, sun.misc.Unsafe.
                "--add-opens=java.base/java.nio=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add(ControllerServiceApplication.class.getName());
        command.addAll(setup.arguments(httpPort, grpcPort));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // In CLASSPATH rather than on the command line, which it would make too long to read in ps.
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        ControllerProcess controller = new ControllerProcess(builder.start(), httpPort, log);
        try {
            controller.awaitServing();
        } catch (RuntimeException | Error e) {
            controller.kill();
            throw e;
        }
        return controller;
    }

    private void awaitServing() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build();
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(200))
                .until(() -> !process.isAlive() || serves(http, health));
        if (!process.isAlive()) {
            throw new IllegalStateException("the controller exited with " + process.exitValue() + "; see " + log);
        }
    }

    private static boolean serves(HttpClient http, HttpRequest health) throws InterruptedException {
        try {
            return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            // Not listening yet.
            return false;
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
